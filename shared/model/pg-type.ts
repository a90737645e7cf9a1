/**
 * The PostgreSQL name of an Ecto migration column type, as `format_type` (and so `\d` and live
 * introspection) prints it: the common ground on which a state replayed from migrations and a
 * state read from a live database are compared.
 *
 * The mapping follows ecto_sql's PostgreSQL adapter (`column_type`/`ecto_to_db`): `:string` is
 * `varchar(255)` unless `size:` says otherwise, `:naive_datetime`/`:utc_datetime`/`:time` always
 * have precision 0 while their `_usec` variants take `precision:` (none = PostgreSQL's default),
 * `:map` is jsonb, `:binary_id` uuid, `:id` integer, any other atom is passed through as the
 * type name (`:citext`, `:bigint`). PostgreSQL then spells the names its own way
 * (`varchar` → `character varying`, `timestamp` → `timestamp without time zone`).
 */

export interface ColumnTypeOptions {
  size?: number | null | undefined;
  precision?: number | null | undefined;
  scale?: number | null | undefined;
}

/** ecto_to_db of the PostgreSQL adapter, for atoms it maps itself. */
const ECTO_TO_DB: Readonly<Record<string, string>> = {
  id: 'integer',
  identity: 'bigint',
  serial: 'serial',
  bigserial: 'bigserial',
  binary_id: 'uuid',
  string: 'varchar',
  bitstring: 'varbit',
  binary: 'bytea',
  map: 'jsonb',
  time_usec: 'time',
  utc_datetime: 'timestamp',
  utc_datetime_usec: 'timestamp',
  naive_datetime: 'timestamp',
  naive_datetime_usec: 'timestamp',
  duration: 'interval',
};

/** PostgreSQL's canonical names for the SQL type names a migration may produce. */
const PG_CANONICAL: Readonly<Record<string, string>> = {
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  varbit: 'bit varying',
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  float: 'double precision',
  float8: 'double precision',
  double: 'double precision',
  real: 'real',
  float4: 'real',
  decimal: 'numeric',
  numeric: 'numeric',
  bool: 'boolean',
  boolean: 'boolean',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
};

/** Types that keep a `(p)` before their zone suffix. */
const WITH_ZONE = /^(timestamp|time) (with|without) time zone$/;

/** Splits `{:array, :text}` → ["array", ":text"], `:string` → ["string"]; null if unreadable. */
function parseTypeText(text: string): { name: string; inner: string | null } | null {
  const t = text.trim();
  const tuple = /^\{\s*:(\w+)\s*,\s*(.+)\}$/s.exec(t);
  if (tuple) return { name: tuple[1]!, inner: tuple[2]!.trim() };
  const atom = /^:"?([A-Za-z_][\w ]*)"?$/.exec(t);
  if (atom) return { name: atom[1]!, inner: null };
  return null;
}

function canonical(sqlName: string, args: string | null): string {
  const base = PG_CANONICAL[sqlName] ?? sqlName;
  if (args === null) return base;
  const zone = WITH_ZONE.exec(base);
  if (zone) return `${zone[1]}${args} ${zone[2]} time zone`;
  return `${base}${args}`;
}

/**
 * `pg_type` of a migration column type written as Ecto text (`:string`, `{:array, :text}`,
 * `:citext`) with its `size`/`precision`/`scale`; null when it cannot be known (a module or an
 * expression instead of an atom).
 */
export function pgType(typeText: string, opts: ColumnTypeOptions = {}): string | null {
  const parsed = parseTypeText(typeText);
  if (parsed === null) return null;
  if (parsed.name === 'array' && parsed.inner !== null) {
    const inner = pgType(parsed.inner, opts);
    return inner === null ? null : `${inner}[]`;
  }
  if (parsed.name === 'map' && parsed.inner !== null) return 'jsonb';
  if (parsed.inner !== null) return null;
  const name = parsed.name;
  const sql = ECTO_TO_DB[name] ?? name.toLowerCase();
  if (name === 'time' || name === 'utc_datetime' || name === 'naive_datetime') {
    return canonical(sql, '(0)');
  }
  if (name === 'time_usec' || name === 'utc_datetime_usec' || name === 'naive_datetime_usec') {
    return canonical(sql, opts.precision != null ? `(${opts.precision})` : null);
  }
  if (opts.size != null) return canonical(sql, `(${opts.size})`);
  if (opts.precision != null) return canonical(sql, `(${opts.precision},${opts.scale ?? 0})`);
  if (name === 'string') return canonical(sql, '(255)');
  return canonical(sql, null);
}

/**
 * The column type of a `references(...)` column: ecto_sql turns the serial types into their plain
 * integer types (a foreign key is not itself a sequence); other types are used as they are.
 */
export function referenceColumnType(typeText: string): string {
  switch (typeText.trim()) {
    case ':serial':
      return ':integer';
    case ':bigserial':
    case ':identity':
      return ':bigint';
    default:
      return typeText.trim();
  }
}
