/**
 * The alter migration of one table diff (./diff.ts) to the statements of one
 * reversible `def change`, laid out like `mix format`:
 *
 *   rename table(:old), to: table(:new)          table rename first
 *   rename table(:posts), :title, to: :headline  column renames
 *   rename index(:posts, [:title]), to: :posts_headline_index
 *   drop index(...) / drop unique_index(...)     indexes that go away (before their columns)
 *   alter table(:posts) do remove/modify/add end
 *   create [unique_]index(...)                   indexes that come (after their columns)
 *
 * Every statement is reversible by Ecto on its own: `remove` carries the type and options,
 * `modify` carries `from:` with the old value of everything it changes, `drop` names the kind of
 * index so the rollback re-creates the same one. A removed NOT NULL column without a default is
 * re-added nullable on rollback (re-adding it NOT NULL fails on a table with rows).
 */
import type { App, ColumnReference, ColumnState } from '../model/index.js';
import {
  ex,
  exAtom,
  exInteger,
  exKey,
  exModule,
  formatExpr,
  type Ex,
  type Pair,
} from '../render/index.js';
import { ectoIndexName, indexEx, migrationModule } from '../view/ecto-migration/migration.exs.js';
import type { DesiredColumn } from './desired.js';
import type { ColumnChange, IndexChange, TableDiff } from './diff.js';

/** Indentation of statements in `def change`, and inside `alter table … do`. */
const CHANGE_INDENT = 4;
const TABLE_INDENT = 6;

export interface AlterStatement {
  /** The laid-out text; continuation lines carry their full indentation. */
  text: string;
  blank_before: boolean;
}

export interface AlterMigrationView {
  module: string;
  statements: AlterStatement[];
}

function kw(key: string, value: Ex | string): Pair {
  return ex.kw(exKey(key), value);
}

function tableCall(name: string, prefix: string | null): Ex {
  return ex.call('table', [exAtom(name)], prefix === null ? [] : [kw('prefix', exAtom(prefix))]);
}

/**
 * `references(:users, on_delete: :nothing, type: :binary_id, column: :uid, prefix: :p)`, in the
 * option order of the create migrations. `type:` only when the column is not a bigint.
 */
function referencesCall(
  ref: ColumnReference,
  columnType: string,
  tablePrefix: string | null,
  fkName: string | null,
): Ex {
  const opts: Pair[] = [kw('on_delete', exAtom(ref.on_delete))];
  if (columnType !== ':bigint' && columnType !== ':bigserial') {
    opts.push(kw('type', columnType));
  }
  if (ref.column !== 'id') opts.push(kw('column', exAtom(ref.column)));
  if (ref.prefix !== tablePrefix) {
    opts.push(kw('prefix', ref.prefix === null ? 'nil' : exAtom(ref.prefix)));
  }
  if (fkName !== null) opts.push(kw('name', exAtom(fkName)));
  return ex.call('references', [exAtom(ref.table)], opts);
}

/** The options that shape the SQL type: size, precision, scale. */
function typeOptions(c: ColumnState): Pair[] {
  const opts: Pair[] = [];
  if (c.size !== null) opts.push(kw('size', exInteger(c.size)));
  if (c.precision !== null) opts.push(kw('precision', exInteger(c.precision)));
  if (c.scale !== null) opts.push(kw('scale', exInteger(c.scale)));
  return opts;
}

function defaultEx(c: ColumnState | DesiredColumn): Ex | null {
  if ('default_ex' in c && c.default_ex !== null) return c.default_ex;
  return c.default === null ? null : ex.raw(c.default);
}

/** The type argument of add/modify/remove: a type literal or `references(...)`. */
function typeArg(c: ColumnState, d: TableDiff, fkName: string | null = null): Ex {
  return c.references === null
    ? ex.raw(c.type)
    : referencesCall(c.references, c.type, d.prefix, fkName);
}

function addEx(c: DesiredColumn, d: TableDiff): Ex {
  const opts = [...typeOptions(c)];
  const dflt = defaultEx(c);
  if (dflt !== null) opts.push(kw('default', dflt));
  if (!c.null) opts.push(kw('null', 'false'));
  return ex.callNoParens('add', [exAtom(c.name), typeArg(c, d)], opts);
}

/**
 * `remove` with everything a rollback needs to re-create the column: type, size, default, and
 * `null: false` only when a default lets PostgreSQL fill the rows.
 */
function removeEx(c: ColumnState, d: TableDiff): Ex {
  const opts = [...typeOptions(c)];
  const dflt = defaultEx(c);
  if (dflt !== null) opts.push(kw('default', dflt));
  if (!c.null && dflt !== null) opts.push(kw('null', 'false'));
  return ex.callNoParens('remove', [exAtom(c.name), typeArg(c, d)], opts);
}

function modifyEx(m: Extract<ColumnChange, { kind: 'modify' }>, d: TableDiff): Ex {
  const refs = m.changed.includes('references');
  // A change that does not touch the foreign key keeps it: the plain column type is modified.
  const plain = (c: ColumnState): ColumnState => (refs ? c : { ...c, references: null });
  const side = (c: ColumnState): { type: Ex; opts: Pair[] } => {
    const opts = [...typeOptions(c)];
    if (m.changed.includes('null')) opts.push(kw('null', c.null ? 'true' : 'false'));
    if (m.changed.includes('default')) opts.push(kw('default', defaultEx(c) ?? 'nil'));
    return { type: typeArg(plain(c), d), opts };
  };
  const to = side(m.to);
  const from = side(m.from);
  const fromEx = from.opts.length === 0 ? from.type : ex.tuple([from.type, ...from.opts]);
  return ex.callNoParens('modify', [exAtom(m.to.name), to.type], [...to.opts, kw('from', fromEx)]);
}

function indexCall(
  table: string,
  prefix: string | null,
  name: string,
  cols: string[],
  unique: boolean,
): Ex {
  const opts: Pair[] = [];
  if (name !== ectoIndexName(table, cols)) opts.push(kw('name', exAtom(name)));
  if (prefix !== null) opts.push(kw('prefix', exAtom(prefix)));
  return ex.call(
    unique ? 'unique_index' : 'index',
    [exAtom(table), ex.list(cols.map(exAtom))],
    opts,
  );
}

function indexStatement(c: IndexChange, d: TableDiff): Ex {
  const ix = c.index;
  switch (c.kind) {
    case 'create':
      return indexEx(d.table, d.prefix, ix);
    case 'drop':
      return ex.callNoParens('drop', [
        indexCall(d.table, d.prefix, ix.name, ix.columns, ix.unique),
      ]);
    case 'rename':
      // Only the name and prefix matter to a rename; `index` reads best.
      return ex.callNoParens(
        'rename',
        [indexCall(d.table, d.prefix, ix.name, ix.columns, false)],
        [kw('to', exAtom(c.to))],
      );
  }
}

function alterBlock(d: TableDiff): string | null {
  const lines: string[] = [];
  for (const c of d.columns) {
    let node: Ex | null = null;
    if (c.kind === 'add') node = addEx(c.column, d);
    else if (c.kind === 'remove') node = removeEx(c.column, d);
    else if (c.kind === 'modify') node = modifyEx(c, d);
    if (node === null) continue;
    const text = formatExpr(node, { indent: TABLE_INDENT });
    const multiline = text.includes('\n');
    const prevMultiline = lines.length > 0 && (lines[lines.length - 1] as string).includes('\n');
    const blank = lines.length > 0 && (multiline || prevMultiline);
    lines.push(`${blank ? '\n' : ''}${' '.repeat(TABLE_INDENT)}${text}`);
  }
  if (lines.length === 0) return null;
  const open = formatExpr(ex.callNoParens('alter', [tableCall(d.table, d.prefix)]), {
    indent: CHANGE_INDENT,
  });
  return `${open} do\n${lines.join('\n')}\n${' '.repeat(CHANGE_INDENT)}end`;
}

/** The statements of the migration's `def change`, in run order. */
export function alterStatements(d: TableDiff): string[] {
  const out: string[] = [];
  const stmt = (node: Ex) => out.push(formatExpr(node, { indent: CHANGE_INDENT }));
  if (d.renamed_from !== null) {
    stmt(
      ex.callNoParens(
        'rename',
        [tableCall(d.renamed_from, d.prefix)],
        [kw('to', tableCall(d.table, d.prefix))],
      ),
    );
  }
  for (const c of d.columns) {
    if (c.kind !== 'rename') continue;
    stmt(
      ex.callNoParens(
        'rename',
        [tableCall(d.table, d.prefix), exAtom(c.from)],
        [kw('to', exAtom(c.to))],
      ),
    );
  }
  for (const c of d.indexes) if (c.kind === 'rename') stmt(indexStatement(c, d));
  for (const c of d.indexes) if (c.kind === 'drop') stmt(indexStatement(c, d));
  const block = alterBlock(d);
  if (block !== null) out.push(block);
  for (const c of d.indexes) if (c.kind === 'create') stmt(indexStatement(c, d));
  return out;
}

export function alterMigrationView(app: App, name: string, d: TableDiff): AlterMigrationView {
  let prevMultiline = false;
  const statements = alterStatements(d).map((text, i) => {
    const multiline = text.includes('\n');
    const s = { text, blank_before: i > 0 && (multiline || prevMultiline) };
    prevMultiline = multiline;
    return s;
  });
  return { module: migrationModule(app, name), statements };
}

/**
 * A name that says the change: `add_slug_to_posts`, `remove_views_from_posts`,
 * `rename_posts_to_articles`, else `alter_posts`.
 */
export function alterMigrationName(d: TableDiff): string {
  const cols = d.columns;
  const onlyIndexes = cols.length === 0 && d.renamed_from === null;
  if (d.renamed_from !== null && cols.length === 0 && d.indexes.every((i) => i.kind === 'rename')) {
    return `rename_${d.renamed_from}_to_${d.table}`;
  }
  if (d.renamed_from === null && cols.length === 1) {
    const c = cols[0] as ColumnChange;
    if (c.kind === 'add') return `add_${c.column.name}_to_${d.table}`;
    if (c.kind === 'remove') return `remove_${c.column.name}_from_${d.table}`;
    if (c.kind === 'rename') return `rename_${c.from}_to_${c.to}_in_${d.table}`;
  }
  if (onlyIndexes) return `alter_${d.table}_indexes`;
  return `alter_${d.table}`;
}

/** The migration file's content: every line comes from the view above. */
export function alterMigrationSource(v: AlterMigrationView): string {
  const body = v.statements.map((st) => `${st.blank_before ? '\n' : ''}    ${st.text}\n`).join('');
  return `defmodule ${exModule(v.module)} do\n  use Ecto.Migration\n\n  def change do\n${body}  end\nend\n`;
}

/** The migration file's content. */
export function renderAlterMigration(app: App, name: string, d: TableDiff): string {
  return alterMigrationSource(alterMigrationView(app, name, d));
}
