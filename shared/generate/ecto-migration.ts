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
 *   file, so on_conflict (error / skip) applies to it instead of a second module that would
 *   break `mix ecto.migrate`;
 * - a table the existing migrations already create exactly as the model wants is not created
 *   again (./migrated.ts); with on_conflict "update" (and "overwrite", since an existing migration
 *   may have run and is never rewritten), a table they create differently gets one reversible
 *   alter migration after the batch's own (shared/evolve) instead of a create.
 *
 * Pure: reads only through `ctx.project`, time only from `ctx.clock`.
 */
import { alterMigrationName, renderAlterMigration } from '../evolve/alter-migration.js';
import { planEvolution, uniqueName, type Evolution } from '../evolve/plan.js';
import type { App, Field, Model, PrimaryKeyType, Schema, SchemaDef } from '../model/index.js';
import { onConflictOf, type PlanContext } from '../plan/index.js';
import { readDirectory } from '../elixir/stamped-read.js';
import { satisfiedByMigrations } from './migrated.js';
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
import { orderTables, type SchemaFk, type TableNode } from './migration-order.js';

export interface MigrationArgs {
  /** Directory for the migrations, relative to the project (default: the repo's). */
  migrations_path?: string | undefined;
  /** update: evolve the tables the project's migrations already create (shared/evolve). */
  on_conflict?: 'error' | 'skip' | 'overwrite' | 'update' | undefined;
  /** The wire schemas of the batch, for their renamed_from (update only). */
  schemas?: readonly SchemaDef[] | undefined;
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

// ---------------------------------------------------------------------------------------------
// Existing migrations

export interface ExistingMigration {
  path: string;
  /** Ecto's version (`Integer.parse` of the file name), null when the name has none. */
  version: bigint | null;
  /** The name after the version (`create_posts`). */
  name: string | null;
  modules: string[];
}

async function scanExisting(dir: string, ctx: PlanContext): Promise<ExistingMigration[]> {
  const out: ExistingMigration[] = [];
  for (const { file: path, content } of await readDirectory(ctx.project, dir, ['.exs'], {
    signal: ctx.signal,
  })) {
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.exs$/, '');
    const m = /^(\d+)_(.*)$/.exec(base);
    const modules = [
      ...(content ?? '').matchAll(/^\s*defmodule\s+([A-Z][A-Za-z0-9_.]*)\s+do\b/gm),
    ].map((x) => x[1] as string);
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
  const dir = migrationsDirFor(app, args, ctx);
  // update (and overwrite: an existing migration file is never rewritten, it may have run):
  // tables the migrations already create are altered by a new migration, not created again.
  const mode = onConflictOf(args.on_conflict);
  const evolution =
    (mode === 'update' || mode === 'overwrite') && ctx.project.root !== null
      ? await planEvolution(model, args.schemas, dir, ctx)
      : null;
  const byTable = new Map(tables.map((s) => [s.table, s]));
  const fkSpec = foreignKeys(byTable, ctx);
  const nodes = tables.map((s, i) => schemaNode(s, i, byTable, fkSpec));
  addJoinTables(model, tables, byTable, fkSpec, nodes);
  const { order, deferred } = orderTables(nodes);
  const specs = migrationSpecs(order, deferred, ctx).filter(
    ({ spec }) => !evolution?.existing.has(spec.table),
  );
  // Tables the migrations already create exactly as the model wants are not created again.
  const satisfied = await satisfiedByMigrations(
    specs.map((s) => s.spec),
    app,
    dir,
    ctx,
  );
  const { planned, existing, nextVersion } = await assignVersions(app, dir, specs, ctx, satisfied);
  const out: PlannedFile[] = [];
  for (const p of planned) {
    const kept = p.keep ? await ctx.project.read(p.path) : null;
    out.push({ path: p.path, content: kept ?? migrationSource(migrationView(app, p.spec)) });
  }
  if (evolution) out.push(...alterFiles(app, dir, evolution, existing, planned, nextVersion));
  return out;
}

/**
 * The alter migrations of an evolution, after the batch's own migrations (the tables they may
 * reference exist by then). Their names never repeat an existing one (`alter_posts_2`): Ecto
 * refuses duplicated names.
 */
function alterFiles(
  app: App,
  dir: string,
  evolution: Evolution,
  existing: readonly ExistingMigration[],
  planned: readonly PlannedMigration[],
  nextVersion: () => bigint,
): PlannedFile[] {
  const names = new Set([
    ...existing.flatMap((e) => (e.name === null ? e.modules : [e.name, ...e.modules])),
    ...planned.map((p) => p.spec.name),
  ]);
  const files: PlannedFile[] = [];
  for (const d of evolution.diffs) {
    const name = uniqueName(
      alterMigrationName(d),
      (n) => names.has(n) || names.has(migrationModule(app, n)),
    );
    names.add(name);
    files.push({
      path: `${dir}/${nextVersion()}_${name}.exs`,
      content: renderAlterMigration(app, name, d),
    });
  }
  return files;
}

/** The repo's migrations directory, or `migrations_path` (with a warning when they differ). */
export function migrationsDirFor(app: App, args: MigrationArgs, ctx: PlanContext): string {
  const dir = migrationsDir(app);
  if (args.migrations_path === undefined) return dir;
  const custom = normalizeMigrationsPath(args.migrations_path);
  if (custom === undefined) throw new Error(migrationsPathProblem(args.migrations_path));
  if (custom !== dir) {
    ctx.warn(
      `Migrations go to ${custom}, not ${dir} where \`mix ecto.migrate\` looks for ${app.repo}'s migrations; run it with --migrations-path ${custom} (or configure the repo's :priv).`,
    );
  }
  return custom;
}

type FkSpecOf = (
  owner: { table: string; prefix: string | null },
  column: string,
  target: string,
  key: string,
  rest: Pick<ForeignKeySpec, 'type' | 'on_delete' | 'required'>,
) => SchemaFk;

/**
 * Builds a foreign key column of the table `owner` to the table `target` (column `key`), warning
 * once per pair when a prefixed table references a table outside the batch.
 */
function foreignKeys(byTable: ReadonlyMap<string, Schema>, ctx: PlanContext): FkSpecOf {
  const warned = new Set<string>();
  return (owner, column, target, key, rest) => {
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
}

/** A schema's table with its foreign keys (`references` fields and belongs_to). */
function schemaNode(
  s: Schema,
  priority: number,
  byTable: ReadonlyMap<string, Schema>,
  fkSpec: FkSpecOf,
): TableNode {
  const fks = new Map<string, SchemaFk>();
  for (const f of s.fields) {
    if (f.type !== 'references' || !f.references) continue;
    fks.set(
      f.name,
      fkSpec(s, f.name, f.references.table, pkName(byTable.get(f.references.table)), {
        type: f.references.type,
        on_delete: f.references.on_delete,
        required: !f.null,
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
  return { table: s.table, priority, schema: s, fks, join: null, joinDeps: [] };
}

/** One node per distinct many_to_many join table (both sides may declare the same one). */
function addJoinTables(
  model: Model,
  tables: readonly Schema[],
  byTable: ReadonlyMap<string, Schema>,
  fkSpec: FkSpecOf,
  nodes: TableNode[],
): void {
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
}

export interface SpecNeeds {
  spec: MigrationSpec;
  /** Tables that must be created before this migration runs. */
  needs: string[];
}

/** Migration specs in run order: the creates, then the deferred foreign keys. */
function migrationSpecs(
  order: readonly TableNode[],
  deferred: ReadonlySet<string>,
  ctx: PlanContext,
): SpecNeeds[] {
  const specs: SpecNeeds[] = [];
  const alters: SpecNeeds[] = [];
  for (const n of order) {
    if (n.join) {
      specs.push({ spec: n.join, needs: n.joinDeps });
      continue;
    }
    const s = n.schema as Schema;
    const isDeferred = (col: string) => deferred.has(`${s.table}.${col}`);
    const late = [...n.fks.keys()].filter(isDeferred);
    const { spec, lateIndexes } = createSpec(n, s, isDeferred, late);
    const needs = [...n.fks.entries()]
      .filter(([col, f]) => f.dep !== null && !isDeferred(col))
      .map(([, f]) => f.dep as string);
    specs.push({ spec, needs });
    for (const col of late)
      alters.push(alterSpec(s, col, n.fks.get(col) as SchemaFk, lateIndexes, ctx));
  }
  return [...specs, ...alters];
}

/** The `create table` of a schema, without its deferred columns and the indexes that need them. */
function createSpec(
  n: TableNode,
  s: Schema,
  isDeferred: (col: string) => boolean,
  late: readonly string[],
): { spec: MigrationSpec; lateIndexes: Map<string, IndexSpec[]> } {
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
  if (s.timestamps !== false) columns.push({ kind: 'timestamps', ...s.timestamps });

  // Deferred columns, in column order; an index waits for its last deferred column.
  const lateIndexes = new Map<string, IndexSpec[]>(late.map((c) => [c, []]));
  const indexes: IndexSpec[] = [];
  for (const ix of s.indexes) {
    const waits = late.filter((c) => ix.columns.includes(c));
    const spec = { columns: ix.columns, unique: ix.unique, name: ix.name };
    if (waits.length === 0) indexes.push(spec);
    else lateIndexes.get(waits[waits.length - 1] as string)?.push(spec);
  }
  return {
    spec: {
      kind: 'create',
      name: `create_${s.table}`,
      table: s.table,
      prefix: s.prefix,
      implicit_primary_key: s.primary_key !== false && !explicitPk,
      columns,
      indexes,
    },
    lateIndexes,
  };
}

/** The `alter table` that adds a deferred foreign key once both tables exist. */
function alterSpec(
  s: Schema,
  col: string,
  f: SchemaFk,
  lateIndexes: ReadonlyMap<string, IndexSpec[]>,
  ctx: PlanContext,
): SpecNeeds {
  ctx.warn(
    `${s.table}.${col} and ${f.fk.table} reference each other, so ${col} is added by a separate migration (add_${col}_to_${s.table}) after both tables exist.` +
      (f.fk.required
        ? ` With required (NOT NULL) foreign keys both ways no row can be inserted first; consider making ${s.table}.${col} optional.`
        : ''),
  );
  return {
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
  };
}

/** The migrations a directory holds, and fresh versions after them (for migrations of no model). */
export async function versionsFor(
  app: App,
  dir: string,
  ctx: PlanContext,
): Promise<{ existing: ExistingMigration[]; nextVersion: () => bigint }> {
  const { existing, nextVersion } = await assignVersions(app, dir, [], ctx, new Set());
  return { existing, nextVersion };
}

export interface PlannedMigration extends SpecNeeds {
  path: string;
  version: bigint;
  /** Already carried out by the existing migrations: the file keeps its content. */
  keep?: true;
}

/**
 * Versions and paths, in run order: fresh versions from the clock, skipping every version the
 * directory uses; a migration whose module or name already exists is planned at that file.
 */
async function assignVersions(
  app: App,
  dir: string,
  specs: readonly SpecNeeds[],
  ctx: PlanContext,
  satisfied: ReadonlySet<MigrationSpec>,
): Promise<{
  planned: PlannedMigration[];
  existing: ExistingMigration[];
  /** The next fresh version after the planned ones (for the evolution's alter migrations). */
  nextVersion: () => bigint;
}> {
  const existing = await scanExisting(dir, ctx);
  const used = new Set(existing.flatMap((e) => (e.version === null ? [] : [e.version])));
  const claimed = new Set<string>();
  let cursor = Math.floor(ctx.clock().getTime() / 1000) * 1000;
  const nextVersion = (): bigint => {
    let v = BigInt(migrationVersion(new Date(cursor)));
    while (used.has(v)) {
      cursor += 1000;
      v = BigInt(migrationVersion(new Date(cursor)));
    }
    used.add(v);
    cursor += 1000;
    return v;
  };
  const versionOf = new Map<string, bigint>(); // table → version of its create migration
  const planned: PlannedMigration[] = [];
  for (const { spec, needs } of specs) {
    const module = migrationModule(app, spec.name);
    const same =
      existing.find((e) => e.modules.includes(module) && !claimed.has(e.path)) ??
      existing.find((e) => e.name === spec.name && !claimed.has(e.path));
    if (satisfied.has(spec)) {
      // Already migrated: the file that did it (if it has this name) is reported unchanged.
      if (same) {
        claimed.add(same.path);
        planned.push({ path: same.path, spec, needs, version: same.version ?? 0n, keep: true });
      }
      continue;
    }
    let path: string;
    let version: bigint;
    if (same) {
      path = same.path;
      version = same.version ?? 0n;
      claimed.add(path);
    } else {
      version = nextVersion();
      path = `${dir}/${version}_${spec.name}.exs`;
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
  return { planned, existing, nextVersion };
}

function joinIndex(table: string, columns: string[], unique: boolean): IndexSpec {
  return { columns, unique, name: ectoIndexName(table, columns) };
}
