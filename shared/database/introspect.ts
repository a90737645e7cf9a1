/**
 * Reads the tables of a live PostgreSQL database into the database state (`source: "database"`),
 * the structure that replaying the project's migrations also fills.
 *
 * Only the catalog is read (./queries.ts), through a read-only session (./session.ts). What the
 * state cannot hold exactly (a composite foreign key, an exclusion constraint, ON DELETE SET
 * DEFAULT) is kept as a warning naming the table, never dropped silently.
 */
import type {
  ColumnState,
  DatabaseState,
  IndexState,
  ReferenceAction,
  StateWarning,
  TableState,
} from '../model/database.js';
import { isSequenceDefault, migrationTypeOf, type CatalogType } from './pg-types.js';
import {
  COLUMNS_SQL,
  CONSTRAINTS_SQL,
  ENUMS_SQL,
  INDEXES_SQL,
  SCHEMAS_SQL,
  TABLES_SQL,
} from './queries.js';
import type { ReadOnlySession } from './session.js';

/** The PostgreSQL schema a state calls `prefix: null`. */
export const DEFAULT_SCHEMA = 'public';
/** Ecto's own bookkeeping table: not part of the application's state. */
export const SCHEMA_MIGRATIONS = 'schema_migrations';

export class IntrospectionError extends Error {
  override readonly name = 'IntrospectionError';
}

export interface IntrospectOptions {
  /** PostgreSQL schemas to read; default ["public"]. */
  schemas?: readonly string[];
}

interface TableRow {
  oid: string;
  schema: string;
  name: string;
}
interface ColumnRow extends CatalogType {
  table_oid: string;
  name: string;
  pg_type: string;
  not_null: boolean;
  default_sql: string | null;
  identity: string;
  generated: string;
}
interface ConstraintRow {
  table_oid: string;
  name: string;
  type: 'p' | 'f' | 'c' | 'x';
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
  on_delete: string;
  on_update: string;
  definition: string;
}
interface IndexRow {
  table_oid: string;
  name: string;
  unique: boolean;
  method: string;
  predicate: string | null;
  columns: string[];
}
interface EnumRow {
  schema: string;
  name: string;
  values: string[];
}

const ACTIONS: Readonly<Record<string, ReferenceAction>> = {
  a: 'nothing',
  r: 'restrict',
  c: 'delete_all',
  n: 'nilify_all',
};
const UPDATE_ACTIONS: Readonly<Record<string, ReferenceAction>> = { ...ACTIONS, c: 'update_all' };

const prefixOf = (schema: string | null): string | null =>
  schema === null || schema === DEFAULT_SCHEMA ? null : schema;

/** Reads every table, column, key, index, check constraint and enum type of `schemas`. */
export async function introspect(
  session: ReadOnlySession,
  options: IntrospectOptions = {},
): Promise<DatabaseState> {
  const schemas = [...new Set(options.schemas ?? [DEFAULT_SCHEMA])];
  const existing = (await session.query<{ name: string }>(SCHEMAS_SQL)).map((r) => r.name);
  const missing = schemas.filter((s) => !existing.includes(s));
  if (missing.length > 0) {
    throw new IntrospectionError(
      `The database has no schema ${missing.map((s) => `"${s}"`).join(', ')}; its schemas are ${existing.map((s) => `"${s}"`).join(', ') || '(none)'}.`,
    );
  }
  const tableRows = (await session.query<TableRow>(TABLES_SQL, [schemas])).filter(
    (t) => t.name !== SCHEMA_MIGRATIONS,
  );
  const oids = tableRows.map((t) => t.oid);
  const [columns, constraints, indexes, enums] = [
    await session.query<ColumnRow>(COLUMNS_SQL, [oids]),
    await session.query<ConstraintRow>(CONSTRAINTS_SQL, [oids]),
    await session.query<IndexRow>(INDEXES_SQL, [oids]),
    await session.query<EnumRow>(ENUMS_SQL, [schemas]),
  ];
  const byTable = <R extends { table_oid: string }>(rows: R[]) => {
    const map = new Map<string, R[]>();
    for (const r of rows) {
      const list = map.get(r.table_oid) ?? [];
      list.push(r);
      map.set(r.table_oid, list);
    }
    return map;
  };
  const cols = byTable(columns);
  const cons = byTable(constraints);
  const idx = byTable(indexes);
  const warnings: StateWarning[] = [];
  const tables = tableRows.map((t) =>
    buildTable(t, cols.get(t.oid) ?? [], cons.get(t.oid) ?? [], idx.get(t.oid) ?? [], warnings),
  );
  tables.sort(
    (a, b) => (a.prefix ?? '').localeCompare(b.prefix ?? '') || a.name.localeCompare(b.name),
  );
  return {
    source: 'database',
    tables,
    enums: enums.map((e) => ({ name: e.name, prefix: prefixOf(e.schema), values: e.values })),
    warnings,
  };
}

function buildTable(
  t: TableRow,
  columnRows: ColumnRow[],
  constraints: ConstraintRow[],
  indexRows: IndexRow[],
  warnings: StateWarning[],
): TableState {
  const prefix = prefixOf(t.schema);
  const qualified = prefix ? `${prefix}.${t.name}` : t.name;
  const warn = (message: string) =>
    warnings.push({
      file: null,
      line: null,
      message: `${qualified}: ${message}`,
      tables: [qualified],
    });
  const pk = constraints.find((c) => c.type === 'p')?.columns ?? [];
  const columns = columnRows.map((c) => buildColumn(c, pk.includes(c.name)));
  for (const fk of constraints.filter((c) => c.type === 'f')) {
    const actions = {
      on_delete: ACTIONS[fk.on_delete],
      on_update: UPDATE_ACTIONS[fk.on_update],
    };
    const target = `${fk.ref_schema ?? '?'}.${fk.ref_table ?? '?'}(${fk.ref_columns.join(', ')})`;
    if (fk.columns.length !== 1) {
      warn(
        `foreign key ${fk.name} (${fk.columns.join(', ')}) → ${target} has several columns; the state keeps single-column references only.`,
      );
      continue;
    }
    if (!actions.on_delete || !actions.on_update) {
      warn(
        `foreign key ${fk.name} uses ON ${actions.on_delete ? 'UPDATE' : 'DELETE'} SET DEFAULT, which Ecto cannot write; recorded as "nothing".`,
      );
    }
    const column = columns.find((c) => c.name === fk.columns[0]);
    if (!column) continue;
    if (column.references) {
      warn(
        `column ${column.name} has a second foreign key ${fk.name} → ${target}; only the first (${column.references.name}) is kept.`,
      );
      continue;
    }
    column.references = {
      table: fk.ref_table ?? '',
      column: fk.ref_columns[0] ?? 'id',
      prefix: prefixOf(fk.ref_schema),
      name: fk.name,
      on_delete: actions.on_delete ?? 'nothing',
      on_update: actions.on_update ?? 'nothing',
    };
  }
  for (const x of constraints.filter((c) => c.type === 'x')) {
    warn(`exclusion constraint ${x.name} (${x.definition}) is not part of the state.`);
  }
  for (const c of columnRows.filter((c) => c.generated === 's')) {
    warn(
      `column ${c.name} is generated (${c.default_sql ?? ''}); its expression is kept as the default.`,
    );
  }
  return {
    name: t.name,
    prefix,
    primary_key: pk,
    columns,
    indexes: indexRows.map(buildIndex),
    check_constraints: constraints
      .filter((c) => c.type === 'c')
      .map((c) => ({ name: c.name, expression: checkExpression(c.definition) })),
  };
}

function buildColumn(c: ColumnRow, primaryKey: boolean): ColumnState {
  const serial = c.identity !== '' || isSequenceDefault(c.default_sql);
  const type = migrationTypeOf(c, serial);
  return {
    name: c.name,
    type: type.type,
    pg_type: c.pg_type,
    null: !c.not_null,
    default: serial ? null : c.default_sql,
    size: type.size,
    precision: type.precision,
    scale: type.scale,
    primary_key: primaryKey,
    references: null,
  };
}

function buildIndex(i: IndexRow): IndexState {
  return {
    name: i.name,
    columns: i.columns,
    unique: i.unique,
    where: i.predicate,
    using: i.method === 'btree' ? null : i.method,
  };
}

/** `CHECK ((price > 0))` → `price > 0`; `NOT VALID` is dropped. */
export function checkExpression(definition: string): string {
  const body = definition.replace(/\s+NOT VALID$/, '').replace(/^CHECK\s*/, '');
  let s = body.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1)))
    s = s.slice(1, -1).trim();
  return s;
}

function balanced(s: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
