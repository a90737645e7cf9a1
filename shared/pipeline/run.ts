/**
 * The one generation pipeline the three generator tools share:
 *
 *   input (schemas | specs) → model → project (roots, mix.exs) → normalize/validate
 *     → plan files (the server's pure generator) → workspace writer (all or nothing) → mix format
 *
 * A server supplies only `plan`. Everything a generation must guarantee (no half-written
 * generation, conflicts per on_conflict, dry runs without a project, clear errors) lives here once.
 */
import { unifiedDiff } from '../diff/unified.js';
import { knownSchemas } from '../elixir/schemas.js';
import { compileProject, formatFiles } from '../mix/index.js';
import {
  appFromDef,
  defaultTable,
  normalizeModel,
  type App,
  type Issue,
  type Schema,
  type SchemaDef,
  type SpecNote,
} from '../model/index.js';
import {
  confirmDestructive,
  formatDestructive,
  resolveProjectRoot,
  type ToolContext,
  type ToolOutcome,
} from '../mcp/index.js';
import {
  GenerationError,
  memoizedReader,
  onConflictOf,
  projectReader,
  type DestructiveItem,
  type OnConflictMode,
  type KnownSchemasReader,
  type Planner,
  type ProjectReader,
} from '../plan/index.js';
import { detectProject, ProjectError, readProject } from '../project/index.js';
import { formatterImportsEcto } from '../project/formatter-exs.js';
import { elixirFormatter, withElixirFormatter } from '../render/index.js';
import { installedElixirVersion } from '../mix/index.js';
import {
  withProjectLock,
  writeFiles,
  type OnConflict,
  type PlannedFile,
} from '../workspace/index.js';
import { conventionsWithoutProject, projectConventions, type Conventions } from './conventions.js';
import type { GeneratorInput, GeneratorOutput } from './input.js';
import { parseSpecsOrThrow } from './specs.js';

export const DEFAULT_APP: App = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

export interface RunOptions<A> {
  plan: Planner<A>;
  /** How the project's existing schemas are found (default: shared/elixir/schemas.ts). */
  knownSchemas?: KnownSchemasReader;
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `- ${i.path}: ${i.message}`).join('\n');
}

/**
 * `schemas` or `specs` → the wire schemas; SpecError → GenerationError. `warnings`, when given,
 * gets the spec lines' notes (e.g. the web files a phx.gen.live line would also make), as
 * "specs[i]: …".
 */
export function schemasFromInput(args: GeneratorInput, warnings?: string[]): SchemaDef[] {
  if (args.schemas && args.specs) {
    throw new GenerationError(
      'Pass either schemas (the model, e.g. from parse_gen_spec) or specs (phx.gen-style lines), not both.',
    );
  }
  if (args.specs) {
    const notes: SpecNote[] = [];
    const schemas = parseSpecsOrThrow({ ...args, specs: args.specs }, undefined, notes);
    warnings?.push(...notes.map((n) => `specs[${n.line - 1}]: ${n.message}`));
    return schemas;
  }
  if (args.schemas) return args.schemas;
  throw new GenerationError(
    'Nothing to generate: pass schemas (the model, e.g. from parse_gen_spec) or specs (phx.gen-style lines such as "Blog Post posts title:string").',
  );
}

/**
 * Whether resolving the batch may need the project's existing schemas: some association target
 * or `references` table is not in the batch. When every one is (most calls), the `lib/` scan is
 * skipped: normalizeModel would not look anything up. Errs on the side of reading.
 */
export function needsKnownSchemas(schemas: readonly SchemaDef[], app: App): boolean {
  const rel = (m: string) =>
    m.startsWith(`${app.base_module}.`) ? m.slice(app.base_module.length + 1) : m;
  const modules = new Set(schemas.map((s) => rel(s.module)));
  const tables = new Set(
    schemas.filter((s) => s.embedded !== true).map((s) => s.table ?? defaultTable(rel(s.module))),
  );
  return schemas.some(
    (s) =>
      (s.associations ?? []).some((a) => !modules.has(rel(a.target))) ||
      (s.fields ?? []).some(
        (f) =>
          (f.type === 'references' || f.references !== undefined) &&
          (f.references === undefined || !tables.has(f.references.table)),
      ),
  );
}

/** The app: explicit `app` wins, else detected from mix.exs, else (dry run, no project) the default. */
export async function resolveApp(
  args: Pick<GeneratorInput, 'app'>,
  project: ProjectReader,
  warnings: string[],
): Promise<App> {
  if (args.app) return appFromDef(args.app);
  if (project.root === null) {
    warnings.push(
      `No project root, so the app is assumed to be ${DEFAULT_APP.otp_app} (${DEFAULT_APP.base_module}); pass app or project_root for real names.`,
    );
    return DEFAULT_APP;
  }
  try {
    const info = await detectProject(project.read, (dir) =>
      project.list(dir, { recursive: true, extensions: ['.exs'] }),
    );
    return { otp_app: info.otp_app, base_module: info.base_module, repo: info.repo };
  } catch (e) {
    if (e instanceof ProjectError) throw new GenerationError(e.message);
    throw e;
  }
}

/** The app and the conventions one generation follows (see ./conventions.ts). */
export interface ResolvedProject {
  app: App;
  conventions: Conventions;
}

/**
 * {@link resolveApp} plus the project's generator config, scopes and versions. `elixirVersion`
 * probes the installed Elixir (only called when there is a project).
 */
export async function resolveProject(
  args: Pick<GeneratorInput, 'app' | 'binary_id' | 'timestamp_type'>,
  project: ProjectReader,
  warnings: string[],
  elixirVersion: () => Promise<string | undefined>,
): Promise<ResolvedProject> {
  if (project.root === null) {
    return {
      app: await resolveApp(args, project, warnings),
      conventions: conventionsWithoutProject(args),
    };
  }
  let read: Awaited<ReturnType<typeof readProject>>;
  try {
    read = await readProject(project.read, (dir) =>
      project.list(dir, { recursive: true, extensions: ['.exs'] }),
    );
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    // An explicit app does not need mix.exs; the conventions are then the call's own.
    if (args.app) {
      return {
        app: await resolveApp(args, project, warnings),
        conventions: conventionsWithoutProject(args),
      };
    }
    throw new GenerationError(e.message);
  }
  const app = args.app
    ? await resolveApp(args, project, warnings)
    : { otp_app: read.info.otp_app, base_module: read.info.base_module, repo: read.info.repo };
  const lockPath = read.sources.lockfile ?? 'mix.lock';
  const lock = await project.read(lockPath).catch(() => null);
  const conventions = await projectConventions(
    read.sources,
    app.otp_app,
    args,
    lock,
    await elixirVersion(),
  );
  warnings.push(...conventions.ignored.map((i) => `Project config: ${i}.`));
  return { app, conventions };
}

export async function runGeneration<A extends GeneratorInput>(
  args: A,
  ctx: ToolContext,
  opts: RunOptions<A>,
): Promise<ToolOutcome<GeneratorOutput>> {
  const dryRun = args.dry_run ?? false;
  const specNotes: string[] = [];
  const schemas = schemasFromInput(args, specNotes);
  const allowed = await ctx.roots();
  const root = dryRun
    ? ((await resolveProjectRoot(allowed, args.project_root, { optional: true })) ?? null)
    : await resolveProjectRoot(allowed, args.project_root);
  if (root === null || dryRun) return generate(args, ctx, opts, schemas, root, specNotes);
  // Generations that write to the same project run one at a time, from reading the project to
  // the end of mix format, in this process and across processes (shared/workspace/lock.ts): a
  // planner reads the project (used migration versions, files it extends), so two concurrent
  // calls could otherwise both plan migration version V for different tables, or extend a
  // context file the other is rewriting.
  return withProjectLock(root, () => generate(args, ctx, opts, schemas, root, specNotes), {
    signal: ctx.signal,
  });
}

async function generate<A extends GeneratorInput>(
  args: A,
  ctx: ToolContext,
  opts: RunOptions<A>,
  schemas: SchemaDef[],
  root: string | null,
  specNotes: readonly string[],
): Promise<ToolOutcome<GeneratorOutput>> {
  const dryRun = args.dry_run ?? false;
  const warnings: string[] = [...specNotes];
  const project = projectReader(root);
  const progress = stageProgress(ctx);
  // Planning reads each file once (several steps of an evolution read the same ones).
  const planReader = memoizedReader(project);
  const { planned, fromProject } = await planStage(
    args,
    ctx,
    opts,
    schemas,
    planReader,
    warnings,
    progress,
  );
  if (root === null) {
    await progress.report(STAGES, 'Dry run: nothing to compare without a project');
    return outcome(
      null,
      true,
      planned.map((f) => ({ path: f.path, action: 'created' as const, content: f.content })),
      warnings,
      fromProject,
    );
  }
  const files = await writeStage(args, ctx, project, root, planned, progress);
  const format = dryRun ? undefined : await formatStage(args, ctx, project, root, files, warnings);
  const compile = args.verify && !dryRun ? await verifyStage(ctx, root, warnings) : undefined;
  await progress.report(STAGES, format ? `mix format: ${format.status}` : 'Done');
  return outcome(root, dryRun, files, warnings, fromProject, format, compile);
}

/** Input → normalized model → the planner's files (stage 0 → 1). */
async function planStage<A extends GeneratorInput>(
  args: A,
  ctx: ToolContext,
  opts: RunOptions<A>,
  schemas: SchemaDef[],
  project: ProjectReader,
  warnings: string[],
  progress: StageProgress,
): Promise<{ planned: PlannedFile[]; fromProject: string[] }> {
  const probe =
    ctx.deps.elixirVersion ??
    (() =>
      installedElixirVersion({
        ...(ctx.deps.mixPath === undefined ? {} : { mixPath: ctx.deps.mixPath }),
        signal: ctx.signal,
      }));
  const { app, conventions } = await resolveProject(args, project, warnings, probe);
  const readKnown = opts.knownSchemas ?? knownSchemas;
  const known =
    project.root !== null && needsKnownSchemas(schemas, app) ? await readKnown(project, app) : [];

  const {
    model,
    errors,
    warnings: modelWarnings,
  } = normalizeModel(
    { app, schemas },
    {
      known,
      defaults: conventions.defaults,
      scopes: { ...conventions.scope_options, requested: args.scope },
    },
  );
  warnings.push(...modelWarnings.map((w) => `${w.path}: ${w.message}`));
  if (!model) {
    throw new GenerationError(
      `The model is not valid; nothing was written.\n${formatIssues(errors)}`,
      { details: { errors } },
    );
  }

  const clock = ctx.deps.clock ?? (() => new Date());
  await progress.report(0, `Planning files for ${model.schemas.length} schema(s)`);
  const destructive: DestructiveItem[] = [];
  const planned = await withElixirFormatter(elixirFormatter(conventions.elixir), () =>
    opts.plan(model, args, {
      project,
      clock,
      warn: (m) => warnings.push(m),
      destructive: (items) => destructive.push(...items),
      signal: ctx.signal,
      phoenix: project.root !== null && conventions.phoenix,
      repoAllBy: conventions.repo_all_by,
      // A planner's own steps (done/total) fill the planning stage, so the overall value only grows.
      progress: (done, total, message) =>
        progress.report(total > 0 ? Math.min(0.99, Math.max(0, done / total)) : 0, message),
    }),
  );
  await progress.report(1, `Planned ${planned.length} file(s)`);
  if ((args.dry_run ?? false) && destructive.length > 0) {
    warnings.push(
      `Destructive changes (a real run asks for confirmation or needs allow_destructive: true):\n${formatDestructive(destructive)}`,
    );
  } else {
    // Before any write: on the 2026 era this ends the call until the user answered.
    await confirmDestructive(ctx.sdk, destructive, args.allow_destructive ?? false);
  }
  return { planned, fromProject: [...conventions.from_project, ...scopedNote(model.schemas)] };
}

/** Which schemas the generation scoped, and how to opt out (the output changes a lot). */
function scopedNote(schemas: readonly Schema[]): string[] {
  const by = new Map<string, string[]>();
  for (const s of schemas) {
    if (s.scope === undefined) continue;
    by.set(s.scope.name, [...(by.get(s.scope.name) ?? []), s.module]);
  }
  return [...by].map(
    ([name, modules]) =>
      `scoped by :${name}: ${modules.join(', ')} (scope false or --no-scope for unscoped functions)`,
  );
}

/** The writer's mode: update's planners already merged what they could, the rest is a conflict. */
function writerMode(mode: OnConflictMode): OnConflict {
  return mode === 'update' ? 'error' : mode;
}

/** The writer, all or nothing (stage 1 → 2); a dry run only compares, with a diff per update. */
async function writeStage(
  args: GeneratorInput,
  ctx: ToolContext,
  project: ProjectReader,
  root: string,
  planned: PlannedFile[],
  progress: StageProgress,
): Promise<GeneratorOutput['files']> {
  const dryRun = args.dry_run ?? false;
  const written = await writeFiles(root, planned, {
    // update: the planners brought the files to the model (merge edits carry `expected`); a file
    // they could not bring there is a conflict, as with error.
    onConflict: writerMode(onConflictOf(args.on_conflict)),
    dryRun,
  });
  if (!written.written && written.conflicts.length > 0 && !dryRun) {
    throw new GenerationError(
      `Nothing was written: ${written.conflicts.length} file(s) already exist with different content:\n` +
        written.conflicts.map((c) => `- ${c.path}${c.reason ? ` (${c.reason})` : ''}`).join('\n') +
        '\nPass on_conflict "skip" to keep them, or "overwrite" to replace them (or dry_run to compare).',
      { details: { conflicts: written.conflicts } },
    );
  }
  const changedCount = written.files.filter(
    (f) => f.action === 'created' || f.action === 'updated',
  ).length;
  await progress.report(
    2,
    dryRun
      ? `Dry run: compared ${planned.length} file(s) with the project`
      : `Wrote ${changedCount} file(s)`,
  );
  if (!dryRun && changedCount > 0) {
    await ctx.log('info', `Wrote ${changedCount} file(s) under ${root}`);
  }
  const byPath = new Map(planned.map((f) => [f.path, f.content]));
  const files: GeneratorOutput['files'] = [];
  for (const f of written.files) {
    const content = byPath.get(f.path) ?? '';
    // A dry run shows what an update would change in a file that exists.
    const diff =
      dryRun && f.action === 'updated'
        ? unifiedDiff(f.path, await project.read(f.path), content)
        : undefined;
    files.push({
      path: f.path,
      action: f.action,
      ...(f.reason === undefined ? {} : { reason: f.reason }),
      ...(dryRun ? { content } : {}),
      ...(diff ? { diff } : {}),
    });
  }
  return files;
}

/** mix format on what this call wrote, per the `format` argument (stage 2 → 3). */
async function formatStage(
  args: GeneratorInput,
  ctx: ToolContext,
  project: ProjectReader,
  root: string,
  files: GeneratorOutput['files'],
  warnings: string[],
): Promise<GeneratorOutput['format']> {
  const mode = args.format ?? 'auto';
  // auto formats only the files this call created: an updated file may be a user's context we
  // extended, whose other bytes must stay as they were (format "mix" formats both).
  const changed = files
    .filter((f) => f.action === 'created' || (mode === 'mix' && f.action === 'updated'))
    .map((f) => f.path);
  if (changed.length === 0) return undefined;
  const unsafe = mode === 'auto' ? await formatterWouldAddParens(project) : null;
  if (unsafe !== null) return { status: 'skipped', reason: unsafe };
  if (mode === 'none') return undefined;
  const r = await formatFiles(root, changed, {
    ...(ctx.deps.mixPath === undefined ? {} : { mixPath: ctx.deps.mixPath }),
    ...(ctx.deps.mixTimeoutMs === undefined ? {} : { timeoutMs: ctx.deps.mixTimeoutMs }),
    signal: ctx.signal,
  });
  if (r.status === 'failed')
    warnings.push(`mix format failed (the files are written): ${r.message}`);
  if (mode === 'mix' && r.status !== 'formatted') {
    warnings.push(`format "mix" was requested but formatting ${r.status}: ${r.reason}`);
  }
  if (r.status === 'failed') await ctx.log('warning', `mix format failed: ${r.message}`);
  return r.status === 'formatted'
    ? { status: 'formatted' }
    : { status: r.status, reason: r.reason };
}

/** `verify`: mix compile of the whole project, its diagnostics in the result. */
async function verifyStage(
  ctx: ToolContext,
  root: string,
  warnings: string[],
): Promise<GeneratorOutput['compile']> {
  const c = await compileProject(root, {
    ...(ctx.deps.mixPath === undefined ? {} : { mixPath: ctx.deps.mixPath }),
    timeoutMs: ctx.deps.mixTimeoutMs ?? COMPILE_TIMEOUT_MS,
    signal: ctx.signal,
  });
  if (c.status !== 'compiled') warnings.push(`mix compile ${c.status}: ${c.reason ?? ''}`.trim());
  return {
    status: c.status,
    ...(c.reason === undefined ? {} : { reason: c.reason }),
    diagnostics: c.diagnostics.slice(0, MAX_DIAGNOSTICS),
  };
}

/** `verify` compiles the whole project (deps included on a first run): allow it time. */
const COMPILE_TIMEOUT_MS = 300_000;
/** Diagnostics returned at most (the summary counts them all). */
const MAX_DIAGNOSTICS = 200;

/**
 * Why `mix format` would make our output worse, or null when it is safe. The generated code is
 * already exactly what `mix format` writes with Ecto's `locals_without_parens`; a project whose
 * formatter does not import them (no `import_deps: [:ecto…]`, or deps not fetched) would get
 * `field(:title, :string)`, and the next run would see a conflict.
 */
export async function formatterWouldAddParens(project: ProjectReader): Promise<string | null> {
  const config = await project.read('.formatter.exs');
  if (config === null) {
    return 'the project has no .formatter.exs; the generated files are already formatted';
  }
  if (!(await formatterImportsEcto(config))) {
    return '.formatter.exs does not import_deps :ecto, so mix format would add parentheses to Ecto macros; the generated files are already formatted';
  }
  if ((await project.read('deps/ecto/.formatter.exs')) === null) {
    return 'the ecto dependency is not fetched (run mix deps.get), so mix format cannot read its formatter rules; the generated files are already formatted';
  }
  return null;
}

/** Progress stages of a generation: plan (0→1), write or compare (→2), mix format (→3). */
const STAGES = 3;

/**
 * Progress notifications for the stages above (a no-op without the client's progressToken).
 * Values never go backwards, whatever a planner reports, as the protocol requires.
 */
interface StageProgress {
  report(value: number, message?: string): Promise<void>;
}

function stageProgress(ctx: Pick<ToolContext, 'progress'>): StageProgress {
  let last = -1;
  return {
    async report(value, message) {
      if (value <= last) return;
      last = value;
      await ctx.progress(value, STAGES, message);
    },
  };
}

function outcome(
  root: string | null,
  dryRun: boolean,
  files: GeneratorOutput['files'],
  warnings: string[],
  fromProject: string[],
  format?: GeneratorOutput['format'],
  compile?: GeneratorOutput['compile'],
): ToolOutcome<GeneratorOutput> {
  const lines = files.map(
    (f) => `${f.action.padEnd(9)} ${f.path}${f.reason ? ` (${f.reason})` : ''}`,
  );
  const head = dryRun
    ? `Dry run${root ? ` in ${root}` : ''}: ${files.length} file(s) would be written, nothing was written.`
    : `${root}: ${files.filter((f) => f.action === 'created' || f.action === 'updated').length} file(s) written.`;
  const summary = [
    head,
    ...lines,
    ...(format
      ? [`mix format: ${format.status}${format.reason ? ` (${format.reason})` : ''}`]
      : []),
    ...(compile
      ? [
          `mix compile: ${compile.status}${compile.reason ? ` (${compile.reason})` : ''}`,
          ...compile.diagnostics.map(
            (d) =>
              `  ${d.severity} ${d.file}${d.line === undefined ? '' : `:${d.line}`}: ${d.message}`,
          ),
        ]
      : []),
    ...(fromProject.length ? ['From the project:', ...fromProject.map((c) => `- ${c}`)] : []),
    ...(warnings.length ? ['Warnings:', ...warnings.map((w) => `- ${w}`)] : []),
  ].join('\n');
  const content = dryRun
    ? files.map((f) => ({ type: 'text' as const, text: `# ${f.path}\n${f.content ?? ''}` }))
    : undefined;
  return {
    structured: {
      project_root: root,
      dry_run: dryRun,
      files,
      warnings,
      ...(fromProject.length > 0 ? { conventions: fromProject } : {}),
      ...(format ? { format } : {}),
      ...(compile ? { compile } : {}),
    },
    summary,
    ...(content ? { content } : {}),
  };
}
