/**
 * Migrations from a live database state (generate_ecto_migration with `from_database`), in two
 * modes:
 *
 * - **reconcile** (default): the project's migrations are replayed and the database's tables
 *   become the desired state (shared/evolve/reconcile.ts): one reversible alter migration per
 *   table that differs, through the same diff, confirmation of destructive changes and printer
 *   as a model's evolution; tables and enum types the migrations do not create get one migration
 *   that creates them if missing. Replaying the migrations then builds the database's tables.
 * - **baseline**: one migration that creates every table of the state if it does not exist
 *   (enum types, tables after the tables they reference, indexes, check constraints): a no-op on
 *   the database it was read from, the same tables on an empty one.
 *
 * Pure: reads only through `ctx.project`, time only from `ctx.clock`.
 */
import { alterMigrationName, renderAlterMigration } from '../evolve/alter-migration.js';
import { uniqueName } from '../evolve/plan.js';
import { liveColumnType, reconcile, type LiveState } from '../evolve/reconcile.js';
import { replayMigrations } from '../elixir/migrations.js';
import {
  qualifiedTableName,
  type App,
  type EnumType,
  type Model,
  type TableState,
} from '../model/index.js';
import { GenerationError, type PlanContext } from '../plan/index.js';
import { stateMigrationSource, type StateTableSpec } from '../view/ecto-migration/baseline.exs.js';
import { migrationModule } from '../view/ecto-migration/migration.exs.js';
import type { PlannedFile } from '../workspace/index.js';
import { migrationsDirFor, versionsFor, type MigrationArgs } from './ecto-migration.js';

export interface FromDatabaseArgs extends MigrationArgs {
  from_database?: LiveState | undefined;
  /** One migration creating every table of the state if missing, instead of a reconcile. */
  baseline?: boolean | undefined;
}

/**
 * Tables in creation order (each after the tables it references, else input order) with the
 * foreign key columns that close a reference cycle, which are added after every table exists.
 */
export function creationOrder(tables: readonly TableState[]): StateTableSpec[] {
  const byKey = new Map(tables.map((t) => [qualifiedTableName(t), t]));
  const state = new Map<string, 'visiting' | 'done'>();
  const deferred = new Map<string, string[]>();
  const out: StateTableSpec[] = [];
  const visit = (t: TableState) => {
    const key = qualifiedTableName(t);
    state.set(key, 'visiting');
    for (const c of t.columns) {
      const r = c.references;
      if (!r) continue;
      const target = byKey.get(qualifiedTableName({ name: r.table, prefix: r.prefix }));
      if (!target || target === t) continue;
      const s = state.get(qualifiedTableName(target));
      if (s === 'visiting') deferred.set(key, [...(deferred.get(key) ?? []), c.name]);
      else if (s === undefined) visit(target);
    }
    state.set(key, 'done');
    out.push({ table: t, deferred: [] });
  };
  for (const t of tables) if (!state.has(qualifiedTableName(t))) visit(t);
  return out.map((s) => ({ ...s, deferred: deferred.get(qualifiedTableName(s.table)) ?? [] }));
}

/** The state's tables with their column types as a migration writes them. */
function writable(tables: readonly TableState[], enums: readonly EnumType[]): TableState[] {
  return tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => ({ ...c, type: liveColumnType(c, enums) })),
  }));
}

function uniqueMigrationName(app: App, name: string, taken: Set<string>): string {
  const n = uniqueName(name, (x) => taken.has(x) || taken.has(migrationModule(app, x)));
  taken.add(n);
  return n;
}

export async function planFromDatabase(
  model: Model,
  args: FromDatabaseArgs,
  ctx: PlanContext,
): Promise<PlannedFile[]> {
  const live = args.from_database;
  if (!live) throw new GenerationError('from_database is missing: pass the state to migrate from.');
  if (model.schemas.length > 0) {
    throw new GenerationError(
      'Pass either from_database (the state introspect_database returned) or schemas/specs, not both.',
    );
  }
  if (ctx.project.root === null && !args.baseline) {
    throw new GenerationError(
      "A reconcile compares with the project's migrations: pass project_root (or allow a project root), or baseline: true.",
    );
  }
  const app: App = model.app ?? { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
  const dir = migrationsDirFor(app, args, ctx);
  const { existing, nextVersion } = await versionsFor(app, dir, ctx);
  const taken = new Set(
    existing.flatMap((e) => (e.name === null ? e.modules : [e.name, ...e.modules])),
  );
  if (args.baseline) {
    const name = uniqueMigrationName(app, 'baseline', taken);
    ctx.warn(
      `${name}: every statement creates its object only if missing, so \`mix ecto.migrate\` does nothing to the database the state was read from and builds the same tables on an empty one.`,
    );
    const source = stateMigrationSource(app, {
      name,
      enums: live.enums,
      tables: creationOrder(writable(live.tables, live.enums)),
    });
    return [{ path: `${dir}/${nextVersion()}_${name}.exs`, content: source }];
  }
  const replayed = await replayMigrations(ctx.project, { path: dir, signal: ctx.signal });
  for (const w of replayed.warnings) {
    ctx.warn(`${w.file ?? 'migrations'}${w.line === null ? '' : `:${w.line}`}: ${w.message}`);
  }
  const r = reconcile(replayed, live);
  const unsupported = r.diffs.flatMap((d) => d.unsupported);
  if (unsupported.length > 0) {
    throw new GenerationError(
      `These differences cannot be reconciled by a generated migration; nothing was written. Leave these tables out of from_database, or write their migrations by hand.\n${unsupported.map((u) => `- ${u}`).join('\n')}`,
      { details: { unsupported } },
    );
  }
  const destructive = r.diffs.flatMap((d) => d.destructive);
  if (destructive.length > 0) ctx.destructive?.(destructive);
  for (const d of r.diffs) for (const note of d.notes) ctx.warn(note);
  for (const note of r.notes) ctx.warn(note);
  const files: PlannedFile[] = [];
  if (r.creates.length > 0 || r.enums.length > 0) {
    const only = r.creates.length === 1 ? r.creates[0]! : null;
    const base = only
      ? `create_${only.name}`
      : r.creates.length === 0
        ? 'create_enum_types'
        : 'create_tables_from_database';
    const name = uniqueMigrationName(app, base, taken);
    files.push({
      path: `${dir}/${nextVersion()}_${name}.exs`,
      content: stateMigrationSource(app, {
        name,
        enums: r.enums,
        tables: creationOrder(writable(r.creates, live.enums)),
      }),
    });
  }
  for (const d of r.diffs) {
    if (d.columns.length === 0 && d.indexes.length === 0) continue;
    const name = uniqueMigrationName(app, alterMigrationName(d), taken);
    files.push({
      path: `${dir}/${nextVersion()}_${name}.exs`,
      content: renderAlterMigration(app, name, d),
    });
  }
  if (files.length === 0) {
    ctx.warn("No migration generated: the project's migrations already build these tables.");
  } else {
    ctx.warn(
      `The database these tables were read from already has these changes: there, record the new migrations as run (INSERT INTO schema_migrations (version, inserted_at) VALUES (<version>, now()) for each) instead of running them; every other database gets them from \`mix ecto.migrate\`.`,
    );
  }
  return files;
}
