/**
 * Reconcile: the live database's tables become the desired state of the evolution. For every
 * table of a live state (shared/database/introspect.ts) that the project's migrations also create,
 * the desired table is the live one, and the same diff as a model's evolution (./diff.ts) gives
 * the alter migration that makes the replayed migrations build it. Tables the migrations do not
 * create are returned for a create migration (shared/generate/from-database.ts).
 *
 * Where the live and the replayed table say the same thing in different spellings (a default
 * `"draft"` in a migration and `'draft'::character varying` in the catalog, a predicate with
 * PostgreSQL's parentheses), the replayed value is kept, so only real differences (as drift
 * compares them, shared/database/drift.ts) become changes. What an alter migration of the diff
 * cannot express (check constraints, enum values, ON UPDATE, a foreign key's name) is returned as
 * a note, never dropped silently.
 */
import { compareStates, enumTypeResolver, indexKey, normalizeDefault } from '../database/drift.js';
import {
  emptyRenames,
  qualifiedTableName,
  type ColumnReference,
  type ColumnState,
  type DatabaseState,
  type EnumType,
  type TableState,
} from '../model/index.js';
import { ex, exString, type Ex } from '../render/index.js';
import type { DesiredColumn, DesiredTable } from './desired.js';
import { diffTable, type TableDiff } from './diff.js';

/** The live tables to reconcile with, and the enum types they use. */
export interface LiveState {
  tables: TableState[];
  enums: EnumType[];
}

export interface Reconciliation {
  /** Tables the migrations create, whose alter migration makes them match the database. */
  diffs: TableDiff[];
  /** Tables the migrations do not create. */
  creates: TableState[];
  /** Enum types the migrations do not create (needed before the tables that use them). */
  enums: EnumType[];
  /** Differences no generated migration reconciles, to fix by hand. */
  notes: string[];
}

/**
 * A live column's type as a migration writes it: an enum type of another schema qualified
 * (`:"billing.currency"`: the unqualified name would resolve through the search path), a varchar
 * without a length as `:varchar` (`:string` would mean varchar(255)).
 */
export function liveColumnType(c: ColumnState, enums: readonly EnumType[]): string {
  const base = (c.pg_type ?? '').replace(/(\[\])+$/, '');
  const dims = ((c.pg_type ?? '').length - base.length) / 2;
  const qualified = base.includes('.')
    ? enums.find((e) => e.prefix !== null && `${e.prefix}.${e.name}` === base.replace(/"/g, ''))
    : undefined;
  let type = qualified ? `:"${qualified.prefix}.${qualified.name}"` : c.type;
  if (qualified) for (let i = 0; i < dims; i++) type = `{:array, ${type}}`;
  if (type === ':string' && c.size === null) type = ':varchar';
  return type;
}

/** A live SQL default as a migration writes it: `fragment("<sql>")`. */
function liveDefault(sql: string | null): { text: string | null; ex: Ex | null } {
  if (sql === null) return { text: null, ex: null };
  const node = ex.call('fragment', [exString(sql)]);
  return { text: `fragment(${exString(sql)})`, ex: node };
}

function referenceKey(r: ColumnReference | null): string | null {
  return r ? JSON.stringify([r.prefix, r.table, r.column, r.on_delete, r.on_update]) : null;
}

type TypeName = ReturnType<typeof enumTypeResolver>;

function desiredColumn(
  cur: ColumnState | undefined,
  live: ColumnState,
  prefixes: { current: string | null; live: string | null },
  typeName: TypeName,
  enums: readonly EnumType[],
): DesiredColumn {
  const fromLive = {
    type: liveColumnType(live, enums),
    pg_type: live.pg_type,
    size: live.size,
    precision: live.precision,
    scale: live.scale,
  };
  const dflt = liveDefault(live.default);
  if (!cur) {
    return { ...live, ...fromLive, default: dflt.text, default_ex: dflt.ex };
  }
  const [ct, lt] = [typeName(cur, prefixes.current), typeName(live, prefixes.live)];
  const sameType =
    ct !== null && lt !== null
      ? ct === lt
      : cur.type === live.type &&
        cur.size === live.size &&
        cur.precision === live.precision &&
        cur.scale === live.scale;
  const sameDefault = normalizeDefault(cur.default) === normalizeDefault(live.default);
  const sameRef = referenceKey(cur.references) === referenceKey(live.references);
  return {
    ...cur,
    ...(sameType ? {} : fromLive),
    null: live.null,
    default: sameDefault ? cur.default : dflt.text,
    default_ex: sameDefault ? (cur.default === null ? null : ex.raw(cur.default)) : dflt.ex,
    references: sameRef ? cur.references : live.references,
  };
}

/** The desired table: the live one, in the replayed table's spelling wherever they agree. */
export function liveDesiredTable(
  current: TableState,
  live: TableState,
  typeName: TypeName,
  enums: readonly EnumType[],
): DesiredTable {
  const prefixes = { current: current.prefix, live: live.prefix };
  const columns = live.columns.map((lc) =>
    desiredColumn(
      current.columns.find((c) => c.name === lc.name),
      lc,
      prefixes,
      typeName,
      enums,
    ),
  );
  const indexes = live.indexes.map((li) => {
    const cur = current.indexes.find((i) => i.name === li.name);
    return cur && indexKey(cur) === indexKey(li) ? cur : li;
  });
  return {
    name: live.name,
    prefix: live.prefix,
    primary_key: [...live.primary_key],
    columns,
    indexes,
    module: null,
  };
}

/** Drift kinds an alter migration of the diff does not reconcile. */
const BY_HAND = new Set([
  'missing_check',
  'extra_check',
  'check_changed',
  'missing_enum',
  'enum_values',
  'primary_key',
]);

/** The reconciliation of the replayed migrations with the live tables given. */
export function reconcile(replayed: DatabaseState, live: LiveState): Reconciliation {
  const typeName = enumTypeResolver([...replayed.enums, ...live.enums]);
  const diffs: TableDiff[] = [];
  const creates: TableState[] = [];
  const notes: string[] = [];
  const renames = emptyRenames();
  for (const t of live.tables) {
    const current = replayed.tables.find((x) => x.name === t.name && x.prefix === t.prefix);
    if (!current) {
      creates.push(t);
      continue;
    }
    diffs.push(diffTable(replayed, liveDesiredTable(current, t, typeName, live.enums), renames));
    const drift = compareStates(
      { ...replayed, tables: [current], enums: [] },
      { ...replayed, source: 'database', tables: [t], enums: [] },
    );
    for (const d of drift) {
      if (BY_HAND.has(d.kind)) notes.push(`Not reconciled (write it by hand): ${d.message}.`);
      else if (d.kind === 'foreign_key' && onUpdateDiffers(current, t, d.name)) {
        notes.push(`Not reconciled (ON UPDATE; write it by hand): ${d.message}.`);
      }
    }
  }
  const known = new Set(replayed.enums.map(qualifiedTableName));
  const enums = live.enums.filter((e) => !known.has(qualifiedTableName(e)));
  for (const e of live.enums) {
    const had = replayed.enums.find((x) => qualifiedTableName(x) === qualifiedTableName(e));
    if (had && had.values.join(',') !== e.values.join(',')) {
      notes.push(
        `Not reconciled (write it by hand, e.g. ALTER TYPE … ADD VALUE): enum type ${qualifiedTableName(e)} has (${e.values.join(', ')}) in the database, (${had.values.join(', ')}) in the migrations.`,
      );
    }
  }
  return { diffs, creates, enums, notes };
}

/** Whether the foreign keys of column `name` differ in ON UPDATE (which the diff ignores). */
function onUpdateDiffers(a: TableState, b: TableState, name: string | null): boolean {
  const ra = a.columns.find((c) => c.name === name)?.references;
  const rb = b.columns.find((c) => c.name === name)?.references;
  return (ra?.on_update ?? 'nothing') !== (rb?.on_update ?? 'nothing');
}
