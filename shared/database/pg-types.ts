/**
 * From a live column's catalog type to the Ecto migration type that would create it, with the
 * size/precision/scale its type modifier encodes. The inverse of what Ecto's PostgreSQL adapter
 * does for `add :name, type, opts`: `character varying(255)` ← `:string`, `timestamp(0) without
 * time zone` ← `:naive_datetime`, `bigint` with a sequence default ← `:bigserial`.
 */

export interface CatalogType {
  /** pg_type.typname: "int8", "varchar", "_text", "mood". */
  typname: string;
  /** pg_type.typtype: b base, e enum, d domain, c composite, r range… */
  typtype: string;
  /** For arrays: the element's typname and typtype. */
  elem_typname: string | null;
  elem_typtype: string | null;
  /** pg_attribute.atttypmod (-1 when none). */
  typmod: number;
}

export interface MigrationType {
  /** ":string", "{:array, :text}", ":mood". */
  type: string;
  size: number | null;
  precision: number | null;
  scale: number | null;
}

const SIMPLE: Readonly<Record<string, string>> = {
  int2: ':smallint',
  int4: ':integer',
  int8: ':bigint',
  float4: ':real',
  float8: ':float',
  bool: ':boolean',
  text: ':text',
  citext: ':citext',
  uuid: ':uuid',
  jsonb: ':map',
  json: ':json',
  bytea: ':binary',
  date: ':date',
  varchar: ':string',
  bpchar: ':char',
  numeric: ':decimal',
  timestamptz: ':timestamptz',
  timetz: ':timetz',
};

/** The modifier-derived facets of one (element) type. */
function facets(typname: string, typmod: number): Omit<MigrationType, 'type'> {
  const none = { size: null, precision: null, scale: null };
  if (typmod < 0) return none;
  switch (typname) {
    case 'varchar':
    case 'bpchar':
      return { ...none, size: typmod - 4 };
    case 'numeric': {
      const m = typmod - 4;
      return { size: null, precision: (m >> 16) & 0xffff, scale: m & 0xffff };
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'timetz':
      return { ...none, precision: typmod };
    default:
      return none;
  }
}

/** timestamp/time: Ecto's seconds type at precision 0, its _usec type otherwise. */
function temporal(typname: string, precision: number | null): { type: string; keep: boolean } {
  if (typname === 'timestamp') {
    if (precision === 0) return { type: ':naive_datetime', keep: false };
    return { type: ':naive_datetime_usec', keep: precision !== null && precision !== 6 };
  }
  if (precision === 0) return { type: ':time', keep: false };
  return { type: ':time_usec', keep: precision !== null && precision !== 6 };
}

function scalar(typname: string, typmod: number): MigrationType {
  const f = facets(typname, typmod);
  if (typname === 'timestamp' || typname === 'time') {
    const t = temporal(typname, f.precision);
    return { ...f, type: t.type, precision: t.keep ? f.precision : null };
  }
  return { ...f, type: SIMPLE[typname] ?? `:${atomText(typname)}` };
}

/** An atom's text: bare when Elixir allows it, else quoted (`:"my type"`). */
function atomText(name: string): string {
  return /^[a-z_][a-zA-Z0-9_]*[?!]?$/.test(name) ? name : JSON.stringify(name);
}

/**
 * The migration type of a live column. `serial` says the column's default is its own sequence
 * (`nextval('…_seq'::regclass)`) or it is an identity: `:serial`/`:bigserial` then.
 */
export function migrationTypeOf(t: CatalogType, serial: boolean): MigrationType {
  if (t.elem_typname !== null) {
    const inner = scalar(t.elem_typname, t.typmod);
    return { ...inner, type: `{:array, ${inner.type}}` };
  }
  if (serial && t.typname === 'int8')
    return { type: ':bigserial', size: null, precision: null, scale: null };
  if (serial && t.typname === 'int4')
    return { type: ':serial', size: null, precision: null, scale: null };
  if (serial && t.typname === 'int2')
    return { type: ':smallserial', size: null, precision: null, scale: null };
  return scalar(t.typname, t.typmod);
}

/** True for the default PostgreSQL gives a serial column: `nextval('x_id_seq'::regclass)`. */
export function isSequenceDefault(sql: string | null): boolean {
  return sql !== null && /^nextval\('[^']+'::regclass\)$/.test(sql);
}
