/**
 * Writes a migration that creates tables as a database state describes them (tables read from a
 * live database): the baseline of an adopted database, and the tables a reconcile adds. Every
 * statement leaves an existing object alone, so the migration does nothing on the database it
 * was read from and builds the same tables on an empty one:
 *
 *   execute "CREATE SCHEMA IF NOT EXISTS billing", "DROP SCHEMA IF EXISTS billing"
 *   execute "DO $$ BEGIN CREATE TYPE … AS ENUM (…); EXCEPTION WHEN duplicate_object …", "DROP TYPE IF EXISTS …"
 *   create_if_not_exists table(:t, primary_key: false) do add … end
 *   alter table(:t) do add_if_not_exists :fk, references(…) end     (a reference cycle)
 *   create_if_not_exists [unique_]index(:t, [...], where: "…", using: "…")
 *   execute "DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT … CHECK (…); EXCEPTION …", "ALTER TABLE … DROP CONSTRAINT IF EXISTS …"
 *
 * What is created and in which order (tables after the tables they reference, enum column types
 * qualified by their schema) is decided by shared/generate/from-database.ts; this file prints.
 * Names and SQL from the state reach Elixir only through the literal emitters.
 */
import type { App, ColumnState, EnumType, IndexState, TableState } from '../../model/index.js';
import {
  ex,
  exAtom,
  exInteger,
  exKey,
  exModule,
  exString,
  formatExpr,
  type Ex,
  type Pair,
} from '../../render/index.js';
import { ectoIndexName, migrationModule } from './migration.exs.js';

export interface StateTableSpec {
  table: TableState;
  /** Foreign key columns left out of the create (a reference cycle), added after every table. */
  deferred: string[];
}

export interface StateMigrationSpec {
  /** The migration name (`baseline`, `create_audit_log`): file and module name. */
  name: string;
  enums: EnumType[];
  /** In creation order. */
  tables: StateTableSpec[];
}

const CHANGE_INDENT = 4;
const TABLE_INDENT = 6;
const IDENT = /^[a-z_][a-z0-9_]*$/;

function kw(key: string, value: Ex | string): Pair {
  return ex.kw(exKey(key), value);
}

/** `name` or `prefix.name`, each part double-quoted when it is not a plain lowercase name. */
function sqlName(name: string, prefix: string | null): string {
  const q = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
  return prefix === null ? q(name) : `${q(prefix)}.${q(name)}`;
}

const ifMissing = (statement: string) =>
  `DO $$ BEGIN ${statement}; EXCEPTION WHEN duplicate_object THEN null; END $$`;

/**
 * A column type of the state (`:string`, `{:array, :text}`, `:"billing.currency"`) re-emitted
 * through exAtom; anything else is refused (the state may come from a client).
 */
export function stateTypeEx(type: string): Ex {
  const array = /^\{:array,\s*(.+)\}$/.exec(type.trim());
  if (array) return ex.tuple([':array', stateTypeEx(array[1]!)]);
  const atom = /^:(?:([A-Za-z_][\w]*)|"([A-Za-z_][\w. ]*)")$/.exec(type.trim());
  if (!atom) throw new Error(`not a column type the baseline can write: ${type}`);
  return ex.raw(exAtom((atom[1] ?? atom[2])!));
}

function typeOptions(c: ColumnState): Pair[] {
  const opts: Pair[] = [];
  if (c.size !== null && !(c.type === ':string' && c.size === 255)) {
    opts.push(kw('size', exInteger(c.size)));
  }
  if (c.precision !== null) opts.push(kw('precision', exInteger(c.precision)));
  if (c.scale !== null) opts.push(kw('scale', exInteger(c.scale)));
  return opts;
}

function referencesEx(t: TableState, c: ColumnState): Ex {
  const r = c.references!;
  const opts: Pair[] = [kw('column', exAtom(r.column)), kw('type', stateTypeEx(c.type))];
  if (r.prefix !== t.prefix) opts.push(kw('prefix', r.prefix === null ? 'nil' : exAtom(r.prefix)));
  if (r.name !== null && r.name !== `${t.name}_${c.name}_fkey`) {
    opts.push(kw('name', exAtom(r.name)));
  }
  opts.push(kw('on_delete', exAtom(r.on_delete)));
  if (r.on_update !== 'nothing') opts.push(kw('on_update', exAtom(r.on_update)));
  return ex.call('references', [exAtom(r.table)], opts);
}

function addEx(t: TableState, c: ColumnState, verb: 'add' | 'add_if_not_exists'): Ex {
  const type = c.references ? referencesEx(t, c) : stateTypeEx(c.type);
  const opts = typeOptions(c);
  if (c.primary_key) opts.push(kw('primary_key', 'true'));
  if (c.default !== null) opts.push(kw('default', ex.call('fragment', [exString(c.default)])));
  if (!c.null && !c.primary_key) opts.push(kw('null', 'false'));
  return ex.callNoParens(verb, [exAtom(c.name), type], opts);
}

function tableCall(t: TableState, opts: Pair[] = []): Ex {
  const all = [...opts];
  if (t.prefix !== null) all.push(kw('prefix', exAtom(t.prefix)));
  return ex.call('table', [exAtom(t.name)], all);
}

function block(open: Ex, lines: Ex[]): string {
  const head = `${formatExpr(open, { indent: CHANGE_INDENT })} do`;
  let prevMultiline = false;
  const body = lines.map((node, i) => {
    const text = formatExpr(node, { indent: TABLE_INDENT });
    const multiline = text.includes('\n');
    const blank = i > 0 && (multiline || prevMultiline);
    prevMultiline = multiline;
    return `${blank ? '\n' : ''}${' '.repeat(TABLE_INDENT)}${text}`;
  });
  return `${head}\n${body.join('\n')}\n${' '.repeat(CHANGE_INDENT)}end`;
}

function createTable(s: StateTableSpec): string {
  const columns = s.table.columns.filter((c) => !s.deferred.includes(c.name));
  return block(
    ex.callNoParens('create_if_not_exists', [tableCall(s.table, [kw('primary_key', 'false')])]),
    columns.map((c) => addEx(s.table, c, 'add')),
  );
}

function indexEx(t: TableState, ix: IndexState): Ex {
  const plain = ix.columns.every((c) => IDENT.test(c));
  const opts: Pair[] = [];
  if (!plain || ix.name !== ectoIndexName(t.name, ix.columns)) {
    opts.push(kw('name', exAtom(ix.name)));
  }
  if (t.prefix !== null) opts.push(kw('prefix', exAtom(t.prefix)));
  if (ix.where !== null) opts.push(kw('where', exString(ix.where)));
  if (ix.using !== null) opts.push(kw('using', exString(ix.using)));
  const columns = ex.list(ix.columns.map((c) => (IDENT.test(c) ? exAtom(c) : exString(c))));
  const call = ex.call(ix.unique ? 'unique_index' : 'index', [exAtom(t.name), columns], opts);
  return ex.callNoParens('create_if_not_exists', [call]);
}

function executeEx(up: string, down: string): Ex {
  return ex.callNoParens('execute', [exString(up), exString(down)]);
}

function enumEx(e: EnumType): Ex {
  const values = e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  const name = sqlName(e.name, e.prefix);
  return executeEx(
    ifMissing(`CREATE TYPE ${name} AS ENUM (${values})`),
    `DROP TYPE IF EXISTS ${name}`,
  );
}

function checkEx(t: TableState, name: string, expression: string): Ex {
  const table = sqlName(t.name, t.prefix);
  return executeEx(
    ifMissing(`ALTER TABLE ${table} ADD CONSTRAINT ${sqlName(name, null)} CHECK (${expression})`),
    `ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${sqlName(name, null)}`,
  );
}

/** The statements of `def change`, in run order, laid out. */
export function stateMigrationStatements(spec: StateMigrationSpec): string[] {
  const out: string[] = [];
  const stmt = (node: Ex) => out.push(formatExpr(node, { indent: CHANGE_INDENT }));
  const schemas = new Set(
    [...spec.enums, ...spec.tables.map((s) => s.table)].flatMap((x) =>
      x.prefix === null ? [] : [x.prefix],
    ),
  );
  for (const schema of [...schemas].sort()) {
    const name = sqlName(schema, null);
    stmt(executeEx(`CREATE SCHEMA IF NOT EXISTS ${name}`, `DROP SCHEMA IF EXISTS ${name}`));
  }
  for (const e of spec.enums) stmt(enumEx(e));
  for (const s of spec.tables) out.push(createTable(s));
  for (const s of spec.tables) {
    const late = s.table.columns.filter((c) => s.deferred.includes(c.name));
    if (late.length > 0) {
      out.push(
        block(
          ex.callNoParens('alter', [tableCall(s.table)]),
          late.map((c) => addEx(s.table, c, 'add_if_not_exists')),
        ),
      );
    }
  }
  for (const s of spec.tables) for (const ix of s.table.indexes) stmt(indexEx(s.table, ix));
  for (const s of spec.tables) {
    for (const c of s.table.check_constraints) stmt(checkEx(s.table, c.name, c.expression));
  }
  return out;
}

/** The migration file's content. */
export function stateMigrationSource(app: App, spec: StateMigrationSpec): string {
  let prevMultiline = false;
  const body = stateMigrationStatements(spec)
    .map((text, i) => {
      const multiline = text.includes('\n');
      const blank = i > 0 && (multiline || prevMultiline);
      prevMultiline = multiline;
      return `${blank ? '\n' : ''}    ${text}\n`;
    })
    .join('');
  return `defmodule ${exModule(migrationModule(app, spec.name))} do\n  use Ecto.Migration\n\n  def change do\n${body}  end\nend\n`;
}
