/**
 * A normalized schema back to the wire model, every default spelled out: what re-normalizing
 * needs when one schema of a batch is swapped for another (an existing file read back), and the
 * common form in which two models are compared. Inferred inverse associations are left out (the
 * normalizer infers them again); targets outside the batch become KnownSchema entries.
 */
import type { KnownSchema } from './validate.js';
import type { Association, Field, Schema, SchemaScope } from './normalized.js';
import type { AssociationDef, FieldDef, SchemaDef } from './schema.js';

export function fieldToWire(f: Field): FieldDef {
  const def: FieldDef = {
    name: f.name,
    type: f.type,
    required: f.required,
    unique: f.unique,
    redact: f.redact,
    null: f.null,
    cast: f.cast,
  };
  if (f.inner !== null) def.inner = f.inner;
  if (f.values !== null) def.values = [...f.values];
  if (f.references !== null) def.references = { ...f.references };
  if (f.default !== undefined) def.default = f.default as FieldDef['default'];
  if (f.size !== null) def.size = f.size;
  if (f.precision !== null) def.precision = f.precision;
  if (f.scale !== null) def.scale = f.scale;
  if (Object.keys(f.validations).length > 0) def.validations = structuredClone(f.validations);
  if (f.source !== undefined) def.source = f.source;
  return def;
}

function associationToWire(a: Association): AssociationDef {
  return { ...associationCore(a), ...(a.on_replace ? { on_replace: a.on_replace } : {}) };
}

function associationCore(a: Association): AssociationDef {
  switch (a.kind) {
    case 'belongs_to':
      return {
        kind: 'belongs_to',
        name: a.name,
        target: a.target,
        foreign_key: a.foreign_key,
        required: a.required,
        unique: a.unique,
        on_delete: a.on_delete,
        type: a.type,
        ...(a.target_key === 'id' ? {} : { references: a.target_key }),
        inverse: a.inverse,
        ...(a.inverse_name === null ? {} : { inverse_name: a.inverse_name }),
        ...(a.owner === true ? { owner: true } : {}),
      };
    case 'many_to_many':
      return { kind: 'many_to_many', name: a.name, target: a.target, join_table: a.join_table };
    default:
      return { kind: a.kind, name: a.name, target: a.target, foreign_key: a.foreign_key };
  }
}

export function schemaToWire(s: Schema): SchemaDef {
  return {
    module: s.module,
    context: s.context,
    ...(s.embedded ? { embedded: true } : { table: s.table }),
    primary_key: s.primary_key === false ? false : { ...s.primary_key },
    timestamps: s.timestamps === false ? false : { ...s.timestamps },
    ...(s.prefix === null ? {} : { prefix: s.prefix }),
    // A scoped schema's key field is the scope's: re-normalizing with `scope` adds it again.
    fields: (s.scope === undefined
      ? s.fields
      : s.fields.filter((f) => f.name !== s.scope!.schema_key)
    ).map(fieldToWire),
    ...(s.scope === undefined ? {} : { scope: s.scope.name }),
    associations: s.associations.filter((a) => !a.inferred).map(associationToWire),
    indexes: s.indexes.map((i) => ({ columns: [...i.columns], unique: i.unique, name: i.name })),
  };
}

/** The scopes the batch uses, as the normalizer's `scopes` (to re-normalize {@link schemaToWire}). */
export function batchScopes(schemas: readonly Schema[]): SchemaScope[] {
  const out = new Map<string, SchemaScope>();
  for (const s of schemas) if (s.scope !== undefined) out.set(s.scope.name, s.scope);
  return [...out.values()];
}

/** Targets of the batch's associations that live outside it, as the normalizer's `known`. */
export function knownTargets(schemas: readonly Schema[]): KnownSchema[] {
  const out = new Map<string, KnownSchema>();
  for (const s of schemas) {
    for (const a of s.associations) {
      if (a.target_index !== null || (a.kind !== 'belongs_to' && a.kind !== 'many_to_many'))
        continue;
      const type = a.kind === 'belongs_to' ? a.type : a.key_types[1];
      out.set(a.target, {
        module: a.target,
        table: a.target_table,
        primary_key: { name: a.target_key, type },
        embedded: false,
      });
    }
  }
  return [...out.values()];
}
