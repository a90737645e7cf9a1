/**
 * One live column → one field of the wire model (shared/model/schema.ts): its model type, size,
 * precision, scale and default. A column the model cannot type (an `interval`, a `point`) gives
 * null and a reason, which the caller reports as a warning.
 */
import type { ColumnState, EnumType } from '../model/database.js';
import type { DefaultValue, FieldDef } from '../model/index.js';
import type { ScalarType } from '../model/types.js';

export interface FieldProposal {
  field: FieldDef;
  /** What the field does not say about the column (a PostgreSQL enum type, a SQL default…). */
  notes: string[];
}

const SCALARS: Readonly<Record<string, ScalarType>> = {
  ':string': 'string',
  ':char': 'string',
  ':text': 'text',
  ':citext': 'text',
  ':smallint': 'integer',
  ':integer': 'integer',
  ':bigint': 'integer',
  ':serial': 'integer',
  ':bigserial': 'integer',
  ':smallserial': 'integer',
  ':real': 'float',
  ':float': 'float',
  ':decimal': 'decimal',
  ':boolean': 'boolean',
  ':map': 'map',
  ':json': 'map',
  ':uuid': 'uuid',
  ':binary': 'binary',
  ':date': 'date',
  ':time': 'time',
  ':time_usec': 'time_usec',
  ':naive_datetime': 'naive_datetime',
  ':naive_datetime_usec': 'naive_datetime_usec',
};

const ENUM_VALUE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The enum type a column's type names (`:order_status`, pg_type "billing.currency"), if any. */
export function enumOf(c: { type: string; pg_type: string | null }, enums: readonly EnumType[]) {
  const name = c.type.replace(/^\{:array, (.*)\}$/, '$1').replace(/^:"?|"$/g, '');
  const pg = (c.pg_type ?? '').replace(/\[\]$/, '');
  return (
    enums.find((e) => (e.prefix ? `${e.prefix}.${e.name}` : e.name) === pg) ??
    enums.find((e) => e.name === name && e.prefix === null) ??
    null
  );
}

type Typed = Pick<FieldDef, 'type' | 'inner' | 'values'> & { notes: string[] };

function scalarOf(c: ColumnState, type: string, enums: readonly EnumType[]): Typed | string {
  const e = enumOf({ type, pg_type: c.pg_type }, enums);
  if (e) {
    if (!e.values.every((v) => ENUM_VALUE.test(v))) {
      return `its enum type ${e.name} has values that are not Elixir atom names`;
    }
    return {
      type: 'enum',
      values: e.values,
      notes: [
        `is the PostgreSQL enum type ${e.prefix ? `${e.prefix}.` : ''}${e.name}; the schema uses Ecto.Enum over it, a generated migration would write a string column`,
      ],
    };
  }
  if (type === ':timestamptz') {
    return { type: c.precision === 0 ? 'utc_datetime' : 'utc_datetime_usec', notes: [] };
  }
  const scalar = SCALARS[type];
  if (!scalar) return `its type ${c.pg_type ?? type} has no Ecto type in the model`;
  const notes: string[] = [];
  if (type === ':citext' || type === ':char' || type === ':json' || type.endsWith('serial')) {
    notes.push(
      `is ${c.pg_type ?? type}; a generated migration would write ${scalar === 'text' ? ':text' : scalar === 'map' ? ':map (jsonb)' : scalar === 'string' ? 'varchar' : ':integer without a sequence'}`,
    );
  }
  return { type: scalar, notes };
}

/** The field for `c`, or a reason it has none. */
export function proposeField(c: ColumnState, enums: readonly EnumType[]): FieldProposal | string {
  const array = /^\{:array, (.*)\}$/.exec(c.type);
  const typed = scalarOf(c, array ? array[1]! : c.type, enums);
  if (typeof typed === 'string') return typed;
  const field: FieldDef = { name: c.name };
  if (array) {
    field.type = 'array';
    field.inner = typed.type === 'enum' ? 'enum' : (typed.type as ScalarType);
    if (typed.values) field.values = typed.values;
  } else {
    field.type = typed.type;
    if (typed.values) field.values = typed.values;
  }
  field.required = !c.null;
  if (
    !array &&
    (typed.type === 'string' || typed.type === 'binary') &&
    c.size !== null &&
    c.size !== 255
  ) {
    field.size = c.size;
  }
  if (!array && typed.type === 'decimal') {
    if (c.precision !== null) field.precision = c.precision;
    if (c.scale !== null && c.precision !== null) field.scale = c.scale;
  }
  const notes = [...typed.notes];
  if (c.type === ':string' && c.size === null)
    notes.push('is varchar without a length; a generated migration would write varchar(255)');
  if (c.default !== null) {
    const value = literalDefault(c.default, field);
    if (value === undefined)
      notes.push(
        `has the SQL default ${c.default}, which the model cannot hold (the database still applies it)`,
      );
    else field.default = value;
  }
  return { field, notes };
}

/**
 * The JSON value of a SQL literal default for `field`: `'draft'::character varying` → "draft",
 * `0` → 0, `false` → false, `'{}'::text[]` → [], `'{}'::jsonb` → {}; undefined when it is an
 * expression (`now()`, `gen_random_uuid()`).
 */
export function literalDefault(sql: string, field: FieldDef): DefaultValue | undefined {
  const s = sql.trim();
  const lit = /^'((?:[^']|'')*)'(?:::[\w\s."[\]()]+)?$/.exec(s);
  const text = lit ? lit[1]!.replace(/''/g, "'") : null;
  const num = /^\(?(-?\d+(?:\.\d+)?)\)?(?:::[\w\s]+)?$/.exec(s)?.[1] ?? null;
  switch (field.type) {
    case 'boolean':
      return s === 'true' ? true : s === 'false' ? false : undefined;
    case 'integer':
    case 'float': {
      const n = num ?? (text !== null && /^-?\d+(\.\d+)?$/.test(text) ? text : null);
      return n === null ? undefined : Number(n);
    }
    case 'decimal':
      return num ?? (text !== null && /^-?\d+(\.\d+)?$/.test(text) ? text : undefined);
    case 'map':
      if (text === null) return undefined;
      try {
        const v: unknown = JSON.parse(text);
        return v !== null && typeof v === 'object' && !Array.isArray(v)
          ? (v as Record<string, unknown>)
          : undefined;
      } catch {
        return undefined;
      }
    case 'array':
      return text === '{}' ? [] : undefined;
    case 'enum':
      return text !== null && field.values?.includes(text) ? text : undefined;
    case 'string':
    case 'text':
      return text ?? undefined;
    default:
      return undefined;
  }
}
