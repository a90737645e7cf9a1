/**
 * Writes lib/<app>/<context>/<schema>.ex: every line of the Ecto schema module is computed
 * here, laid out exactly as `mix format` would (shared/render layout), and printed by
 * `schemaSource`.
 *
 * Choices a reviewer may look for:
 * - fields keep the author's order; associations follow in model order (inferred inverses last);
 * - full module names in associations (no aliases to clash with);
 * - `@foreign_key_type :binary_id` when the schema's own key is a UUID; a belongs_to whose type
 *   differs from that default gets `type:`; `references:` when the target's key is not `id`;
 *   `foreign_key:`/`join_keys:` only where Ecto's defaults would be wrong;
 * - a scoped schema (Phoenix 1.8) gets `changeset/3`: its scope key is put from the scope, never cast;
 * - the foreign key of an owner belongs_to is not cast either (the context sets it from the owner
 *   argument) but stays in validate_required when required;
 * - the changeset casts fields and belongs_to keys (never has_many/many_to_many), requires the
 *   required ones, adds the model's validations, `unique_constraint` for every unique index of the
 *   migration (`name:` only when it is not Ecto's default, which equals the migration's default
 *   index name) and `foreign_key_constraint` on every foreign key column, so a missing parent is
 *   reported on the field the form sends.
 */
import {
  ex,
  exAtom,
  exFloat,
  exInteger,
  exKey,
  exLiteral,
  exModule,
  exRegex,
  exString,
  formatLines,
  type Ex,
  type Pair,
} from '../../render/index.js';
import { defaultIndexName, lastSegment } from '../../model/index.js';
import { RESERVED_NAMES } from '../../model/reserved.js';
import type {
  App,
  BelongsTo,
  DefaultValue,
  Field,
  HasMany,
  LiteralValue,
  ManyToMany,
  Schema,
  SchemaScope,
} from '../../model/index.js';
import { underscore } from '../../naming/index.js';
import { ectoType, fullModule, schemaFilePath, singularName, jsonEx } from '../common.js';

export interface SchemaView {
  path: string;
  module: string;
  /** `@schema_prefix …`, `@derive …`, `@primary_key …`, `@foreign_key_type …` (no indentation). */
  attributes: string[];
  /** `schema "posts" do` or `embedded_schema do`. */
  schema_open: string;
  /**
   * The schema block's lines (4-space indented; an entry may span lines), with '' for a blank
   * line: between groups (fields, associations, timestamps) and, as `mix format` does, after
   * every expression that spans several lines.
   */
  body: string[];
  /** The changeset's struct parameter name. */
  var: string;
  /** `  def changeset(post, attrs) do`, broken like `mix format` when the name is very long. */
  changeset_head: string;
  /** Formatted pipeline steps (`    |> cast(attrs, […])`). */
  steps: string[];
  /** The same lines by what they are about, for patching an existing module (shared/generate). */
  parts: SchemaParts;
}

/** One changeset step: `name` and the field(s) it is about (its key in a module), and its lines. */
export interface StepPart {
  name: string;
  fields: string[];
  text: string;
}

export interface SchemaParts {
  /** `field` lines by field name (4-space indented, as in `body`). */
  fields: { name: string; text: string }[];
  /** Association lines by association name. */
  associations: { name: string; text: string }[];
  timestamps: string | null;
  /** The atoms of `cast` and of `validate_required`, in order. */
  cast: string[];
  required: string[];
  /** Every step after cast and validate_required, in order. */
  steps: StepPart[];
}

export interface SchemaViewOptions {
  /** Emit `@derive {Phoenix.Param, key: …}` for a custom primary key name (Phoenix is a dep). */
  phoenixParam: boolean;
}

const BODY_INDENT = 4;

// ---------------------------------------------------------------------------------------------
// Values

/** "12:00:00" → "12:00:00.000000" for microsecond types (Ecto requires the precision). */
function usec(time: string): string {
  const m = /^(.*?:\d{2})(?:\.(\d{1,6}))?(Z?)$/.exec(time);
  if (!m) return time;
  return `${m[1]}.${(m[2] ?? '').padEnd(6, '0')}${m[3]}`;
}

/** A decimal as Decimal.new/1 parses it: "9.99", "120.5", "1e+21" (JS number text is valid). */
function decimalText(v: LiteralValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new Error(`decimal value ${String(v)} is not a number`);
}

const SIGIL_SHAPES: Readonly<Record<string, RegExp>> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/,
  naive: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/,
  utc: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/,
};

function sigilShape(type: string): RegExp | undefined {
  if (type === 'date') return SIGIL_SHAPES.date;
  if (type.startsWith('time')) return SIGIL_SHAPES.time;
  if (type.startsWith('naive_datetime')) return SIGIL_SHAPES.naive;
  if (type.startsWith('utc_datetime')) return SIGIL_SHAPES.utc;
  return undefined;
}

/**
 * A scalar value of the given model type as an Elixir literal Ecto accepts for it. Defaults are
 * validated by the model; a value that does not have its type's shape (an inclusion list entry)
 * is written as a plain string rather than an invalid sigil.
 */
export function scalarLiteral(type: string, v: unknown): string {
  const shape = sigilShape(type);
  if (shape && !(typeof v === 'string' && shape.test(v))) return exLiteral(v);
  switch (type) {
    case 'integer':
    case 'id':
      return typeof v === 'number' && Number.isInteger(v) ? exInteger(v) : exLiteral(v);
    case 'float':
      return typeof v === 'number' ? exFloat(v) : exLiteral(v);
    case 'decimal':
      return `Decimal.new(${exString(decimalText(v as LiteralValue))})`;
    case 'boolean':
      return v === true ? 'true' : v === false ? 'false' : exLiteral(v);
    case 'enum':
      return exAtom(String(v));
    case 'date':
      return `~D[${String(v)}]`;
    case 'time':
      return `~T[${String(v)}]`;
    case 'time_usec':
      return `~T[${usec(String(v))}]`;
    case 'naive_datetime':
      return `~N[${String(v).replace('T', ' ')}]`;
    case 'naive_datetime_usec':
      return `~N[${usec(String(v).replace('T', ' '))}]`;
    case 'utc_datetime':
      return `~U[${String(v).replace('T', ' ')}]`;
    case 'utc_datetime_usec':
      return `~U[${usec(String(v).replace('T', ' '))}]`;
    default:
      return typeof v === 'string' ? exString(v) : exLiteral(v);
  }
}

/** {@link scalarLiteral} as a layout tree: maps (JSON objects) may break over lines. */
function scalarEx(type: string, v: unknown): Ex {
  return type === 'map' ? jsonEx(v) : ex.raw(scalarLiteral(type, v));
}

/** Sigil and Decimal literals are valid only for values the validator accepted. */
function defaultEx(f: Field, v: DefaultValue): Ex {
  if (f.type === 'array') {
    const inner = f.inner ?? 'string';
    return ex.list((v as unknown[]).map((x) => scalarEx(inner, x)));
  }
  if (f.type === 'map') {
    const inner = f.inner;
    if (inner === null) return jsonEx(v);
    return ex.map(
      Object.entries(v as Record<string, unknown>).map(([k, x]) =>
        ex.arrow(exString(k), ex.raw(scalarLiteral(inner, x))),
      ),
    );
  }
  return ex.raw(scalarLiteral(f.type, v));
}

// ---------------------------------------------------------------------------------------------
// Schema body

function fieldLine(f: Field): string {
  const kws: Pair[] = [];
  if (f.source !== undefined) kws.push(ex.kw('source:', exAtom(f.source)));
  if (f.values !== null && (f.type === 'enum' || f.inner === 'enum')) {
    kws.push(ex.kw('values:', ex.list(f.values.map((v) => exAtom(v)))));
  }
  if (f.default !== undefined) kws.push(ex.kw('default:', defaultEx(f, f.default)));
  if (f.redact) kws.push(ex.kw('redact:', 'true'));
  return formatLines(ex.callNoParens('field', [exAtom(f.name), ectoType(f)], kws), {
    indent: BODY_INDENT,
  });
}

interface Ctx {
  app: App;
  schema: Schema;
  /** @foreign_key_type in effect. */
  fkDefault: 'id' | 'binary_id';
}

function ownerPkName(s: Pick<Schema, 'primary_key'>): string {
  return s.primary_key === false ? 'id' : s.primary_key.name;
}

function belongsToLine(a: BelongsTo, c: Ctx): string {
  const kws: Pair[] = [];
  if (a.foreign_key !== `${a.name}_id`) kws.push(ex.kw('foreign_key:', exAtom(a.foreign_key)));
  if (a.target_key !== 'id') kws.push(ex.kw('references:', exAtom(a.target_key)));
  if (a.type !== c.fkDefault) kws.push(ex.kw('type:', exAtom(a.type)));
  if (a.on_replace) kws.push(ex.kw('on_replace:', exAtom(a.on_replace)));
  return formatLines(
    ex.callNoParens('belongs_to', [exAtom(a.name), exModule(fullModule(c.app, a.target))], kws),
    { indent: BODY_INDENT },
  );
}

/** `has_many`/`has_one` of `owner`; only its module and primary key matter. */
export function hasLine(
  a: Pick<HasMany, 'kind' | 'name' | 'target' | 'foreign_key' | 'on_replace'>,
  app: App,
  owner: Pick<Schema, 'module' | 'primary_key'>,
): string {
  const kws: Pair[] = [];
  // Ecto's default: "<owner's last segment, underscored>_<owner's primary key name>".
  const ectoDefault = `${underscore(lastSegment(owner.module))}_${ownerPkName(owner)}`;
  if (a.foreign_key !== ectoDefault) kws.push(ex.kw('foreign_key:', exAtom(a.foreign_key)));
  if (a.on_replace) kws.push(ex.kw('on_replace:', exAtom(a.on_replace)));
  return formatLines(
    ex.callNoParens(a.kind, [exAtom(a.name), exModule(fullModule(app, a.target))], kws),
    { indent: BODY_INDENT },
  );
}

function manyToManyLine(a: ManyToMany, c: Ctx): string {
  const kws: Pair[] = [ex.kw('join_through:', exString(a.join_table))];
  // Ecto's default join_keys point both join columns at `:id`.
  const ownerKey = ownerPkName(c.schema);
  if (ownerKey !== 'id' || a.target_key !== 'id') {
    kws.push(
      ex.kw(
        'join_keys:',
        ex.list([
          ex.kw(exKey(a.join_keys[0]), exAtom(ownerKey)),
          ex.kw(exKey(a.join_keys[1]), exAtom(a.target_key)),
        ]),
      ),
    );
  }
  kws.push(ex.kw('on_replace:', exAtom(a.on_replace ?? 'delete')));
  return formatLines(
    ex.callNoParens('many_to_many', [exAtom(a.name), exModule(fullModule(c.app, a.target))], kws),
    { indent: BODY_INDENT },
  );
}

/** `type:`, `inserted_at:`, `updated_at:` of `timestamps(...)` (schema and migration alike). */
export function timestampsOptions(t: Exclude<Schema['timestamps'], false>): Pair[] {
  const kws: Pair[] = [];
  if (t.type !== 'naive_datetime') kws.push(ex.kw('type:', exAtom(t.type)));
  if (t.inserted_at !== undefined) kws.push(ex.kw('inserted_at:', exAtom(t.inserted_at)));
  if (t.updated_at !== undefined) kws.push(ex.kw('updated_at:', exAtom(t.updated_at)));
  return kws;
}

function timestampsLine(s: Schema): string | null {
  if (s.timestamps === false) return null;
  const kws = timestampsOptions(s.timestamps);
  return kws.length === 0
    ? '    timestamps()'
    : formatLines(ex.call('timestamps', [], kws), { indent: BODY_INDENT });
}

function attributes(s: Schema, opts: SchemaViewOptions): string[] {
  const out: string[] = [];
  if (s.prefix !== null) out.push(`@schema_prefix ${exString(s.prefix)}`);
  const pk = s.primary_key;
  if (pk === false) {
    out.push('@primary_key false');
    return out;
  }
  if (pk.name !== 'id' && opts.phoenixParam) {
    out.push(`@derive {Phoenix.Param, key: ${exAtom(pk.name)}}`);
  }
  const isDefault =
    pk.autogenerate !== false &&
    (s.embedded
      ? pk.name === 'id' && pk.type === 'binary_id'
      : pk.name === 'id' && pk.type === 'id');
  if (!isDefault) {
    const auto = pk.autogenerate === false ? 'false' : 'true';
    out.push(`@primary_key {${exAtom(pk.name)}, ${exAtom(pk.type)}, autogenerate: ${auto}}`);
  }
  if (!s.embedded && pk.type === 'binary_id') out.push('@foreign_key_type :binary_id');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Changeset

function changesetVar(s: Schema): string {
  const name = singularName(s);
  if (
    RESERVED_NAMES.has(name) ||
    name === 'attrs' ||
    name.startsWith('_') ||
    !/^[a-z_]\w*$/.test(name)
  )
    return 'struct';
  return name;
}

function step(call: Ex): string {
  return formatLines(call, { indent: BODY_INDENT, prefix: '|> ' });
}

const NUMBER_KEYS = [
  'greater_than',
  'greater_than_or_equal_to',
  'less_than',
  'less_than_or_equal_to',
] as const;

function validationSteps(f: Field): StepPart[] {
  const out: StepPart[] = [];
  const push = (name: string, call: Ex) => out.push({ name, fields: [f.name], text: step(call) });
  const v = f.validations;
  const name = exAtom(f.name);
  const length: Pair[] = [];
  if (v.length?.is !== undefined) length.push(ex.kw('is:', exInteger(v.length.is)));
  else {
    if (v.length?.min !== undefined) length.push(ex.kw('min:', exInteger(v.length.min)));
    const max = v.length?.max ?? f.size ?? undefined;
    if (max !== undefined) length.push(ex.kw('max:', exInteger(max)));
  }
  if (length.length > 0) {
    if (f.type === 'binary') length.push(ex.kw('count:', ':bytes'));
    push('validate_length', ex.call('validate_length', [name], length));
  }
  if (v.format !== undefined) {
    push('validate_format', ex.call('validate_format', [name, exRegex(v.format)]));
  }
  if (v.number) {
    const bounds = NUMBER_KEYS.filter((k) => v.number?.[k] !== undefined).map((k) =>
      ex.kw(`${k}:`, numberLiteral(f, v.number![k]!)),
    );
    if (bounds.length > 0) push('validate_number', ex.call('validate_number', [name], bounds));
  }
  if (v.inclusion) {
    if (f.type === 'array') {
      const inner = f.inner ?? 'string';
      const items = v.inclusion.map((x) => scalarEx(inner, x));
      push('validate_subset', ex.call('validate_subset', [name, ex.list(items)]));
    } else {
      const items = v.inclusion.map((x) => scalarEx(f.type, x));
      push('validate_inclusion', ex.call('validate_inclusion', [name, ex.list(items)]));
    }
  }
  return out;
}

function numberLiteral(f: Field, n: number): string {
  if (f.type === 'float') return exFloat(n);
  return exLiteral(n);
}

/** What changeset/2 casts and requires, and its other steps (validations, constraints). */
function changesetParts(c: Ctx): Pick<SchemaParts, 'cast' | 'required' | 'steps'> {
  const s = c.schema;
  const belongs = s.associations.filter((a): a is BelongsTo => a.kind === 'belongs_to');
  // An owner's key is set by the context from its argument, never cast; validate_required still
  // sees it (it reads the struct's data too).
  const cast = [
    ...s.fields.filter((f) => f.cast).map((f) => f.name),
    ...belongs.filter((a) => a.owner !== true).map((a) => a.foreign_key),
  ];
  const required = [
    ...s.fields.filter((f) => f.required && f.cast).map((f) => f.name),
    ...belongs.filter((a) => a.required).map((a) => a.foreign_key),
  ];
  const steps: StepPart[] = [];
  for (const f of s.fields) if (f.cast) steps.push(...validationSteps(f));
  // Index columns are columns; unique_constraint names fields (Ecto maps them to their source).
  const fieldOf = (column: string) =>
    s.fields.find((f) => f.source !== undefined && f.source === column)?.name ?? column;
  for (const ix of s.indexes) {
    if (!ix.unique) continue;
    const fields = ix.columns.map(fieldOf);
    const target = fields.length === 1 ? exAtom(fields[0]!) : ex.list(fields.map((x) => exAtom(x)));
    const kws =
      ix.name === defaultIndexName(s.table, ix.columns) ? [] : [ex.kw('name:', exAtom(ix.name))];
    steps.push({
      name: 'unique_constraint',
      fields: ix.columns,
      text: step(ex.call('unique_constraint', [target], kws)),
    });
  }
  const fkStep = (name: string): StepPart => ({
    name: 'foreign_key_constraint',
    fields: [name],
    text: step(ex.call('foreign_key_constraint', [exAtom(name)])),
  });
  for (const f of s.fields) if (f.type === 'references' && f.cast) steps.push(fkStep(f.name));
  for (const a of belongs) steps.push(fkStep(a.foreign_key));
  const scope = s.scope;
  if (scope !== undefined) {
    // The owner comes from the scope argument, never from attrs (it is not cast).
    if (scope.schema_table !== undefined) steps.push(fkStep(scope.schema_key));
    const access = [scopeParam(scope), ...scope.access_path].join('.');
    steps.push({
      name: 'put_change',
      fields: [scope.schema_key],
      text: step(ex.call('put_change', [exAtom(scope.schema_key), access])),
    });
  }
  return { cast, required, steps };
}

/** `|> cast(attrs, [...])`. */
export function castStep(names: readonly string[], attrs = 'attrs'): string {
  return step(ex.call('cast', [attrs, ex.list(names.map((n) => exAtom(n)))]));
}

/** `|> validate_required([...])`. */
export function requiredStep(names: readonly string[]): string {
  return step(ex.call('validate_required', [ex.list(names.map((n) => exAtom(n)))]));
}

function changesetSteps(parts: Pick<SchemaParts, 'cast' | 'required' | 'steps'>): string[] {
  return [
    castStep(parts.cast),
    ...(parts.required.length > 0 ? [requiredStep(parts.required)] : []),
    ...parts.steps.map((p) => p.text),
  ];
}

/** The changeset's scope parameter: `user_scope` for the scope :user. */
function scopeParam(scope: SchemaScope): string {
  return `${scope.name}_scope`;
}

// ---------------------------------------------------------------------------------------------

/**
 * Groups of expressions → lines with the blank lines `mix format` keeps or inserts: one between
 * groups, and one before and after every expression that spans several lines.
 */
export function blockLines(groups: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  groups.forEach((group, g) => {
    group.forEach((expr, i) => {
      const multiline = expr.includes('\n');
      const groupStart = i === 0 && g > 0;
      if (out.length > 0 && out[out.length - 1] !== '' && (groupStart || multiline)) out.push('');
      out.push(expr);
      if (multiline && !(g === groups.length - 1 && i === group.length - 1)) out.push('');
    });
  });
  return out;
}

export function schemaView(app: App, schema: Schema, opts: SchemaViewOptions): SchemaView {
  const fkDefault =
    !schema.embedded && schema.primary_key && schema.primary_key.type === 'binary_id'
      ? 'binary_id'
      : 'id';
  const c: Ctx = { app, schema, fkDefault };
  const fields = schema.fields.map((f) => ({ name: f.name, text: fieldLine(f) }));
  const associations = schema.associations.map((a) => ({
    name: a.name,
    text: associationLine(app, schema, a),
  }));
  const timestamps = timestampsLine(schema);
  const groups = [
    fields.map((f) => f.text),
    associations.map((a) => a.text),
    timestamps === null ? [] : [timestamps],
  ].filter((g) => g.length > 0);
  const changeset = changesetParts(c);
  return {
    path: schemaFilePath(app, schema),
    module: exModule(fullModule(app, schema.module)),
    attributes: attributes(schema, opts),
    schema_open: schema.embedded ? 'embedded_schema do' : `schema ${exString(schema.table)} do`,
    body: blockLines(groups),
    var: changesetVar(schema),
    changeset_head: formatLines(
      ex.callNoParens('def', [
        ex.call('changeset', [
          changesetVar(schema),
          'attrs',
          ...(schema.scope === undefined ? [] : [scopeParam(schema.scope)]),
        ]),
      ]),
      { indent: 2, doBlock: true },
    ),
    steps: changesetSteps(changeset),
    parts: { fields, associations, timestamps, ...changeset },
  };
}

/** The line(s) of one association of `schema` (the owner), as in its schema block. */
export function associationLine(
  app: App,
  schema: Schema,
  a: Schema['associations'][number],
): string {
  const fkDefault =
    !schema.embedded && schema.primary_key && schema.primary_key.type === 'binary_id'
      ? 'binary_id'
      : 'id';
  const c: Ctx = { app, schema, fkDefault };
  switch (a.kind) {
    case 'belongs_to':
      return belongsToLine(a, c);
    case 'has_many':
    case 'has_one':
      return hasLine(a, app, schema);
    case 'many_to_many':
      return manyToManyLine(a, c);
  }
}

/** The module's source: every line comes from the view above. */
export function schemaSource(s: SchemaView): string {
  const attributes = s.attributes.map((line) => `  ${line}\n`).join('');
  const body = s.body.map((line) => `${line}\n`).join('');
  const steps = s.steps.map((line) => `${line}\n`).join('');
  return (
    `defmodule ${s.module} do\n  use Ecto.Schema\n  import Ecto.Changeset\n\n${attributes}` +
    `  ${s.schema_open}\n${body}  end\n\n  @doc false\n${s.changeset_head}\n    ${s.var}\n${steps}  end\nend\n`
  );
}
