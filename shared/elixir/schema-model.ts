/**
 * A schema module read back as the wire model the generators take (`SchemaDef` of
 * shared/model/schema.ts), merged with what the replayed migrations say about its table: the
 * column type (`:text` behind a `:string` field), size/precision/scale, foreign keys behind
 * `field :x_id, :id`, on_delete, and the indexes. Everything the model cannot express is listed
 * in `unsupported` with file and line (never dropped silently); `locations` keeps the line of every
 * field and association, so a later diff can point at the code.
 */
import type { ColumnState, TableState } from '../model/database.js';
import type { AssociationDef, FieldDef, IndexDef, SchemaDef } from '../model/schema.js';
import type { OnReplace } from '../model/normalized.js';
import { ON_REPLACE } from '../model/schema.js';
import { defaultIndexName } from '../model/index.js';
import { TIMESTAMP_TYPES, type PrimaryKeyType, type TimestampType } from '../model/types.js';
import type {
  ChangesetStep,
  ProjectSchema,
  ProjectSchemaAssociation,
  ProjectSchemaField,
} from './schema-types.js';
import { literalValue, modelType } from './schema-values.js';

export interface UnsupportedConstruct {
  file: string;
  line: number;
  /** The field, association or statement concerned. */
  what: string;
  reason: string;
}

export interface SchemaLocations {
  fields: Record<string, number>;
  associations: Record<string, number>;
  timestamps: number | null;
  changeset: number | null;
}

export interface SchemaReadBack {
  model: SchemaDef;
  unsupported: UnsupportedConstruct[];
  locations: SchemaLocations;
}

export interface ReadBackOptions {
  /** The application's base module ("MyApp"): modules in the model are relative to it. */
  baseModule: string;
  /** The schema's table as the migrations leave it (null: unknown). */
  table: TableState | null;
  /**
   * The project's usable scopes (Phoenix 1.8 `config :app, :scopes`): a changeset/3 that puts
   * a scope's key reads back as `scope: <name>`, any other schema as `scope: false`. Absent or
   * empty: the project has none, and `scope` is left out.
   */
  scopes?: readonly ScopeKey[];
}

/** What read-back needs of a configured scope to recognise it in a changeset/3. */
export interface ScopeKey {
  name: string;
  schema_key: string;
  access_path: readonly string[];
}

/** What the changeset says, by field. */
interface ChangesetFacts {
  cast: Set<string> | null;
  required: Set<string>;
  uniques: { columns: string[]; name: string | null; line: number }[];
  byField: Map<string, ChangesetStep[]>;
}

const VALIDATIONS = new Set([
  'validate_length',
  'validate_format',
  'validate_number',
  'validate_inclusion',
  'validate_subset',
]);
const IGNORED_STEPS = new Set(['foreign_key_constraint', 'assoc_constraint']);

function relativeModule(module: string, base: string): string {
  return module.startsWith(`${base}.`) ? module.slice(base.length + 1) : module;
}

/**
 * The schema's scope: the name of the configured scope whose key its changeset/3 puts, false
 * for an unscoped schema of a project with scopes, undefined otherwise (or when a changeset/3
 * matches no configured scope, which is reported).
 */
function scopeOf(
  s: ProjectSchema,
  scopes: readonly ScopeKey[],
  report: (line: number, what: string, reason: string) => void,
): string | false | undefined {
  const cs = s.changeset;
  if (cs?.arity !== 3) return scopes.length > 0 && !s.embedded ? false : undefined;
  const put = cs.scope;
  if (put === null) {
    report(
      cs.line,
      'changeset/3',
      'a changeset/3 without a put_change(:key, scope.path) step is not a scoped changeset the model can express',
    );
    return undefined;
  }
  const found = scopes.find(
    (sc) => sc.schema_key === put.key && sc.access_path.join('.') === put.access_path.join('.'),
  );
  if (found === undefined) {
    const known = scopes.map(
      (sc) =>
        `:${sc.name} (schema_key :${sc.schema_key}, access_path [${sc.access_path.map((p) => `:${p}`).join(', ')}])`,
    );
    report(
      put.line,
      'put_change',
      `changeset/3 puts :${put.key} from ${[put.param, ...put.access_path].join('.')}, but no usable scope of config :<app>, :scopes has that key and path (${known.length > 0 ? known.join('; ') : 'none configured, or Phoenix older than 1.8'})`,
    );
    return undefined;
  }
  const owner = s.associations.find(
    (a) => a.kind === 'belongs_to' && (a.foreign_key ?? `${a.name}_id`) === put.key,
  );
  if (owner) {
    report(
      owner.line,
      owner.name,
      `the scope key ${put.key} is also the foreign key of belongs_to ${owner.name}; a scoped model writes it as a plain field`,
    );
  }
  return found.name;
}

function changesetFacts(
  s: ProjectSchema,
  report: (line: number, what: string, reason: string) => void,
): ChangesetFacts {
  const facts: ChangesetFacts = {
    cast: new Set(),
    required: new Set(),
    uniques: [],
    byField: new Map(),
  };
  if (!s.changeset) {
    facts.cast = null;
    report(s.line, 'changeset/2', 'the module defines no changeset/2; the generator would add one');
    return facts;
  }
  for (const other of s.changeset.other)
    report(other.line, other.what, 'a changeset statement the model cannot express');
  for (const step of s.changeset.steps) {
    if (step.name === 'cast') {
      if (step.fields === null) {
        facts.cast = null;
        report(step.line, 'cast', 'the permitted fields are not a literal list');
      } else for (const f of step.fields) facts.cast?.add(f);
    } else if (step.name === 'validate_required') {
      for (const f of step.fields ?? []) facts.required.add(f);
      if (step.fields === null)
        report(step.line, 'validate_required', 'the fields are not a literal list');
    } else if (step.name === 'unique_constraint' && step.fields) {
      const name = step.options['name'];
      facts.uniques.push({
        columns: step.fields,
        name: name ? name.replace(/^:"?|"$/g, '') : null,
        line: step.line,
      });
    } else if (VALIDATIONS.has(step.name) && step.fields?.length === 1) {
      const list = facts.byField.get(step.fields[0]!) ?? [];
      list.push(step);
      facts.byField.set(step.fields[0]!, list);
    } else if (!IGNORED_STEPS.has(step.name)) {
      report(step.line, step.name, 'a changeset step the model cannot express');
    }
  }
  return facts;
}

function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** The model's `validations` of one field from its changeset steps. */
function validationsOf(
  steps: ChangesetStep[],
  size: number | undefined,
  report: (line: number, reason: string) => void,
): FieldDef['validations'] {
  const v: NonNullable<FieldDef['validations']> = {};
  for (const step of steps) {
    if (step.name === 'validate_length') {
      const length = {
        min: num(step.options['min']),
        max: num(step.options['max']),
        is: num(step.options['is']),
      };
      // The generator caps strings at their column size itself.
      if (length.max !== undefined && length.max === size && length.is === undefined)
        length.max = undefined;
      const clean = Object.fromEntries(Object.entries(length).filter(([, x]) => x !== undefined));
      if (Object.keys(clean).length > 0) v.length = clean;
    } else if (step.name === 'validate_format') {
      if (typeof step.regex === 'string') v.format = step.regex;
      else report(step.line, 'validate_format with a regex that is not a plain ~r literal');
    } else if (step.name === 'validate_number') {
      const bounds = Object.fromEntries(
        Object.entries(step.options)
          .map(([k, x]) => [k, num(x)] as const)
          .filter(([, x]) => x !== undefined),
      );
      v.number = bounds;
    } else if (step.values) {
      v.inclusion = step.values;
    } else {
      report(step.line, `${step.name} with values that are not literal`);
    }
  }
  return Object.keys(v).length > 0 ? v : undefined;
}

const FIELD_OPTIONS = new Set(['default', 'redact', 'values', 'source']);

/** `:name` (or `:"name"`) → "name"; null for anything else. */
function atomText(text: string | undefined): string | null {
  const m = text === undefined ? null : /^:"?([a-z_][a-z0-9_]*)"?$/.exec(text);
  return m ? m[1]! : null;
}

/** A field's column: its `source:` when that is a literal atom, else its name. */
export function fieldColumn(f: ProjectSchemaField): string {
  return atomText(f.options['source']) ?? f.name;
}

function readBackField(
  f: ProjectSchemaField,
  column: ColumnState | undefined,
  facts: ChangesetFacts,
  report: (line: number, what: string, reason: string) => void,
): FieldDef | null {
  if (f.virtual) {
    report(f.line, f.name, 'a virtual field (no column) is not in the model');
    return null;
  }
  if (f.primary_key) {
    report(f.line, f.name, 'a field declared primary_key: true is not in the model');
    return null;
  }
  const read = modelType(f.type);
  if (!read) {
    report(f.line, f.name, `the type ${f.type} (a custom Ecto type) is not in the model`);
    return null;
  }
  for (const key of Object.keys(f.options)) {
    if (!FIELD_OPTIONS.has(key))
      report(f.line, f.name, `the option ${key}: ${f.options[key]} is not in the model`);
  }
  const def: FieldDef = { name: f.name, type: read.type };
  const source = f.options['source'];
  if (source !== undefined) {
    if (atomText(source) === null)
      report(f.line, f.name, `the source ${source} is not a literal column name`);
    else if (atomText(source) !== f.name) def.source = atomText(source)!;
  }
  if (read.inner) def.inner = read.inner;
  if (f.values) def.values = f.values;
  if (read.type === 'string' && column?.type === ':text') def.type = 'text';
  if ((read.type === 'id' || read.type === 'binary_id') && column?.references) {
    def.type = 'references';
    def.references = {
      table: column.references.table,
      on_delete:
        column.references.on_delete === 'update_all' ? 'nothing' : column.references.on_delete,
      type: read.type,
    };
  }
  const size = column && (def.type === 'string' || def.type === 'binary') ? column.size : null;
  if (size !== null) def.size = size;
  if (column && def.type === 'decimal') {
    if (column.precision !== null) def.precision = column.precision;
    if (column.scale !== null) def.scale = column.scale;
  }
  def.required = facts.required.has(f.name);
  if (column && column.null === def.required) def.null = column.null;
  if (facts.cast !== null && !facts.cast.has(f.name)) def.cast = false;
  if (f.options['redact'] === 'true') def.redact = true;
  const dflt = f.options['default'];
  if (dflt !== undefined && dflt !== 'nil') {
    const value = literalValue(dflt);
    if (value === undefined)
      report(f.line, f.name, `the default ${dflt} is computed, not a literal`);
    else def.default = value as FieldDef['default'];
  }
  const validations = validationsOf(
    facts.byField.get(f.name) ?? [],
    size ?? undefined,
    (line, reason) => report(line, f.name, reason),
  );
  if (validations) def.validations = validations;
  return def;
}

function keyType(type: string): PrimaryKeyType | null {
  if (type === ':id') return 'id';
  if (type === ':binary_id') return 'binary_id';
  return null;
}

function readBackAssociation(
  a: ProjectSchemaAssociation,
  s: ProjectSchema,
  ctx: { base: string; table: TableState | null; facts: ChangesetFacts; ownerTaken: boolean },
  report: (line: number, what: string, reason: string) => void,
): AssociationDef | null {
  if (a.kind === 'embeds_one' || a.kind === 'embeds_many') {
    report(a.line, a.name, `${a.kind} (embedded schemas inside a schema) is not in the model`);
    return null;
  }
  if (a.target === null) {
    report(
      a.line,
      a.name,
      `${a.kind} without a literal target module (through:) is not in the model`,
    );
    return null;
  }
  const target = relativeModule(a.target, ctx.base);
  if (target === a.target) report(a.line, a.name, `the target ${a.target} is outside ${ctx.base}`);
  const extra = (allowed: string[]) => {
    for (const [k, v] of Object.entries(a.options)) {
      if (!allowed.includes(k)) report(a.line, a.name, `the option ${k}: ${v} is not in the model`);
    }
  };
  const replaceText = a.options['on_replace'];
  const replace = atomText(replaceText);
  const onReplaceOk = replace !== null && (ON_REPLACE as readonly string[]).includes(replace);
  if (replaceText !== undefined && !onReplaceOk)
    report(a.line, a.name, `on_replace: ${replaceText} is not one of ${ON_REPLACE.join(', ')}`);
  const onReplace =
    onReplaceOk && !(a.kind === 'many_to_many' && replace === 'delete')
      ? { on_replace: replace as OnReplace }
      : {};
  if (a.kind === 'belongs_to') {
    extra(['foreign_key', 'type', 'references', 'on_replace']);
    const fk = a.foreign_key ?? `${a.name}_id`;
    const refText = a.options['references'];
    const references = atomText(refText);
    if (refText !== undefined && references === null)
      report(a.line, a.name, `references: ${refText} is not a literal column name`);
    const field = s.fields.find((f) => f.from === 'belongs_to' && f.name === fk);
    const type = field ? keyType(field.type) : null;
    if (field && type === null)
      report(a.line, a.name, `the foreign key type ${field.type} is not in the model`);
    const column = ctx.table?.columns.find((c) => c.name === fk);
    const onDelete = column?.references?.on_delete;
    // A required key the changeset does not cast is set from its owner (`owner: true`); a row
    // has one owner, and an optional one cannot be.
    const notCast = ctx.facts.cast !== null && !ctx.facts.cast.has(fk);
    const required = ctx.facts.required.has(fk);
    const owner = notCast && required && !ctx.ownerTaken;
    if (owner) ctx.ownerTaken = true;
    else if (notCast) {
      report(
        a.line,
        a.name,
        `the foreign key ${fk} is not cast and ${required ? 'another belongs_to is the owner' : 'not required'}; the generator casts it (or, marked owner, sets it from a required owner)`,
      );
    }
    return {
      kind: 'belongs_to',
      name: a.name,
      target,
      ...(fk === `${a.name}_id` ? {} : { foreign_key: fk }),
      required,
      ...(onDelete && onDelete !== 'update_all' ? { on_delete: onDelete } : {}),
      ...(type ? { type } : {}),
      ...(references !== null && references !== 'id' ? { references } : {}),
      inverse: 'none',
      ...(owner ? { owner: true } : {}),
      ...onReplace,
    };
  }
  if (a.kind === 'many_to_many') {
    extra(['join_through', 'join_keys', 'on_replace']);
    const through = a.options['join_through'];
    const join = through ? /^"(\w+)"$/.exec(through)?.[1] : undefined;
    if (!join)
      report(a.line, a.name, `join_through ${through ?? '(none)'} is not a literal table name`);
    return {
      kind: 'many_to_many',
      name: a.name,
      target,
      ...(join ? { join_table: join } : {}),
      ...onReplace,
    };
  }
  extra(['foreign_key', 'on_replace']);
  const fk = a.options['foreign_key']?.replace(/^:/, '');
  return { kind: a.kind, name: a.name, target, ...(fk ? { foreign_key: fk } : {}), ...onReplace };
}

/** Unique constraints of the changeset and indexes of the table → field `unique` and `indexes`. */
function readBackIndexes(
  s: ProjectSchema,
  fields: FieldDef[],
  facts: ChangesetFacts,
  table: TableState | null,
  fkColumns: Set<string>,
): IndexDef[] {
  const tableName = s.table ?? '';
  const out: IndexDef[] = [];
  const seen = new Set<string>();
  // unique_constraint names fields; the model's indexes, like Ecto's default name, use columns.
  const columnOf = (name: string) => fields.find((f) => f.name === name)?.source ?? name;
  for (const u of facts.uniques) {
    const columns = u.columns.map(columnOf);
    const field = u.columns.length === 1 ? fields.find((f) => f.name === u.columns[0]) : undefined;
    const isDefault = u.name === null || u.name === defaultIndexName(tableName, columns);
    if (field && isDefault && !fkColumns.has(field.name)) field.unique = true;
    else out.push({ columns, unique: true, ...(isDefault ? {} : { name: u.name! }) });
    seen.add(columns.join(','));
  }
  for (const ix of table?.indexes ?? []) {
    const key = ix.columns.join(',');
    if (seen.has(key) || ix.where !== null || ix.using !== null) continue;
    const isDefault = ix.name === defaultIndexName(tableName, ix.columns);
    // An index on one foreign key is what the generator writes for every foreign key.
    if (!ix.unique && isDefault && ix.columns.length === 1 && fkColumns.has(ix.columns[0]!))
      continue;
    if (ix.unique && isDefault && ix.columns.length === 1 && fkColumns.has(ix.columns[0]!)) {
      out.push({ columns: ix.columns, unique: true });
      continue;
    }
    out.push({
      columns: ix.columns,
      ...(ix.unique ? { unique: true } : {}),
      ...(isDefault ? {} : { name: ix.name }),
    });
    seen.add(key);
  }
  return out;
}

function timestampsOf(
  s: ProjectSchema,
  report: (line: number, what: string, reason: string) => void,
): SchemaDef['timestamps'] {
  const t = s.timestamps;
  if (!t) return false;
  const type = t.type.replace(/^:/, '');
  if (!(TIMESTAMP_TYPES as readonly string[]).includes(type)) {
    report(t.line, 'timestamps', `the timestamp type ${t.type} is not in the model`);
  }
  if (t.inserted_at === false || t.updated_at === false) {
    report(
      t.line,
      'timestamps',
      'a timestamp turned off (inserted_at: false or updated_at: false) is not in the model',
    );
  }
  for (const k of Object.keys(t.options)) {
    if (k !== 'type' && k !== 'inserted_at' && k !== 'updated_at') {
      report(t.line, 'timestamps', `the option ${k}: ${t.options[k]} is not in the model`);
    }
  }
  return {
    type: ((TIMESTAMP_TYPES as readonly string[]).includes(type)
      ? type
      : 'naive_datetime') as TimestampType,
    ...(t.inserted_at !== false && t.inserted_at !== 'inserted_at'
      ? { inserted_at: t.inserted_at }
      : {}),
    ...(t.updated_at !== false && t.updated_at !== 'updated_at'
      ? { updated_at: t.updated_at }
      : {}),
  };
}

function primaryKeyOf(
  s: ProjectSchema,
  report: (line: number, what: string, reason: string) => void,
): SchemaDef['primary_key'] {
  if (s.primary_key === false) return false;
  const type =
    keyType(s.primary_key.type) ?? (s.primary_key.type === 'Ecto.UUID' ? 'binary_id' : null);
  if (type === null || s.primary_key.type === 'Ecto.UUID') {
    report(
      s.line,
      'primary key',
      `the key type ${s.primary_key.type} is not in the model (id or binary_id)`,
    );
  }
  const auto = s.primary_key.options?.['autogenerate'];
  if (auto !== undefined && auto !== 'true' && auto !== 'false') {
    report(s.line, 'primary key', `autogenerate: ${auto} is not a literal true or false`);
  }
  return {
    name: s.primary_key.name,
    type: type ?? 'id',
    ...(auto === 'false' ? { autogenerate: false } : {}),
  };
}

/** One schema module (with its table as the migrations leave it) → the wire model. */
export function readBackSchema(s: ProjectSchema, opts: ReadBackOptions): SchemaReadBack {
  const unsupported: UnsupportedConstruct[] = [];
  const report = (line: number, what: string, reason: string) =>
    unsupported.push({ file: s.file, line, what, reason });
  for (const u of s.unreadable)
    report(u.line, u.what, 'a statement in the schema block the model cannot express');
  const facts = changesetFacts(s, report);
  const scope = scopeOf(s, opts.scopes ?? [], report);
  // The scope adds its key field itself.
  const scopeKey = typeof scope === 'string' ? s.changeset?.scope?.key : undefined;
  const fields: FieldDef[] = [];
  const locations: SchemaLocations = {
    fields: {},
    associations: {},
    timestamps: s.timestamps?.line ?? null,
    changeset: s.changeset?.line ?? null,
  };
  for (const f of s.fields) {
    if (f.from !== 'field') continue;
    const name = fieldColumn(f);
    const column = opts.table?.columns.find((c) => c.name === name);
    locations.fields[f.name] = f.line;
    if (f.name === scopeKey) continue;
    const def = readBackField(f, column, facts, report);
    if (def) fields.push(def);
  }
  const associations: AssociationDef[] = [];
  const assocCtx = { base: opts.baseModule, table: opts.table, facts, ownerTaken: false };
  for (const a of s.associations) {
    const def = readBackAssociation(a, s, assocCtx, report);
    locations.associations[a.name] = a.line;
    if (def) associations.push(def);
  }
  const fkColumns = new Set([
    ...(scopeKey === undefined ? [] : [scopeKey]),
    ...fields.filter((f) => f.type === 'references').map((f) => f.name),
    ...associations.flatMap((a) =>
      a.kind === 'belongs_to' ? [a.foreign_key ?? `${a.name}_id`] : [],
    ),
  ]);
  const indexes = s.embedded ? [] : readBackIndexes(s, fields, facts, opts.table, fkColumns);
  for (const a of associations) {
    if (a.kind !== 'belongs_to') continue;
    const fk = a.foreign_key ?? `${a.name}_id`;
    const at = indexes.findIndex(
      (i) => i.unique && i.name === undefined && i.columns.length === 1 && i.columns[0] === fk,
    );
    if (at >= 0) {
      a.unique = true;
      indexes.splice(at, 1);
    }
  }
  const model: SchemaDef = {
    module: relativeModule(s.module, opts.baseModule),
    ...(s.embedded ? { embedded: true } : { table: s.table ?? undefined }),
    primary_key: primaryKeyOf(s, report),
    timestamps: timestampsOf(s, report),
    ...(s.prefix ? { prefix: s.prefix } : {}),
    ...(scope === undefined ? {} : { scope }),
    fields,
    associations,
    ...(indexes.length > 0 ? { indexes } : {}),
  };
  if (!s.embedded && s.table === null)
    report(s.line, 'schema', 'the table name is not a literal string');
  return { model, unsupported, locations };
}
