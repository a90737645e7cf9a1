/**
 * The model-vs-database diff: for every table of a batch, what an alter migration must change so
 * the database (a replayed or introspected {@link DatabaseState}) matches the model.
 *
 * Only the batch's tables are compared: the model passed to a generator is a batch, not the whole
 * project, so a table the batch does not mention is never dropped. Inside a batch table every
 * column is the model's (fields, foreign keys, primary key, timestamps), so a column the model
 * lacks is removed, unless a field's `renamed_from` claims it. Indexes are the model's when they
 * carry Ecto's default name over model columns (`posts_slug_index`); any other index (named by
 * hand, partial, gin…) is kept and reported.
 *
 * Every change that can lose data or fail on existing rows is listed in `destructive` with its
 * consequence; a change PostgreSQL cannot make on its own is listed in `unsupported`.
 */
import {
  qualifiedTableName,
  type ColumnReference,
  type ColumnState,
  type DatabaseState,
  type IndexState,
  type Renames,
  type TableState,
} from '../model/index.js';
import { ectoIndexName } from '../view/ecto-migration/migration.exs.js';
import { desiredTables, type DesiredColumn, type DesiredTable } from './desired.js';
import {
  classifyConversion,
  pgTypeOf,
  pgTypeText,
  type Conversion,
  type PgType,
} from './pg-types.js';

export type ColumnAttribute = 'type' | 'null' | 'default' | 'references';

export type ColumnChange =
  | { kind: 'rename'; from: string; to: string }
  | {
      kind: 'add';
      column: DesiredColumn;
      /** Required in the model, added nullable because the table may hold rows (see notes). */
      deferred_not_null: boolean;
    }
  | { kind: 'remove'; column: ColumnState }
  | {
      kind: 'modify';
      /** The column as it is (under its new name when renamed). */
      from: ColumnState;
      to: DesiredColumn;
      changed: ColumnAttribute[];
    };

export type IndexChange =
  | { kind: 'create'; index: IndexState }
  | { kind: 'drop'; index: IndexState }
  | { kind: 'rename'; index: IndexState; to: string };

export interface DestructiveChange {
  /** "posts" or "tenant.posts". */
  table: string;
  column: string | null;
  /** What changes, in a few words: "drop column views", "views: integer → smallint". */
  change: string;
  /** What it does to the data. */
  consequence: string;
}

export interface TableDiff {
  table: string;
  prefix: string | null;
  /** create: the table does not exist yet (the create migration handles it). */
  kind: 'create' | 'alter';
  /** The module owning the table; null for join tables. */
  module: string | null;
  /** The table's current name when the model renames it. */
  renamed_from: string | null;
  columns: ColumnChange[];
  indexes: IndexChange[];
  destructive: DestructiveChange[];
  /** Changes that cannot be generated (they need a hand-written migration). */
  unsupported: string[];
  /** What the answer should tell the user (columns added nullable, indexes kept…). */
  notes: string[];
}

/** Whether a table diff asks for any migration. */
export function hasChanges(d: TableDiff): boolean {
  return (
    d.kind === 'create' || d.renamed_from !== null || d.columns.length > 0 || d.indexes.length > 0
  );
}

function findTable(state: DatabaseState, name: string, prefix: string | null) {
  return state.tables.find((t) => t.name === name && t.prefix === prefix);
}

/** The diff of every table of the model (schema tables in batch order, then join tables). */
export function diffModel(
  state: DatabaseState,
  model: Parameters<typeof desiredTables>[0],
  renames: Renames,
): TableDiff[] {
  return desiredTables(model).map((d) => diffTable(state, d, renames));
}

export function diffTable(state: DatabaseState, d: DesiredTable, renames: Renames): TableDiff {
  const out: TableDiff = {
    table: d.name,
    prefix: d.prefix,
    kind: 'alter',
    module: d.module,
    renamed_from: null,
    columns: [],
    indexes: [],
    destructive: [],
    unsupported: [],
    notes: [],
  };
  let current = findTable(state, d.name, d.prefix);
  const oldName = renames.tables.get(d.name);
  if (!current && oldName !== undefined) {
    current = findTable(state, oldName, d.prefix);
    if (current) out.renamed_from = oldName;
  }
  if (!current) return { ...out, kind: 'create' };
  const qualified = qualifiedTableName(d);
  if (current.primary_key.join(',') !== d.primary_key.join(',')) {
    out.unsupported.push(
      `${qualified}: the primary key is (${current.primary_key.join(', ') || 'none'}) in the database and (${d.primary_key.join(', ') || 'none'}) in the model; changing a primary key needs a hand-written migration.`,
    );
  }
  const renamedColumns = diffColumns(current, d, renames.columns.get(d.name), out);
  diffIndexes(current, d, renamedColumns, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Columns

function diffColumns(
  current: TableState,
  d: DesiredTable,
  colRenames: Map<string, string> | undefined,
  out: TableDiff,
): Map<string, string> {
  const qualified = qualifiedTableName(d);
  const byName = new Map(current.columns.map((c) => [c.name, c]));
  const claimed = new Set<string>();
  /** old column name → new name, for the renames this migration makes. */
  const renamed = new Map<string, string>();
  const adds: ColumnChange[] = [];
  const modifies: ColumnChange[] = [];
  const uniqueColumns = new Set(
    d.indexes.flatMap((ix) => (ix.unique && ix.columns.length === 1 ? ix.columns : [])),
  );
  for (const want of d.columns) {
    if (want.primary_key) {
      claimed.add(want.name);
      continue;
    }
    let have = byName.get(want.name);
    const old = colRenames?.get(want.name);
    if (!have && old !== undefined && byName.has(old)) {
      have = byName.get(old) as ColumnState;
      renamed.set(old, want.name);
      out.columns.push({ kind: 'rename', from: old, to: want.name });
      have = { ...have, name: want.name };
      claimed.add(old);
    }
    claimed.add(want.name);
    if (!have) {
      adds.push(addColumn(want, uniqueColumns.has(want.name), qualified, out));
      continue;
    }
    const m = compareColumn(have, want, qualified, out);
    if (m) modifies.push(m);
  }
  const removes: ColumnChange[] = [];
  for (const c of current.columns) {
    if (claimed.has(c.name) || c.primary_key) continue;
    removes.push({ kind: 'remove', column: c });
    out.destructive.push({
      table: qualified,
      column: c.name,
      change: `drop column ${c.name}`,
      consequence: `every value of ${qualified}.${c.name} is deleted; a rollback re-adds the column${c.null || c.default !== null ? '' : ' as nullable'} but not its values`,
    });
  }
  out.columns.push(...removes, ...modifies, ...adds);
  return renamed;
}

function addColumn(
  want: DesiredColumn,
  unique: boolean,
  qualified: string,
  out: TableDiff,
): ColumnChange {
  if (want.null) return { kind: 'add', column: want, deferred_not_null: false };
  if (want.default !== null && !unique) {
    return { kind: 'add', column: want, deferred_not_null: false };
  }
  out.notes.push(
    want.default === null
      ? `${qualified}.${want.name} is required but has no default, so it is added as a nullable column: a NOT NULL column without a default cannot be added to a table that holds rows. Fill it, then run the generator again to make it NOT NULL (you will be asked to confirm), or give the field a default.`
      : `${qualified}.${want.name} is required and unique, so it is added as a nullable column without its default (one default in every existing row would break the unique index). Fill distinct values, then run the generator again to add the default and NOT NULL.`,
  );
  return {
    kind: 'add',
    column: { ...want, null: true, default: null, default_ex: null },
    deferred_not_null: true,
  };
}

function pgOf(c: ColumnState): PgType | null {
  return pgTypeOf(c.type, { size: c.size, precision: c.precision, scale: c.scale });
}

/** Default expressions compared without layout differences. */
function normalizeDefault(text: string | null): string | null {
  return text === null ? null : text.replace(/\s+/g, ' ').replace(/\s*([[\]{}(),])\s*/g, '$1');
}

function sameReference(a: ColumnReference | null, b: ColumnReference | null): boolean {
  if (a === null || b === null) return a === b;
  return a.table === b.table && a.column === b.column && a.on_delete === b.on_delete;
}

function compareColumn(
  have: ColumnState,
  want: DesiredColumn,
  qualified: string,
  out: TableDiff,
): ColumnChange | null {
  const changed: ColumnAttribute[] = [];
  const where = `${qualified}.${want.name}`;
  const conversion = typeConversion(have, want);
  if (conversion.kind !== 'same') {
    if (conversion.kind === 'impossible') {
      out.unsupported.push(`${where}: ${describeTypes(have, want)}: ${conversion.consequence}.`);
    } else {
      changed.push('type');
      if (conversion.kind === 'lossy') {
        out.destructive.push({
          table: qualified,
          column: want.name,
          change: `${want.name}: ${describeTypes(have, want)}`,
          consequence: conversion.consequence,
        });
      }
    }
  }
  if (have.null !== want.null) {
    changed.push('null');
    if (!want.null) {
      out.destructive.push({
        table: qualified,
        column: want.name,
        change: `${want.name}: nullable → NOT NULL`,
        consequence: `the migration fails while any row of ${qualified} holds NULL in ${want.name}; fill those rows first`,
      });
    }
  }
  if (normalizeDefault(have.default) !== normalizeDefault(want.default)) changed.push('default');
  if (!sameReference(have.references, want.references)) {
    changed.push('references');
    if (want.references !== null && have.references === null) {
      out.notes.push(
        `${where} gets a foreign key to ${want.references.table}: the migration fails if a row holds a value with no matching ${want.references.table} row.`,
      );
    }
  }
  if (changed.length === 0) return null;
  // Without a conversion the type stays as the database has it.
  const to = changed.includes('type') ? want : { ...want, ...typeOf(have) };
  return { kind: 'modify', from: have, to, changed };
}

function typeOf(c: ColumnState): Pick<ColumnState, 'type' | 'size' | 'precision' | 'scale'> {
  return { type: c.type, size: c.size, precision: c.precision, scale: c.scale };
}

function typeConversion(have: ColumnState, want: DesiredColumn): Conversion {
  const a = pgOf(have);
  const b = pgOf(want);
  if (a && b) return classifyConversion(a, b);
  // A type this module does not know (a module or an expression): equal text or nothing to say.
  if (have.type.replace(/\s+/g, '') === want.type.replace(/\s+/g, '')) {
    return { kind: 'same', consequence: '' };
  }
  return {
    kind: 'impossible',
    consequence: `the type ${have.type} is not one the generator can convert; change it by hand`,
  };
}

function describeTypes(have: ColumnState, want: ColumnState): string {
  const a = pgOf(have);
  const b = pgOf(want);
  return `${a ? pgTypeText(a) : have.type} → ${b ? pgTypeText(b) : want.type}`;
}

// ---------------------------------------------------------------------------------------------
// Indexes

function diffIndexes(
  current: TableState,
  d: DesiredTable,
  renamed: Map<string, string>,
  out: TableDiff,
): void {
  const qualified = qualifiedTableName(d);
  const modelColumns = new Set(d.columns.map((c) => c.name));
  const removed = new Set(out.columns.flatMap((c) => (c.kind === 'remove' ? [c.column.name] : [])));
  const wanted = new Map(d.indexes.map((ix) => [ix.name, ix]));
  const matched = new Set<string>();
  const oldTable = out.renamed_from ?? d.name;
  for (const ix of current.indexes) {
    const columns = ix.columns.map((c) => renamed.get(c) ?? c);
    const defaultNamed = ix.name === ectoIndexName(oldTable, ix.columns);
    const expectedName = defaultNamed ? ectoIndexName(d.name, columns) : ix.name;
    const want = wanted.get(expectedName);
    if (want && sameIndex({ ...ix, columns }, want)) {
      matched.add(want.name);
      if (expectedName !== ix.name) {
        out.indexes.push({ kind: 'rename', index: { ...ix, columns }, to: expectedName });
      }
      continue;
    }
    if (ix.columns.some((c) => removed.has(c))) {
      // PostgreSQL drops it with the column; dropping it first lets a rollback re-create it.
      out.indexes.push({ kind: 'drop', index: { ...ix, columns } });
      continue;
    }
    const ours =
      defaultNamed &&
      ix.where === null &&
      ix.using === null &&
      columns.every((c) => modelColumns.has(c));
    if (ours) {
      out.indexes.push({ kind: 'drop', index: { ...ix, columns } });
    } else if (!wanted.has(ix.name)) {
      out.notes.push(
        `${qualified}: index ${ix.name} (${ix.columns.join(', ')}) is not part of the model and is kept.`,
      );
    } else {
      out.indexes.push({ kind: 'drop', index: { ...ix, columns } });
    }
  }
  for (const want of d.indexes) {
    if (!matched.has(want.name)) out.indexes.push({ kind: 'create', index: want });
  }
}

function sameIndex(a: IndexState, b: IndexState): boolean {
  return (
    a.unique === b.unique &&
    a.columns.join(',') === b.columns.join(',') &&
    a.where === b.where &&
    a.using === b.using
  );
}
