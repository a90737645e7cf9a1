/** Normalization of one field: type, inner type, enum values, references, size and defaults. */
import type { FieldDef } from '../schema.js';
import type { DefaultValue, Field } from '../normalized.js';
import type { ArrayInnerType } from '../types.js';
import { checkDefault } from './defaults.js';
import { describeValue, type Report } from './report.js';
import { checkValidations } from './validations.js';

interface FieldCtx {
  f: FieldDef;
  type: Field['type'];
  /** Path of the field in the model, e.g. "schemas[0].fields[2]". */
  p: string;
  /** "Blog.Post field \"title\"", for messages. */
  where: string;
  err: Report;
}

export function normalizeField(
  f: FieldDef,
  p: string,
  module: string,
  embedded: boolean,
  err: Report,
): Field {
  const type = f.type ?? 'string';
  const c: FieldCtx = { f, type, p, where: `${module} field "${f.name}"`, err };
  const where = c.where;
  const inner = innerType(c);
  const values = enumValues(c, inner);
  const references = fieldReferences(c, embedded);
  const required = f.required ?? !(type === 'map' || type === 'references');
  checkColumnOptions(c, embedded);

  let dflt: DefaultValue | undefined = f.default as DefaultValue | undefined;
  if (dflt !== undefined) {
    const problem = checkDefault(dflt, type, inner, values, f.size);
    if (problem) err(`${p}.default`, `${where}: default ${describeValue(dflt)} ${problem}`);
  } else if (type === 'boolean') {
    dflt = false;
  }
  const validations = f.validations ?? {};
  checkValidations(validations, type, where, p, err);
  return {
    name: f.name,
    type,
    inner,
    values,
    references,
    required,
    unique: f.unique ?? false,
    redact: f.redact ?? false,
    null: f.null ?? !required,
    cast: f.cast ?? true,
    default: dflt,
    size: f.size ?? null,
    precision: f.precision ?? null,
    scale: f.scale ?? null,
    validations,
    ...(f.source !== undefined ? { source: f.source } : {}),
  };
}

/** The element type of an array or the value type of a map; null for other types. */
function innerType({ f, type, p, where, err }: FieldCtx): ArrayInnerType | null {
  let inner: ArrayInnerType | null = null;
  if (type === 'array') {
    if (!f.inner)
      err(
        `${p}.inner`,
        `${where} is an array without an element type; set inner, e.g. "string" (array:string). Valid: string, integer, …, enum.`,
      );
    inner = f.inner ?? 'string';
  } else if (type === 'map') {
    if (f.inner === 'enum' || f.inner === 'map')
      err(
        `${p}.inner`,
        `${where}: map values cannot be of type ${f.inner}; use a scalar type such as string or integer, or leave inner out.`,
      );
    inner = f.inner ?? null;
  } else if (f.inner !== undefined) {
    err(
      `${p}.inner`,
      `${where}: inner applies to array and map fields only, not ${type}; remove it.`,
    );
  }
  return inner;
}

/** The values of an enum (or array of enums); null for other types. */
function enumValues(
  { f, type, p, where, err }: FieldCtx,
  inner: ArrayInnerType | null,
): string[] | null {
  let values: string[] | null = null;
  if (type === 'enum' || inner === 'enum') {
    if (!f.values || f.values.length === 0) {
      err(
        `${p}.values`,
        `${where} is an enum without values; list them, e.g. values ["draft", "published"] (enum:draft:published).`,
      );
    } else {
      const dup = f.values.find((v, k) => f.values!.indexOf(v) !== k);
      if (dup !== undefined) err(`${p}.values`, `${where}: enum value "${dup}" is listed twice.`);
      const special = f.values.find((v) => v === 'nil' || v === 'true' || v === 'false');
      if (special !== undefined)
        err(
          `${p}.values`,
          `${where}: "${special}" cannot be an enum value (in Elixir :${special} is ${special}, so Ecto.Enum cannot tell it from ${special === 'nil' ? 'a missing value' : 'a boolean'}); rename it, e.g. "${special}_value".`,
        );
    }
    values = f.values ?? [];
  } else if (f.values !== undefined) {
    err(
      `${p}.values`,
      `${where}: values apply to enum fields only, not ${type}; remove them or set type "enum".`,
    );
  }
  return values;
}

/** The referenced table of a `references` field; null for other types. */
function fieldReferences(
  { f, type, p, where, err }: FieldCtx,
  embedded: boolean,
): Field['references'] {
  let references: Field['references'] = null;
  if (type === 'references') {
    if (!f.references)
      err(
        `${p}.references`,
        `${where} is a references field without a table; set references.table (e.g. user_id:references:users).`,
      );
    if (embedded)
      err(
        `${p}.type`,
        `${where}: embedded schemas have no table and cannot reference one; use a plain field of type id or binary_id.`,
      );
    references = {
      table: f.references?.table ?? 'unknown',
      on_delete: f.references?.on_delete ?? 'nothing',
      type: f.references?.type ?? 'id',
    };
  } else if (f.references !== undefined) {
    err(
      `${p}.references`,
      `${where}: references applies to fields of type references only; remove it or use a belongs_to association.`,
    );
  }
  return references;
}

/** size, precision, scale and unique: each applies to some column types only. */
function checkColumnOptions({ f, type, p, where, err }: FieldCtx, embedded: boolean): void {
  if (f.size !== undefined && type !== 'string' && type !== 'binary') {
    err(`${p}.size`, `${where}: size applies to string and binary fields only, not ${type}.`);
  }
  if ((f.precision !== undefined || f.scale !== undefined) && type !== 'decimal') {
    err(
      `${p}.${f.precision !== undefined ? 'precision' : 'scale'}`,
      `${where}: precision and scale apply to decimal fields only, not ${type}.`,
    );
  }
  if (f.scale !== undefined && f.precision === undefined) {
    err(`${p}.scale`, `${where}: scale needs precision too (e.g. precision=10 scale=2).`);
  }
  if (f.scale !== undefined && f.precision !== undefined && f.scale > f.precision) {
    err(`${p}.scale`, `${where}: scale ${f.scale} is greater than precision ${f.precision}.`);
  }
  if (f.unique && embedded)
    err(
      `${p}.unique`,
      `${where}: embedded schemas have no table, so unique indexes do not apply; remove unique.`,
    );
  if (f.source !== undefined && type === 'references')
    err(
      `${p}.source`,
      `${where}: a references field is its own column; remove source (or use a belongs_to with foreign_key).`,
    );
  if (f.source !== undefined && f.source === f.name)
    err(`${p}.source`, `${where}: source equals the field name; remove source.`);
  if (f.unique && (type === 'map' || type === 'array'))
    err(
      `${p}.unique`,
      `${where}: a unique index on a ${type} column is not supported; remove unique.`,
    );
}
