/**
 * The deterministic orchestrator behind `phx-gen-mcp generate` and `phx-gen-mcp demo`: a real MCP
 * client over stdio to the four servers, driving the pipeline
 *
 *   parse_gen_spec → generate_ecto_schema → generate_ecto_migration → generate_phoenix_context
 *
 * with the same `schemas` JSON at every step. Before a real write, the three generators first run
 * as dry runs (in parallel) so that a conflict in any of them stops the whole generation before
 * any server has written a file.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { GeneratorOutput } from '../shared/pipeline/input.js';
import { CliError } from './args.js';
import { connectServer, type ProgressEvent, type ServerConnection } from './client.js';
import { colorDiff, dryRunDiffs, type FileDiff } from './diffs.js';
import { SERVER_NAMES, type ServerName } from './names.js';

export type OnConflict = 'error' | 'skip' | 'overwrite' | 'update';

export interface GenerateOptions {
  /** The Phoenix/Mix project directory (must hold mix.exs). */
  project: string;
  /** phx.gen-style spec lines, one per schema. */
  specs: readonly string[];
  dryRun?: boolean;
  onConflict?: OnConflict;
  /**
   * Check before starting the servers that the app can be found in mix.exs (not an umbrella
   * root): the error then names the CLI's options, not the tools' arguments.
   */
  checkApp?: boolean;
  /** More arguments per tool name (`{ generate_ecto_migration: { migrations_path } }`). */
  toolArgs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  mixPath?: string;
  /** Where the server bundles are (default: next to the CLI). */
  dir?: string;
  /** One line of progress or server log (the CLI prints it on stderr). */
  log?: (line: string) => void;
}

export interface StepResult {
  server: ServerName;
  tool: string;
  output: GeneratorOutput;
}

export interface GenerateReport {
  project: string;
  dry_run: boolean;
  /** The modules of the batch, as parsed. */
  schemas: string[];
  /** The model passed to every generator. */
  model: Record<string, unknown>[];
  /** parse_gen_spec's warnings (made without the project; the generators' own are in `steps`). */
  warnings: string[];
  steps: StepResult[];
  /** Dry runs: the unified diff of every file that would be created or changed, in order. */
  diffs?: FileDiff[];
  /** Transport/protocol problems (e.g. non-JSON-RPC output on a server's stdout). */
  protocol_errors: string[];
}

/** The generator steps, in the order the files are written. */
export const GENERATOR_STEPS: readonly { server: ServerName; tool: string }[] = [
  { server: 'ecto-schema', tool: 'generate_ecto_schema' },
  { server: 'ecto-migration', tool: 'generate_ecto_migration' },
  { server: 'phoenix-context', tool: 'generate_phoenix_context' },
];

interface ParseOutput {
  schemas: Record<string, unknown>[];
  warnings: { path: string; message: string }[];
}

/** The project directory, absolute, or a CliError saying what is wrong with it. */
export function checkProjectDir(dir: string): string {
  const abs = path.resolve(dir);
  const stat = statSync(abs, { throwIfNoEntry: false });
  if (stat === undefined) throw new CliError(`The project directory ${abs} does not exist.`);
  if (!stat.isDirectory()) throw new CliError(`${abs} is not a directory.`);
  if (!statSync(path.join(abs, 'mix.exs'), { throwIfNoEntry: false })?.isFile()) {
    throw new CliError(
      `${abs} has no mix.exs: pass the root of a Phoenix (or Mix) project, e.g. one made by mix phx.new.`,
    );
  }
  return abs;
}

/**
 * The project's app as the generators will detect it; a CliError in the CLI's words when they
 * cannot (an umbrella root: which app to pass as --project; no `app:` in mix.exs: --app).
 */
export async function checkProjectApp(project: string): Promise<void> {
  const [{ projectReader }, { detectProject, ProjectError }] = await Promise.all([
    import('../shared/plan/index.js'),
    import('../shared/project/index.js'),
  ]);
  const reader = projectReader(project);
  try {
    await detectProject(reader.read, (dir) =>
      reader.list(dir, { recursive: true, extensions: ['.exs'] }),
    );
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    if (e.code === 'umbrella_root') {
      const appsPath = String(e.details.apps_path);
      const apps = (e.details.apps as string[] | undefined) ?? [];
      const dirs = apps.map((a) => path.join(project, appsPath, a));
      throw new CliError(
        `${project} is an umbrella project (apps_path: "${appsPath}"); the generators work on one ` +
          `of its apps. Pass that app's directory as --project, e.g.\n  --project ${dirs[0] ?? path.join(project, appsPath, '<app>')}` +
          (dirs.length > 1 ? `\n(apps found: ${dirs.join(', ')})` : '') +
          (dirs.length === 0 ? `\n(no app with a mix.exs was found under ${appsPath}/)` : ''),
      );
    }
    if (e.code === 'unreadable_mix_exs') {
      throw new CliError(
        `Could not find \`app: :my_app\` in the project/0 keyword list of ${path.join(project, 'mix.exs')}, ` +
          'so the OTP app is unknown. Pass it with --app my_app (or --app \'{"otp_app":"my_app","base_module":"MyApp","repo":"MyApp.Repo"}\').',
      );
    }
    throw new CliError(e.message);
  }
}

function progressLine(server: ServerName, p: ProgressEvent): string {
  const done =
    p.total !== undefined && p.total > 0
      ? `${String(Math.floor((100 * p.progress) / p.total)).padStart(3)}%`
      : String(p.progress);
  return `[${server}] ${done}${p.message ? ` ${p.message}` : ''}`;
}

export async function generate(opts: GenerateOptions): Promise<GenerateReport> {
  const log = opts.log ?? (() => undefined);
  if (opts.specs.length === 0) throw new CliError('No spec lines given.', 2);
  const project = checkProjectDir(opts.project);
  if (opts.checkApp) await checkProjectApp(project);
  const dryRun = opts.dryRun ?? false;

  log(`Starting ${SERVER_NAMES.length} MCP servers over stdio (root ${project})`);
  const settled = await Promise.allSettled(
    SERVER_NAMES.map((name) =>
      connectServer(name, {
        roots: [project],
        ...(opts.mixPath === undefined ? {} : { mixPath: opts.mixPath }),
        ...(opts.dir === undefined ? {} : { dir: opts.dir }),
        onLog: (server, level, message) => log(`[${server}] ${level}: ${message}`),
      }),
    ),
  );
  const servers = new Map<ServerName, ServerConnection>();
  for (const s of settled) if (s.status === 'fulfilled') servers.set(s.value.name, s.value);
  try {
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const server = (name: ServerName) => servers.get(name)!;

    const parsed = await server('schema-understanding').call<ParseOutput>('parse_gen_spec', {
      ...opts.toolArgs?.parse_gen_spec,
      specs: [...opts.specs],
    });
    const modules = parsed.schemas.map((s) => String(s.module));
    log(
      `[schema-understanding] parse_gen_spec: ${modules.length} schema(s): ${modules.join(', ')}`,
    );

    const common = {
      schemas: parsed.schemas,
      project_root: project,
      ...(opts.onConflict === undefined ? {} : { on_conflict: opts.onConflict }),
      dry_run: false,
    };
    const args = (tool: string, dry: boolean) => ({
      ...opts.toolArgs?.[tool],
      ...common,
      dry_run: dry,
    });
    const steps: StepResult[] = [];
    if (dryRun) {
      log('Dry run: asking the three generators for their files (nothing is written)');
      const outputs = await Promise.all(
        GENERATOR_STEPS.map((s) =>
          server(s.server).call<GeneratorOutput>(s.tool, args(s.tool, true), (p) =>
            log(progressLine(s.server, p)),
          ),
        ),
      );
      GENERATOR_STEPS.forEach((s, i) => steps.push({ ...s, output: outputs[i]! }));
    } else {
      // error and update (the tools' default) write nothing on a conflict: check all three first.
      if (opts.onConflict !== 'skip' && opts.onConflict !== 'overwrite') {
        log('Checking every generator for conflicts first (dry runs, in parallel)');
        const previews = await Promise.all(
          GENERATOR_STEPS.map((s) =>
            server(s.server).call<GeneratorOutput>(s.tool, args(s.tool, true)),
          ),
        );
        const conflicts = previews.flatMap((o, i) =>
          o.files
            .filter((f) => f.action === 'conflict')
            .map(
              (f) =>
                `- ${f.path} (${GENERATOR_STEPS[i]!.server}${f.reason ? `: ${f.reason}` : ''})`,
            ),
        );
        if (conflicts.length > 0) {
          throw new CliError(
            `Nothing was written: ${conflicts.length} file(s) already exist with different content:\n${conflicts.join('\n')}\n` +
              'Pass --on-conflict skip to keep them, --on-conflict overwrite to replace them, or --dry-run to compare.',
          );
        }
      }
      for (const s of GENERATOR_STEPS) {
        log(`[${s.server}] ${s.tool}`);
        const output = await server(s.server).call<GeneratorOutput>(
          s.tool,
          args(s.tool, false),
          (p) => log(progressLine(s.server, p)),
        );
        steps.push({ ...s, output });
      }
    }
    const protocolErrors = [...servers.values()].flatMap((c) =>
      c.protocolErrors.map((m) => `${c.name}: ${m}`),
    );
    return {
      project,
      dry_run: dryRun,
      schemas: modules,
      model: parsed.schemas,
      warnings: parsed.warnings.map((w) => `${w.path}: ${w.message}`),
      steps,
      ...(dryRun ? { diffs: await dryRunDiffs(project, steps) } : {}),
      protocol_errors: protocolErrors,
    };
  } catch (e) {
    if (e instanceof CliError) throw e;
    const tails = [...servers.values()]
      .filter((c) => c.stderr().trim() !== '')
      .map(
        (c) => `--- ${c.name} stderr ---\n${c.stderr().trim().split('\n').slice(-20).join('\n')}`,
      );
    throw new CliError(`${(e as Error).message}${tails.length ? `\n${tails.join('\n')}` : ''}`);
  } finally {
    await Promise.all([...servers.values()].map((c) => c.close()));
  }
}

export interface ReportCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  conflict: number;
}

export function countActions(report: GenerateReport): ReportCounts {
  const counts: ReportCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0, conflict: 0 };
  for (const s of report.steps) for (const f of s.output.files) counts[f.action]++;
  return counts;
}

/**
 * The warnings of the run, each once with the servers that gave it. parse_gen_spec's own warnings
 * are left out: it sees no project, and every generator checks the same model again with the
 * project's existing schemas (its warnings stay in the JSON report).
 */
export function allWarnings(report: GenerateReport): string[] {
  const bySource = new Map<string, string[]>();
  for (const s of report.steps) {
    for (const w of s.output.warnings) {
      const servers = bySource.get(w) ?? [];
      if (!servers.includes(s.server)) servers.push(s.server);
      bySource.set(w, servers);
    }
  }
  return [
    ...[...bySource].map(([w, servers]) => `${servers.join(', ')}: ${w}`),
    ...report.protocol_errors.map((m) => `protocol: ${m}`),
  ];
}

/**
 * What mix did, each distinct sentence once with the servers it is about: three generators that
 * skipped `mix format` for the same reason give one line, not three.
 */
export function mixStatuses(report: GenerateReport): string[] {
  const byText = new Map<string, string[]>();
  for (const s of report.steps) {
    const results = [
      ['mix format', s.output.format],
      ['mix compile', s.output.compile],
    ] as const;
    for (const [what, r] of results) {
      if (!r) continue;
      const text = `${what}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`;
      const servers = byText.get(text) ?? [];
      servers.push(s.server);
      byText.set(text, servers);
    }
  }
  return [...byText].map(([text, servers]) => `${text}: ${servers.join(', ')}`);
}

/** The human-readable report (the CLI's stdout); `color` for a terminal. */
export function formatReport(report: GenerateReport, opts: { color?: boolean } = {}): string {
  const lines: string[] = [];
  for (const s of report.steps) {
    lines.push(`${s.server} › ${s.tool}`);
    for (const f of s.output.files) {
      lines.push(`  ${f.action.padEnd(9)} ${f.path}${f.reason ? ` (${f.reason})` : ''}`);
    }
    if (s.output.files.length === 0) lines.push('  (no files)');
    for (const d of s.output.compile?.diagnostics ?? []) {
      const at = [d.file, d.line, d.column].filter((x) => x !== undefined && x !== '').join(':');
      lines.push(`  ${d.severity}: ${at ? `${at}: ` : ''}${d.message.split('\n')[0]}`);
    }
  }
  for (const d of report.diffs ?? []) {
    lines.push('', (opts.color ? colorDiff(d.diff) : d.diff).replace(/\n$/, ''));
  }
  const mix = mixStatuses(report);
  if (mix.length > 0) lines.push('', ...mix);
  const warnings = allWarnings(report);
  if (warnings.length > 0) {
    lines.push('', 'Warnings:', ...warnings.map((w) => `  - ${w}`));
  }
  const c = countActions(report);
  const total = c.created + c.updated + c.unchanged + c.skipped + c.conflict;
  lines.push(
    '',
    report.dry_run
      ? `Dry run: ${total} file(s) for ${report.schemas.length} schema(s); nothing was written in ${report.project}.`
      : `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped for ${report.schemas.length} schema(s) in ${report.project}.`,
  );
  return `${lines.join('\n')}\n`;
}
