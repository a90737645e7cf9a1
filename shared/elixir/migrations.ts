/**
 * Replays a project's Ecto migrations into a database state (shared/model/database.ts): the tables,
 * columns, indexes, check constraints and enum types the database will hold once every migration
 * has run. Files are the repo's migrations directory (`priv/<repo>/migrations`, or the `priv:` of
 * the repo's config), every `<version>_<name>.exs` below it, in version order as `mix ecto.migrate`
 * runs them. Each file is parsed (never executed) by ./migration-ops.ts; `def up` is read when
 * present, else `def change`.
 *
 * What cannot be interpreted (raw SQL in `execute`, loops, helper functions, a command on a table
 * the replay does not know) becomes a warning naming file, line and the tables that may differ.
 * Parsed files are cached by path and content, so a repeat replay only reads the files.
 */
import type { ProjectReader } from '../plan/index.js';
import {
  qualifiedTableName,
  type ColumnState,
  type DatabaseState,
  type EnumType,
  type StateWarning,
  type TableState,
} from '../model/database.js';
import { firstErrorLine, forgetChildren } from './ast.js';
import {
  readMigrationTree,
  type ColumnOp,
  type MigrationOp,
  type TableRef,
} from './migration-ops.js';
import { readDirectory } from './stamped-read.js';
import { parseElixir } from './parser.js';
import {
  ECTO_SQL_DEFAULTS,
  readRepoMigrationConfig,
  type MigrationDefaults,
} from './repo-migration-config.js';

export { pgType, referenceColumnType } from '../model/pg-type.js';

/** A reference's schema: the table's own when not given, null for the default ("public"). */
function referencePrefix(given: string | null, owner: string | null): string | null {
  const prefix = given ?? owner;
  return prefix === 'public' ? null : prefix;
}

/** Read access to the project: the plan layer's reader (its `stamps` enables the repeat-read cache). */
export type MigrationsReader = ProjectReader;

export interface ReplayOptions {
  /** The migrations directory relative to the project; default: the repo's (see above). */
  path?: string;
  /** The repo module whose migrations to replay when `path` is not given (default "MyApp.Repo"). */
  repo?: string;
  signal?: AbortSignal;
  /** Use the parse cache (default true). */
  cache?: boolean;
}

/** A migration file to replay. */
export interface MigrationSource {
  file: string;
  content: string;
}

// ---------------------------------------------------------------------------------------------
// Where the migrations are

function underscore(s: string): string {
  return s
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The repo's migrations directory, relative to the project: `<priv>/migrations` where priv is the
 * repo's `priv:` in config/*.exs, else `priv/<repo's last segment, underscored>`.
 */
export async function migrationsPath(reader: MigrationsReader, repo: string): Promise<string> {
  return migrationsDir(repo, (await readRepoMigrationConfig(reader, repo)).priv);
}

/** `<priv>/migrations`, where priv is the repo's `priv:` config or `priv/<repo name>`. */
function migrationsDir(repo: string, priv: string | null): string {
  return `${priv ?? `priv/${underscore(repo.split('.').pop()!)}`}/migrations`;
}

/** Ecto's version of a migration file (`Integer.parse` of its base name), or null. */
export function migrationVersionOf(file: string): bigint | null {
  const m = /^(\d+)_[^/]*\.exs$/.exec(file.slice(file.lastIndexOf('/') + 1));
  return m ? BigInt(m[1]!) : null;
}

// ---------------------------------------------------------------------------------------------
// Parsing, cached

const MAX_CACHE = 20_000;
const parsedCache = new Map<string, { content: string; ops: MigrationOp[] }>();

async function opsOf(
  source: MigrationSource,
  cacheKey: string | null,
  defaults: MigrationDefaults,
): Promise<MigrationOp[]> {
  const hit = cacheKey === null ? undefined : parsedCache.get(cacheKey);
  if (hit && hit.content === source.content) return hit.ops;
  const tree = await parseElixir(source.content);
  let ops: MigrationOp[];
  try {
    ops = tree.rootNode.hasError
      ? [
          {
            op: 'unreadable',
            what: `a syntax error near line ${firstErrorLine(tree.rootNode)} (the file was not replayed)`,
            text: '',
            tables: [],
            line: firstErrorLine(tree.rootNode),
          },
        ]
      : readMigrationTree(tree.rootNode, defaults);
  } finally {
    forgetChildren();
    tree.delete();
  }
  if (cacheKey !== null) {
    if (parsedCache.size >= MAX_CACHE) parsedCache.clear();
    parsedCache.set(cacheKey, { content: source.content, ops });
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Applying operations

class Replay {
  readonly tables = new Map<string, TableState>();
  readonly enums = new Map<string, EnumType>();
  readonly warnings: StateWarning[] = [];
  file = '';

  warn(line: number | null, message: string, tables: string[]): void {
    this.warnings.push({ file: this.file, line, message, tables });
  }

  key(t: TableRef): string {
    return qualifiedTableName(t);
  }

  table(t: TableRef, line: number, doing: string): TableState | null {
    const found = this.tables.get(this.key(t));
    if (!found) {
      this.warn(
        line,
        `${doing} on table ${this.key(t)}, which no earlier migration creates (created by SQL, or another repo's?); the change is not in this state.`,
        [this.key(t)],
      );
    }
    return found ?? null;
  }

  column(op: ColumnOp, owner: TableRef): ColumnState {
    return {
      name: op.name,
      type: op.type,
      pg_type: op.pg_type,
      null: op.primary_key ? false : (op.null ?? true),
      default: op.default ?? null,
      size: op.size,
      precision: op.precision,
      scale: op.scale,
      primary_key: op.primary_key,
      references: op.references
        ? { ...op.references, prefix: referencePrefix(op.references.prefix, owner.prefix) }
        : null,
    };
  }

  apply(op: MigrationOp): void {
    switch (op.op) {
      case 'create_table':
        return this.createTable(op);
      case 'alter_table':
        return this.alterTable(op);
      case 'rename_table':
        return this.renameTable(op);
      case 'rename_column':
        return this.renameColumn(op);
      case 'drop_table': {
        if (!this.tables.delete(this.key(op.table)) && !op.if_exists) {
          this.table(op.table, op.line, 'drop table');
        }
        return;
      }
      case 'create_index': {
        const t = this.table(op.table, op.line, 'create index');
        if (!t) return;
        const existing = t.indexes.findIndex((i) => i.name === op.index.name);
        if (existing >= 0 && op.if_not_exists) return;
        if (existing >= 0) t.indexes.splice(existing, 1);
        t.indexes.push({ ...op.index, columns: [...op.index.columns] });
        return;
      }
      case 'drop_index': {
        const t = this.tables.get(this.key(op.table));
        const at = t ? t.indexes.findIndex((i) => i.name === op.name) : -1;
        if (t && at >= 0) t.indexes.splice(at, 1);
        else if (!op.if_exists) {
          this.warn(op.line, `drop index ${op.name}: no earlier migration creates it.`, [
            this.key(op.table),
          ]);
        }
        return;
      }
      case 'rename_index': {
        const t = this.tables.get(this.key(op.table));
        const ix = t?.indexes.find((i) => i.name === op.from);
        if (ix) ix.name = op.to;
        else
          this.warn(op.line, `rename index ${op.from}: no earlier migration creates it.`, [
            this.key(op.table),
          ]);
        return;
      }
      case 'create_check': {
        const t = this.table(op.table, op.line, 'create constraint');
        t?.check_constraints.push({ name: op.name, expression: op.expression });
        return;
      }
      case 'drop_check': {
        const t = this.tables.get(this.key(op.table));
        if (t) t.check_constraints = t.check_constraints.filter((c) => c.name !== op.name);
        return;
      }
      case 'create_enum':
        this.enums.set(qualifiedTableName(op), {
          name: op.name,
          prefix: op.prefix,
          values: op.values,
        });
        return;
      case 'drop_enum':
        this.enums.delete(qualifiedTableName(op));
        return;
      case 'unreadable':
        return this.unreadable(op);
    }
  }

  unreadable(op: Extract<MigrationOp, { op: 'unreadable' }>): void {
    const tables = new Set(op.tables);
    for (const [key, t] of this.tables) {
      if (new RegExp(`\\b${t.name}\\b`).test(op.text)) tables.add(key);
    }
    const list = [...tables].sort();
    const which =
      list.length > 0
        ? `tables ${list.join(', ')} may differ from this state`
        : 'any table may differ from this state (no known table is named in it)';
    this.warn(op.line, `Not interpreted: ${op.what}; ${which}.`, list);
  }

  createTable(op: Extract<MigrationOp, { op: 'create_table' }>): void {
    const key = this.key(op.table);
    if (this.tables.has(key)) {
      if (!op.if_not_exists)
        this.warn(
          op.line,
          `create table ${key}, which already exists: the migration would fail; the first definition is kept.`,
          [key],
        );
      return;
    }
    const columns = [...(op.implicit_pk ? [op.implicit_pk] : []), ...op.columns].map((c) =>
      this.column(c, op.table),
    );
    this.tables.set(key, {
      name: op.table.name,
      prefix: op.table.prefix,
      primary_key: columns.filter((c) => c.primary_key).map((c) => c.name),
      columns,
      indexes: [],
      check_constraints: [],
    });
  }

  alterTable(op: Extract<MigrationOp, { op: 'alter_table' }>): void {
    const t = this.table(op.table, op.line, 'alter table');
    if (!t) return;
    for (const change of op.changes) {
      const at = t.columns.findIndex(
        (c) => c.name === (change.kind === 'remove' ? change.name : change.column.name),
      );
      if (change.kind === 'add') {
        if (at >= 0) {
          if (!change.if_not_exists)
            this.warn(
              change.line,
              `add ${change.column.name}: ${t.name} already has that column; the migration would fail.`,
              [this.key(op.table)],
            );
          continue;
        }
        t.columns.push(this.column(change.column, op.table));
        if (change.column.primary_key) t.primary_key.push(change.column.name);
      } else if (change.kind === 'remove') {
        if (at < 0) {
          if (!change.if_exists)
            this.warn(change.line, `remove ${change.name}: ${t.name} has no such column.`, [
              this.key(op.table),
            ]);
          continue;
        }
        t.columns.splice(at, 1);
        t.primary_key = t.primary_key.filter((c) => c !== change.name);
        // PostgreSQL drops the indexes that use a dropped column.
        t.indexes = t.indexes.filter((i) => !i.columns.includes(change.name));
      } else {
        if (at < 0) {
          this.warn(change.line, `modify ${change.column.name}: ${t.name} has no such column.`, [
            this.key(op.table),
          ]);
          continue;
        }
        t.columns[at] = this.modified(t.columns[at]!, change.column, op.table);
      }
    }
  }

  /** `modify` restates the type; null and default change only when given. */
  modified(old: ColumnState, op: ColumnOp, owner: TableRef): ColumnState {
    const next = this.column(op, owner);
    return {
      ...next,
      null: op.null ?? old.null,
      default: op.default === undefined ? old.default : op.default,
      primary_key: old.primary_key || op.primary_key,
      references: next.references ?? (op.drops_reference ? null : old.references),
    };
  }

  renameTable(op: Extract<MigrationOp, { op: 'rename_table' }>): void {
    const t = this.table(op.table, op.line, 'rename table');
    if (!t) return;
    this.tables.delete(this.key(op.table));
    const old = t.name;
    t.name = op.to;
    this.tables.set(this.key(t), t);
    // Foreign keys follow the table (PostgreSQL keeps them by OID).
    for (const other of this.tables.values()) {
      for (const c of other.columns) {
        if (c.references && c.references.table === old && c.references.prefix === t.prefix) {
          c.references = { ...c.references, table: op.to };
        }
      }
    }
  }

  renameColumn(op: Extract<MigrationOp, { op: 'rename_column' }>): void {
    const t = this.table(op.table, op.line, 'rename column');
    if (!t) return;
    const c = t.columns.find((x) => x.name === op.from);
    if (!c) {
      this.warn(op.line, `rename ${op.from}: ${t.name} has no such column.`, [this.key(op.table)]);
      return;
    }
    c.name = op.to;
    t.primary_key = t.primary_key.map((n) => (n === op.from ? op.to : n));
    for (const ix of t.indexes) ix.columns = ix.columns.map((n) => (n === op.from ? op.to : n));
    for (const other of this.tables.values()) {
      for (const col of other.columns) {
        const r = col.references;
        if (r && r.table === t.name && r.prefix === t.prefix && r.column === op.from) {
          col.references = { ...r, column: op.to };
        }
      }
    }
  }

  state(): DatabaseState {
    const byName = (
      a: { name: string; prefix: string | null },
      b: { name: string; prefix: string | null },
    ) => (a.prefix ?? '').localeCompare(b.prefix ?? '') || a.name.localeCompare(b.name);
    return {
      source: 'migrations',
      tables: [...this.tables.values()].sort(byName),
      enums: [...this.enums.values()].sort(byName),
      warnings: this.warnings,
    };
  }
}

/** Replays sources already read, in the order given (no file system). */
export async function replaySources(
  sources: readonly MigrationSource[],
  opts: { cacheScope?: string; signal?: AbortSignal; defaults?: MigrationDefaults } = {},
): Promise<DatabaseState> {
  const replay = new Replay();
  const defaults = opts.defaults ?? ECTO_SQL_DEFAULTS;
  // The same file reads differently under other repo defaults: they are part of the cache key.
  const scope =
    opts.cacheScope === undefined
      ? undefined
      : defaults === ECTO_SQL_DEFAULTS
        ? opts.cacheScope
        : `${opts.cacheScope}\0${JSON.stringify(defaults)}`;
  for (const source of sources) {
    opts.signal?.throwIfAborted();
    replay.file = source.file;
    const ops = await opsOf(
      source,
      scope === undefined ? null : `${scope}\0${source.file}`,
      defaults,
    );
    // apply copies what it keeps: the cached operations are never shared with a state.
    for (const op of ops) replay.apply(op);
  }
  return replay.state();
}

/**
 * The database state the project's migrations build, replayed in version order. An empty state
 * (no warnings) when there is no project or no migrations directory.
 */
export async function replayMigrations(
  reader: MigrationsReader,
  opts: ReplayOptions = {},
): Promise<DatabaseState> {
  if (reader.root === null) return { source: 'migrations', tables: [], enums: [], warnings: [] };
  const repo = opts.repo ?? 'MyApp.Repo';
  const config = await readRepoMigrationConfig(reader, repo);
  const dir = (opts.path ?? migrationsDir(repo, config.priv)).replace(/\/+$/, '');
  // Read in one walk; with the parse cache, unchanged files are not even read again
  // (./stamped-read.ts).
  const listed = await readDirectory(reader, dir, ['.exs'], {
    signal: opts.signal,
    cache: opts.cache !== false,
  });
  const files = listed
    .map((f) => ({ ...f, version: migrationVersionOf(f.file) }))
    .filter(
      (f): f is { file: string; version: bigint; content: string | null | undefined } =>
        f.version !== null,
    )
    .sort((a, b) =>
      a.version < b.version ? -1 : a.version > b.version ? 1 : a.file.localeCompare(b.file),
    );
  const sources: MigrationSource[] = [];
  for (const f of files) {
    opts.signal?.throwIfAborted();
    const content = f.content === undefined ? await reader.read(f.file) : f.content;
    if (content !== null) sources.push({ file: f.file, content });
  }
  return replaySources(sources, {
    defaults: config.defaults,
    ...(opts.cache === false ? {} : { cacheScope: reader.root }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
