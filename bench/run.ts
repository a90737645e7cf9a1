/**
 * `npm run bench`: the performance figures of issue 10, each against its target.
 *
 *   npm run bench [-- --quick] [-- --only ecto-schema,ecto-migration] [-- --no-scaling]
 *                 [-- --cold-only] [-- --check (exit 1 when a target fails)]
 *
 * 1. Cold start: `node <bundle>` → initialize → tools/list answered, for every server that exists
 *    and for a hello-world server on the same SDK (bench/hello-server.ts), all bundled by
 *    scripts/build.mjs with the same options into .bench/dist (dist/ is left alone).
 * 2. Warm latency through the real client over stdio (Client + StdioClientTransport): 1-field,
 *    20-field and a 200-schema domain through each generator, as dry_run, as real writes with
 *    format "none", and as real writes with format "auto" against a counting fake `mix` (`--mix`).
 * 3. Peak RSS (VmHWM from /proc) of each server after its warm runs and after the scaling runs;
 *    `mix` processes per generation call (the fake mix appends one line per run).
 * 4. Scaling: 10, 100, 1000 schemas in one dry_run call per generator; per-schema time at 1000 ÷
 *    per-schema time at 100 (1.0 = linear).
 * 5. Read-back (bench/read-back.ts): a project of 100 schema modules and 300 migrations read
 *    whole in process (list_ecto_schemas' work), read again with nothing changed on disk, and
 *    read after one schema module changed. `--read-back-only` runs just this part; with the
 *    servers' V8 flags (shared/mcp/heap.ts): `node --no-opt --semi-space-growth-factor=1
 *    --heap-growing-percent=20 --import tsx bench/run.ts --read-back-only`.
 * 6. Evolution (bench/evolve.ts): on that project with its contexts generated, one schema gains
 *    one field; each generator's dry run with on_conflict "update", in process through the SDK
 *    client, per call warm. `--evolve-only` runs just this part, `--no-evolve` skips it.
 * 7. Introspection (bench/introspect.ts): introspect_database on a 200-table PostgreSQL database
 *    (a private temp cluster unless PHX_GEN_MCP_TEST_DATABASE_URL is set); `--no-introspect` skips.
 *
 * Prints the tables, writes .bench/results.json and .bench/results.md. Wall-clock figures depend
 * on what else runs on the machine: the report states the load average, and the warm table the
 * best run of each case next to p50/p95.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { SchemaDef } from '../shared/model/index.js';
import { CONFIG_EXS, MIX_EXS } from '../test/support/mcp.js';
import { coldStart } from './cold-start.js';
import {
  benchIntrospection,
  INTROSPECT_TABLES,
  INTROSPECT_TARGET_MS,
  type IntrospectResult,
} from './introspect.js';
import { APP, domain, oneField, twentyFields } from './domain.js';
import { measureReadBack, READ_BACK_TARGETS, type ReadBackResult } from './read-back.js';
import { EVOLVE_TARGET_MS, measureEvolve, type EvolveResult } from './evolve.js';
import { ms, summarize, type Summary } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.bench');
const DIST = path.join(OUT, 'dist');

const GENERATORS = ['ecto-schema', 'ecto-migration', 'phoenix-context'] as const;
const ALL_SERVERS = [...GENERATORS, 'schema-understanding'] as const;

const TARGETS = {
  coldStartRatio: 1.25,
  twentyFieldP50Ms: 5,
  domainAllGeneratorsMs: 1000,
  rssMb: 100,
  mixPerCall: 1,
  linearity: 1.5,
};

interface Options {
  coldRuns: number;
  smallRuns: number;
  domainRuns: number;
  scalingRuns: number;
  scaling: boolean;
  warm: boolean;
  introspect: boolean;
  /** Exit 1 when a target fails (for CI); the default only reports. */
  check: boolean;
  only: string[] | null;
  readBack: boolean;
  readBackOnly: boolean;
  evolve: boolean;
  evolveOnly: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    coldRuns: 30,
    smallRuns: 40,
    domainRuns: 7,
    scalingRuns: 5,
    scaling: true,
    warm: true,
    introspect: true,
    check: false,
    only: null,
    readBack: true,
    readBackOnly: false,
    evolve: true,
    evolveOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick')
      Object.assign(o, { coldRuns: 10, smallRuns: 15, domainRuns: 3, scalingRuns: 1 });
    else if (a === '--no-scaling') o.scaling = false;
    else if (a === '--read-back-only') o.readBackOnly = true;
    else if (a === '--no-read-back') o.readBack = false;
    else if (a === '--evolve-only') o.evolveOnly = true;
    else if (a === '--no-evolve') o.evolve = false;
    else if (a === '--cold-only') o.warm = false;
    else if (a === '--no-introspect') o.introspect = false;
    else if (a === '--check') o.check = true;
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--cold') o.coldRuns = Number(argv[++i]);
    else if (a === '--runs') o.smallRuns = Number(argv[++i]);
    else if (a === '--domain-runs') o.domainRuns = Number(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Setup: bundles, fake mix, projects

function presentServers(only: string[] | null): string[] {
  return ALL_SERVERS.filter(
    (s) =>
      (only === null || only.includes(s)) &&
      existsSync(path.join(ROOT, 'servers', s, 'index.ts')) &&
      existsSync(path.join(ROOT, 'servers', s, 'server.ts')),
  );
}

function bundle(servers: string[]): void {
  const args = [
    path.join(ROOT, 'scripts', 'build.mjs'),
    '--outdir',
    path.relative(ROOT, DIST),
    '--entry',
    'hello=bench/hello-server.ts',
  ];
  // `--only` with no name would mean "every entry"; an impossible name keeps just the hello server.
  for (const s of servers.length > 0 ? servers : ['(none)']) args.push('--only', s);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const bundlePath = (name: string) => path.join(DIST, `${name}.js`);

/** A `mix` that only counts: one line per run in `log`, exit 0. */
async function writeCountingMix(dir: string, log: string): Promise<string> {
  const file = path.join(dir, 'mix');
  await writeFile(
    file,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log.replaceAll("'", "'\\''")}'\nexit 0\n`,
  );
  await chmod(file, 0o755);
  return file;
}

async function countLines(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '').length;
  } catch {
    return 0;
  }
}

async function makeProject(dir: string): Promise<string> {
  const files: Record<string, string> = {
    'mix.exs': MIX_EXS,
    'config/config.exs': CONFIG_EXS,
    '.formatter.exs':
      '[\n  import_deps: [:ecto, :ecto_sql, :phoenix],\n  subdirectories: ["priv/*/migrations"],\n  inputs: ["*.{ex,exs}", "{config,lib,test}/**/*.{ex,exs}", "priv/*/seeds.exs"]\n]\n',
    // A fetched ecto dep: format "auto" runs mix only when mix format cannot add parentheses to
    // Ecto's macros (shared/pipeline formatterWouldAddParens).
    'deps/ecto/.formatter.exs':
      '[\n  locals_without_parens: [field: 2, field: 3, belongs_to: 2, belongs_to: 3, has_many: 2, has_many: 3, timestamps: 0, timestamps: 1, add: 2, add: 3, create: 1]\n]\n',
    'lib/my_app/repo.ex':
      'defmodule MyApp.Repo do\n  use Ecto.Repo, otp_app: :my_app, adapter: Ecto.Adapters.Postgres\nend\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

function benchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface ColdResult {
  name: string;
  summary: Summary;
  initialize: Summary;
  cpu: Summary;
  cpuRatio: number | null;
  tools: number;
  ratio: number | null;
}

async function measureColdStarts(servers: string[], runs: number): Promise<ColdResult[]> {
  const names = ['hello', ...servers];
  const env = benchEnv();
  const samples = new Map<string, { ms: number[]; init: number[]; cpu: number[]; tools: number }>();
  for (const n of names) samples.set(n, { ms: [], init: [], cpu: [], tools: 0 });
  // One discarded round warms the page cache; then rounds with a rotating order so that drift
  // (thermal, other load) spreads evenly over the servers.
  for (let round = -1; round < runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + Math.max(0, round)) % names.length]!;
      const r = await coldStart(bundlePath(name), [], env);
      if (round < 0) continue;
      const s = samples.get(name)!;
      s.ms.push(r.ms);
      s.init.push(r.initializeMs);
      s.cpu.push(r.cpuMs);
      s.tools = r.tools;
    }
  }
  const hello = summarize(samples.get('hello')!.ms);
  const helloCpu = summarize(samples.get('hello')!.cpu);
  return names.map((name) => {
    const s = samples.get(name)!;
    const summary = summarize(s.ms);
    const cpu = summarize(s.cpu);
    return {
      name,
      summary,
      initialize: summarize(s.init),
      cpu,
      tools: s.tools,
      ratio: name === 'hello' ? null : summary.p50 / hello.p50,
      cpuRatio: name === 'hello' ? null : cpu.p50 / helloCpu.p50,
    };
  });
}

type Mode = 'dry_run' | 'dry_run-app' | 'write' | 'write+format';
/**
 * dry_run: in the base project (reads mix.exs, existing schemas and migrations, compares with the
 * disk); dry_run-app: `app` given and no project (no file is read: the generation alone);
 * write: a fresh project per call, format "none"; write+format: the same with format "auto" and
 * the counting mix.
 */
const MODES: readonly Mode[] = ['dry_run', 'dry_run-app', 'write', 'write+format'];
const MODE_LABEL: Record<Mode, string> = {
  dry_run: 'dry_run in the project',
  'dry_run-app': 'dry_run, no project (app given)',
  write: 'write (format none)',
  'write+format': 'write + format (counting mix)',
};

interface CaseResult {
  server: string;
  tool: string;
  case: string;
  mode: Mode;
  schemas: number;
  summary: Summary;
  files: number;
  /** mix processes per call (write+format only): [min, max]. */
  mixPerCall?: [number, number];
  /** VmHWM of the server after this case (the runs so far), MB. */
  hwmMb: number | null;
  error?: string;
}

interface ScalingResult {
  server: string;
  schemas: number;
  summary: Summary;
  /** Best run ÷ schemas: the least disturbed by other load on the machine. */
  perSchemaMs: number;
  files: number;
  error?: string;
}

interface ServerRun {
  server: string;
  cases: CaseResult[];
  scaling: ScalingResult[];
  linearity: number | null;
  rssWarmMb: number | null;
  rssPeakMb: number | null;
  stderrTail: string;
}

async function readHwmMb(pid: number | null): Promise<number | null> {
  if (pid === null) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface ToolResult {
  isError?: boolean;
  content?: { type: string; text?: string }[];
  structuredContent?: unknown;
}

function resultError(r: ToolResult): string | undefined {
  if (!r.isError) return undefined;
  return (r.content ?? [])
    .map((c) => c.text ?? '')
    .join('\n')
    .slice(0, 2000);
}

function fileCount(r: ToolResult): number {
  const sc = r.structuredContent as { files?: unknown[]; schemas?: unknown[] } | undefined;
  return sc?.files?.length ?? sc?.schemas?.length ?? 0;
}

/** One connected server under measurement. */
interface Session {
  server: string;
  tool: string;
  isGenerator: boolean;
  work: string;
  mixLog: string;
  /** The project dry runs read (never written). */
  base: string;
  pid: number | null;
  call(args: Record<string, unknown>): Promise<{ ms: number; r: ToolResult }>;
  /** A fresh project under the work dir. */
  newProject(): Promise<string>;
}

async function runServer(
  server: string,
  opts: Options,
  work: string,
  mix: string,
  mixLog: string,
): Promise<ServerRun> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bundlePath(server), '--root', work, '--mix', mix],
    env: benchEnv(),
    stderr: 'pipe',
    maxBufferSize: 512 * 1024 * 1024,
  });
  let stderrTail = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderrTail = (stderrTail + d.toString('utf8')).slice(-4000);
  });
  const client = new Client({ name: 'phx-gen-mcp-bench', version: '0.0.0' });
  await client.connect(transport);
  const run: ServerRun = {
    server,
    cases: [],
    scaling: [],
    linearity: null,
    rssWarmMb: null,
    rssPeakMb: null,
    stderrTail: '',
  };
  try {
    const { tools } = await client.listTools();
    const isGenerator = (GENERATORS as readonly string[]).includes(server);
    const tool = isGenerator
      ? tools.find((t) => t.name.startsWith('generate_'))?.name
      : tools.find((t) => t.name === 'validate_schema_model')?.name;
    if (!tool)
      throw new Error(
        `${server}: no tool to benchmark among ${tools.map((t) => t.name).join(', ')}`,
      );
    let projectSeq = 0;
    const session: Session = {
      server,
      tool,
      isGenerator,
      work,
      mixLog,
      base: await makeProject(path.join(work, `${server}-base`)),
      pid: transport.pid,
      call: async (args) => {
        const t0 = performance.now();
        const r = (await client.callTool(
          { name: tool, arguments: args },
          { timeout: 600_000 },
        )) as ToolResult;
        return { ms: performance.now() - t0, r };
      },
      newProject: () => makeProject(path.join(work, `${server}-p${projectSeq++}`)),
    };

    const cases: [string, SchemaDef[], number, number][] = [
      ['1 field', oneField(), opts.smallRuns, 5],
      ['20 fields', twentyFields(), opts.smallRuns, 5],
      ['200-schema domain', domain(200), opts.domainRuns, 1],
    ];
    for (const [name, schemas, runs, warmup] of cases) {
      for (const mode of isGenerator ? MODES : (['dry_run'] as const)) {
        const c = await measureCase(session, name, schemas, mode, runs, warmup);
        run.cases.push(c);
        progress(`${server} ${name} ${mode}: p50 ${ms(c.summary.p50)}${c.error ? ' ERROR' : ''}`);
      }
    }
    run.rssWarmMb = await readHwmMb(transport.pid);
    if (opts.scaling && isGenerator) await measureScaling(session, opts, run);
    run.rssPeakMb = await readHwmMb(transport.pid);
  } finally {
    await client.close().catch(() => undefined);
    run.stderrTail = stderrTail;
  }
  return run;
}

/** The arguments of one call of `mode`; `project` is the fresh project a write goes into. */
function argsFor(
  s: Session,
  mode: Mode,
  schemas: SchemaDef[],
  project: string | undefined,
): Record<string, unknown> {
  if (!s.isGenerator) return { schemas, project_root: s.base };
  if (mode === 'dry_run') return { schemas, project_root: s.base, dry_run: true };
  if (mode === 'dry_run-app') return { schemas, app: APP, dry_run: true };
  return { schemas, project_root: project, ...(mode === 'write' ? { format: 'none' } : {}) };
}

/** `warmup` unmeasured calls, then `runs` measured ones of one case in one mode. */
async function measureCase(
  s: Session,
  name: string,
  schemas: SchemaDef[],
  mode: Mode,
  runs: number,
  warmup: number,
): Promise<CaseResult> {
  const times: number[] = [];
  const mixCounts: number[] = [];
  let files = 0;
  let error: string | undefined;
  // Writes go into fresh projects, all made before the first call and left until the whole
  // bench ends (the work dir is removed then): creating or deleting projects between calls
  // puts the bench's own file system work into the calls' time (on this machine's ext4,
  // mounted with `discard`, file operations stay 30-50x slower for seconds after a large
  // delete).
  const writes = s.isGenerator && (mode === 'write' || mode === 'write+format');
  const fresh: string[] = [];
  for (let i = -warmup; writes && i < runs; i++) fresh.push(await s.newProject());
  // ...and the earlier cases' files are on disk before this case's first call, so that
  // their writeback does not land in its time (`sync`: POSIX, flushes every file system).
  if (writes && process.platform !== 'win32') execFileSync('sync');
  for (let i = -warmup; i < runs && error === undefined; i++) {
    const args = argsFor(s, mode, schemas, fresh[i + warmup]);
    const before = mode === 'write+format' ? await countLines(s.mixLog) : 0;
    const { ms: t, r } = await s.call(args);
    const after = mode === 'write+format' ? await countLines(s.mixLog) : 0;
    error = resultError(r);
    files = fileCount(r);
    const format = (r.structuredContent as { format?: { status: string; reason?: string } })
      ?.format;
    if (error === undefined && mode === 'write+format' && format?.status !== 'formatted') {
      error = `format auto did not run mix: ${JSON.stringify(format)}`;
    }
    if (i < 0) continue;
    times.push(t);
    if (mode === 'write+format') mixCounts.push(after - before);
  }
  return {
    server: s.server,
    tool: s.tool,
    case: name,
    mode,
    schemas: schemas.length,
    summary: summarize(times),
    files,
    hwmMb: await readHwmMb(s.pid),
    ...(mixCounts.length > 0
      ? { mixPerCall: [Math.min(...mixCounts), Math.max(...mixCounts)] as [number, number] }
      : {}),
    ...(error === undefined ? {} : { error }),
  };
}

/** Dry runs of 10, 100 and 1000 schemas; linearity = per-schema cost at 1000 / at 100. */
async function measureScaling(s: Session, opts: Options, run: ServerRun): Promise<void> {
  for (const n of [10, 100, 1000]) {
    const schemas = domain(n);
    const times: number[] = [];
    let files = 0;
    let error: string | undefined;
    for (let i = 0; i < opts.scalingRuns && error === undefined; i++) {
      const { ms: t, r } = await s.call({ schemas, project_root: s.base, dry_run: true });
      error = resultError(r);
      files = fileCount(r);
      times.push(t);
    }
    const summary = summarize(times);
    run.scaling.push({
      server: s.server,
      schemas: n,
      summary,
      perSchemaMs: summary.min / n,
      files,
      ...(error === undefined ? {} : { error }),
    });
    progress(`${s.server} scaling ${n}: p50 ${ms(summary.p50)}${error ? ' ERROR' : ''}`);
  }
  const at = (n: number) => run.scaling.find((x) => x.schemas === n && !x.error);
  const s100 = at(100);
  const s1000 = at(1000);
  run.linearity = s100 && s1000 ? s1000.perSchemaMs / s100.perSchemaMs : null;
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// Report

interface TargetRow {
  figure: string;
  value: string;
  target: string;
  pass: boolean | null;
}

function targetRows(cold: ColdResult[], runs: ServerRun[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const c of cold) {
    if (c.ratio === null) continue;
    rows.push({
      figure: `cold start ${c.name} (p50 ${ms(c.summary.p50)} vs hello ${ms(cold[0]!.summary.p50)})`,
      value: `${c.ratio.toFixed(2)}×`,
      target: `≤ ${TARGETS.coldStartRatio}×`,
      pass: c.ratio <= TARGETS.coldStartRatio,
    });
  }
  const gens = runs.filter((r) => (GENERATORS as readonly string[]).includes(r.server));
  for (const mode of ['dry_run', 'dry_run-app', 'write'] as const) {
    for (const r of gens) {
      const c = r.cases.find((x) => x.case === '20 fields' && x.mode === mode);
      if (!c) continue;
      rows.push({
        figure: `20-field schema, ${r.server}, ${MODE_LABEL[mode]}, warm p50`,
        value: c.error ? 'error' : ms(c.summary.p50),
        target: `≤ ${TARGETS.twentyFieldP50Ms} ms`,
        pass: c.error ? false : c.summary.p50 <= TARGETS.twentyFieldP50Ms,
      });
    }
  }
  for (const mode of MODES) {
    const cs = gens.map((r) =>
      r.cases.find((x) => x.case === '200-schema domain' && x.mode === mode),
    );
    if (cs.length === 0 || cs.some((c) => c === undefined)) continue;
    const total = cs.reduce((acc, c) => acc + c!.summary.p50, 0);
    const err = cs.some((c) => c!.error);
    const complete = gens.length === GENERATORS.length;
    rows.push({
      figure: `200-schema domain through ${complete ? 'all three generators' : `${gens.length} generator(s)`}, ${MODE_LABEL[mode]}, sum of p50`,
      value: err ? 'error' : ms(total),
      target: `≤ ${TARGETS.domainAllGeneratorsMs} ms`,
      pass: err ? false : total <= TARGETS.domainAllGeneratorsMs,
    });
  }
  for (const r of runs) {
    if (r.rssWarmMb === null) continue;
    rows.push({
      figure: `peak RSS ${r.server} (after the warm runs)`,
      value: `${r.rssWarmMb.toFixed(0)} MB`,
      target: `≤ ${TARGETS.rssMb} MB`,
      pass: r.rssWarmMb <= TARGETS.rssMb,
    });
  }
  for (const r of gens) {
    const counts = r.cases.flatMap((c) => (c.mixPerCall ? [c.mixPerCall[1]] : []));
    if (counts.length === 0) continue;
    const max = Math.max(...counts);
    rows.push({
      figure: `mix processes per generation call, ${r.server} (format auto, max)`,
      value: String(max),
      target: `≤ ${TARGETS.mixPerCall}`,
      pass: max <= TARGETS.mixPerCall,
    });
  }
  for (const r of gens) {
    if (r.linearity === null) continue;
    rows.push({
      figure: `scaling ${r.server}: per-schema time at 1000 ÷ at 100`,
      value: r.linearity.toFixed(2),
      target: `≤ ${TARGETS.linearity} (1.0 = linear)`,
      pass: r.linearity <= TARGETS.linearity,
    });
  }
  return rows;
}

function introspectionRows(r: IntrospectResult | null): TargetRow[] {
  if (r === null) return [];
  const row = (how: string, s: Summary): TargetRow => ({
    figure: `introspect ${r.tables} tables / ${r.columns} columns (PostgreSQL ${r.server}), ${how}, p50 (best ${ms(s.min)})`,
    value: ms(s.p50),
    target: `≤ ${INTROSPECT_TARGET_MS} ms`,
    pass: s.p50 <= INTROSPECT_TARGET_MS,
  });
  return [
    row('in process: connect, read, state, proposed model', r.inProcess),
    ...(r.overMcp ? [row('introspect_database over stdio (model validated)', r.overMcp)] : []),
  ];
}

async function machine(): Promise<Record<string, string>> {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'servers', 'shared', 'templates'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    ).trim();
    if (dirty !== '') commit += ' (+ uncommitted changes)';
  } catch {
    // not a git checkout
  }
  let sdk = 'unknown';
  try {
    sdk = (
      JSON.parse(
        await readFile(
          path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'server', 'package.json'),
          'utf8',
        ),
      ) as { version: string }
    ).version;
  } catch {
    // the package hides its package.json: fine
  }
  return {
    cpu,
    cores: String(os.availableParallelism()),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    sdk,
    // Other processes on the machine inflate wall times (1-minute load average, at the end).
    load: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
    commit,
    date: new Date().toISOString(),
  };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function report(
  m: Record<string, string>,
  cold: ColdResult[],
  runs: ServerRun[],
  targets: TargetRow[],
  missing: string[],
): string {
  const out: string[] = [];
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} RAM, Node ${m.node}, ${m.os}; load average ${m.load}; SDK ${m.sdk}; commit ${m.commit}; ${m.date}`,
  );
  if (missing.length > 0) out.push(`Not measured (server not there yet): ${missing.join(', ')}`);
  out.push('', '**Targets**', '', targetsTable(targets));
  out.push('', '**Cold start** (spawn → initialize → tools/list answered)', '', coldTable(cold));
  out.push('', '**Warm round trips** (real client over stdio; write = fresh project per call)', '');
  out.push(warmTable(runs));
  const scaling = runs.filter((r) => r.scaling.length > 0);
  if (scaling.length > 0) {
    out.push('', '**Scaling** (one dry_run call with n schemas)', '', scalingTable(scaling));
  }
  out.push('', '**Memory** (VmHWM of the server process)', '', memoryTable(runs));
  return out.join('\n');
}

function targetsTable(targets: TargetRow[]): string {
  return table(
    ['figure', 'measured', 'target', ''],
    targets.map((t) => [
      t.figure,
      t.value,
      t.target,
      t.pass === null ? '' : t.pass ? 'pass' : 'FAIL',
    ]),
  );
}

function coldTable(cold: ColdResult[]): string {
  return table(
    [
      'server',
      'tools',
      'initialize p50',
      'p50',
      'p95',
      'runs',
      '÷ hello',
      'CPU p50',
      'CPU ÷ hello',
    ],
    cold.map((c) => [
      c.name,
      String(c.tools),
      ms(c.initialize.p50),
      ms(c.summary.p50),
      ms(c.summary.p95),
      String(c.summary.n),
      c.ratio === null ? '' : `${c.ratio.toFixed(2)}×`,
      ms(c.cpu.p50),
      c.cpuRatio === null ? '' : `${c.cpuRatio.toFixed(2)}×`,
    ]),
  );
}

function warmTable(runs: ServerRun[]): string {
  return table(
    [
      'server',
      'case',
      'mode',
      'files',
      'p50',
      'p95',
      'best',
      'runs',
      'mix/call',
      'peak RSS so far',
    ],
    runs.flatMap((r) =>
      r.cases.map((c) => [
        r.server,
        c.case,
        r.server === 'schema-understanding' ? 'validate_schema_model' : MODE_LABEL[c.mode],
        String(c.files),
        c.error ? 'error' : ms(c.summary.p50),
        c.error ? '' : ms(c.summary.p95),
        c.error ? '' : ms(c.summary.min),
        String(c.summary.n),
        c.mixPerCall
          ? c.mixPerCall[0] === c.mixPerCall[1]
            ? String(c.mixPerCall[0])
            : `${c.mixPerCall[0]}–${c.mixPerCall[1]}`
          : '',
        c.hwmMb === null ? '' : `${c.hwmMb.toFixed(0)} MB`,
      ]),
    ),
  );
}

function scalingTable(scaling: ServerRun[]): string {
  return table(
    [
      'server',
      '10 schemas (p50)',
      '100 schemas (p50)',
      '1000 schemas (p50)',
      'per schema @100 (best run)',
      'per schema @1000 (best run)',
      '@1000 ÷ @100',
    ],
    scaling.map((r) => {
      const at = (n: number) => r.scaling.find((s) => s.schemas === n);
      const cell = (n: number) => {
        const s = at(n);
        return !s ? '' : s.error ? 'error' : ms(s.summary.p50);
      };
      return [
        r.server,
        cell(10),
        cell(100),
        cell(1000),
        at(100) ? ms(at(100)!.perSchemaMs) : '',
        at(1000) ? ms(at(1000)!.perSchemaMs) : '',
        r.linearity === null ? '' : r.linearity.toFixed(2),
      ];
    }),
  );
}

function memoryTable(runs: ServerRun[]): string {
  return table(
    ['server', 'after warm runs', 'after scaling (1000 schemas)'],
    runs.map((r) => [
      r.server,
      r.rssWarmMb === null ? 'n/a' : `${r.rssWarmMb.toFixed(0)} MB`,
      r.rssPeakMb === null || r.scaling.length === 0 ? '' : `${r.rssPeakMb.toFixed(0)} MB`,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------

function readBackRows(r: ReadBackResult): TargetRow[] {
  const what = `${r.schemas} schema modules, ${r.migrations} migrations (${r.tables} tables)`;
  return [
    {
      figure: `read-back whole read p50 (${what})`,
      value: ms(r.whole.p50),
      target: `≤ ${READ_BACK_TARGETS.wholeMs} ms`,
      pass: r.whole.p50 <= READ_BACK_TARGETS.wholeMs,
    },
    {
      figure: 'read-back repeat read p50 (nothing changed on disk)',
      value: ms(r.repeat.p50),
      target: `≤ ${READ_BACK_TARGETS.repeatMs} ms`,
      pass: r.repeat.p50 <= READ_BACK_TARGETS.repeatMs,
    },
  ];
}

function readBackText(r: ReadBackResult, rows: TargetRow[]): string {
  const line = (name: string, x: Summary) =>
    `| ${name} | ${x.n} | ${ms(x.min)} | ${ms(x.p50)} | ${ms(x.p95)} |`;
  return [
    '**Read-back** (in process)',
    '',
    '| read | runs | best | p50 | p95 |',
    '| --- | --- | --- | --- | --- |',
    line('whole', r.whole),
    line('whole, CPU time', r.wholeCpu),
    line('repeat', r.repeat),
    line('repeat, CPU time', r.repeatCpu),
    line('after one schema module changed', r.oneChanged),
    line('same, CPU time', r.oneChangedCpu),
    '',
    ...rows.map((t) => `- ${t.figure}: ${t.value} (${t.target}) ${t.pass ? 'pass' : 'FAIL'}`),
  ].join('\n');
}

function evolveRows(r: EvolveResult): TargetRow[] {
  return r.calls.map((c) => ({
    figure: `one-field evolution, ${c.tool} dry run p50 warm (${r.schemas} schemas, ${r.migrations} migrations)`,
    value: `${ms(c.wall.p50)} (CPU ${ms(c.cpu.p50)})`,
    target: `≤ ${EVOLVE_TARGET_MS} ms`,
    pass: c.wall.p50 <= EVOLVE_TARGET_MS,
  }));
}

function evolveText(r: EvolveResult, rows: TargetRow[]): string {
  const line = (c: EvolveResult['calls'][number]) =>
    `| ${c.tool} | ${c.wall.n} | ${ms(c.wall.min)} | ${ms(c.wall.p50)} | ${ms(c.wall.p95)} | ${ms(c.cpu.p50)} | ${ms(c.cpu.p95)} | ${c.files.join(', ')} |`;
  return [
    '**Evolution** (in process, one schema gains one field, on_conflict "update", dry run)',
    '',
    '| generator | runs | best | p50 | p95 | CPU p50 | CPU p95 | files it would change |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.calls.map(line),
    '',
    ...rows.map((t) => `- ${t.figure}: ${t.value} (${t.target}) ${t.pass ? 'pass' : 'FAIL'}`),
  ].join('\n');
}

async function evolveOnly(opts: Options): Promise<void> {
  const r = await measureEvolve(Math.max(10, opts.smallRuns));
  const rows = evolveRows(r);
  const m = await machine();
  const text = `Machine: load average ${m.load}; commit ${m.commit}\n\n${evolveText(r, rows)}`;
  await writeFile(
    path.join(OUT, 'evolve.json'),
    `${JSON.stringify({ machine: m, evolve: r }, null, 2)}\n`,
  );
  process.stdout.write(`${text}\n`);
  if (opts.check && rows.some((t) => t.pass === false)) process.exitCode = 1;
}

async function readBackOnly(opts: Options): Promise<void> {
  const r = await measureReadBack(opts.domainRuns);
  const rows = readBackRows(r);
  const m = await machine();
  const text = `Machine: load average ${m.load}; commit ${m.commit}\n\n${readBackText(r, rows)}`;
  await writeFile(
    path.join(OUT, 'read-back.json'),
    `${JSON.stringify({ machine: m, readBack: r }, null, 2)}\n`,
  );
  process.stdout.write(`${text}\n`);
  if (opts.check && rows.some((t) => t.pass === false)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.readBackOnly) {
    await mkdir(OUT, { recursive: true });
    return readBackOnly(opts);
  }
  if (opts.evolveOnly) {
    await mkdir(OUT, { recursive: true });
    return evolveOnly(opts);
  }
  const started = performance.now();
  await mkdir(OUT, { recursive: true });
  const servers = presentServers(opts.only);
  const missing = ALL_SERVERS.filter(
    (s) => (opts.only === null || opts.only.includes(s)) && !servers.includes(s),
  );
  process.stderr.write(
    `bench: bundling ${servers.join(', ') || '(no server yet)'} + hello into .bench/dist\n`,
  );
  bundle(servers);

  process.stderr.write(`bench: cold start, ${opts.coldRuns} runs each\n`);
  const cold = await measureColdStarts(servers, opts.coldRuns);

  const work = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-bench-'));
  const mixLog = path.join(work, 'mix-calls.log');
  const mix = await writeCountingMix(work, mixLog);
  const runs: ServerRun[] = [];
  try {
    for (const server of opts.warm ? servers : []) {
      process.stderr.write(`bench: ${server}\n`);
      try {
        runs.push(await runServer(server, opts, work, mix, mixLog));
      } catch (e) {
        process.stderr.write(`bench: ${server} failed: ${(e as Error).stack ?? String(e)}\n`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  for (const r of runs) {
    for (const c of r.cases.filter((x) => x.error)) {
      process.stderr.write(`bench: ${r.server} ${c.case} ${c.mode} failed:\n${c.error}\n`);
    }
    for (const s of r.scaling.filter((x) => x.error)) {
      process.stderr.write(`bench: ${r.server} scaling ${s.schemas} failed:\n${s.error}\n`);
    }
  }

  const readBack = opts.readBack ? await measureReadBack(opts.domainRuns) : null;
  const evolve = opts.evolve ? await measureEvolve(Math.max(10, opts.smallRuns)) : null;

  let introspection: IntrospectResult | null = null;
  if (opts.warm && opts.introspect && servers.includes('schema-understanding')) {
    process.stderr.write(`bench: introspect_database on ${INTROSPECT_TABLES} tables\n`);
    try {
      introspection = await benchIntrospection(
        bundlePath('schema-understanding'),
        opts.domainRuns,
        benchEnv(),
      );
      if (introspection === null)
        process.stderr.write('bench: no PostgreSQL; introspection skipped\n');
    } catch (e) {
      process.stderr.write(`bench: introspection failed: ${(e as Error).stack ?? String(e)}\n`);
    }
  }

  const m = await machine();
  const readBackTargets = readBack ? readBackRows(readBack) : [];
  const evolveTargets = evolve ? evolveRows(evolve) : [];
  const targets = [
    ...targetRows(cold, runs),
    ...readBackTargets,
    ...evolveTargets,
    ...introspectionRows(introspection),
  ];
  const text = [
    report(m, cold, runs, targets, missing),
    ...(readBack ? [readBackText(readBack, readBackTargets)] : []),
    ...(evolve ? [evolveText(evolve, evolveTargets)] : []),
  ].join('\n\n');
  const seconds = (performance.now() - started) / 1000;
  await writeFile(
    path.join(OUT, 'results.json'),
    `${JSON.stringify(
      {
        machine: m,
        options: opts,
        seconds,
        missing,
        targets,
        coldStart: cold,
        readBack,
        evolve,
        introspection,
        servers: runs.map(({ stderrTail: _s, ...r }) => r),
      },
      null,
      2,
    )}\n`,
  );
  await writeFile(path.join(OUT, 'results.md'), `${text}\n`);
  process.stdout.write(
    `${text}\n\n(${seconds.toFixed(0)} s; .bench/results.json, .bench/results.md)\n`,
  );
  if (opts.check && targets.some((t) => t.pass === false)) process.exitCode = 1;
}

await main();
