/**
 * Column types as PostgreSQL stores them, and what changing one into another does to the rows.
 *
 * A database state keeps types as the migration wrote them (`:string`, `{:array, :text}`), and the
 * model yields the same notation, but different Ecto types share one PostgreSQL type
 * (`:utc_datetime` and `:naive_datetime` are both `timestamp(0)`; `:uuid` and `:binary_id` are both
 * `uuid`), and `size`/`precision`/`scale` are options beside the type. So two columns are compared
 * here, as the SQL type the PostgreSQL adapter of Ecto SQL 3.13 creates for them, and a change of
 * type is classified by what `ALTER COLUMN … TYPE` does to existing values:
 *
 * - `same`: nothing to migrate;
 * - `safe`: every value converts without loss (the widenings listed in {@link classifyConversion});
 * - `lossy`: PostgreSQL converts automatically, but some values fail the migration or lose
 *   information (a destructive change);
 * - `impossible`: PostgreSQL has no automatic (assignment) conversion, so `modify` would fail on
 *   the first run; such a change needs a hand-written migration.
 *
 * The issue-18 state reader fills `pg_type` with the same knowledge; when that lands, the two
 * should share one table (see the report of issue 19).
 */

export interface PgType {
  /** `integer`, `bigint`, `numeric`, `varchar`, `timestamp`, … or an unknown type's own name. */
  base: string;
  /** varchar length (null: unbounded), numeric precision, time/timestamp fractional digits. */
  precision: number | null;
  /** numeric scale. */
  scale: number | null;
  /** Array element type, when `base` is `array`. */
  element: PgType | null;
}

export interface TypeOptions {
  size: number | null;
  precision: number | null;
  scale: number | null;
}

const SIMPLE: Readonly<Record<string, string>> = {
  id: 'integer',
  integer: 'integer',
  serial: 'integer',
  bigint: 'bigint',
  bigserial: 'bigint',
  identity: 'bigint',
  smallint: 'smallint',
  binary_id: 'uuid',
  uuid: 'uuid',
  text: 'text',
  binary: 'bytea',
  map: 'jsonb',
  boolean: 'boolean',
  date: 'date',
  float: 'float8',
};

const TEMPORAL: Readonly<Record<string, [string, number | null]>> = {
  time: ['time', 0],
  naive_datetime: ['timestamp', 0],
  utc_datetime: ['timestamp', 0],
  time_usec: ['time', null],
  naive_datetime_usec: ['timestamp', null],
  utc_datetime_usec: ['timestamp', null],
};

const t = (base: string, precision: number | null = null, scale: number | null = null): PgType => ({
  base,
  precision,
  scale,
  element: null,
});

/**
 * The PostgreSQL type of a migration column type (`:string`, `{:array, :integer}`) with its
 * options; null for a type written as a module or an expression (unknown here).
 */
export function pgTypeOf(type: string, opts: TypeOptions): PgType | null {
  const s = type.trim();
  const arr = /^\{\s*:array\s*,\s*(.+)\}$/.exec(s);
  if (arr) {
    const element = pgTypeOf(arr[1] as string, opts);
    return element === null ? null : { base: 'array', precision: null, scale: null, element };
  }
  const atom = /^:([a-z_][a-z0-9_]*)$/.exec(s)?.[1];
  if (atom === undefined) return null;
  if (atom === 'string') return t('varchar', opts.size ?? 255);
  if (atom === 'decimal' || atom === 'numeric') {
    return opts.precision === null ? t('numeric') : t('numeric', opts.precision, opts.scale ?? 0);
  }
  const temporal = TEMPORAL[atom];
  if (temporal) {
    const [base, fixed] = temporal;
    return t(base, fixed ?? opts.precision ?? 6);
  }
  const simple = SIMPLE[atom];
  // bytea takes no length: the model's size only caps validate_length there.
  if (simple !== undefined) return t(simple);
  // Ecto writes any other atom as the type's name (`:citext` → citext), with the size if given.
  return t(atom, opts.size);
}

/** A short SQL spelling for comparisons and messages: `varchar(255)`, `numeric(10,2)`, `text[]`. */
export function pgTypeText(p: PgType): string {
  if (p.base === 'array' && p.element) return `${pgTypeText(p.element)}[]`;
  if (p.base === 'numeric' && p.precision !== null)
    return `numeric(${p.precision},${p.scale ?? 0})`;
  if (p.base === 'timestamp' || p.base === 'time') {
    return p.precision === 6 ? p.base : `${p.base}(${p.precision ?? 6})`;
  }
  return p.precision === null ? p.base : `${p.base}(${p.precision})`;
}

export function samePgType(a: PgType, b: PgType): boolean {
  return pgTypeText(a) === pgTypeText(b);
}

export type ConversionKind = 'same' | 'safe' | 'lossy' | 'impossible';

export interface Conversion {
  kind: ConversionKind;
  /** What happens to existing values (for lossy and impossible; empty otherwise). */
  consequence: string;
}

const INT_BYTES: Readonly<Record<string, number>> = { smallint: 2, integer: 4, bigint: 8 };
/** Decimal digits every value of the integer type fits in. */
const INT_DIGITS: Readonly<Record<string, number>> = { smallint: 5, integer: 10, bigint: 19 };
const STRING_TYPES = new Set(['varchar', 'text']);
/** Types whose every value has a text form that reads back as the same value. */
const TEXTUAL = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'float8',
  'boolean',
  'date',
  'time',
  'timestamp',
  'uuid',
  'jsonb',
]);

const ok = (kind: 'same' | 'safe'): Conversion => ({ kind, consequence: '' });
const lossy = (consequence: string): Conversion => ({ kind: 'lossy', consequence });

/**
 * What `ALTER COLUMN … TYPE <to>` does to values of type `from`. The safe widenings, explicitly:
 * smallint → integer → bigint; an integer type → numeric with room for all its digits, or
 * unbounded numeric; smallint/integer → float8; numeric(p,s) → numeric with at least as many
 * integer and fraction digits, or unbounded; varchar(n) → varchar(m ≥ n) or text; a numeric,
 * boolean, date/time, uuid or jsonb value → text; date → timestamp; time/timestamp → more
 * fractional digits; arrays whose elements convert safely. Everything else that PostgreSQL
 * converts on its own is lossy; the rest is impossible without a hand-written `USING`.
 */
export function classifyConversion(from: PgType, to: PgType): Conversion {
  const a = pgTypeText(from);
  const b = pgTypeText(to);
  if (a === b) return ok('same');
  if (from.base === 'array' || to.base === 'array') {
    if (from.base !== 'array' || to.base !== 'array' || !from.element || !to.element) {
      return impossible(a, b);
    }
    const inner = classifyConversion(from.element, to.element);
    if (inner.kind === 'lossy') return lossy(`in every element: ${inner.consequence}`);
    return inner.kind === 'impossible' ? impossible(a, b) : inner;
  }
  const fi = INT_BYTES[from.base];
  const ti = INT_BYTES[to.base];
  if (fi !== undefined && ti !== undefined) {
    return ti >= fi ? ok('safe') : lossy(`values outside ${b}'s range make the migration fail`);
  }
  if (fi !== undefined && to.base === 'numeric') {
    const room = to.precision === null ? Infinity : to.precision - (to.scale ?? 0);
    return room >= (INT_DIGITS[from.base] ?? 19)
      ? ok('safe')
      : lossy(`values with more than ${room} digits make the migration fail`);
  }
  if (fi !== undefined && to.base === 'float8') {
    return fi <= 4 ? ok('safe') : lossy('integers beyond 2^53 are rounded');
  }
  if (ti !== undefined && (from.base === 'numeric' || from.base === 'float8')) {
    return lossy(`fractions are rounded away, and values outside ${b}'s range fail the migration`);
  }
  if (from.base === 'numeric' && to.base === 'numeric') return numericToNumeric(from, to, b);
  if (from.base === 'numeric' && to.base === 'float8') {
    return lossy('digits beyond double precision are rounded');
  }
  if (from.base === 'float8' && to.base === 'numeric') {
    return lossy(`values are rounded to ${b}, and NaN or infinities may fail the migration`);
  }
  if (STRING_TYPES.has(to.base)) return toString(from, to, a, b);
  if (STRING_TYPES.has(from.base)) return impossible(a, b);
  if (from.base === to.base && (from.base === 'timestamp' || from.base === 'time')) {
    return (to.precision ?? 6) >= (from.precision ?? 6)
      ? ok('safe')
      : lossy(`fractional seconds beyond ${to.precision ?? 6} digits are rounded away`);
  }
  if (from.base === 'date' && to.base === 'timestamp') return ok('safe');
  if (from.base === 'timestamp' && to.base === 'date') return lossy('the time of day is lost');
  if (from.base === 'timestamp' && to.base === 'time') return lossy('the date is lost');
  return impossible(a, b);
}

function numericToNumeric(from: PgType, to: PgType, b: string): Conversion {
  if (to.precision === null) return ok('safe');
  if (from.precision === null) {
    return lossy(`values are rounded to ${b}, and larger ones make the migration fail`);
  }
  const intDigits = (p: PgType) => (p.precision ?? 0) - (p.scale ?? 0);
  if (intDigits(to) < intDigits(from)) {
    return lossy(`values with more than ${intDigits(to)} integer digits make the migration fail`);
  }
  if ((to.scale ?? 0) < (from.scale ?? 0)) {
    return lossy(`fractions are rounded to ${to.scale ?? 0} decimal places`);
  }
  return ok('safe');
}

function toString(from: PgType, to: PgType, a: string, b: string): Conversion {
  const limit = to.base === 'varchar' ? to.precision : null;
  if (from.base === 'varchar' || from.base === 'text') {
    if (limit === null) return ok('safe');
    if (from.base === 'varchar' && from.precision !== null && from.precision <= limit) {
      return ok('safe');
    }
    return lossy(`values longer than ${limit} characters make the migration fail`);
  }
  if (!TEXTUAL.has(from.base)) return impossible(a, b);
  return limit === null
    ? ok('safe')
    : lossy(`values whose text is longer than ${limit} characters make the migration fail`);
}

function impossible(a: string, b: string): Conversion {
  return {
    kind: 'impossible',
    consequence: `PostgreSQL cannot convert ${a} to ${b} on its own, so the migration would fail; write it by hand (ALTER COLUMN … TYPE … USING), or add a new field and copy the values`,
  };
}
