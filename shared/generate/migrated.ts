/**
 * Which planned migrations the project's migrations already carry out: a table they create
 * exactly as the model wants it (same columns with the same PostgreSQL types, NULL, defaults,
 * keys and foreign keys, same indexes), or columns an alter would add that are already there.
 * Such a migration is not written again, whatever the layout of the file that did it (phx.gen's
 * or ours). A table that exists but differs is left to the caller (evolving it is an alter
 * migration's job).
 */
import { replayMigrations, replaySources } from '../elixir/migrations.js';
import {
  qualifiedTableName,
  type ColumnState,
  type DatabaseState,
  type IndexState,
  type TableState,
} from '../model/database.js';
import type { App } from '../model/index.js';
import type { PlanContext } from '../plan/index.js';
import {
  migrationSource,
  migrationView,
  type MigrationSpec,
} from '../view/ecto-migration/migration.exs.js';

function columnKey(c: ColumnState): string {
  const r = c.references;
  return JSON.stringify([
    c.name,
    c.pg_type,
    c.null,
    c.default,
    c.primary_key,
    r ? [r.table, r.column, r.prefix, r.on_delete, r.on_update] : null,
  ]);
}

function indexKey(i: IndexState): string {
  return JSON.stringify([i.name, i.columns, i.unique, i.where, i.using]);
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (x: string[]) => [...x].sort().join('\n');
  return sorted(a) === sorted(b);
}

/** Same columns (in any order), primary key and indexes. */
export function sameTable(a: TableState, b: TableState): boolean {
  return (
    sameSet(a.columns.map(columnKey), b.columns.map(columnKey)) &&
    sameSet(a.primary_key, b.primary_key) &&
    sameSet(a.indexes.map(indexKey), b.indexes.map(indexKey))
  );
}

/** The table without the columns (and their indexes) that later alter migrations of the batch add. */
function withoutLater(t: TableState, specs: readonly MigrationSpec[]): TableState {
  const later = new Set(
    specs
      .filter((s) => s.kind === 'alter' && s.table === t.name && s.prefix === t.prefix)
      .flatMap((s) => s.columns.flatMap((c) => (c.kind === 'reference' ? [c.fk.column] : []))),
  );
  if (later.size === 0) return t;
  return {
    ...t,
    columns: t.columns.filter((c) => !later.has(c.name)),
    indexes: t.indexes.filter((i) => !i.columns.some((c) => later.has(c))),
  };
}

/** What one planned migration would build, replayed on its own. */
async function plannedState(app: App, spec: MigrationSpec): Promise<DatabaseState> {
  const content = migrationSource(migrationView(app, spec));
  return replaySources([{ file: spec.name, content }]);
}

/** The planned migrations (by identity) that the existing migrations already carry out. */
export async function satisfiedByMigrations(
  specs: readonly MigrationSpec[],
  app: App,
  dir: string,
  ctx: Pick<PlanContext, 'project' | 'warn'>,
): Promise<Set<MigrationSpec>> {
  const done = new Set<MigrationSpec>();
  const state = await replayMigrations(ctx.project, { path: dir, repo: app.repo });
  if (state.tables.length === 0) return done;
  const find = (name: string, prefix: string | null) =>
    state.tables.find((t) => t.name === name && t.prefix === prefix);
  for (const spec of specs) {
    const existing = find(spec.table, spec.prefix);
    if (!existing) continue;
    const wanted = (await plannedState(app, spec)).tables[0];
    if (spec.kind === 'create' && wanted && sameTable(wanted, withoutLater(existing, specs))) {
      done.add(spec);
    } else if (spec.kind === 'alter') {
      // The alter's own replay has no table to alter: compare the columns it adds directly.
      const added = spec.columns.flatMap((c) => (c.kind === 'reference' ? [c.fk.column] : []));
      const have = added.every((col) =>
        existing.columns.some((c) => c.name === col && c.references),
      );
      if (have && added.length > 0) done.add(spec);
    }
  }
  const kept = specs.filter((s) => done.has(s)).map((s) => qualifiedTableName(s));
  if (kept.length > 0) {
    ctx.warn(
      `No migration written for ${kept.join(', ')}: the migrations in ${dir} already create ${kept.length === 1 ? 'it' : 'them'} as the model says.`,
    );
  }
  return done;
}
