/**
 * The checks that need the whole batch: duplicate modules and tables, contexts, references and
 * association targets resolved against the batch and the project, inverse associations, join
 * tables. Each pass reads and completes the schemas that `normalizeSchemaShell` built.
 */
import { pluralize, underscore } from '../../naming/index.js';
import type { SchemaDef } from '../schema.js';
import type { App, HasMany, Schema } from '../normalized.js';
import type { PrimaryKeyType } from '../types.js';
import { normalizeAssociation } from './association.js';
import { buildIndexes } from './indexes.js';
import type { KnownSchema } from './known.js';
import { lastSegment, namespaceOf, relativeModule } from './names.js';
import { didYouMean } from '../parse/suggest.js';
import type { Report } from './report.js';
import { checkNames } from './schema.js';
import { tableWarnings } from './tables.js';

/** One batch under validation: the schemas so far and where to find each by module or table. */
export interface Batch {
  defs: SchemaDef[];
  app: App | null;
  schemas: Schema[];
  byModule: Map<string, number>;
  byTable: Map<string, number>;
  /** Project schemas by module relative to the app. */
  known: Map<string, KnownSchema>;
  knownByTable: Map<string, KnownSchema>;
  err: Report;
  warn: Report;
}

/** Indexes the batch by module and by table, reporting the duplicates of either. */
export function indexBatch(
  defs: SchemaDef[],
  schemas: Schema[],
  app: App | null,
  knownList: KnownSchema[],
  err: Report,
  warn: Report,
): Batch {
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
  for (const k of knownList) known.set(relativeModule(k.module, app), k);
  const knownByTable = new Map<string, KnownSchema>();
  for (const k of knownList) if (k.table) knownByTable.set(k.table, k);
  return { defs, app, schemas, byModule, byTable, known, knownByTable, err, warn };
}

/** Context names against schema names and the application name. */
export function checkContexts({ schemas, app, byModule, err, warn }: Batch): void {
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
}

/** The primary key type of a batch schema (by index) or a project schema (by module). */
export function pkTypeOf(b: Batch, idx: number | null, mod: string): PrimaryKeyType | false | null {
  if (idx !== null) {
    const pk = b.schemas[idx]?.primary_key;
    return pk === undefined ? null : pk === false ? false : pk.type;
  }
  const k = b.known.get(mod);
  if (k) return k.primary_key === false ? false : k.primary_key.type;
  return null;
}

export function ownType(s: Schema): PrimaryKeyType {
  return s.primary_key === false ? 'id' : s.primary_key.type;
}

/** Pass 2: key types of `references` fields, and every association's target resolved. */
export function resolveAssociations(b: Batch): void {
  const { schemas } = b;
  schemas.forEach((s, i) => {
    const def = b.defs[i]!;
    const p = `schemas[${i}]`;
    resolveReferences(b, s, def, p);
    s.associations = (def.associations ?? []).map((a, j) =>
      normalizeAssociation(a, `${p}.associations[${j}]`, s, {
        app: b.app,
        err: b.err,
        warn: b.warn,
        byModule: b.byModule,
        schemas,
        known: b.known,
        pkTypeOf: (idx, mod) => pkTypeOf(b, idx, mod),
        ownType,
      }),
    );
    checkOneOwner(b, s, p);
  });
}

/** A row has one owner: at most one belongs_to of a schema is marked owner. */
function checkOneOwner(b: Batch, s: Schema, p: string): void {
  const owners = s.associations.flatMap((a, j) =>
    a.kind === 'belongs_to' && a.owner === true ? [{ a, j }] : [],
  );
  if (owners.length < 2) return;
  b.err(
    `${p}.associations[${owners[1]!.j}].owner`,
    `${s.module} marks ${owners.map((o) => `"${o.a.name}"`).join(' and ')} as owner, and a row has one owner (the one its context functions take as an argument); keep owner on one of them, the others stay ordinary belongs_to.`,
  );
}

/**
 * The key type of each `references` field, from the referenced table (in the batch or the
 * project); a table found in neither gets a warning, as an unknown belongs_to target does.
 */
function resolveReferences(b: Batch, s: Schema, def: SchemaDef, p: string): void {
  const { schemas, byTable, knownByTable } = b;
  s.fields.forEach((f, j) => {
    if (!f.references) return;
    const table = f.references.table;
    const ti = byTable.get(table);
    const k = knownByTable.get(table);
    if (ti === undefined && k === undefined && def.fields?.[j]?.references?.table !== undefined) {
      const tables = [...byTable.keys(), ...knownByTable.keys()];
      b.warn(
        `${p}.fields[${j}].references.table`,
        `${s.module} field "${f.name}" references table "${table}", which is not in this batch nor among the project's schemas found; the migration's foreign key fails unless the table exists when it runs.${didYouMean(table, tables)} Add a schema with table "${table}" to the batch, or check the spelling.`,
      );
    }
    const explicit = def.fields?.[j]?.references?.type;
    if (explicit) return;
    if (ti !== undefined) {
      const t = pkTypeOf(b, ti, schemas[ti]!.module);
      if (t) f.references.type = t;
    } else {
      f.references.type = k && k.primary_key !== false ? k.primary_key.type : ownType(s);
    }
  });
}

/** Pass 3: the has_many/has_one a belongs_to implies on its target inside the batch. */
export function addInverses({ schemas, warn }: Batch): void {
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
}

/** Pass 4: name clashes, has_many back-references, derived names, join tables, indexes. */
export function checkSchemas(b: Batch): void {
  const { schemas, byTable, err, warn } = b;
  const joinTables = new Map<string, { tables: string; path: string }>();
  schemas.forEach((s, i) => {
    const p = `schemas[${i}]`;
    checkNames(s, b.defs[i]!, p, err);
    tableWarnings(s, p, warn);
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
    s.indexes = buildIndexes(s, b.defs[i]!.indexes ?? [], p, err);
  });
}
