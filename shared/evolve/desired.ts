/**
 * The tables a normalized model asks for, as database-state tables: what the create migrations of
 * shared/generate/ecto-migration.ts build for the same model (the implicit or explicit primary
 * key, every field and foreign key column with null/default/size/precision/scale, timestamps,
 * join tables, indexes). The diff (./diff.ts) compares these with the replayed state.
 *
 * Each column also keeps its default as a layout tree, so an `add` or `modify` of the alter
 * migration prints it exactly as a create migration would.
 */
import type {
  ColumnReference,
  ColumnState,
  Field,
  IndexState,
  Model,
  ReferenceAction,
  Schema,
  TableState,
} from '../model/index.js';
import { flatText, type Ex } from '../render/index.js';
import { migrationType } from '../view/common.js';
import { defaultLiteral } from '../view/ecto-migration/migration.exs.js';

export interface DesiredColumn extends ColumnState {
  /** The default as the migration prints it; null for none. */
  default_ex: Ex | null;
}

export interface DesiredTable extends Omit<TableState, 'columns' | 'check_constraints'> {
  columns: DesiredColumn[];
  /** The schema that owns the table; null for a many_to_many join table. */
  module: string | null;
}

/**
 * Whether the column of a field accepts NULL: the field's own `null` (the wire model's `null`
 * key; by default not required), exactly as the create migration writes it.
 */
export function fieldNullable(f: Pick<Field, 'null'>): boolean {
  return f.null;
}

const column = (name: string, type: string, rest: Partial<DesiredColumn> = {}): DesiredColumn => ({
  name,
  type,
  pg_type: null,
  null: true,
  default: null,
  default_ex: null,
  size: null,
  precision: null,
  scale: null,
  primary_key: false,
  references: null,
  ...rest,
});

function fieldColumn(f: Field): DesiredColumn {
  const dflt = f.default !== undefined && f.default !== null ? defaultLiteral(f, f.default) : null;
  return column(f.source ?? f.name, migrationType(f), {
    null: fieldNullable(f),
    default: dflt === null ? null : flatText(dflt),
    default_ex: dflt,
    // A bytea column takes no length (see view/migration.ts).
    size: f.type === 'string' ? f.size : null,
    precision: f.precision,
    scale: f.scale,
  });
}

function reference(
  table: string,
  key: string,
  onDelete: ReferenceAction,
  prefix: string | null,
): ColumnReference {
  return { table, column: key, prefix, name: null, on_delete: onDelete, on_update: 'nothing' };
}

function schemaTable(model: Model, s: Schema): DesiredTable {
  const byTable = new Map(model.schemas.filter((x) => !x.embedded).map((x) => [x.table, x]));
  const pkOf = (table: string) => {
    const t = byTable.get(table);
    return t && t.primary_key !== false ? t.primary_key.name : 'id';
  };
  const prefixOf = (table: string) => byTable.get(table)?.prefix ?? s.prefix;
  const columns: DesiredColumn[] = [];
  if (s.primary_key !== false) {
    const type = s.primary_key.type === 'binary_id' ? ':binary_id' : ':bigserial';
    columns.push(column(s.primary_key.name, type, { null: false, primary_key: true }));
  }
  for (const f of s.fields) {
    if (f.type === 'references' && f.references) {
      const r = f.references;
      columns.push(
        column(f.name, migrationType(f), {
          null: fieldNullable(f),
          references: reference(r.table, pkOf(r.table), r.on_delete, prefixOf(r.table)),
        }),
      );
    } else columns.push(fieldColumn(f));
  }
  for (const a of s.associations) {
    if (a.kind !== 'belongs_to') continue;
    columns.push(
      column(a.foreign_key, a.type === 'binary_id' ? ':binary_id' : ':bigint', {
        null: !a.required,
        references: reference(a.target_table, a.target_key, a.on_delete, prefixOf(a.target_table)),
      }),
    );
  }
  if (s.timestamps !== false) {
    const t = s.timestamps;
    for (const name of [t.inserted_at ?? 'inserted_at', t.updated_at ?? 'updated_at']) {
      columns.push(column(name, `:${s.timestamps.type}`, { null: false }));
    }
  }
  const indexes: IndexState[] = s.indexes.map((ix) => ({
    name: ix.name,
    columns: [...ix.columns],
    unique: ix.unique,
    where: null,
    using: null,
  }));
  return {
    name: s.table,
    prefix: s.prefix,
    primary_key: s.primary_key === false ? [] : [s.primary_key.name],
    columns,
    indexes,
    module: s.module,
  };
}

function joinTables(model: Model, s: Schema, seen: Set<string>): DesiredTable[] {
  const out: DesiredTable[] = [];
  for (const a of s.associations) {
    if (a.kind !== 'many_to_many' || seen.has(a.join_table)) continue;
    seen.add(a.join_table);
    const target = a.target_index === null ? undefined : model.schemas[a.target_index];
    const [own, other] = a.join_keys;
    const [ownType, otherType] = a.key_types;
    const key = (t: 'id' | 'binary_id') => (t === 'binary_id' ? ':binary_id' : ':bigint');
    const ownKey = s.primary_key === false ? 'id' : s.primary_key.name;
    const columns = [
      column(own, key(ownType), {
        null: false,
        references: reference(s.table, ownKey, 'delete_all', s.prefix),
      }),
      column(other, key(otherType), {
        null: false,
        references: reference(
          a.target_table,
          a.target_key,
          'delete_all',
          target?.prefix ?? s.prefix,
        ),
      }),
    ];
    const index = (cols: string[], unique: boolean): IndexState => ({
      name: [a.join_table, ...cols, 'index'].join('_'),
      columns: cols,
      unique,
      where: null,
      using: null,
    });
    out.push({
      name: a.join_table,
      prefix: s.prefix,
      primary_key: [],
      columns,
      indexes: [index([own, other], true), index([other], false)],
      module: null,
    });
  }
  return out;
}

/** Every table the model's migrations create: schema tables in batch order, then join tables. */
export function desiredTables(model: Model): DesiredTable[] {
  const tables = model.schemas.filter((s) => !s.embedded);
  const seen = new Set(tables.map((s) => s.table));
  const joins = tables.flatMap((s) => joinTables(model, s, seen));
  return [...tables.map((s) => schemaTable(model, s)), ...joins];
}
