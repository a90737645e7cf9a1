/** Normalization of one association: its target, keys, types and defaults. */
import type { AssociationDef } from '../schema.js';
import type { App, Association, BelongsTo, ManyToMany, OnReplace, Schema } from '../normalized.js';
import type { PrimaryKeyType } from '../types.js';
import type { KnownSchema } from './known.js';
import { underscore } from '../../naming/index.js';
import { defaultTable, lastSegment, ownerKey, relativeModule } from './names.js';
import type { Report } from './report.js';

export interface AssocCtx {
  app: App | null;
  err: Report;
  warn: Report;
  byModule: Map<string, number>;
  schemas: Schema[];
  known: Map<string, KnownSchema>;
  pkTypeOf: (idx: number | null, mod: string) => PrimaryKeyType | false | null;
  ownType: (s: Schema) => PrimaryKeyType;
}

/** Ecto's on_replace values per association kind. */
const ON_REPLACE_BY_KIND: Readonly<Record<AssociationDef['kind'], readonly OnReplace[]>> = {
  belongs_to: ['raise', 'mark_as_invalid', 'nilify', 'update', 'delete'],
  has_one: ['raise', 'mark_as_invalid', 'nilify', 'update', 'delete', 'delete_if_exists'],
  has_many: ['raise', 'mark_as_invalid', 'nilify', 'delete', 'delete_if_exists'],
  many_to_many: ['raise', 'mark_as_invalid', 'delete'],
};

export function normalizeAssociation(
  a: AssociationDef,
  p: string,
  s: Schema,
  c: AssocCtx,
): Association {
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
  const allowed = ON_REPLACE_BY_KIND[a.kind];
  if (a.on_replace !== undefined && !allowed.includes(a.on_replace)) {
    c.err(
      `${p}.on_replace`,
      `${where}: on_replace ${a.on_replace} is not valid for ${a.kind}; valid: ${allowed.join(', ')}.`,
    );
  }
  const onReplace = a.on_replace === undefined ? {} : { on_replace: a.on_replace };
  if (a.kind !== 'belongs_to' && a.owner === true) {
    c.err(
      `${p}.owner`,
      `${where}: owner applies to belongs_to only, not to ${a.kind}; mark the belongs_to on ${target}'s side as owner (e.g. ${underscore(lastSegment(s.module))}:belongs_to:${s.module}:owner on a ${target} spec line), or remove owner.`,
    );
  }
  switch (a.kind) {
    case 'belongs_to': {
      const required = a.required ?? true;
      if (a.owner === true && !required) {
        c.err(
          `${p}.owner`,
          `${where}: an owner must be given to create every row, so an owner belongs_to cannot be optional (required: false); make it required, or remove owner to keep ${a.foreign_key ?? `${a.name}_id`} an ordinary optional key.`,
        );
      }
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
        target_key: a.references ?? targetKey,
        inverse: a.inverse ?? (unique ? 'has_one' : 'has_many'),
        inverse_name: a.inverse_name ?? null,
        ...(a.owner === true ? { owner: true as const } : {}),
        ...onReplace,
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
        ...onReplace,
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
        ...onReplace,
      };
      return m;
    }
  }
}
