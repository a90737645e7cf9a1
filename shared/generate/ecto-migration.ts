/**
 * The migration generator (issue 4): a normalized model → the migration files of one batch.
 *
 * - one `create table` migration per table schema (embedded schemas have no table), one per
 *   distinct many_to_many join table, and an `alter table` migration per foreign key that closes
 *   a reference cycle;
 * - ordered so every table is created after the tables it references (a stable topological
 *   order: input order wherever the references allow it; join tables after the schemas);
 * - versions from `ctx.clock()` (UTC seconds), strictly increasing in that order, skipping every
 *   version already used in the migrations directory;
 * - a migration whose module or name already exists in the directory is planned AT the existing
 *   file, so on_conflict (error / skip / overwrite) applies to it instead of a second module
 *   that would break `mix ecto.migrate`.
 *
 * Pure: reads only through `ctx.project`, time only from `ctx.clock`.
 */
import type { App, Field, Model, PrimaryKeyType, Schema } from '../model/index.js';
import type { PlanContext } from '../plan/index.js';
import { relativePathProblem, type PlannedFile } from '../workspace/index.js';
import { migrationsDir } from '../view/common.js';
import {
  ectoIndexName,
  migrationModule,
  migrationVersion,
  migrationSource,
  migrationView,
  type ColumnSpec,
  type ForeignKeySpec,
  type IndexSpec,
  type MigrationSpec,
} from '../view/ecto-migration/migration.exs.js';

export interface MigrationArgs {
  /** Directory for the migrations, relative to the project (default: the repo's). */
  migrations_path?: string | undefined;
}

/** `priv/repo/migrations/` → `priv/repo/migrations`; `./x` → `x`. Undefined when invalid. */
export function normalizeMigrationsPath(p: string): string | undefined {
  const trimmed = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return relativePathProblem(trimmed) === undefined ? trimmed : undefined;
}

/** Why a migrations_path is not acceptable, or undefined. */
export function migrationsPathProblem(p: string): string | undefined {
  const trimmed = p.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const problem = relativePathProblem(trimmed);
  return problem === undefined ? undefined : `migrations_path ${JSON.stringify(p)} ${problem}`;
}

// ---------------------------------------------------------------------------------------------
// The batch as a graph of tables

/** A foreign key of a schema table, with the batch table it needs (if any). */
interface SchemaFk {
  fk: ForeignKeySpec;
  /** The batch table that must exist first; null for self-references and outside targets. */
  dep: string | null;
}

interface Node {
  table: string;
  /** Lower runs first when the references allow it. */
  priority: number;
  schema: Schema | null;
  /** For schema tables: every FK column by name. */
  fks: Map<string, SchemaFk>;
  /** For join tables: its spec (built up front) and the tables it joins. */
  join: MigrationSpec | null;
  joinDeps: string[];
}

function pkName(s: Schema | undefined): string {
  return s && s.primary_key !== false ? s.primary_key.name : 'id';
}

/**
 * The `prefix:` of a reference from a table with prefix `owner` to `target`: omitted when Ecto's
 * default (the owner table's prefix) is right; `nil` when the target has none.
 */
function referencePrefix(
  owner: string | null,
  target: Schema | undefined,
): string | null | undefined {
  if (!target) return undefined;
  if (target.prefix === owner) return undefined;
  return target.prefix;
}

/**
 * Stable topological order with cycle breaking; returns the order and the deferred FKs
 * ("<table>.<column>", added by a later `alter table`).
 *
 * Cycles are broken first: while the reference graph has a strongly connected component of
 * several tables, one of its tables gets its foreign keys into that component deferred,
 * preferring a table whose such keys are all optional (a nullable column is the natural one to
 * add later; rows of a NOT NULL cycle could not be inserted anyway), then input order. Then
 * tables are emitted in input order as soon as everything they reference exists.
 */
function orderTables(nodes: Node[]): { order: Node[]; deferred: Set<string> } {
  const byTable = new Map(nodes.map((n) => [n.table, n]));
  const deferred = new Set<string>();
  const activeFks = (n: Node) =>
    [...n.fks.entries()].filter(
      ([col, f]) => f.dep !== null && byTable.has(f.dep) && !deferred.has(`${n.table}.${col}`),
    );
  const deps = (n: Node): string[] =>
    n.join
      ? n.joinDeps.filter((d) => byTable.has(d))
      : activeFks(n).map(([, f]) => f.dep as string);

  const sorted = [...nodes].sort((a, b) => a.priority - b.priority);
  for (;;) {
    const comp = stronglyConnected(sorted, deps);
    const sizes = new Map<number, number>();
    for (const c of comp.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const first = sorted.find((n) => (sizes.get(comp.get(n.table) as number) ?? 0) > 1);
    if (!first) break;
    const members = sorted.filter((n) => comp.get(n.table) === comp.get(first.table));
    const inside = (n: Node) =>
      activeFks(n).filter(([, f]) => comp.get(f.dep as string) === comp.get(n.table));
    const pick = members.find((n) => inside(n).every(([, f]) => !f.fk.required)) ?? first;
    for (const [col] of inside(pick)) deferred.add(`${pick.table}.${col}`);
  }

  const done = new Set<string>();
  const order: Node[] = [];
  let remaining = sorted;
  while (remaining.length > 0) {
    const ready = remaining.find((n) => deps(n).every((d) => done.has(d)));
    if (!ready) throw new Error('ecto-migration: a reference cycle was left unbroken');
    order.push(ready);
    done.add(ready.table);
    remaining = remaining.filter((n) => n !== ready);
  }
  return { order, deferred };
}

/** Tarjan's SCC over the remaining nodes: table → component id. */
function stronglyConnected(nodes: Node[], deps: (n: Node) => string[]): Map<string, number> {
  const byTable = new Map(nodes.map((n) => [n.table, n]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  let counter = 0;
  let compId = 0;
  const visit = (t: string): void => {
    index.set(t, counter);
    low.set(t, counter);
    counter++;
    stack.push(t);
    onStack.add(t);
    for (const d of deps(byTable.get(t) as Node)) {
      if (!byTable.has(d)) continue;
      if (!index.has(d)) {
        visit(d);
        low.set(t, Math.min(low.get(t) as number, low.get(d) as number));
      } else if (onStack.has(d)) {
        low.set(t, Math.min(low.get(t) as number, index.get(d) as number));
      }
    }
    if (low.get(t) === index.get(t)) {
      for (;;) {
        const x = stack.pop() as string;
        onStack.delete(x);
        comp.set(x, compId);
        if (x === t) break;
      }
      compId++;
    }
  };
  for (const n of nodes) if (!index.has(n.table)) visit(n.table);
  return comp;
}

// ---------------------------------------------------------------------------------------------
// Existing migrations

interface ExistingMigration {
  path: string;
  /** Ecto's version (`Integer.parse` of the file name), null when the name has none. */
  version: bigint | null;
  /** The name after the version (`create_posts`). */
  name: string | null;
  modules: string[];
}

async function scanExisting(dir: string, ctx: PlanContext): Promise<ExistingMigration[]> {
  const files = await ctx.project.list(dir, { recursive: true, extensions: ['.exs'] });
  const out: ExistingMigration[] = [];
  for (const path of files) {
    ctx.signal.throwIfAborted();
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.exs$/, '');
    const m = /^(\d+)_(.*)$/.exec(base);
    const content = (await ctx.project.read(path)) ?? '';
    const modules = [...content.matchAll(/^\s*defmodule\s+([A-Z][A-Za-z0-9_.]*)\s+do\b/gm)].map(
      (x) => x[1] as string,
    );
    out.push({
      path,
      version: m ? BigInt(m[1] as string) : null,
      name: m ? (m[2] as string) : null,
      modules,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export async function planMigrations(
  model: Model,
  args: MigrationArgs,
  ctx: PlanContext,
): Promise<PlannedFile[]> {
  const app: App = model.app ?? { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
  const tables = model.schemas.filter((s) => !s.embedded);
  if (tables.length === 0) {
    ctx.warn(
      `No migration generated: ${model.schemas.map((s) => s.module).join(', ')} ${model.schemas.length === 1 ? 'is an embedded schema' : 'are embedded schemas'} (no table).`,
    );
    return [];
  }

  let dir = migrationsDir(app);
  if (args.migrations_path !== undefined) {
    const custom = normalizeMigrationsPath(args.migrations_path);
    if (custom === undefined) throw new Error(migrationsPathProblem(args.migrations_path));
    if (custom !== dir) {
      ctx.warn(
        `Migrations go to ${custom}, not ${dir} where \`mix ecto.migrate\` looks for ${app.repo}'s migrations; run it with --migrations-path ${custom} (or configure the repo's :priv).`,
      );
    }
    dir = custom;
  }

  const byTable = new Map(tables.map((s) => [s.table, s]));
  const warned = new Set<string>();
  /** A foreign key column of the table `owner` to the table `target` (column `key`). */
  const fkSpec = (
    owner: { table: string; prefix: string | null },
    column: string,
    target: string,
    key: string,
    rest: Pick<ForeignKeySpec, 'type' | 'on_delete' | 'required'>,
  ): SchemaFk => {
    const targetSchema = byTable.get(target);
    if (!targetSchema && owner.prefix !== null && !warned.has(`${owner.table}>${target}`)) {
      warned.add(`${owner.table}>${target}`);
      ctx.warn(
        `${owner.table}.${column} references ${target}, which is not in this batch: the foreign key points at ${owner.prefix}.${target} (Ecto uses the table's prefix). Edit the migration if ${target} lives in another prefix.`,
      );
    }
    const prefix = referencePrefix(owner.prefix, targetSchema);
    return {
      fk: {
        column,
        table: target,
        key,
        ...rest,
        ...(prefix === undefined ? {} : { prefix }),
      },
      dep: targetSchema && target !== owner.table ? target : null,
    };
  };

  // Schema tables, then join tables (deduplicated: both sides may declare the same one).
  const nodes: Node[] = tables.map((s, i) => {
    const fks = new Map<string, SchemaFk>();
    for (const f of s.fields) {
      if (f.type !== 'references' || !f.references) continue;
      fks.set(
        f.name,
        fkSpec(s, f.name, f.references.table, pkName(byTable.get(f.references.table)), {
          type: f.references.type,
          on_delete: f.references.on_delete,
          required: f.required,
        }),
      );
    }
    for (const a of s.associations) {
      if (a.kind !== 'belongs_to') continue;
      fks.set(
        a.foreign_key,
        fkSpec(s, a.foreign_key, a.target_table, a.target_key, {
          type: a.type,
          on_delete: a.on_delete,
          required: a.required,
        }),
      );
    }
    return { table: s.table, priority: i, schema: s, fks, join: null, joinDeps: [] };
  });
  for (const s of tables) {
    for (const a of s.associations) {
      if (a.kind !== 'many_to_many' || nodes.some((n) => n.table === a.join_table)) continue;
      const target = a.target_index === null ? undefined : model.schemas[a.target_index];
      const [ownCol, targetCol] = a.join_keys;
      const [ownType, targetType] = a.key_types;
      const owner = { table: a.join_table, prefix: s.prefix };
      const ref = (column: string, table: string, key: string, type: PrimaryKeyType) =>
        fkSpec(owner, column, table, key, { type, on_delete: 'delete_all', required: true });
      const own = ref(ownCol, s.table, pkName(s), ownType);
      const other = ref(targetCol, a.target_table, pkName(target), targetType);
      const spec: MigrationSpec = {
        kind: 'create',
        name: `create_${a.join_table}`,
        table: a.join_table,
        prefix: s.prefix,
        implicit_primary_key: false,
        columns: [
          { kind: 'reference', fk: own.fk },
          { kind: 'reference', fk: other.fk },
        ],
        indexes: [
          joinIndex(a.join_table, [ownCol, targetCol], true),
          joinIndex(a.join_table, [targetCol], false),
        ],
      };
      nodes.push({
        table: a.join_table,
        priority: nodes.length,
        schema: null,
        fks: new Map(),
        join: spec,
        joinDeps: [s.table, a.target_table].filter((t) => byTable.has(t)),
      });
    }
  }

  const { order, deferred } = orderTables(nodes);

  // Migration specs in run order: creates, then the deferred foreign keys.
  const specs: { spec: MigrationSpec; needs: string[] }[] = [];
  const alters: { spec: MigrationSpec; needs: string[] }[] = [];
  for (const n of order) {
    if (n.join) {
      specs.push({ spec: n.join, needs: n.joinDeps });
      continue;
    }
    const s = n.schema as Schema;
    const isDeferred = (col: string) => deferred.has(`${s.table}.${col}`);
    const columns: ColumnSpec[] = [];
    const explicitPk =
      s.primary_key !== false && (s.primary_key.name !== 'id' || s.primary_key.type !== 'id');
    if (s.primary_key !== false && explicitPk) {
      columns.push({ kind: 'primary_key', name: s.primary_key.name, type: s.primary_key.type });
    }
    const fkColumn = (col: string): ColumnSpec | null =>
      isDeferred(col) ? null : { kind: 'reference', fk: (n.fks.get(col) as SchemaFk).fk };
    for (const f of s.fields) {
      const c: ColumnSpec | null =
        f.type === 'references' ? fkColumn(f.name) : { kind: 'field', field: f as Field };
      if (c) columns.push(c);
    }
    for (const a of s.associations) {
      if (a.kind !== 'belongs_to') continue;
      const c = fkColumn(a.foreign_key);
      if (c) columns.push(c);
    }
    if (s.timestamps !== false) columns.push({ kind: 'timestamps', type: s.timestamps.type });

    // Deferred columns, in column order; an index waits for its last deferred column.
    const late = [...n.fks.keys()].filter(isDeferred);
    const lateIndexes = new Map<string, IndexSpec[]>(late.map((c) => [c, []]));
    const indexes: IndexSpec[] = [];
    for (const ix of s.indexes) {
      const waits = late.filter((c) => ix.columns.includes(c));
      const spec = { columns: ix.columns, unique: ix.unique, name: ix.name };
      if (waits.length === 0) indexes.push(spec);
      else lateIndexes.get(waits[waits.length - 1] as string)?.push(spec);
    }
    const needs = [...n.fks.entries()]
      .filter(([col, f]) => f.dep !== null && !isDeferred(col))
      .map(([, f]) => f.dep as string);
    specs.push({
      spec: {
        kind: 'create',
        name: `create_${s.table}`,
        table: s.table,
        prefix: s.prefix,
        implicit_primary_key: s.primary_key !== false && !explicitPk,
        columns,
        indexes,
      },
      needs,
    });
    for (const col of late) {
      const f = n.fks.get(col) as SchemaFk;
      alters.push({
        spec: {
          kind: 'alter',
          name: `add_${col}_to_${s.table}`,
          table: s.table,
          prefix: s.prefix,
          implicit_primary_key: true,
          columns: [{ kind: 'reference', fk: f.fk }],
          indexes: lateIndexes.get(col) ?? [],
        },
        needs: [s.table, f.dep as string],
      });
      ctx.warn(
        `${s.table}.${col} and ${f.fk.table} reference each other, so ${col} is added by a separate migration (add_${col}_to_${s.table}) after both tables exist.` +
          (f.fk.required
            ? ` With required (NOT NULL) foreign keys both ways no row can be inserted first; consider making ${s.table}.${col} optional.`
            : ''),
      );
    }
  }
  specs.push(...alters);

  // Versions and paths: an existing migration with the same module or name is replaced in place.
  const existing = await scanExisting(dir, ctx);
  const used = new Set(existing.flatMap((e) => (e.version === null ? [] : [e.version])));
  const claimed = new Set<string>();
  let cursor = Math.floor(ctx.clock().getTime() / 1000) * 1000;
  const versionOf = new Map<string, bigint>(); // table → version of its create migration
  const planned: { path: string; spec: MigrationSpec; needs: string[]; version: bigint }[] = [];
  for (const { spec, needs } of specs) {
    const module = migrationModule(app, spec.name);
    const same =
      existing.find((e) => e.modules.includes(module) && !claimed.has(e.path)) ??
      existing.find((e) => e.name === spec.name && !claimed.has(e.path));
    let path: string;
    let version: bigint;
    if (same) {
      path = same.path;
      version = same.version ?? 0n;
      claimed.add(path);
    } else {
      let v = BigInt(migrationVersion(new Date(cursor)));
      while (used.has(v)) {
        cursor += 1000;
        v = BigInt(migrationVersion(new Date(cursor)));
      }
      used.add(v);
      cursor += 1000;
      version = v;
      path = `${dir}/${v}_${spec.name}.exs`;
    }
    if (spec.kind === 'create') versionOf.set(spec.table, version);
    planned.push({ path, spec, needs, version });
  }
  for (const p of planned) {
    if (!claimed.has(p.path)) continue;
    const late = p.needs.filter((t) => (versionOf.get(t) ?? 0n) > p.version);
    if (late.length > 0) {
      ctx.warn(
        `${p.path} already exists and keeps its version, which runs before the migration creating ${late.join(', ')}; on a fresh database it would fail. Rename it to a later version or drop the old file.`,
      );
    }
  }
  return planned.map((p) => ({
    path: p.path,
    content: migrationSource(migrationView(app, p.spec)),
  }));
}

function joinIndex(table: string, columns: string[], unique: boolean): IndexSpec {
  return { columns, unique, name: ectoIndexName(table, columns) };
}
