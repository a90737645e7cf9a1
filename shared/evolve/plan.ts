/**
 * The evolution step of the migration planner (on_conflict "update"): replay the project's
 * migrations into a database state (shared/elixir/migrations.ts), diff the batch against it, and
 * say which tables already exist (no create migration for them) and which changed (one alter
 * migration each). Destructive changes go to the pipeline for confirmation; changes that cannot
 * be generated refuse the whole batch; what the user must know becomes a warning.
 */
import { replayMigrations } from '../elixir/migrations.js';
import { collectRenames, type Model, type SchemaDef } from '../model/index.js';
import { GenerationError, type DestructiveItem, type PlanContext } from '../plan/index.js';
import { diffModel, hasChanges, type TableDiff } from './diff.js';

export interface Evolution {
  /** Tables of the batch (by their new names) that the database already has. */
  existing: Set<string>;
  /** The tables that changed, in batch order (join tables last). */
  diffs: TableDiff[];
}

/** `name`, or `name_2`, `name_3`… : the first that `taken` does not hold. */
export function uniqueName(name: string, taken: (n: string) => boolean): string {
  if (!taken(name)) return name;
  for (let i = 2; ; i++) if (!taken(`${name}_${i}`)) return `${name}_${i}`;
}

export async function planEvolution(
  model: Model,
  defs: readonly SchemaDef[] | undefined,
  migrationsDir: string,
  ctx: PlanContext,
): Promise<Evolution> {
  const state = await replayMigrations(ctx.project, {
    path: migrationsDir,
    signal: ctx.signal,
    ...(model.app ? { repo: model.app.repo } : {}),
  });
  for (const w of state.warnings) {
    ctx.warn(`${w.file ?? 'migrations'}${w.line === null ? '' : `:${w.line}`}: ${w.message}`);
  }
  const { renames, errors } = collectRenames(defs ?? [], model);
  if (errors.length > 0) {
    throw new GenerationError(
      `The renames cannot be applied; nothing was written.\n${errors.map((e) => `- ${e.path}: ${e.message}`).join('\n')}`,
      { details: { errors } },
    );
  }
  const all = diffModel(state, model, renames);
  const unsupported = all.flatMap((d) => d.unsupported);
  if (unsupported.length > 0) {
    throw new GenerationError(
      `These changes cannot be generated; nothing was written.\n${unsupported.map((u) => `- ${u}`).join('\n')}`,
      { details: { unsupported } },
    );
  }
  const destructive: DestructiveItem[] = all.flatMap((d) => d.destructive);
  if (destructive.length > 0) ctx.destructive?.(destructive);
  for (const d of all) for (const note of d.notes) ctx.warn(note);
  return {
    existing: new Set(all.filter((d) => d.kind === 'alter').map((d) => d.table)),
    diffs: all.filter((d) => d.kind === 'alter' && hasChanges(d)),
  };
}
