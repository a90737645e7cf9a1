/**
 * Drift: every difference between two database states, typically the state the project's
 * migrations build (expected) and the live database (actual). Pure: no I/O, no database.
 *
 * Columns are compared on `pg_type` when both states know it (the common ground of migrations
 * and a live catalog), else on the Ecto type with size/precision/scale. Defaults are compared
 * after normalising the two spellings of a literal (`"draft"` in a migration, `'draft'::character
 * varying` in a catalog); a default neither side can read as a literal is compared as text.
 * Indexes are matched by name, then compared on columns, uniqueness, predicate and method.
 */
import {
  qualifiedTableName,
  type ColumnState,
  type DatabaseState,
  type EnumType,
  type IndexState,
  type TableState,
} from '../model/database.js';

export const DRIFT_KINDS = [
  'missing_table',
  'extra_table',
  'missing_column',
  'extra_column',
  'column_type',
  'column_null',
  'column_default',
  'primary_key',
  'foreign_key',
  'missing_index',
  'extra_index',
  'index_changed',
  'missing_check',
  'extra_check',
  'check_changed',
  'missing_enum',
  'extra_enum',
  'enum_values',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface Drift {
  kind: DriftKind;
  /** "prefix.table" or "table"; the enum's name for enum differences. */
  table: string;
  /** The column, index or check constraint concerned; null for a whole table or enum. */
  name: string | null;
  /** What the expected state says (null when it has nothing there). */
  expected: string | null;
  /** What the actual state says. */
  actual: string | null;
  message: string;
}

export interface DriftLabels {
  /** How messages name the two states; default "the migrations" and "the database". */
  expected: string;
  actual: string;
}

const DEFAULT_LABELS: DriftLabels = { expected: 'the migrations', actual: 'the database' };

/** Every difference from `expected` to `actual`, tables in order, then enums. */
export function compareStates(
  expected: DatabaseState,
  actual: DatabaseState,
  labels: DriftLabels = DEFAULT_LABELS,
): Drift[] {
  const out: Drift[] = [];
  const key = (t: { name: string; prefix: string | null }) => qualifiedTableName(t);
  const actualTables = new Map(actual.tables.map((t) => [key(t), t]));
  const expectedTables = new Map(expected.tables.map((t) => [key(t), t]));
  const typeName = enumTypeResolver([...expected.enums, ...actual.enums]);
  for (const [name, e] of expectedTables) {
    const a = actualTables.get(name);
    if (!a) {
      out.push(
        d(
          'missing_table',
          name,
          null,
          'table',
          null,
          `table ${name} is in ${labels.expected} but not in ${labels.actual}`,
        ),
      );
    } else {
      out.push(...compareTables(name, e, a, labels, typeName));
    }
  }
  for (const [name] of actualTables) {
    if (!expectedTables.has(name)) {
      out.push(
        d(
          'extra_table',
          name,
          null,
          null,
          'table',
          `table ${name} is in ${labels.actual} but not in ${labels.expected}`,
        ),
      );
    }
  }
  out.push(...compareEnums(expected, actual, labels));
  return out;
}

function d(
  kind: DriftKind,
  table: string,
  name: string | null,
  expected: string | null,
  actual: string | null,
  message: string,
): Drift {
  return { kind, table, name, expected, actual, message };
}

/** A column's comparable type name, given the prefix of its table. */
type TypeName = (c: ColumnState, tablePrefix: string | null) => string | null;

/**
 * Comparable type names: PostgreSQL's spelling (normalizePgType), with an enum type qualified
 * by its schema the way PostgreSQL resolves it. A migration writes `:currency` for the enum
 * `billing.currency` (replayed as "currency") while the catalog prints "billing.currency"
 * (billing is not on the search path); both name the same type. An unqualified name is the
 * enum of the default schema if there is one, else the one of the table's schema, else the only
 * enum of that name in either state. `:"billing.currency"` in a migration (no pg_type) reads as
 * that name.
 */
export function enumTypeResolver(enums: readonly EnumType[]): TypeName {
  return (c, tablePrefix) => {
    const quoted = /^(\{:array, )?:"?([A-Za-z_][\w.]*)"?\}?$/.exec(c.type);
    const raw =
      c.pg_type ??
      (quoted && quoted[2]!.includes('.') ? `${quoted[2]}${quoted[1] ? '[]' : ''}` : null);
    if (raw === null) return null;
    const t = normalizePgType(raw);
    const [, base = t, dims = ''] = /^(.*?)((?:\[\])*)$/.exec(t) ?? [];
    const unquoted = base.replace(/"/g, '');
    if (unquoted.includes('.')) {
      const [schema, name] = unquoted.split('.', 2) as [string, string];
      return `${schema === 'public' ? '' : `${schema}.`}${name}${dims}`;
    }
    const named = enums.filter((x) => x.name === unquoted);
    const pick =
      named.find((x) => x.prefix === null) ??
      named.find((x) => x.prefix === tablePrefix) ??
      (new Set(named.map((x) => x.prefix)).size === 1 ? named[0] : undefined);
    return pick ? `${pick.prefix ? `${pick.prefix}.` : ''}${pick.name}${dims}` : t;
  };
}

function compareTables(
  table: string,
  e: TableState,
  a: TableState,
  labels: DriftLabels,
  typeName: TypeName,
): Drift[] {
  const out: Drift[] = [];
  const aCols = new Map(a.columns.map((c) => [c.name, c]));
  const eCols = new Map(e.columns.map((c) => [c.name, c]));
  for (const ec of e.columns) {
    const ac = aCols.get(ec.name);
    if (!ac) {
      out.push(
        d(
          'missing_column',
          table,
          ec.name,
          columnType(ec),
          null,
          `${table}.${ec.name} is in ${labels.expected} but not in ${labels.actual}`,
        ),
      );
    } else {
      out.push(...compareColumns(table, ec, ac, labels, typeNames(typeName, e.prefix, a.prefix)));
    }
  }
  for (const ac of a.columns) {
    if (!eCols.has(ac.name)) {
      out.push(
        d(
          'extra_column',
          table,
          ac.name,
          null,
          columnType(ac),
          `${table}.${ac.name} (${columnType(ac)}) is in ${labels.actual} but not in ${labels.expected}`,
        ),
      );
    }
  }
  if (e.primary_key.join(',') !== a.primary_key.join(',')) {
    const show = (pk: string[]) => (pk.length ? `(${pk.join(', ')})` : 'none');
    out.push(
      d(
        'primary_key',
        table,
        null,
        show(e.primary_key),
        show(a.primary_key),
        `${table}: primary key ${show(e.primary_key)} in ${labels.expected}, ${show(a.primary_key)} in ${labels.actual}`,
      ),
    );
  }
  out.push(...compareIndexes(table, e.indexes, a.indexes, labels));
  const aChecks = new Map(a.check_constraints.map((c) => [c.name, c]));
  const eChecks = new Map(e.check_constraints.map((c) => [c.name, c]));
  for (const c of e.check_constraints) {
    const other = aChecks.get(c.name);
    if (!other)
      out.push(
        d(
          'missing_check',
          table,
          c.name,
          c.expression,
          null,
          `${table}: check constraint ${c.name} is missing from ${labels.actual}`,
        ),
      );
    else if (normalizeSql(other.expression) !== normalizeSql(c.expression))
      out.push(
        d(
          'check_changed',
          table,
          c.name,
          c.expression,
          other.expression,
          `${table}: check constraint ${c.name} is (${other.expression}) in ${labels.actual}, (${c.expression}) in ${labels.expected}`,
        ),
      );
  }
  for (const c of a.check_constraints) {
    if (!eChecks.has(c.name))
      out.push(
        d(
          'extra_check',
          table,
          c.name,
          null,
          c.expression,
          `${table}: check constraint ${c.name} (${c.expression}) is only in ${labels.actual}`,
        ),
      );
  }
  return out;
}

/** How a column's type reads in a difference: its pg_type, else its Ecto type. */
function columnType(c: ColumnState): string {
  return c.pg_type ?? c.type;
}

/** The two sides' comparable type names of one column. */
function typeNames(typeName: TypeName, ePrefix: string | null, aPrefix: string | null) {
  return (e: ColumnState, a: ColumnState) => [typeName(e, ePrefix), typeName(a, aPrefix)] as const;
}

function compareColumns(
  table: string,
  e: ColumnState,
  a: ColumnState,
  labels: DriftLabels,
  types: (e: ColumnState, a: ColumnState) => readonly [string | null, string | null],
): Drift[] {
  const out: Drift[] = [];
  const where = `${table}.${e.name}`;
  const [et, at] = types(e, a);
  const typesDiffer =
    et !== null && at !== null
      ? et !== at
      : e.type !== a.type ||
        e.size !== a.size ||
        e.precision !== a.precision ||
        e.scale !== a.scale;
  if (typesDiffer) {
    out.push(
      d(
        'column_type',
        table,
        e.name,
        columnType(e),
        columnType(a),
        `${where} is ${columnType(a)} in ${labels.actual}, ${columnType(e)} in ${labels.expected}`,
      ),
    );
  }
  if (e.null !== a.null) {
    const say = (n: boolean) => (n ? 'NULL' : 'NOT NULL');
    out.push(
      d(
        'column_null',
        table,
        e.name,
        say(e.null),
        say(a.null),
        `${where} is ${say(a.null)} in ${labels.actual}, ${say(e.null)} in ${labels.expected}`,
      ),
    );
  }
  const ed = normalizeDefault(e.default);
  const ad = normalizeDefault(a.default);
  if (ed !== ad) {
    out.push(
      d(
        'column_default',
        table,
        e.name,
        e.default,
        a.default,
        `${where} defaults to ${a.default ?? 'nothing'} in ${labels.actual}, ${e.default ?? 'nothing'} in ${labels.expected}`,
      ),
    );
  }
  const ref = (c: ColumnState) =>
    c.references
      ? `${c.references.prefix ? `${c.references.prefix}.` : ''}${c.references.table}(${c.references.column}) on_delete: ${c.references.on_delete}, on_update: ${c.references.on_update}`
      : null;
  if (ref(e) !== ref(a)) {
    out.push(
      d(
        'foreign_key',
        table,
        e.name,
        ref(e),
        ref(a),
        `${where} references ${ref(a) ?? 'nothing'} in ${labels.actual}, ${ref(e) ?? 'nothing'} in ${labels.expected}`,
      ),
    );
  }
  return out;
}

function compareIndexes(
  table: string,
  e: IndexState[],
  a: IndexState[],
  labels: DriftLabels,
): Drift[] {
  const out: Drift[] = [];
  const show = (i: IndexState) =>
    `${i.unique ? 'unique ' : ''}(${i.columns.join(', ')})${i.using ? ` using ${i.using}` : ''}${i.where ? ` where ${i.where}` : ''}`;
  const aByName = new Map(a.map((i) => [i.name, i]));
  const eByName = new Map(e.map((i) => [i.name, i]));
  for (const ei of e) {
    const ai = aByName.get(ei.name);
    if (!ai) {
      out.push(
        d(
          'missing_index',
          table,
          ei.name,
          show(ei),
          null,
          `${table}: index ${ei.name} ${show(ei)} is missing from ${labels.actual}`,
        ),
      );
    } else if (indexKey(ei) !== indexKey(ai)) {
      out.push(
        d(
          'index_changed',
          table,
          ei.name,
          show(ei),
          show(ai),
          `${table}: index ${ei.name} is ${show(ai)} in ${labels.actual}, ${show(ei)} in ${labels.expected}`,
        ),
      );
    }
  }
  for (const ai of a) {
    if (!eByName.has(ai.name))
      out.push(
        d(
          'extra_index',
          table,
          ai.name,
          null,
          show(ai),
          `${table}: index ${ai.name} ${show(ai)} is only in ${labels.actual}`,
        ),
      );
  }
  return out;
}

/** What makes two indexes the same, spelling aside: columns, uniqueness, predicate, method. */
export function indexKey(i: IndexState): string {
  return JSON.stringify([
    i.columns.map(normalizeSql),
    i.unique,
    i.where === null ? null : normalizeSql(i.where),
    i.using ?? 'btree',
  ]);
}

function compareEnums(
  expected: DatabaseState,
  actual: DatabaseState,
  labels: DriftLabels,
): Drift[] {
  const out: Drift[] = [];
  const name = (t: { name: string; prefix: string | null }) => qualifiedTableName(t);
  const aEnums = new Map(actual.enums.map((x) => [name(x), x]));
  const eEnums = new Map(expected.enums.map((x) => [name(x), x]));
  for (const [n, x] of eEnums) {
    const other = aEnums.get(n);
    const values = (v: string[]) => v.join(', ');
    if (!other)
      out.push(
        d(
          'missing_enum',
          n,
          null,
          values(x.values),
          null,
          `enum type ${n} is missing from ${labels.actual}`,
        ),
      );
    else if (values(x.values) !== values(other.values))
      out.push(
        d(
          'enum_values',
          n,
          null,
          values(x.values),
          values(other.values),
          `enum type ${n} has (${values(other.values)}) in ${labels.actual}, (${values(x.values)}) in ${labels.expected}`,
        ),
      );
  }
  for (const [n, x] of aEnums) {
    if (!eEnums.has(n))
      out.push(
        d(
          'extra_enum',
          n,
          null,
          null,
          x.values.join(', '),
          `enum type ${n} is only in ${labels.actual}`,
        ),
      );
  }
  return out;
}

/** Spelling-insensitive SQL: lower case outside quotes, no redundant spaces or parentheses. */
export function normalizeSql(sql: string): string {
  let s = sql.trim();
  while (s.startsWith('(') && s.endsWith(')') && balancedInside(s)) s = s.slice(1, -1).trim();
  return s
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .toLowerCase()
            .replace(/\s+/g, ' ')
            .replace(/\s*([(),=<>])\s*/g, '$1'),
    )
    .join('');
}

function balancedInside(s: string): boolean {
  let depth = 0;
  for (let i = 1; i < s.length - 1; i++) {
    if (s[i] === '(') depth++;
    if (s[i] === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Aliases PostgreSQL accepts for the same type, as format_type writes them. */
export function normalizePgType(t: string): string {
  return t
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^public\./, '')
    .replace(/^varchar\b/, 'character varying')
    .replace(/^timestamptz\b/, 'timestamp with time zone')
    .replace(/^timestamp(\(\d+\))?$/, 'timestamp$1 without time zone')
    .replace(/^int8$|^bigserial$/, 'bigint')
    .replace(/^int4$|^int$|^serial$/, 'integer')
    .replace(/^bool$/, 'boolean');
}

/**
 * A default as a comparable token: the value of a literal in either spelling (`"draft"`,
 * `'draft'::character varying`, `0`, `true`), `fragment("now()")` as its SQL, else the SQL text.
 */
export function normalizeDefault(value: string | null): string | null {
  if (value === null) return null;
  let v = value.trim();
  const fragment = /^fragment\(\s*"((?:[^"\\]|\\.)*)"\s*\)$/.exec(v);
  if (fragment) v = fragment[1]!.replace(/\\(.)/g, '$1');
  const elixirString = /^"((?:[^"\\]|\\.)*)"$/.exec(v);
  if (elixirString) return `'${elixirString[1]!.replace(/\\(.)/g, '$1').replace(/'/g, "''")}'`;
  const sqlLiteral = /^('(?:[^']|'')*')(::[\w\s."[\]()]+)?$/.exec(v);
  if (sqlLiteral) {
    const lit = sqlLiteral[1]!;
    // '0'::integer and 0 are the same value; keep strings quoted.
    return /^'-?\d+(\.\d+)?'$/.test(lit) &&
      sqlLiteral[2] &&
      /int|numeric|real|double/.test(sqlLiteral[2])
      ? lit.slice(1, -1)
      : lit;
  }
  const number = /^\(?(-?\d+(?:\.\d+)?)\)?(::[\w\s]+)?$/.exec(v);
  if (number) return number[1]!;
  if (/^(true|false)$/i.test(v)) return v.toLowerCase();
  if (/^(nil|null)$/i.test(v)) return null;
  if (/^(now\(\)|current_timestamp)$/i.test(v)) return 'now()';
  return normalizeSql(v);
}
