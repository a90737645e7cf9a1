/**
 * A wire model (the `schemas` the generators take) proposed for the tables of a database state,
 * by the conventions a Phoenix developer would follow when adopting them:
 *
 * - one schema per table, `<Context>.<Singular>`: the context is the PostgreSQL schema camelized
 *   (`billing` → `Billing`), or the given default context for `public`;
 * - `id`/UUID primary keys as the model's `id`/`binary_id` keys, `inserted_at` + `updated_at` as
 *   `timestamps`, each foreign key as a `belongs_to` (unique → the inverse is `has_one`) with its
 *   `on_delete`, the inverse `has_many`/`has_one` on the target;
 * - a table of just two foreign keys to two other tables as a `many_to_many` on both sides;
 * - PostgreSQL enum columns as `Ecto.Enum` fields; literal defaults as defaults; single-column
 *   unique indexes as `unique`, other plain indexes as `indexes`.
 *
 * Whatever the model cannot express (a composite or text primary key, a partial index, a check
 * constraint, a SQL default, an unknown type) becomes a warning naming the table and column; the
 * proposal never drops a difference silently. The client may edit the result before generating.
 */
import {
  qualifiedTableName,
  type ColumnState,
  type DatabaseState,
  type TableState,
} from '../model/database.js';
import type { AssociationDef, FieldDef, IndexDef, SchemaDef } from '../model/index.js';
import { IDENT_RE } from '../model/schema.js';
import type { OnDelete, PrimaryKeyType, TimestampType } from '../model/types.js';
import { camelize, schemaForTable, underscore } from '../naming/index.js';
import { proposeField } from './propose-fields.js';

export const DEFAULT_CONTEXT = 'Data';

export interface ProposeOptions {
  /** Context of the tables of the default schema ("public"); default "Data". */
  context?: string;
}

export interface ProposalWarning {
  /** "prefix.table" or "table". */
  table: string;
  column: string | null;
  message: string;
}

export interface Proposal {
  schemas: SchemaDef[];
  /** Tables read as the join table of a many_to_many (no schema of their own). */
  join_tables: string[];
  warnings: ProposalWarning[];
}

interface Planned {
  table: TableState;
  key: string;
  module: string;
  pk: { name: string; type: PrimaryKeyType } | false;
  /** Names taken on the schema (fields, associations), for naming inverses without clashes. */
  taken: Set<string>;
  def: SchemaDef;
}

interface Join {
  table: TableState;
  sides: [{ target: string; column: string }, { target: string; column: string }];
}

const key = (t: { name: string; prefix: string | null }) => qualifiedTableName(t);
const singular = (table: string) => underscore(schemaForTable(table));

/** The model's primary key for a table, or the reason it has none. */
function primaryKeyOf(t: TableState): { name: string; type: PrimaryKeyType } | string {
  if (t.primary_key.length === 0) return 'has no primary key; the schema gets @primary_key false';
  if (t.primary_key.length > 1) {
    return `has the composite primary key (${t.primary_key.join(', ')}); the model has single-column keys only, so the schema gets @primary_key false and the key columns as fields (mark them primary_key: true by hand)`;
  }
  const c = t.columns.find((x) => x.name === t.primary_key[0])!;
  if (
    /^:(big|small)?(int|integer|serial|bigint|smallint)$/.test(c.type) ||
    c.type === ':bigserial' ||
    c.type === ':serial'
  ) {
    return { name: c.name, type: 'id' };
  }
  if (c.type === ':uuid') return { name: c.name, type: 'binary_id' };
  return `has the primary key ${c.name} of type ${c.pg_type ?? c.type}; the model's keys are integer (id) or UUID (binary_id), so the schema gets @primary_key false and ${c.name} as a field (write @primary_key {:${c.name}, …, autogenerate: false} by hand)`;
}

function timestampsOf(t: TableState): { type: TimestampType } | null {
  const ins = t.columns.find((c) => c.name === 'inserted_at');
  const upd = t.columns.find((c) => c.name === 'updated_at');
  if (!ins || !upd || ins.null || upd.null || ins.pg_type !== upd.pg_type) return null;
  const byType: Record<string, TimestampType> = {
    ':naive_datetime': 'naive_datetime',
    ':naive_datetime_usec': 'naive_datetime_usec',
  };
  if (ins.type === ':timestamptz')
    return { type: ins.precision === 0 ? 'utc_datetime' : 'utc_datetime_usec' };
  const type = byType[ins.type];
  return type && ins.precision === null ? { type } : null;
}

function findJoin(t: TableState, byKey: Map<string, TableState>): Join | null {
  const fks = t.columns.filter((c) => c.references);
  if (fks.length !== 2 || t.columns.length !== 2 || fks.some((c) => c.null)) return null;
  if (t.primary_key.length !== 0 && t.primary_key.length !== 2) return null;
  const sides = fks.map((c) => {
    const r = c.references!;
    const target = byKey.get(key({ name: r.table, prefix: r.prefix }));
    if (!target || target.prefix !== t.prefix) return null;
    const pk = primaryKeyOf(target);
    if (typeof pk === 'string' || pk.name !== r.column || c.name !== `${singular(target.name)}_id`)
      return null;
    return { target: key(target), column: c.name };
  });
  if (sides[0] === null || sides[1] === null || sides[0]!.target === sides[1]!.target) return null;
  return { table: t, sides: [sides[0]!, sides[1]!] };
}

/** Proposes the wire model for every table of `state`. */
export function proposeModel(state: DatabaseState, options: ProposeOptions = {}): Proposal {
  const warnings: ProposalWarning[] = [];
  const warn = (t: TableState, column: string | null, message: string) =>
    warnings.push({
      table: key(t),
      column,
      message: `${key(t)}${column ? `.${column}` : ''} ${message}`,
    });
  const byKey = new Map(state.tables.map((t) => [key(t), t]));
  const joins = new Map<string, Join>();
  for (const t of state.tables) {
    const j = findJoin(t, byKey);
    if (j) joins.set(key(t), j);
  }
  const planned = new Map<string, Planned>();
  const modules = new Set<string>();
  for (const t of state.tables) {
    if (joins.has(key(t))) continue;
    if (!IDENT_RE.test(t.name)) {
      warn(
        t,
        null,
        'is not a snake_case identifier, which the model requires of table names; the table is left out of the model',
      );
      continue;
    }
    const context = t.prefix ? camelize(t.prefix) : (options.context ?? DEFAULT_CONTEXT);
    let module = `${context}.${schemaForTable(t.name)}`;
    if (modules.has(module)) {
      const other = module;
      module = `${context}.${camelize(t.name)}`;
      if (modules.has(module)) module = `${module}Table`;
      warn(t, null, `would be named ${other} like another table; named ${module} instead`);
    }
    modules.add(module);
    const pk = primaryKeyOf(t);
    if (typeof pk === 'string') warn(t, null, pk);
    const def: SchemaDef = { module, table: t.name };
    if (t.prefix) def.prefix = t.prefix;
    if (typeof pk === 'string') def.primary_key = false;
    else if (pk.name !== 'id' || pk.type !== 'id') def.primary_key = pk;
    const taken = new Set(t.columns.flatMap((c) => [c.name, c.name.replace(/_id$/, '')]));
    planned.set(key(t), {
      table: t,
      key: key(t),
      module,
      pk: typeof pk === 'string' ? false : pk,
      taken,
      def,
    });
  }
  for (const p of planned.values()) buildSchema(p, planned, state, warn);
  for (const j of joins.values()) addManyToMany(j, planned, warn);
  return {
    schemas: [...planned.values()].map((p) => p.def),
    join_tables: [...joins.keys()],
    warnings,
  };
}

type Warn = (t: TableState, column: string | null, message: string) => void;

function buildSchema(
  p: Planned,
  planned: Map<string, Planned>,
  state: DatabaseState,
  warn: Warn,
): void {
  const t = p.table;
  const ts = timestampsOf(t);
  p.def.timestamps = ts ? { type: ts.type } : false;
  const fields: FieldDef[] = [];
  const associations: AssociationDef[] = [];
  const belongsTo = new Set<string>();
  for (const c of t.columns) {
    if (p.pk && c.name === p.pk.name) continue;
    if (ts && (c.name === 'inserted_at' || c.name === 'updated_at')) {
      if (c.default !== null)
        warn(
          t,
          c.name,
          `has the default ${c.default}; Ecto's timestamps are set by the schema, not the database`,
        );
      continue;
    }
    if (!IDENT_RE.test(c.name)) {
      warn(
        t,
        c.name,
        'is not a snake_case identifier; the column is left out of the model (map it with field … source: by hand)',
      );
      continue;
    }
    const assoc = c.references ? belongsToFor(p, c, planned, warn) : null;
    if (assoc) {
      associations.push(assoc);
      belongsTo.add(c.name);
      continue;
    }
    const proposed = proposeField(c, state.enums);
    if (typeof proposed === 'string') {
      warn(t, c.name, `is left out of the model: ${proposed}`);
      continue;
    }
    for (const note of proposed.notes) warn(t, c.name, note);
    fields.push(proposed.field);
  }
  p.def.fields = fields;
  p.def.associations = associations;
  p.def.indexes = indexesFor(p, fields, belongsTo, warn);
  for (const check of t.check_constraints) {
    warn(
      t,
      null,
      `has the check constraint ${check.name} (${check.expression}), which the model cannot hold; the database still enforces it (add a check_constraint/3 to the changeset by hand)`,
    );
  }
}

function belongsToFor(
  p: Planned,
  c: ColumnState,
  planned: Map<string, Planned>,
  warn: Warn,
): AssociationDef | null {
  const t = p.table;
  const r = c.references!;
  const target = planned.get(key({ name: r.table, prefix: r.prefix }));
  const where = key({ name: r.table, prefix: r.prefix });
  if (!target) {
    warn(
      t,
      c.name,
      `references ${where}, which is not among the tables read (or is a join table); kept as a plain field`,
    );
    return null;
  }
  if (!target.pk || target.pk.name !== r.column) {
    warn(
      t,
      c.name,
      `references ${where}(${r.column}), which is not a primary key the model can express; kept as a plain field`,
    );
    return null;
  }
  if (!c.name.endsWith('_id') || p.table.columns.some((x) => x.name === c.name.slice(0, -3))) {
    warn(
      t,
      c.name,
      `references ${where} but its name does not end in _id (or the association name is taken by a column); kept as a plain field`,
    );
    return null;
  }
  const name = c.name.slice(0, -3);
  const unique = t.indexes.some(
    (i) =>
      i.unique &&
      i.where === null &&
      i.using === null &&
      i.columns.length === 1 &&
      i.columns[0] === c.name,
  );
  const onDelete: OnDelete = r.on_delete === 'update_all' ? 'nothing' : r.on_delete;
  if (r.on_update !== 'nothing') {
    warn(
      t,
      c.name,
      `has ON UPDATE ${r.on_update} on its foreign key, which the model cannot hold; a generated migration would omit it`,
    );
  }
  const def: AssociationDef = {
    kind: 'belongs_to',
    name,
    target: target.module,
    required: !c.null,
  };
  if (unique) def.unique = true;
  if (onDelete !== 'nothing') def.on_delete = onDelete;
  if (target.pk.type !== 'id') def.type = target.pk.type;
  const inverse = unique ? 'has_one' : 'has_many';
  const preferred = unique ? singular(t.name) : t.name;
  const alternative = `${name}_${preferred}`;
  if (!target.taken.has(preferred)) target.taken.add(preferred);
  else if (!target.taken.has(alternative)) {
    target.taken.add(alternative);
    def.inverse_name = alternative;
  } else {
    def.inverse = 'none';
    warn(
      t,
      c.name,
      `would get the inverse ${inverse} on ${target.module} would clash with a name it already has; no inverse proposed`,
    );
  }
  return def;
}

function indexesFor(
  p: Planned,
  fields: FieldDef[],
  belongsTo: Set<string>,
  warn: Warn,
): IndexDef[] {
  const t = p.table;
  const out: IndexDef[] = [];
  for (const i of t.indexes) {
    const defaultName = `${t.name}_${i.columns.join('_')}_index`;
    const plain = i.columns.every((c) => IDENT_RE.test(c) && t.columns.some((x) => x.name === c));
    if (!plain || i.where !== null || i.using !== null) {
      const what = [
        !plain && 'on expressions',
        i.where !== null && `partial (WHERE ${i.where})`,
        i.using !== null && `using ${i.using}`,
      ]
        .filter(Boolean)
        .join(', ');
      warn(
        t,
        null,
        `has the index ${i.name} (${i.columns.join(', ')}), ${what}, which the model cannot hold; a generated migration would not create it`,
      );
      continue;
    }
    const [only] = i.columns;
    if (i.columns.length === 1 && only !== undefined && belongsTo.has(only)) {
      if (i.name !== defaultName)
        warn(
          t,
          only,
          `has its foreign key index named ${i.name}; the model names it ${defaultName}`,
        );
      continue;
    }
    const field = i.columns.length === 1 ? fields.find((f) => f.name === only) : undefined;
    if (field && i.unique && i.name === defaultName) {
      field.unique = true;
      continue;
    }
    const index: IndexDef = { columns: i.columns };
    if (i.unique) index.unique = true;
    if (i.name !== defaultName) index.name = i.name;
    out.push(index);
  }
  return out;
}

function addManyToMany(j: Join, planned: Map<string, Planned>, warn: Warn): void {
  const [a, b] = j.sides.map((s) => planned.get(s.target));
  if (!a || !b) return;
  const defaultJoin = [a.table.name, b.table.name].sort().join('_');
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const name = to.table.name;
    if (from.taken.has(name)) {
      warn(
        j.table,
        null,
        `joins ${a.module} and ${b.module}, but ${from.module} already has a "${name}"; add the many_to_many by hand`,
      );
      continue;
    }
    from.taken.add(name);
    const assoc: AssociationDef = { kind: 'many_to_many', name, target: to.module };
    if (j.table.name !== defaultJoin) assoc.join_table = j.table.name;
    from.def.associations = [...(from.def.associations ?? []), assoc];
  }
}
