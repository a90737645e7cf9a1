/**
 * Validation and normalization of the wire model (docs/ARCHITECTURE.md, "One call, end to end"): everything Phoenix silently accepts
 * and we reject (reserved words, clashes, unknown types or targets, defaults that do not fit), with
 * exact paths and messages that name the bad value and the fix. Returns the normalized model with
 * every default filled and every association resolved (FK types, tables, inverse has_many).
 */
import { pluralize, underscore } from '../naming/index.js';
import { RESERVED_NAMES } from './reserved.js';
import type { AppDef, AssociationDef, FieldDef, IndexDef, SchemaDef } from './schema.js';
import type {
  App,
  Association,
  BelongsTo,
  DefaultValue,
  Field,
  HasMany,
  Index,
  Issue,
  ManyToMany,
  Model,
  Schema,
} from './normalized.js';
import type { ArrayInnerType, PrimaryKeyType } from './types.js';

/** A schema that already exists in the project (from list_ecto_schemas), for resolving targets. */
export interface KnownSchema {
  /** Module relative to the app base, e.g. "Accounts.User". */
  module: string;
  table: string | null;
  primary_key: { name: string; type: PrimaryKeyType } | false;
  embedded?: boolean;
}

export interface NormalizeInput {
  app?: AppDef | null;
  schemas: SchemaDef[];
}

export interface NormalizeOptions {
  known?: KnownSchema[];
}

export interface NormalizeResult {
  /** null when there are errors. */
  model: Model | null;
  errors: Issue[];
  warnings: Issue[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const NAIVE_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UTC_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Last segment of a module name. */
export function lastSegment(module: string): string {
  const parts = module.split('.');
  return parts[parts.length - 1] ?? module;
}

/** Namespace of a module ("Blog" for "Blog.Post"), or null for a single segment. */
export function namespaceOf(module: string): string | null {
  const i = module.lastIndexOf('.');
  return i < 0 ? null : module.slice(0, i);
}

/** The FK column Ecto derives for has_many/has_one/many_to_many owners: "<underscored last segment>_id". */
export function ownerKey(module: string): string {
  return `${underscore(lastSegment(module))}_id`;
}

export function defaultTable(module: string): string {
  return pluralize(underscore(lastSegment(module)));
}

export function defaultIndexName(table: string, columns: string[]): string {
  return `${table}_${columns.join('_')}_index`;
}

/**
 * What a JavaScript regex (checked with the `u` flag) uses that Elixir's PCRE rejects or reads
 * differently, or undefined: `\\u`, `\\U`, `\\l`, `\\L` and `\\N{…}` do not compile in PCRE; `[]`
 * and `[^]` are complete classes in JavaScript but start a class containing "]" in PCRE; a
 * lookbehind must have a fixed length in PCRE (no `*`, `+`, `?` or `{n,m}` inside it).
 */
export function pcreProblem(src: string): string | undefined {
  let inClass = false;
  const groups: boolean[] = []; // per open group: is it a lookbehind?
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n !== undefined && 'uUlL'.includes(n)) {
        return `uses \\${n}, which Elixir's regex engine (PCRE) does not support (write the character itself)`;
      }
      if (n === 'N' && src[i + 2] === '{') {
        return "uses \\N{…}, which Elixir's regex engine (PCRE) does not support";
      }
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      const rest = src.slice(i + 1);
      if (rest.startsWith(']') || rest.startsWith('^]')) {
        return `uses ${rest.startsWith('^') ? '[^]' : '[]'}, which Elixir's regex engine (PCRE) reads as the start of a class containing "]"`;
      }
      inClass = true;
    } else if (c === '(') {
      groups.push(src.startsWith('(?<=', i) || src.startsWith('(?<!', i));
      if (src[i + 1] === '?') i++; // group syntax, not a quantifier
    } else if (c === ')') {
      groups.pop();
    } else if (groups.includes(true)) {
      const range = c === '{' ? /^\{(\d+),(\d*)\}/.exec(src.slice(i)) : null;
      if (c === '*' || c === '+' || c === '?' || (range !== null && range[1] !== range[2])) {
        return "has a lookbehind of variable length, which Elixir's regex engine (PCRE) does not support";
      }
    }
  }
  return undefined;
}

/** Strips "MyApp." from a fully-qualified module when the app is known. */
function relativeModule(module: string, app: App | null): string {
  if (app && module.startsWith(`${app.base_module}.`))
    return module.slice(app.base_module.length + 1);
  return module;
}

function describeValue(v: unknown): string {
  return JSON.stringify(v);
}

export function normalizeModel(
  input: NormalizeInput,
  opts: NormalizeOptions = {},
): NormalizeResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const warn = (path: string, message: string) => warnings.push({ path, message });

  const app: App | null = input.app
    ? {
        otp_app: input.app.otp_app,
        base_module: input.app.base_module,
        repo: input.app.repo ?? `${input.app.base_module}.Repo`,
      }
    : null;

  // Pass 1: schema-level values and fields.
  const schemas: Schema[] = input.schemas.map((def, i) => normalizeSchemaShell(def, i, app, err));
  const byModule = new Map<string, number>();
  const byTable = new Map<string, number>();
  schemas.forEach((s, i) => {
    const p = `schemas[${i}]`;
    const prev = byModule.get(s.module);
    if (prev !== undefined) {
      err(
        `${p}.module`,
        `${s.module} appears twice in the batch (schemas[${prev}] and schemas[${i}]); merge them into one schema.`,
      );
    } else byModule.set(s.module, i);
    if (!s.embedded) {
      const prevT = byTable.get(s.table);
      if (prevT !== undefined) {
        err(
          `${p}.table`,
          `Table "${s.table}" is used by both ${schemas[prevT]?.module} and ${s.module}; give one of them another table.`,
        );
      } else byTable.set(s.table, i);
    }
  });
  const known = new Map<string, KnownSchema>();
  for (const k of opts.known ?? []) known.set(relativeModule(k.module, app), k);
  const knownByTable = new Map<string, KnownSchema>();
  for (const k of opts.known ?? []) if (k.table) knownByTable.set(k.table, k);

  // Context and app-name checks need the whole batch.
  schemas.forEach((s, i) => {
    const p = `schemas[${i}]`;
    if (s.context !== null) {
      if (lastSegment(s.context) === lastSegment(s.module)) {
        err(
          `${p}.context`,
          `The context and the schema should have different names: context ${s.context}, schema ${s.module}. Rename the context (e.g. "${pluralize(lastSegment(s.module))}") or the schema.`,
        );
      }
      const clash = byModule.get(s.context);
      if (clash !== undefined) {
        err(
          `${p}.context`,
          `Context ${s.context} has the same module name as the schema in schemas[${clash}]; their files would collide. Rename one of them.`,
        );
      }
      if (namespaceOf(s.module) !== null && !s.module.startsWith(`${s.context}.`)) {
        warn(
          `${p}.context`,
          `Schema ${s.module} does not live under its context ${s.context}; Phoenix convention is ${s.context}.${lastSegment(s.module)}.`,
        );
      }
    }
    if (app) {
      if (s.module === app.base_module || s.module.split('.')[0] === app.base_module) {
        err(
          `${p}.module`,
          `Schema module ${s.module} repeats the application name ${app.base_module}; give it relative to the application, e.g. "${s.module.split('.').slice(1).join('.') || 'Blog.Post'}".`,
        );
      }
      if (s.context === app.base_module) {
        err(
          `${p}.context`,
          `Cannot generate context ${s.context} because it has the same name as the application; choose another context name.`,
        );
      }
    }
  });

  const pkTypeOf = (idx: number | null, mod: string): PrimaryKeyType | false | null => {
    if (idx !== null) {
      const pk = schemas[idx]?.primary_key;
      return pk === undefined ? null : pk === false ? false : pk.type;
    }
    const k = known.get(mod);
    if (k) return k.primary_key === false ? false : k.primary_key.type;
    return null;
  };
  const ownType = (s: Schema): PrimaryKeyType =>
    s.primary_key === false ? 'id' : s.primary_key.type;

  // Pass 2: fields that reference tables, and associations.
  schemas.forEach((s, i) => {
    const def = input.schemas[i]!;
    const p = `schemas[${i}]`;
    for (const f of s.fields) {
      if (f.references) {
        const ti = byTable.get(f.references.table);
        const explicit = def.fields?.find((d) => d.name === f.name)?.references?.type;
        if (!explicit) {
          if (ti !== undefined) {
            const t = pkTypeOf(ti, schemas[ti]!.module);
            if (t) f.references.type = t;
          } else {
            const k = knownByTable.get(f.references.table);
            f.references.type = k && k.primary_key !== false ? k.primary_key.type : ownType(s);
          }
        }
      }
    }
    s.associations = (def.associations ?? []).map((a, j) =>
      normalizeAssociation(a, `${p}.associations[${j}]`, s, {
        app,
        err,
        warn,
        byModule,
        schemas,
        known,
        pkTypeOf,
        ownType,
      }),
    );
  });

  // Pass 3: inverse associations inside the batch.
  schemas.forEach((s, i) => {
    s.associations.forEach((a, j) => {
      if (a.kind !== 'belongs_to' || a.target_index === null || a.inverse === 'none') return;
      const target = schemas[a.target_index]!;
      if (target.embedded) return;
      const name =
        a.inverse_name ?? (a.inverse === 'has_many' ? s.table : underscore(lastSegment(s.module)));
      const already = target.associations.some(
        (t) =>
          (t.kind === 'has_many' || t.kind === 'has_one') &&
          t.target === s.module &&
          t.foreign_key === a.foreign_key,
      );
      if (already) return;
      if (
        target.associations.some((t) => t.name === name) ||
        target.fields.some((f) => f.name === name)
      ) {
        warn(
          `schemas[${i}].associations[${j}].inverse_name`,
          `${target.module} already has a field or association named "${name}", so the inverse ${a.inverse} of ${s.module}.${a.name} was not added; set inverse_name to add it under another name, or inverse "none".`,
        );
        return;
      }
      const inv: HasMany = {
        kind: a.inverse,
        name,
        target: s.module,
        target_index: i,
        inferred: true,
        foreign_key: a.foreign_key,
      };
      target.associations.push(inv);
    });
  });

  // Pass 4: name clashes, has_many back-references, indexes, join tables.
  const joinTables = new Map<string, { tables: string; path: string }>();
  schemas.forEach((s, i) => {
    const p = `schemas[${i}]`;
    checkNames(s, input.schemas[i]!, p, err);
    s.associations.forEach((a, j) => {
      const ap = `${p}.associations[${j}]`;
      // Derived column and table names (<name>_id, <owner>_id, join tables) can pass
      // PostgreSQL's limit even when every name given is within it; it would truncate them.
      const derived = a.kind === 'many_to_many' ? [a.join_table, ...a.join_keys] : [a.foreign_key];
      const long = a.inferred ? undefined : derived.find((n) => n.length > 63);
      if (long !== undefined) {
        err(
          ap,
          `${s.module}.${a.name}: the derived name "${long}" is longer than PostgreSQL's 63-character identifier limit; set a shorter ${a.kind === 'many_to_many' ? 'join_table' : 'foreign_key'} or name.`,
        );
      }
      if (
        (a.kind === 'has_many' || a.kind === 'has_one') &&
        a.target_index !== null &&
        !a.inferred
      ) {
        const t = schemas[a.target_index]!;
        const has =
          t.fields.some((f) => f.name === a.foreign_key) ||
          t.associations.some((b) => b.kind === 'belongs_to' && b.foreign_key === a.foreign_key);
        if (!has) {
          warn(
            ap,
            `${s.module}.${a.name} (${a.kind}) expects a "${a.foreign_key}" column on ${t.module}, which it lacks; add "${underscore(lastSegment(s.module))}:belongs_to:${s.module}" to ${t.module}.`,
          );
        }
      }
      if (a.kind === 'many_to_many') {
        const pair = [s.table, a.target_table].sort().join('+');
        const prev = joinTables.get(a.join_table);
        if (prev && prev.tables !== pair) {
          err(
            `${ap}.join_table`,
            `Join table "${a.join_table}" is also used at ${prev.path} for a different pair of tables; give one of them another join_table.`,
          );
        } else if (!prev) joinTables.set(a.join_table, { tables: pair, path: ap });
        if (byTable.has(a.join_table)) {
          err(
            `${ap}.join_table`,
            `Join table "${a.join_table}" has the same name as the table of ${schemas[byTable.get(a.join_table)!]!.module}; choose another join_table.`,
          );
        }
      }
    });
    s.indexes = buildIndexes(s, input.schemas[i]!.indexes ?? [], p, err);
  });

  if (errors.length > 0) return { model: null, errors, warnings };
  return { model: { app, schemas }, errors, warnings };
}

type Report = (path: string, message: string) => void;

function normalizeSchemaShell(def: SchemaDef, i: number, app: App | null, err: Report): Schema {
  const p = `schemas[${i}]`;
  const module = relativeModule(def.module, app);
  const embedded = def.embedded ?? false;
  const context = def.context === undefined ? namespaceOf(module) : def.context;
  const table = def.table ?? defaultTable(module);
  const primary_key =
    def.primary_key === false
      ? false
      : {
          name: def.primary_key?.name ?? 'id',
          type: def.primary_key?.type ?? (embedded ? 'binary_id' : 'id'),
        };
  const timestamps =
    def.timestamps === false || (embedded && def.timestamps === undefined)
      ? false
      : { type: def.timestamps?.type ?? 'naive_datetime' };
  if (embedded && primary_key !== false && primary_key.type === 'id') {
    err(
      `${p}.primary_key.type`,
      `${module} is embedded, and Ecto autogenerates only binary_id keys for embedded schemas (an integer id would fail on insert); use type binary_id or primary_key false.`,
    );
  }
  if (embedded) {
    if (def.prefix)
      err(
        `${p}.prefix`,
        `${module} is embedded and has no table, so it cannot have a prefix; remove prefix.`,
      );
    if (def.table) err(`${p}.table`, `${module} is embedded and has no table; remove table.`);
    if ((def.indexes ?? []).length > 0)
      err(
        `${p}.indexes`,
        `${module} is embedded and has no table, so it cannot have indexes; remove them.`,
      );
    if ((def.associations ?? []).length > 0)
      err(
        `${p}.associations`,
        `${module} is embedded; embedded schemas cannot have belongs_to/has_many/has_one/many_to_many associations. Remove them or make the schema a table.`,
      );
  }
  const fields = (def.fields ?? []).map((f, j) =>
    normalizeField(f, `${p}.fields[${j}]`, module, embedded, err),
  );
  return {
    module,
    context,
    table,
    embedded,
    primary_key,
    timestamps,
    prefix: def.prefix ?? null,
    fields,
    associations: [],
    indexes: [],
  };
}

function normalizeField(
  f: FieldDef,
  p: string,
  module: string,
  embedded: boolean,
  err: Report,
): Field {
  const type = f.type ?? 'string';
  const where = `${module} field "${f.name}"`;
  let inner: ArrayInnerType | null = null;
  let values: string[] | null = null;
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
  const required = f.required ?? !(type === 'map' || type === 'references');
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
  if (f.unique && (type === 'map' || type === 'array'))
    err(
      `${p}.unique`,
      `${where}: a unique index on a ${type} column is not supported; remove unique.`,
    );

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
    default: dflt,
    size: f.size ?? null,
    precision: f.precision ?? null,
    scale: f.scale ?? null,
    validations,
  };
}

/** Ecto rejects a default with fractional seconds for the second-precision types. */
function wholeSeconds(type: string, value: string): string | null {
  if (type.endsWith('_usec') || !/\.\d+Z?$/.test(value)) return null;
  return `has fractional seconds, which type ${type} cannot hold (Ecto rejects the default); drop the fraction or use ${type}_usec.`;
}

function checkDefault(
  v: DefaultValue,
  type: Field['type'],
  inner: ArrayInnerType | null,
  values: string[] | null,
  size: number | undefined,
): string | null {
  if (v === null) return 'is null; leave default out instead (a column without default is NULL).';
  const scalar = (t: string, x: unknown): string | null => {
    switch (t) {
      case 'string':
      case 'text':
      case 'binary':
        if (typeof x !== 'string') return `does not fit type ${t}; give a string.`;
        if (size !== undefined && x.length > size) return `is longer than size ${size}.`;
        return null;
      case 'integer':
        return Number.isInteger(x) ? null : 'does not fit type integer; give a whole number.';
      case 'float':
        return typeof x === 'number' && Number.isFinite(x)
          ? null
          : 'does not fit type float; give a number.';
      case 'decimal':
        return (typeof x === 'number' && Number.isFinite(x)) ||
          (typeof x === 'string' && DECIMAL_RE.test(x))
          ? null
          : 'does not fit type decimal; give a number or a decimal string such as "9.99".';
      case 'boolean':
        return typeof x === 'boolean' ? null : 'does not fit type boolean; give true or false.';
      case 'uuid':
        return typeof x === 'string' && UUID_RE.test(x)
          ? null
          : 'is not a UUID such as "7488a646-e31f-11e4-aace-600308960662".';
      case 'date':
        return typeof x === 'string' && DATE_RE.test(x) ? null : 'is not a date; use "YYYY-MM-DD".';
      case 'time':
      case 'time_usec':
        return typeof x === 'string' && TIME_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a time; use "HH:MM:SS".';
      case 'naive_datetime':
      case 'naive_datetime_usec':
        return typeof x === 'string' && NAIVE_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a naive datetime; use "YYYY-MM-DDTHH:MM:SS".';
      case 'utc_datetime':
      case 'utc_datetime_usec':
        return typeof x === 'string' && UTC_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a UTC datetime; use "YYYY-MM-DDTHH:MM:SSZ".';
      case 'enum':
        return typeof x === 'string' && values?.includes(x)
          ? null
          : `is not one of the enum values (${(values ?? []).join(', ')}).`;
      case 'map':
        return typeof x === 'object' && x !== null && !Array.isArray(x)
          ? null
          : 'does not fit type map; give a JSON object such as {}.';
      default:
        return `cannot be set for type ${t}.`;
    }
  };
  if (type === 'map' && inner !== null && typeof v === 'object' && !Array.isArray(v)) {
    // {:map, inner}: Ecto checks every value of the default against the inner type.
    for (const [k, x] of Object.entries(v)) {
      const problem = scalar(inner, x);
      if (problem) return `has a value ${describeValue(x)} at "${k}" that ${problem}`;
    }
    return null;
  }
  if (type === 'array') {
    if (!Array.isArray(v)) return 'does not fit type array; give a JSON array such as [].';
    for (const x of v) {
      const problem = scalar(inner ?? 'string', x);
      if (problem)
        return `has an element ${describeValue(x)} that ${problem.replace(/^does not fit/, 'does not fit')}`;
    }
    return null;
  }
  return scalar(type, v);
}

function checkValidations(
  v: Field['validations'],
  type: Field['type'],
  where: string,
  p: string,
  err: Report,
) {
  const lengthOk = ['string', 'text', 'binary', 'array'].includes(type);
  const numberOk = ['integer', 'float', 'decimal'].includes(type);
  if (v.length) {
    if (!lengthOk)
      err(
        `${p}.validations.length`,
        `${where}: length validation applies to string, text, binary and array fields, not ${type}.`,
      );
    const { min, max, is } = v.length;
    if (min === undefined && max === undefined && is === undefined)
      err(`${p}.validations.length`, `${where}: length needs min, max or is.`);
    if (min !== undefined && max !== undefined && min > max)
      err(`${p}.validations.length`, `${where}: length min ${min} is greater than max ${max}.`);
    if (is !== undefined && (min !== undefined || max !== undefined))
      err(`${p}.validations.length`, `${where}: length is cannot be combined with min or max.`);
  }
  if (v.format !== undefined) {
    if (type !== 'string' && type !== 'text')
      err(
        `${p}.validations.format`,
        `${where}: format validation applies to string and text fields, not ${type}.`,
      );
    try {
      new RegExp(v.format, 'u');
      const pcre = pcreProblem(v.format);
      if (pcre !== undefined) {
        err(
          `${p}.validations.format`,
          `${where}: format ${describeValue(v.format)} ${pcre}, so the generated ~r would not compile.`,
        );
      }
    } catch (e) {
      err(
        `${p}.validations.format`,
        `${where}: format ${describeValue(v.format)} is not a valid regular expression (${(e as Error).message}).`,
      );
    }
  }
  if (v.number) {
    if (!numberOk)
      err(
        `${p}.validations.number`,
        `${where}: number validation applies to integer, float and decimal fields, not ${type}.`,
      );
    if (Object.keys(v.number).length === 0)
      err(
        `${p}.validations.number`,
        `${where}: number needs at least one bound (greater_than, greater_than_or_equal_to, less_than, less_than_or_equal_to).`,
      );
  }
  if (v.inclusion) {
    const want = numberOk ? 'number' : type === 'boolean' ? 'boolean' : 'string';
    const bad = v.inclusion.find((x) => typeof x !== want);
    if (bad !== undefined)
      err(
        `${p}.validations.inclusion`,
        `${where}: inclusion value ${describeValue(bad)} does not fit type ${type}; give ${want}s.`,
      );
  }
}

interface AssocCtx {
  app: App | null;
  err: Report;
  warn: Report;
  byModule: Map<string, number>;
  schemas: Schema[];
  known: Map<string, KnownSchema>;
  pkTypeOf: (idx: number | null, mod: string) => PrimaryKeyType | false | null;
  ownType: (s: Schema) => PrimaryKeyType;
}

function normalizeAssociation(a: AssociationDef, p: string, s: Schema, c: AssocCtx): Association {
  const target = relativeModule(a.target, c.app);
  const idx = c.byModule.get(target) ?? null;
  const where = `${s.module} association "${a.name}"`;
  const knownT = c.known.get(target);
  const targetSchema = idx !== null ? c.schemas[idx]! : null;
  if (idx === null && !knownT) {
    c.warn(
      `${p}.target`,
      `${where}: target ${target} is not in this batch nor among the project's schemas found; it must exist before the code compiles. Add it to the batch or check the spelling.`,
    );
  }
  if ((targetSchema?.embedded ?? knownT?.embedded) === true) {
    c.err(
      `${p}.target`,
      `${where}: target ${target} is an embedded schema; use an embeds_one/embeds_many field in a later version, or make ${target} a table.`,
    );
  }
  const targetTable = targetSchema?.table ?? knownT?.table ?? defaultTable(target);
  const targetPk = c.pkTypeOf(idx, target);
  if (targetPk === false && a.kind !== 'has_many' && a.kind !== 'has_one') {
    c.err(
      `${p}.target`,
      `${where}: target ${target} has no primary key, so nothing can reference it; give it a primary key.`,
    );
  }
  const targetKey =
    targetSchema?.primary_key !== undefined && targetSchema.primary_key !== false
      ? targetSchema.primary_key.name
      : knownT?.primary_key
        ? knownT.primary_key.name
        : 'id';
  if (s.primary_key === false && a.kind !== 'belongs_to') {
    c.err(
      `${p}.kind`,
      `${where}: ${s.module} has no primary key, and a ${a.kind} association is keyed on it; give ${s.module} a primary key or remove the association.`,
    );
  }
  switch (a.kind) {
    case 'belongs_to': {
      const required = a.required ?? true;
      const on_delete = a.on_delete ?? 'nothing';
      if (on_delete === 'nilify_all' && required) {
        c.err(
          `${p}.on_delete`,
          `${where}: on_delete nilify_all sets ${a.foreign_key ?? `${a.name}_id`} to NULL, which a required association forbids; mark it optional or use delete_all.`,
        );
      }
      const unique = a.unique ?? false;
      const bt: BelongsTo = {
        kind: 'belongs_to',
        name: a.name,
        target,
        target_index: idx,
        inferred: false,
        foreign_key: a.foreign_key ?? `${a.name}_id`,
        required,
        unique,
        on_delete,
        type: a.type ?? (targetPk || c.ownType(s)),
        target_table: targetTable,
        target_key: targetKey,
        inverse: a.inverse ?? (unique ? 'has_one' : 'has_many'),
        inverse_name: a.inverse_name ?? null,
      };
      return bt;
    }
    case 'has_many':
    case 'has_one':
      return {
        kind: a.kind,
        name: a.name,
        target,
        target_index: idx,
        inferred: false,
        foreign_key: a.foreign_key ?? ownerKey(s.module),
      };
    case 'many_to_many': {
      const keys: [string, string] = [ownerKey(s.module), ownerKey(target)];
      if (keys[0] === keys[1]) {
        c.err(
          `${p}`,
          `${where}: a many_to_many from ${s.module} to itself needs two different join columns, which this generator cannot name yet; model the join table as its own schema with two belongs_to associations.`,
        );
      }
      const m: ManyToMany = {
        kind: 'many_to_many',
        name: a.name,
        target,
        target_index: idx,
        inferred: false,
        join_table: a.join_table ?? [s.table, targetTable].sort().join('_'),
        join_keys: keys,
        target_table: targetTable,
        target_key: targetKey,
        key_types: [c.ownType(s), targetPk || 'id'],
      };
      return m;
    }
  }
}

function checkNames(s: Schema, def: SchemaDef, p: string, err: Report) {
  const taken = new Map<string, string>();
  const claim = (name: string, what: string, path: string) => {
    const prev = taken.get(name);
    if (prev) {
      err(path, `${s.module}: "${name}" is used twice (${prev} and ${what}); rename one of them.`);
    } else taken.set(name, what);
  };
  if (s.primary_key !== false) {
    const pkName = s.primary_key.name;
    if (RESERVED_NAMES.has(pkName))
      err(
        `${p}.primary_key.name`,
        `${s.module}: primary key "${pkName}" is an Elixir reserved word or special name; choose another.`,
      );
    claim(pkName, 'the primary key', `${p}.primary_key.name`);
  }
  if (s.timestamps !== false) {
    claim('inserted_at', 'the timestamps', `${p}.timestamps`);
    claim('updated_at', 'the timestamps', `${p}.timestamps`);
  }
  s.fields.forEach((f, j) => {
    const fp = `${p}.fields[${j}].name`;
    if (RESERVED_NAMES.has(f.name)) {
      err(
        fp,
        `${s.module} field "${f.name}" is an Elixir reserved word or special name and cannot be a field name; rename it (e.g. "${f.name.replace(/^_+/, '')}_value").`,
      );
    }
    claim(f.name, `field "${f.name}"`, fp);
  });
  s.associations.forEach((a, j) => {
    const ap = `${p}.associations[${j}]`;
    if (a.inferred) return;
    if (RESERVED_NAMES.has(a.name))
      err(
        `${ap}.name`,
        `${s.module} association "${a.name}" is an Elixir reserved word or special name; rename it.`,
      );
    claim(a.name, `association "${a.name}"`, `${ap}.name`);
    if (a.kind === 'belongs_to')
      claim(a.foreign_key, `the foreign key of "${a.name}"`, `${ap}.foreign_key`);
  });
  void def;
}

function buildIndexes(s: Schema, defs: IndexDef[], p: string, err: Report): Index[] {
  if (s.embedded) return [];
  const columns = new Set<string>([
    ...s.fields.map((f) => f.name),
    ...s.associations.flatMap((a) => (a.kind === 'belongs_to' ? [a.foreign_key] : [])),
    ...(s.primary_key ? [s.primary_key.name] : []),
    ...(s.timestamps ? ['inserted_at', 'updated_at'] : []),
  ]);
  const out: Index[] = [];
  const add = (cols: string[], unique: boolean, name?: string) => {
    const key = cols.join(',');
    const existing = out.find((x) => x.columns.join(',') === key);
    if (existing) {
      existing.unique = existing.unique || unique;
      if (name) existing.name = name;
      return;
    }
    out.push({ columns: cols, unique, name: name ?? defaultIndexName(s.table, cols) });
  };
  for (const a of s.associations) if (a.kind === 'belongs_to') add([a.foreign_key], a.unique);
  for (const f of s.fields) {
    if (f.type === 'references') add([f.name], f.unique);
    else if (f.unique) add([f.name], true);
  }
  defs.forEach((d, j) => {
    const missing = d.columns.filter((c) => !columns.has(c));
    if (missing.length > 0) {
      err(
        `${p}.indexes[${j}].columns`,
        `${s.module}: index column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a column of ${s.table}; valid: ${[...columns].join(', ')}.`,
      );
      return;
    }
    const dup = d.columns.find((c, k) => d.columns.indexOf(c) !== k);
    if (dup) {
      err(`${p}.indexes[${j}].columns`, `${s.module}: index column "${dup}" is listed twice.`);
      return;
    }
    add(d.columns, d.unique ?? false, d.name);
  });
  const names = new Set<string>();
  for (const ix of out) {
    if (names.has(ix.name))
      err(
        `${p}.indexes`,
        `${s.module}: two indexes are named "${ix.name}"; give one of them another name.`,
      );
    names.add(ix.name);
    if (ix.name.length > 63)
      err(
        `${p}.indexes`,
        `${s.module}: index name "${ix.name}" is longer than PostgreSQL's 63 characters; set a shorter name.`,
      );
  }
  return out;
}
