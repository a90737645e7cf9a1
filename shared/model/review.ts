/**
 * Reviewer warnings: what a senior Elixir engineer would point out in a model that is valid
 * (validate.ts already rejects what is wrong). Pure; each warning names the path, the value and
 * the fix. Used by `validate_schema_model`, `understand_schema` and the `review_schema_model`
 * prompt.
 *
 * Targets outside the batch are not checked here: `normalizeModel` warns about every association
 * target that is neither in the batch nor among the `known` project schemas it was given.
 */
import { camelize, pluralize, singularize } from '../naming/index.js';
import type { Field, Issue, Model, Schema } from './normalized.js';
import { didYouMean } from './parse/suggest.js';
import {
  AppObjectSchema,
  BelongsToSchema,
  FieldSchema,
  HasManySchema,
  HasOneSchema,
  IndexSchema,
  ManyToManySchema,
  SchemaDefSchema,
  ValidationsSchema,
} from './schema.js';

/** Names people look records up by: they almost always want a unique index. */
const LOOKUP_NAMES = new Set([
  'email',
  'email_address',
  'slug',
  'username',
  'user_name',
  'handle',
  'login',
]);

/** Name parts that mean money: exact arithmetic (decimal), never float. */
const MONEY_WORDS = new Set([
  'price',
  'amount',
  'cost',
  'total',
  'subtotal',
  'balance',
  'money',
  'fee',
  'fees',
  'salary',
  'wage',
  'tax',
  'revenue',
  'budget',
  'payment',
]);

/** Last name parts that mean free-form prose: text, not a 255-character string. */
const LONG_TEXT_WORDS = new Set([
  'description',
  'body',
  'content',
  'bio',
  'biography',
  'notes',
  'summary',
  'details',
  'about',
  'abstract',
  'instructions',
  'message',
]);

/** Name parts of secrets that must not show up in logs and inspect output. */
const SECRET_WORDS = new Set(['password', 'passwd', 'secret', 'token', 'ssn']);
const SECRET_NAMES = new Set(['api_key', 'private_key', 'secret_key', 'access_key']);

const words = (name: string): string[] => name.split('_').filter((w) => w !== '');

type Shape = Record<string, unknown>;
const keysOf = (o: { shape: Shape }): string[] => Object.keys(o.shape);

const ASSOCIATION_KEYS: Record<string, string[]> = {
  belongs_to: keysOf(BelongsToSchema),
  has_many: keysOf(HasManySchema),
  has_one: keysOf(HasOneSchema),
  many_to_many: keysOf(ManyToManySchema),
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys LLMs and Rails/Django habits add to a field, and what the model says instead. */
const FIELD_KEY_HINTS: Record<string, string> = {
  nullable: 'use "required" (nullable true = "required": false)',
  null: 'use "required" ("null": true = "required": false)',
  allow_null: 'use "required" ("required": false allows null)',
  optional: 'use "required": false',
  index: 'add {"columns": ["<field>"]} to the schema\'s "indexes"',
  indexed: 'add {"columns": ["<field>"]} to the schema\'s "indexes"',
  enum: 'use "type": "enum" with "values"',
  options: 'use "values" (with "type": "enum")',
  choices: 'use "values" (with "type": "enum")',
  max_length: 'use "size" (column) or "validations": {"length": {"max": …}}',
  length: 'use "size" (column) or "validations": {"length": {…}}',
  foreign_key: 'use an association {"kind": "belongs_to", …} instead of the field',
  primary_key: 'the primary key is the schema\'s "primary_key", not a field',
};

function suggestion(key: string, valid: readonly string[], hints: Record<string, string>): string {
  const hint = hints[key];
  return hint ? ` Instead, ${hint}.` : didYouMean(key, valid);
}

/**
 * Keys the model does not know are dropped silently by the shape check (zod strips them), so a
 * hallucinated `"nullable": true` would change nothing. Report each one with the valid keys.
 */
export function unknownKeyWarnings(raw: unknown): Issue[] {
  const out: Issue[] = [];
  const check = (
    value: unknown,
    valid: readonly string[],
    path: string,
    hints: Record<string, string> = {},
  ) => {
    if (!isRecord(value)) return;
    for (const [key, v] of Object.entries(value)) {
      if (valid.includes(key)) continue;
      out.push({
        path: path === '' ? key : `${path}.${key}`,
        message: `Unknown key "${key}" (value ${JSON.stringify(v)}) is ignored.${suggestion(key, valid, hints)} Valid keys here: ${valid.join(', ')}.`,
      });
    }
  };
  if (!isRecord(raw)) return out;
  check(raw, ['app', 'schemas'], '');
  check(raw.app, keysOf(AppObjectSchema), 'app');
  const schemas = Array.isArray(raw.schemas) ? raw.schemas : [];
  schemas.forEach((s: unknown, i) => {
    const p = `schemas[${i}]`;
    if (!isRecord(s)) return;
    check(s, keysOf(SchemaDefSchema), p);
    if (isRecord(s.primary_key)) check(s.primary_key, ['name', 'type'], `${p}.primary_key`);
    if (isRecord(s.timestamps)) check(s.timestamps, ['type'], `${p}.timestamps`);
    (Array.isArray(s.fields) ? s.fields : []).forEach((f: unknown, j) => {
      const fp = `${p}.fields[${j}]`;
      if (!isRecord(f)) return;
      check(f, keysOf(FieldSchema), fp, FIELD_KEY_HINTS);
      if (isRecord(f.references))
        check(f.references, ['table', 'on_delete', 'type'], `${fp}.references`);
      if (isRecord(f.validations)) {
        const vp = `${fp}.validations`;
        check(f.validations, keysOf(ValidationsSchema), vp);
        check(f.validations.length, ['min', 'max', 'is'], `${vp}.length`);
        check(
          f.validations.number,
          ['greater_than', 'greater_than_or_equal_to', 'less_than', 'less_than_or_equal_to'],
          `${vp}.number`,
        );
      }
    });
    (Array.isArray(s.associations) ? s.associations : []).forEach((a: unknown, j) => {
      if (!isRecord(a) || typeof a.kind !== 'string') return;
      const valid = ASSOCIATION_KEYS[a.kind];
      if (valid) check(a, valid, `${p}.associations[${j}]`);
    });
    (Array.isArray(s.indexes) ? s.indexes : []).forEach((x: unknown, j) => {
      check(x, keysOf(IndexSchema), `${p}.indexes[${j}]`);
    });
  });
  return out;
}

/** Whether some unique index of the schema covers the column (alone or with others). */
function uniquelyIndexed(s: Schema, column: string): boolean {
  return s.indexes.some((ix) => ix.unique && ix.columns.includes(column));
}

function rawField(raw: unknown, i: number, j: number): Record<string, unknown> | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.schemas)) return undefined;
  const s: unknown = raw.schemas[i];
  if (!isRecord(s) || !Array.isArray(s.fields)) return undefined;
  const f: unknown = s.fields[j];
  return isRecord(f) ? f : undefined;
}

/**
 * The module a `<base>_id` column (or a reference to `table`) most likely points at: the batch
 * schema with that table or last segment, else a guess in this schema's context.
 */
function guessTarget(model: Model, s: Schema, base: string, table?: string): string {
  const camel = camelize(base);
  const hit =
    model.schemas.find((x) => !x.embedded && table !== undefined && x.table === table) ??
    model.schemas.find((x) => !x.embedded && x.module.split('.').pop() === camel);
  if (hit) return hit.module;
  return s.context ? `${s.context}.${camel}` : camel;
}

/**
 * Reviewer warnings for a valid model. `raw` is the wire input as received (`{ schemas, app? }`),
 * used for unknown keys and for what was left implicit; `model` is its normalized form.
 */
export function reviewModel(raw: unknown, model: Model): Issue[] {
  const out: Issue[] = [...unknownKeyWarnings(raw)];
  const warn = (path: string, message: string) => out.push({ path, message });
  model.schemas.forEach((s, i) => {
    const p = `schemas[${i}]`;
    if (!s.embedded) {
      if (pluralize(s.table) !== s.table) {
        warn(
          `${p}.table`,
          `${s.module}: table "${s.table}" looks singular; Ecto and Phoenix name tables in the plural. Fix: table "${pluralize(s.table)}" (or leave table out to get the default).`,
        );
      }
      if (s.timestamps === false) {
        warn(
          `${p}.timestamps`,
          `${s.module}: timestamps is false, so rows get no inserted_at/updated_at; almost every table wants them for debugging and ordering. Fix: remove "timestamps": false (or set {"type": "utc_datetime"}).`,
        );
      }
    }
    s.fields.forEach((f, j) =>
      reviewField(model, s, f, `${p}.fields[${j}]`, rawField(raw, i, j), warn),
    );
  });
  return out;
}

function reviewField(
  model: Model,
  s: Schema,
  f: Field,
  fp: string,
  raw: Record<string, unknown> | undefined,
  warn: (path: string, message: string) => void,
) {
  const where = `${s.module} field "${f.name}" (${f.type})`;
  const parts = words(f.name);
  const last = parts[parts.length - 1] ?? f.name;
  const textual = f.type === 'string' || f.type === 'text';

  if (textual && LOOKUP_NAMES.has(f.name) && !s.embedded && !uniquelyIndexed(s, f.name)) {
    warn(
      `${fp}.unique`,
      `${where} is what records are looked up by, yet nothing keeps it unique; two rows could share one ${f.name}. Fix: "unique": true (unique index + unique_constraint), or a composite unique index such as {"columns": ["<parent>_id", "${f.name}"], "unique": true} when it is unique per parent.`,
    );
  }
  if (f.type === 'float' && parts.some((w) => MONEY_WORDS.has(w))) {
    warn(
      `${fp}.type`,
      `${where} looks like money, and floats cannot represent amounts such as 0.10 exactly. Fix: "type": "decimal" with "precision": 12 and "scale": 2.`,
    );
  }
  if (
    f.type === 'decimal' &&
    parts.some((w) => MONEY_WORDS.has(w)) &&
    (f.precision === null || f.scale === null)
  ) {
    warn(
      `${fp}.precision`,
      `${where} looks like money but has no precision/scale, so the column is an unbounded numeric and amounts are not rounded to cents. Fix: "precision": 12, "scale": 2 (or the scale of your currency).`,
    );
  }
  if (f.type === 'string' && f.size === null && LONG_TEXT_WORDS.has(last) && parts[0] !== 'short') {
    warn(
      `${fp}.type`,
      `${where} sounds like free-form prose, but a string column is varchar(255) and longer values fail on insert. Fix: "type": "text".`,
    );
  }
  if (
    f.name.endsWith('_id') &&
    f.name.length > 3 &&
    (f.type === 'integer' || f.type === 'id' || f.type === 'binary_id')
  ) {
    const base = f.name.slice(0, -3);
    const target = guessTarget(model, s, base);
    warn(
      fp,
      `${where} looks like a foreign key, but as a plain column it gets no FOREIGN KEY constraint, no index and no association. Fix: remove the field and add the association {"kind": "belongs_to", "name": "${base}", "target": "${target}"} (spec: ${base}:belongs_to:${target}).`,
    );
  }
  if (f.type === 'references') {
    const table = f.references?.table ?? '';
    const name = f.name.endsWith('_id') && f.name.length > 3 ? f.name.slice(0, -3) : f.name;
    const target = guessTarget(model, s, singularize(table), table);
    warn(
      `${fp}.type`,
      `${where} to table "${table}" creates the column and its foreign key but no Ecto association, so preloading and casting the parent need hand-written code. Fix: replace the field with {"kind": "belongs_to", "name": "${name}", "target": "${target}"} (spec: ${name}:belongs_to:${target}).`,
    );
  }
  if (
    f.type === 'boolean' &&
    raw !== undefined &&
    raw.default === undefined &&
    raw.required !== false
  ) {
    warn(
      `${fp}.default`,
      `${where} is required but has no default, so the model uses false (NOT NULL DEFAULT false); existing rows and forms that omit it become false. Fix: state it: "default": false, or "default": true if new rows should start true.`,
    );
  }
  if (f.values !== null && f.values.length === 1) {
    warn(
      `${fp}.values`,
      `${where} is an enum with the single value "${f.values[0]}", which can never change; that is a constant, not a choice. Fix: list every value it can take (e.g. ["${f.values[0]}", "…"]) or drop the field.`,
    );
  }
  if (
    (textual || f.type === 'binary') &&
    !f.redact &&
    (parts.some((w) => SECRET_WORDS.has(w)) || SECRET_NAMES.has(f.name))
  ) {
    warn(
      `${fp}.redact`,
      `${where} holds a secret that would be printed by inspect and in logs. Fix: "redact": true (and store a hash, never the plain value).`,
    );
  }
}
