/**
 * Reads one Ecto migration file into a list of operations (create/alter/rename/drop of tables,
 * columns, indexes and constraints), without any knowledge of the database state: that is
 * ./migrations.ts's job, which applies them in version order. Only literal code is read; every
 * statement this cannot interpret becomes an `unreadable` operation with its line, so the replay
 * can warn about the tables it may concern.
 */
import type { ColumnReference, IndexState, ReferenceAction } from '../model/database.js';
import { pgType, referenceColumnType } from '../model/pg-type.js';
import { defaultIndexName } from '../model/index.js';
import {
  callArgs,
  callName,
  doBlock,
  intValue,
  isFalse,
  isNil,
  isTrue,
  keywordOpts,
  keywordPairs,
  lineOf,
  moduleAttribute,
  named,
  nameValue,
  oneLine,
  positional,
  stringValue,
} from './ast.js';
import type { Node } from './parser.js';
import { ECTO_SQL_DEFAULTS, type MigrationDefaults } from './repo-migration-config.js';

export interface TableRef {
  name: string;
  prefix: string | null;
}

/** A column as a migration states it; `undefined` options were not given (matters for modify). */
export interface ColumnOp {
  name: string;
  type: string;
  pg_type: string | null;
  null?: boolean;
  default?: string | null;
  size: number | null;
  precision: number | null;
  scale: number | null;
  primary_key: boolean;
  /** Set for `references(...)`; the reference's prefix null means "the table's own". */
  references: ColumnReference | null;
  /** modify: `from: references(...)` drops the old foreign key. */
  drops_reference?: boolean;
}

export type AlterChange =
  | { kind: 'add'; column: ColumnOp; if_not_exists: boolean; line: number }
  | { kind: 'remove'; name: string; if_exists: boolean; line: number }
  | { kind: 'modify'; column: ColumnOp; line: number };

export type MigrationOp =
  | {
      op: 'create_table';
      table: TableRef;
      if_not_exists: boolean;
      implicit_pk: ColumnOp | null;
      columns: ColumnOp[];
      line: number;
    }
  | { op: 'alter_table'; table: TableRef; changes: AlterChange[]; line: number }
  | { op: 'rename_table'; table: TableRef; to: string; line: number }
  | { op: 'rename_column'; table: TableRef; from: string; to: string; line: number }
  | { op: 'drop_table'; table: TableRef; if_exists: boolean; line: number }
  | { op: 'create_index'; table: TableRef; index: IndexState; if_not_exists: boolean; line: number }
  | { op: 'drop_index'; table: TableRef; name: string; if_exists: boolean; line: number }
  | { op: 'rename_index'; table: TableRef; from: string; to: string; line: number }
  | { op: 'create_check'; table: TableRef; name: string; expression: string; line: number }
  | { op: 'drop_check'; table: TableRef; name: string; line: number }
  | { op: 'create_enum'; name: string; prefix: string | null; values: string[]; line: number }
  | { op: 'drop_enum'; name: string; prefix: string | null; line: number }
  /** Something not interpreted; `text` is searched for table names when warning. */
  | { op: 'unreadable'; what: string; text: string; tables: string[]; line: number };

const ACTIONS: Readonly<Record<string, ReferenceAction>> = {
  nothing: 'nothing',
  delete_all: 'delete_all',
  nilify_all: 'nilify_all',
  restrict: 'restrict',
  update_all: 'update_all',
};

function prefixValue(node: Node | undefined): string | null {
  if (!node || isNil(node)) return null;
  return nameValue(node);
}

/** `table(:posts, prefix: "p")` → ref, or null. */
function tableRef(node: Node | undefined): { ref: TableRef; opts: Map<string, Node> } | null {
  if (!node || callName(node) !== 'table') return null;
  const args = callArgs(node);
  const name = nameValue(positional(args)[0]);
  if (name === null) return null;
  const opts = keywordOpts(args);
  return { ref: { name, prefix: prefixValue(opts.get('prefix')) }, opts };
}

function action(node: Node | undefined): ReferenceAction {
  if (!node) return 'nothing';
  const a = nameValue(node);
  if (a !== null && ACTIONS[a]) return ACTIONS[a];
  // {:nilify, [:col]} nilifies some columns: the closest action.
  if (node.type === 'tuple' && nameValue(named(node)[0]) === 'nilify') return 'nilify_all';
  return 'nothing';
}

/** `references(:users, …)` → the column type and reference, or null when not one. */
function readReference(
  node: Node | undefined,
  owner: string,
  column: string,
  d: MigrationDefaults,
): { type: string; ref: ColumnReference } | null {
  if (!node || callName(node) !== 'references') return null;
  const args = callArgs(node);
  const table = nameValue(positional(args)[0]);
  if (table === null) return null;
  const opts = keywordOpts(args);
  const typeNode = opts.get('type');
  const name = nameValue(opts.get('name'));
  return {
    type: referenceColumnType(typeNode ? oneLine(typeNode.text) : d.foreign_key.type),
    ref: {
      table,
      column: nameValue(opts.get('column')) ?? d.foreign_key.column,
      // `prefix: nil` is not "the table's own": ecto_sql then leaves the name unqualified, i.e.
      // the default schema ("public", which the state writes as null).
      prefix: opts.has('prefix') ? (prefixValue(opts.get('prefix')) ?? 'public') : null,
      name: name ?? `${owner}_${column}_fkey`,
      on_delete: action(opts.get('on_delete')),
      on_update: action(opts.get('on_update')),
    },
  };
}

/** `add`/`modify`/`add_if_not_exists` arguments → a column; null when not literal. */
function readColumn(args: Node[], owner: string, d: MigrationDefaults): ColumnOp | null {
  const pos = positional(args);
  const name = nameValue(pos[0]);
  if (name === null || !pos[1]) return null;
  const opts = keywordOpts(args);
  const reference = readReference(pos[1], owner, name, d);
  const type = reference ? reference.type : oneLine(pos[1].text);
  const size = intValue(opts.get('size'));
  const precision = intValue(opts.get('precision'));
  const scale = intValue(opts.get('scale'));
  const nullNode = opts.get('null');
  const defaultNode = opts.get('default');
  const column: ColumnOp = {
    name,
    type,
    pg_type: pgType(type, { size, precision, scale }),
    size,
    precision,
    scale,
    primary_key: isTrue(opts.get('primary_key')),
    references: reference?.ref ?? null,
  };
  if (nullNode) column.null = !isFalse(nullNode);
  if (defaultNode) column.default = isNil(defaultNode) ? null : oneLine(defaultNode.text);
  if (callName(opts.get('from') ?? pos[1]) === 'references' && !reference) {
    column.drops_reference = true;
  }
  return column;
}

/** `timestamps(type: …, inserted_at: …, updated_at: …)` → its columns. */
function readTimestamps(args: Node[], d: MigrationDefaults): ColumnOp[] {
  const opts = keywordOpts(args);
  const typeNode = opts.get('type');
  const type = typeNode ? oneLine(typeNode.text) : d.timestamps.type;
  const precision = intValue(opts.get('precision'));
  const out: ColumnOp[] = [];
  for (const key of ['inserted_at', 'updated_at'] as const) {
    const v = opts.get(key);
    if (isFalse(v)) continue;
    const defaultNode = opts.get('default');
    out.push({
      name: nameValue(v) ?? d.timestamps[key],
      type,
      pg_type: pgType(type, { precision }),
      null: opts.has('null') ? !isFalse(opts.get('null')) : false,
      ...(defaultNode ? { default: isNil(defaultNode) ? null : oneLine(defaultNode.text) } : {}),
      size: null,
      precision,
      scale: null,
      primary_key: false,
      references: null,
    });
  }
  return out;
}

function unreadable(node: Node, what: string, tables: string[] = []): MigrationOp {
  return { op: 'unreadable', what, text: node.text, tables, line: lineOf(node) };
}

/** The statements of a `create table … do` / `alter table … do` block. */
function readTableBody(
  block: Node | null,
  owner: string,
  ops: MigrationOp[],
  d: MigrationDefaults,
): { changes: AlterChange[] } {
  const changes: AlterChange[] = [];
  for (const node of block ? named(block) : []) {
    const name = callName(node);
    const args = callArgs(node);
    const line = lineOf(node);
    if (name === 'add' || name === 'add_if_not_exists' || name === 'modify') {
      const column = readColumn(args, owner, d);
      if (column === null)
        ops.push(unreadable(node, `${name} with a non-literal name or type`, [owner]));
      else if (name === 'modify') changes.push({ kind: 'modify', column, line });
      else changes.push({ kind: 'add', column, if_not_exists: name === 'add_if_not_exists', line });
    } else if (name === 'remove' || name === 'remove_if_exists') {
      const col = nameValue(positional(args)[0]);
      if (col === null) ops.push(unreadable(node, `${name} with a non-literal column`, [owner]));
      else
        changes.push({ kind: 'remove', name: col, if_exists: name === 'remove_if_exists', line });
    } else if (name === 'timestamps') {
      for (const column of readTimestamps(args, d)) {
        changes.push({ kind: 'add', column, if_not_exists: false, line });
      }
    } else {
      ops.push(unreadable(node, 'a statement inside a table block', [owner]));
    }
  }
  return { changes };
}

/** `create table(:t, primary_key: …) do … end` (or create_if_not_exists). */
function readCreateTable(
  node: Node,
  target: { ref: TableRef; opts: Map<string, Node> },
  ifNotExists: boolean,
  ops: MigrationOp[],
  d: MigrationDefaults,
): void {
  const pkOpt = target.opts.get('primary_key');
  let implicit: ColumnOp | null = null;
  // The table's primary_key: options are merged over the repo's migration_primary_key.
  const base =
    d.primary_key === false ? (pkOpt ? ECTO_SQL_DEFAULTS.primary_key : false) : d.primary_key;
  if (!isFalse(pkOpt) && base !== false) {
    const pk = keywordPairs(pkOpt);
    const name = nameValue(pk?.get('name')) ?? base.name;
    const typeNode = pk?.get('type');
    const type = typeNode ? oneLine(typeNode.text) : base.type;
    implicit = {
      name,
      type,
      pg_type: pgType(type),
      null: false,
      size: null,
      precision: null,
      scale: null,
      primary_key: true,
      references: null,
    };
  }
  const at = ops.length;
  const { changes } = readTableBody(doBlock(node), target.ref.name, ops, d);
  const columns = changes.flatMap((c) => (c.kind === 'add' ? [c.column] : []));
  const others = changes.filter((c) => c.kind !== 'add');
  ops.splice(at, 0, {
    op: 'create_table',
    table: target.ref,
    if_not_exists: ifNotExists,
    implicit_pk: implicit,
    columns,
    line: lineOf(node),
  });
  if (others.length > 0) {
    ops.push({ op: 'alter_table', table: target.ref, changes: others, line: lineOf(node) });
  }
}

/** `index(:t, [:a], unique: …)` / `unique_index(…)` → table and index. */
function readIndex(node: Node | undefined): { table: TableRef; index: IndexState } | null {
  const kind = node ? callName(node) : null;
  if (!node || (kind !== 'index' && kind !== 'unique_index')) return null;
  const args = callArgs(node);
  const pos = positional(args);
  const table = nameValue(pos[0]);
  if (table === null) return null;
  const colsNode = pos[1];
  let columns: string[] | null = [];
  if (colsNode?.type === 'list') {
    columns = named(colsNode).map((c) => nameValue(c) ?? oneLine(c.text));
  } else if (colsNode) {
    const one = nameValue(colsNode);
    columns = one === null ? null : [one];
  }
  if (columns === null) return null;
  const opts = keywordOpts(args);
  const name = nameValue(opts.get('name')) ?? defaultIndexName(table, columns);
  const where = opts.get('where');
  const using = opts.get('using');
  return {
    table: { name: table, prefix: prefixValue(opts.get('prefix')) },
    index: {
      name,
      columns,
      unique: kind === 'unique_index' || isTrue(opts.get('unique')),
      where: where ? (stringValue(where) ?? oneLine(where.text)) : null,
      using: using ? nameValue(using) : null,
    },
  };
}

/** `constraint(:t, :name, check: "…", prefix: …)`. */
function readConstraint(
  node: Node | undefined,
): { table: TableRef; name: string; check: string | null } | null {
  if (!node || callName(node) !== 'constraint') return null;
  const args = callArgs(node);
  const pos = positional(args);
  const table = nameValue(pos[0]);
  const name = nameValue(pos[1]);
  if (table === null || name === null) return null;
  const opts = keywordOpts(args);
  const check = opts.get('check');
  return {
    table: { name: table, prefix: prefixValue(opts.get('prefix')) },
    name,
    check: check ? (stringValue(check) ?? oneLine(check.text)) : null,
  };
}

const ENUM_RE = /^\s*CREATE\s+TYPE\s+(?:"?(\w+)"?\.)?"?(\w+)"?\s+AS\s+ENUM\s*\(([^)]*)\)\s*;?\s*$/i;
const DROP_ENUM_RE = /^\s*DROP\s+TYPE\s+(?:IF\s+EXISTS\s+)?(?:"?(\w+)"?\.)?"?(\w+)"?\s*;?\s*$/i;

/**
 * `DO $$ BEGIN <statement>; EXCEPTION WHEN duplicate_object THEN null; END $$`: a statement that
 * does nothing when its object exists (a baseline migration's enum types and check constraints).
 */
const IF_MISSING_RE =
  /^\s*DO\s+\$\$\s*BEGIN\s+([\s\S]*?);?\s*EXCEPTION\s+WHEN\s+duplicate_object\s+THEN\s+null\s*;\s*END\s*\$\$\s*;?\s*$/i;
const SCHEMA_RE =
  /^\s*(?:CREATE\s+SCHEMA(?:\s+IF\s+NOT\s+EXISTS)?|DROP\s+SCHEMA(?:\s+IF\s+EXISTS)?)\s+"?\w+"?\s*(?:RESTRICT\s*)?;?\s*$/i;
const ADD_CHECK_RE =
  /^\s*ALTER\s+TABLE\s+(?:"?(\w+)"?\.)?"?(\w+)"?\s+ADD\s+CONSTRAINT\s+"?(\w+)"?\s+CHECK\s*\(([\s\S]*)\)\s*$/i;

/**
 * `execute "CREATE TYPE … AS ENUM (…)"` is understood, and the same statement or an `ALTER TABLE
 * … ADD CONSTRAINT … CHECK (…)` inside a block that ignores an existing object; any other SQL is
 * reported.
 */
function readExecute(node: Node, ops: MigrationOp[]): void {
  let sql = stringValue(positional(callArgs(node))[0]);
  const guarded = sql === null ? null : IF_MISSING_RE.exec(sql);
  if (guarded) {
    sql = guarded[1]!;
    const check = ADD_CHECK_RE.exec(sql);
    if (check) {
      ops.push({
        op: 'create_check',
        table: { name: check[2]!, prefix: check[1] ?? null },
        name: check[3]!,
        expression: check[4]!.trim(),
        line: lineOf(node),
      });
      return;
    }
  }
  // A schema holds no table of its own; dropping one that holds tables needs CASCADE (reported).
  if (sql !== null && SCHEMA_RE.test(sql)) return;
  const created = sql === null ? null : ENUM_RE.exec(sql);
  if (created) {
    const values = [...created[3]!.matchAll(/'((?:[^']|'')*)'/g)].map((m) =>
      m[1]!.replace(/''/g, "'"),
    );
    ops.push({
      op: 'create_enum',
      name: created[2]!,
      prefix: created[1] ?? null,
      values,
      line: lineOf(node),
    });
    return;
  }
  const dropped = sql === null ? null : DROP_ENUM_RE.exec(sql);
  if (dropped) {
    ops.push({
      op: 'drop_enum',
      name: dropped[2]!,
      prefix: dropped[1] ?? null,
      line: lineOf(node),
    });
    return;
  }
  ops.push(unreadable(node, 'execute (raw SQL is not interpreted)'));
}

/** Calls that never change the schema. */
const HARMLESS = new Set(['flush', 'alias', 'import', 'require']);

function readStatement(node: Node, ops: MigrationOp[], d: MigrationDefaults): void {
  const name = callName(node);
  if (name === null) {
    if (moduleAttribute(node)) return;
    const remote = node.type === 'call' ? (node.childForFieldName('target')?.text ?? '') : '';
    if (/^(Logger|IO)\./.test(remote)) return;
    ops.push(
      unreadable(
        node,
        node.type === 'call' ? `a call to ${remote || 'a function'}` : 'an expression',
      ),
    );
    return;
  }
  if (HARMLESS.has(name)) return;
  const args = callArgs(node);
  const [first] = positional(args);
  const opts = keywordOpts(args);
  const line = lineOf(node);
  const table = tableRef(first);
  switch (name) {
    case 'create':
    case 'create_if_not_exists': {
      const ifNot = name === 'create_if_not_exists';
      if (table) return readCreateTable(node, table, ifNot, ops, d);
      const ix = readIndex(first);
      if (ix) return void ops.push({ op: 'create_index', ...ix, if_not_exists: ifNot, line });
      const c = readConstraint(first);
      if (c?.check)
        return void ops.push({
          op: 'create_check',
          table: c.table,
          name: c.name,
          expression: c.check,
          line,
        });
      if (c) return; // an exclusion constraint: not part of the state
      break;
    }
    case 'alter':
      if (table) {
        const { changes } = readTableBody(doBlock(node), table.ref.name, ops, d);
        return void ops.push({ op: 'alter_table', table: table.ref, changes, line });
      }
      break;
    case 'rename': {
      const to = opts.get('to');
      const toTable = tableRef(to);
      if (table && toTable)
        return void ops.push({ op: 'rename_table', table: table.ref, to: toTable.ref.name, line });
      const from = nameValue(positional(args)[1]);
      const toCol = nameValue(to);
      if (table && from !== null && toCol !== null) {
        return void ops.push({ op: 'rename_column', table: table.ref, from, to: toCol, line });
      }
      // rename index(:posts, [:title]), to: "posts_headline_index"
      const ix = readIndex(first);
      if (ix && toCol !== null) {
        return void ops.push({
          op: 'rename_index',
          table: ix.table,
          from: ix.index.name,
          to: toCol,
          line,
        });
      }
      break;
    }
    case 'drop':
    case 'drop_if_exists': {
      const ifExists = name === 'drop_if_exists';
      if (table)
        return void ops.push({ op: 'drop_table', table: table.ref, if_exists: ifExists, line });
      const ix = readIndex(first);
      if (ix)
        return void ops.push({
          op: 'drop_index',
          table: ix.table,
          name: ix.index.name,
          if_exists: ifExists,
          line,
        });
      const c = readConstraint(first);
      if (c) return void ops.push({ op: 'drop_check', table: c.table, name: c.name, line });
      break;
    }
    case 'execute':
      return readExecute(node, ops);
  }
  const mentioned = table ? [table.ref.name] : [];
  ops.push(
    unreadable(node, `${name} (not a migration command this replay understands)`, mentioned),
  );
}

/** `def up do … end` (preferred) or `def change do … end` → its statements. */
function migrationBody(module: Node): Node[] | null {
  const defs = new Map<string, Node[]>();
  for (const node of named(doBlock(module) ?? module)) {
    if (callName(node) !== 'def') continue;
    const [head, kw] = callArgs(node);
    const fname = head?.type === 'call' ? callName(head) : head?.text;
    if (fname !== 'up' && fname !== 'change') continue;
    const block = doBlock(node);
    if (block) defs.set(fname, named(block));
    else {
      const body = keywordPairs(kw)?.get('do');
      if (body) defs.set(fname, body.type === 'block' ? named(body) : [body]);
    }
  }
  return defs.get('up') ?? defs.get('change') ?? null;
}

/**
 * The operations of one migration file (parsed already). A file without `def up`/`def change`
 * gives a single `unreadable` operation.
 */
export function readMigrationTree(
  root: Node,
  defaults: MigrationDefaults = ECTO_SQL_DEFAULTS,
): MigrationOp[] {
  const ops: MigrationOp[] = [];
  const modules = named(root).filter((n) => callName(n) === 'defmodule');
  let found = false;
  for (const m of modules) {
    const body = migrationBody(m);
    if (body === null) continue;
    found = true;
    for (const statement of body) readStatement(statement, ops, defaults);
  }
  if (!found) {
    ops.push({
      op: 'unreadable',
      what: 'no def up or def change found',
      text: '',
      tables: [],
      line: 1,
    });
  }
  return ops;
}
