/**
 * Writes priv/repo/migrations/<version>_<name>.exs: from a planned migration (which table, which
 * columns, which indexes; decided by shared/generate/ecto-migration.ts) to its source. Every
 * Elixir literal goes through the render literal emitters and every statement through the
 * mix-format layout.
 */
import { camelize } from '../../naming/index.js';
import type {
  App,
  DefaultValue,
  Field,
  OnDelete,
  PrimaryKeyType,
  TimestampType,
} from '../../model/index.js';
import {
  ex,
  exAtom,
  exFloat,
  exInteger,
  exKey,
  exLiteral,
  exModule,
  exString,
  formatExpr,
  type Ex,
  type Pair,
} from '../../render/index.js';
import { migrationType, jsonEx } from '../common.js';

/** A foreign key column: `add :author_id, references(:users, …)`. */
export interface ForeignKeySpec {
  column: string;
  /** Referenced table and column. */
  table: string;
  key: string;
  type: PrimaryKeyType;
  on_delete: OnDelete;
  required: boolean;
  /**
   * `prefix:` of `references(...)`: undefined = not written (Ecto uses the table's own prefix),
   * null = `prefix: nil` (the referenced table has no prefix while this one has), a string = that
   * prefix.
   */
  prefix?: string | null;
}

export type ColumnSpec =
  | { kind: 'primary_key'; name: string; type: PrimaryKeyType }
  | { kind: 'field'; field: Field }
  | { kind: 'reference'; fk: ForeignKeySpec }
  | { kind: 'timestamps'; type: TimestampType; inserted_at?: string; updated_at?: string };

export interface IndexSpec {
  columns: string[];
  unique: boolean;
  /** Written as `name:` only when it differs from Ecto's default `<table>_<cols>_index`. */
  name: string;
  /** A partial index's predicate (an index read from a database); absent or null for none. */
  where?: string | null;
  /** The index method when not btree; absent or null for btree. */
  using?: string | null;
}

/** One migration file's content, decided by the planner. */
export interface MigrationSpec {
  kind: 'create' | 'alter';
  /** The migration name: `create_posts`, `add_author_id_to_posts` (file and module name). */
  name: string;
  table: string;
  prefix: string | null;
  /**
   * create only: whether Ecto's implicit `id` bigserial key is wanted. When false the table is
   * created with `primary_key: false` (and the key, if any, is an explicit column).
   */
  implicit_primary_key: boolean;
  columns: ColumnSpec[];
  indexes: IndexSpec[];
}

/** A statement as migrationSource prints it: the first line without its indentation. */
export interface Statement {
  text: string;
  /** `mix format` puts an empty line around multi-line statements inside a block. */
  blank_before: boolean;
}

export interface MigrationView {
  module: string;
  /** `create table(:posts) do` / `alter table(:posts, prefix: :tenant) do`, laid out. */
  table_open: string;
  columns: Statement[];
  indexes: Statement[];
}

/** Indentation of the statements inside `def change` and inside `create table … do`. */
const CHANGE_INDENT = 4;
const TABLE_INDENT = 6;

/** `<Repo>.Migrations.<Camel name>`: MyApp.Repo.Migrations.CreatePosts. */
export function migrationModule(app: App, name: string): string {
  return `${app.repo}.Migrations.${camelize(name)}`;
}

/** Ecto's default index name: `<table>_<col1>_<col2>_index`. */
export function ectoIndexName(table: string, columns: readonly string[]): string {
  return [table, ...columns, 'index'].join('_');
}

/** `YYYYMMDDhhmmss` in UTC, the version format of `mix ecto.gen.migration`. */
export function migrationVersion(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    p(date.getUTCFullYear(), 4) +
    p(date.getUTCMonth() + 1) +
    p(date.getUTCDate()) +
    p(date.getUTCHours()) +
    p(date.getUTCMinutes()) +
    p(date.getUTCSeconds())
  );
}

// ---------------------------------------------------------------------------------------------
// Default values

/**
 * A decimal default: whole numbers as integers, decimals as the float literal a person writes
 * (`9.99`) when it spells exactly the given digits, otherwise the string (`"0.20"`, long
 * values), which PostgreSQL casts without losing a digit or the scale.
 */
function decimalLiteral(v: unknown): string {
  if (typeof v === 'number') return exLiteral(v);
  if (typeof v === 'string') {
    if (/^-?(0|[1-9]\d*)$/.test(v)) return exInteger(BigInt(v));
    if (/^-?\d+\.\d+$/.test(v)) {
      const asFloat = exFloat(Number(v));
      if (asFloat.replaceAll('_', '') === v) return asFloat;
    }
    return exString(v);
  }
  return exLiteral(v);
}

function scalarDefault(type: string, v: unknown): Ex {
  switch (type) {
    case 'float':
      return ex.raw(typeof v === 'number' ? exFloat(v) : exLiteral(v));
    case 'decimal':
      return ex.raw(decimalLiteral(v));
    case 'map':
      return jsonEx(v);
    default:
      return ex.raw(exLiteral(v));
  }
}

/**
 * The column default as an Elixir literal the PostgreSQL adapter accepts: strings (dates,
 * times, UUIDs, enum values are quoted strings PostgreSQL casts), numbers, booleans, lists
 * (`ARRAY[...]`) and maps (JSON).
 */
export function defaultLiteral(f: Field, v: DefaultValue): Ex {
  if (f.type === 'array' && Array.isArray(v)) {
    const inner = f.inner ?? 'string';
    return ex.list(v.map((x) => scalarDefault(inner, x)));
  }
  return scalarDefault(f.type, v);
}

// ---------------------------------------------------------------------------------------------
// Statements

function kw(key: string, value: Ex | string): Pair {
  return ex.kw(exKey(key), value);
}

/** `references(:users, on_delete: :nothing, type: :binary_id, column: :uid, prefix: :p)`. */
export function referencesEx(fk: ForeignKeySpec): Ex {
  const opts: Pair[] = [kw('on_delete', exAtom(fk.on_delete))];
  if (fk.type !== 'id') opts.push(kw('type', exAtom(fk.type)));
  if (fk.key !== 'id') opts.push(kw('column', exAtom(fk.key)));
  if (fk.prefix !== undefined) {
    opts.push(kw('prefix', fk.prefix === null ? 'nil' : exAtom(fk.prefix)));
  }
  return ex.call('references', [exAtom(fk.table)], opts);
}

/** The `add` (or `timestamps`) statement of one column. */
export function columnEx(c: ColumnSpec): Ex {
  switch (c.kind) {
    case 'primary_key':
      return ex.callNoParens(
        'add',
        [exAtom(c.name), c.type === 'binary_id' ? ':binary_id' : ':bigserial'],
        [kw('primary_key', 'true')],
      );
    case 'reference': {
      const opts = c.fk.required ? [kw('null', 'false')] : [];
      return ex.callNoParens('add', [exAtom(c.fk.column), referencesEx(c.fk)], opts);
    }
    case 'timestamps': {
      const opts: Pair[] = [];
      if (c.type !== 'naive_datetime') opts.push(kw('type', exAtom(c.type)));
      if (c.inserted_at !== undefined) opts.push(kw('inserted_at', exAtom(c.inserted_at)));
      if (c.updated_at !== undefined) opts.push(kw('updated_at', exAtom(c.updated_at)));
      return opts.length === 0 ? ex.call('timestamps') : ex.call('timestamps', [], opts);
    }
    case 'field': {
      const f = c.field;
      const opts: Pair[] = [];
      // A bytea column takes no length (PostgreSQL rejects bytea(n)): size only caps the
      // changeset's validate_length there.
      if (f.size !== null && f.type === 'string') opts.push(kw('size', exInteger(f.size)));
      if (f.precision !== null) opts.push(kw('precision', exInteger(f.precision)));
      if (f.scale !== null) opts.push(kw('scale', exInteger(f.scale)));
      if (f.default !== undefined && f.default !== null) {
        opts.push(kw('default', defaultLiteral(f, f.default)));
      }
      if (!f.null) opts.push(kw('null', 'false'));
      return ex.callNoParens('add', [exAtom(f.source ?? f.name), migrationType(f)], opts);
    }
  }
}

/** `create [unique_]index(:posts, [:slug][, name: :x][, prefix: :p])`. */
export function indexEx(table: string, prefix: string | null, ix: IndexSpec): Ex {
  const opts: Pair[] = [];
  if (ix.name !== ectoIndexName(table, ix.columns)) opts.push(kw('name', exAtom(ix.name)));
  if (prefix !== null) opts.push(kw('prefix', exAtom(prefix)));
  if (ix.where) opts.push(kw('where', exString(ix.where)));
  if (ix.using) opts.push(kw('using', exString(ix.using)));
  // A column that is not a name is an expression (`lower(email)`), which Ecto takes as a string.
  const column = (c: string) => (/^[a-z_][a-z0-9_]*$/.test(c) ? exAtom(c) : exString(c));
  const call = ex.call(
    ix.unique ? 'unique_index' : 'index',
    [exAtom(table), ex.list(ix.columns.map(column))],
    opts,
  );
  return ex.callNoParens('create', [call]);
}

/** `create table(:posts, primary_key: false, prefix: :p)` / `alter table(:posts)`. */
export function tableEx(m: MigrationSpec): Ex {
  const opts: Pair[] = [];
  if (m.kind === 'create' && !m.implicit_primary_key) opts.push(kw('primary_key', 'false'));
  if (m.prefix !== null) opts.push(kw('prefix', exAtom(m.prefix)));
  return ex.callNoParens(m.kind, [ex.call('table', [exAtom(m.table)], opts)]);
}

/** Lays out statements of one block and marks where `mix format` puts empty lines. */
function statements(nodes: readonly Ex[], indent: number, previousMultiline: boolean): Statement[] {
  let prev = previousMultiline;
  return nodes.map((node, i) => {
    const text = formatExpr(node, { indent });
    const multiline = text.includes('\n');
    const stmt = { text, blank_before: (i > 0 || previousMultiline) && (multiline || prev) };
    prev = multiline;
    return stmt;
  });
}

export function migrationView(app: App, m: MigrationSpec): MigrationView {
  return {
    module: migrationModule(app, m.name),
    // Laid out without the ` do`: `mix format` breaks `table(...)` at the same point
    // (checked against Elixir 1.14 with long tables and prefixes).
    table_open: `${formatExpr(tableEx(m), { indent: CHANGE_INDENT })} do`,
    columns: statements(m.columns.map(columnEx), TABLE_INDENT, false),
    // The table block before the indexes is always multi-line.
    indexes: statements(
      m.indexes.map((ix) => indexEx(m.table, m.prefix, ix)),
      CHANGE_INDENT,
      true,
    ),
  };
}

/** The migration's source: every line comes from the view above. */
export function migrationSource(m: MigrationView): string {
  const columns = m.columns.map((c) => `${c.blank_before ? '\n' : ''}      ${c.text}\n`).join('');
  const indexes = m.indexes.map((i) => `${i.blank_before ? '\n' : ''}    ${i.text}\n`).join('');
  return (
    `defmodule ${exModule(m.module)} do\n  use Ecto.Migration\n\n  def change do\n    ${m.table_open}\n` +
    `${columns}    end\n${indexes}  end\nend\n`
  );
}
