/**
 * The type table: every field type the model accepts, with what it becomes in an Ecto schema and in a
 * migration. One table feeds the parser, the validator, the generators and the published docs.
 */

export const SCALAR_TYPES = [
  'string',
  'text',
  'integer',
  'float',
  'decimal',
  'boolean',
  'map',
  'uuid',
  'binary',
  'date',
  'time',
  'time_usec',
  'naive_datetime',
  'naive_datetime_usec',
  'utc_datetime',
  'utc_datetime_usec',
  'id',
  'binary_id',
] as const;

/** Types with arguments: `array:<inner>`, `enum:<v1>:<v2>…`, `references:<table>`. */
export const COMPOUND_TYPES = ['array', 'enum', 'references'] as const;

export const FIELD_TYPES = [...SCALAR_TYPES, ...COMPOUND_TYPES] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type ScalarType = (typeof SCALAR_TYPES)[number];

/** Inner types of `array:` (`enum` needs values: `tags:array:enum:a:b`). */
export const ARRAY_INNER_TYPES = [...SCALAR_TYPES, 'enum'] as const;
export type ArrayInnerType = (typeof ARRAY_INNER_TYPES)[number];

/** Inner types of `map:` (a map whose values all have this type). */
export const MAP_INNER_TYPES = ARRAY_INNER_TYPES.filter((t) => t !== 'enum' && t !== 'map');

export const TIMESTAMP_TYPES = [
  'naive_datetime',
  'naive_datetime_usec',
  'utc_datetime',
  'utc_datetime_usec',
] as const;
export type TimestampType = (typeof TIMESTAMP_TYPES)[number];

/** Dates and times: their generated test values come from the clock. */
export const TEMPORAL_TYPES = ['date', 'time', 'time_usec', ...TIMESTAMP_TYPES] as const;

export const PRIMARY_KEY_TYPES = ['id', 'binary_id'] as const;
export type PrimaryKeyType = (typeof PRIMARY_KEY_TYPES)[number];

export const ON_DELETE = ['nothing', 'delete_all', 'nilify_all', 'restrict'] as const;
export type OnDelete = (typeof ON_DELETE)[number];

export const ASSOCIATION_KINDS = ['belongs_to', 'has_many', 'has_one', 'many_to_many'] as const;
export type AssociationKind = (typeof ASSOCIATION_KINDS)[number];

/** Aliases accepted by the spec parser (Phoenix accepts `datetime` for `naive_datetime`). */
export const TYPE_ALIASES: Readonly<Record<string, FieldType>> = {
  datetime: 'naive_datetime',
};

/** Ecto schema type literal of a scalar (array/map inner types use the same table). */
export const ECTO_SCHEMA_TYPE: Readonly<Record<ScalarType, string>> = {
  string: ':string',
  text: ':string',
  integer: ':integer',
  float: ':float',
  decimal: ':decimal',
  boolean: ':boolean',
  map: ':map',
  uuid: 'Ecto.UUID',
  binary: ':binary',
  date: ':date',
  time: ':time',
  time_usec: ':time_usec',
  naive_datetime: ':naive_datetime',
  naive_datetime_usec: ':naive_datetime_usec',
  utc_datetime: ':utc_datetime',
  utc_datetime_usec: ':utc_datetime_usec',
  id: ':id',
  binary_id: ':binary_id',
};

/** Migration column type of a scalar. */
export const MIGRATION_TYPE: Readonly<Record<ScalarType, string>> = {
  string: ':string',
  text: ':text',
  integer: ':integer',
  float: ':float',
  decimal: ':decimal',
  boolean: ':boolean',
  map: ':map',
  uuid: ':uuid',
  binary: ':binary',
  date: ':date',
  time: ':time',
  time_usec: ':time_usec',
  naive_datetime: ':naive_datetime',
  naive_datetime_usec: ':naive_datetime_usec',
  utc_datetime: ':utc_datetime',
  utc_datetime_usec: ':utc_datetime_usec',
  id: ':bigint',
  binary_id: ':binary_id',
};

/** One-line descriptions for docs and for the LLM-facing type table. */
export const TYPE_DOCS: Readonly<Record<FieldType, string>> = {
  string: 'short text (varchar, 255 by default; `size` changes it)',
  text: 'long text (`:string` in the schema, `:text` column)',
  integer: 'whole number',
  float: 'binary floating point (not for money: use decimal)',
  decimal: 'exact decimal (money); `precision`/`scale` set the column',
  boolean: 'true/false',
  map: 'JSON object (jsonb on PostgreSQL); `inner` types its values',
  uuid: 'a UUID value that is not a key (`Ecto.UUID`)',
  binary: 'raw bytes (bytea)',
  date: 'calendar date',
  time: 'time of day, seconds',
  time_usec: 'time of day, microseconds',
  naive_datetime: 'date and time without zone, seconds (`datetime` is an alias)',
  naive_datetime_usec: 'date and time without zone, microseconds',
  utc_datetime: 'UTC timestamp, seconds',
  utc_datetime_usec: 'UTC timestamp, microseconds',
  id: 'an integer key value (bigint) that is not an association',
  binary_id: 'a UUID key value that is not an association',
  array:
    'list of `inner` values (PostgreSQL arrays); `inner: enum` with `values` for a list of enums',
  enum: 'one of `values` (`Ecto.Enum`, string column)',
  references:
    'a foreign key column to `references.table` without an association (Phoenix `references:`); prefer a belongs_to association',
};
