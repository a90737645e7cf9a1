// The one Elixir test harness: is generated Elixir parseable, and is it byte-for-byte what
// `mix format` writes, with the locals_without_parens of Ecto and Ecto SQL (the one fixture
// .formatter.exs below)? Also small helpers for the naming/render tests: run an Elixir function
// over rows (`elixirMap`), format many snippets with one `mix format` (`mixFormatMany`).
//
//   await assertElixirClean(files)            // in a golden test, inside describeElixir/itElixir
//   const results = await checkElixirSources(files)   // one `elixir` process for all files
//
// Where elixir/mix are missing, Elixir-backed tests are skipped locally and fail under CI.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The fixture `.formatter.exs` (Ecto + Ecto SQL locals_without_parens). */
export const FORMATTER_EXS = path.join(here, 'elixir', '.formatter.exs');
const CHECK_EXS = path.join(here, 'elixir', 'check.exs');

// ---- availability and the CI rule -----------------------------------------------------------

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const full = path.join(dir, name);
    try {
      if (!statSync(full).isFile()) continue;
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return null;
}

const cache = new Map<string, boolean>();

/** `elixir` and `mix` are both on PATH (of `env`, default process.env). */
export function elixirAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const key = env.PATH ?? '';
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = onPath('elixir', env) !== null && onPath('mix', env) !== null;
    cache.set(key, hit);
  }
  return hit;
}

/** CI is set the way CI services set it (`CI=true`, `CI=1`); `CI=false`/`0`/'' means local. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CI ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

/** What an Elixir-backed test does here: run, skip (local, no Elixir) or fail (CI, no Elixir). */
export function elixirTestMode(env: NodeJS.ProcessEnv = process.env): 'run' | 'skip' | 'fail' {
  if (elixirAvailable(env)) return 'run';
  return isCi(env) ? 'fail' : 'skip';
}

export const MISSING_ELIXIR_MESSAGE =
  'CI is set but `elixir`/`mix` are not on PATH: Elixir-backed tests must run in CI ' +
  '(.ci/run installs Debian elixir). Locally they are skipped.';

/** Throws under CI when Elixir is missing; returns whether Elixir tests can run. */
export function requireElixirInCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = elixirTestMode(env);
  if (mode === 'fail') throw new Error(MISSING_ELIXIR_MESSAGE);
  return mode === 'run';
}

/** `describe` that needs Elixir: runs; or skipped locally; or one failing test under CI. */
export function describeElixir(name: string, fn: () => void): void {
  const mode = elixirTestMode();
  if (mode === 'run') describe(name, fn);
  else if (mode === 'skip') describe.skip(name, fn);
  else
    describe(name, () => {
      it('needs elixir and mix', () => {
        throw new Error(MISSING_ELIXIR_MESSAGE);
      });
    });
}

/** `it` that needs Elixir, with the same rule as describeElixir. */
export function itElixir(name: string, fn: () => unknown, timeout?: number): void {
  const mode = elixirTestMode();
  if (mode === 'run') it(name, fn, timeout);
  else if (mode === 'skip') it.skip(name, fn, timeout);
  else
    it(name, () => {
      throw new Error(MISSING_ELIXIR_MESSAGE);
    });
}

// ---- checking sources in one elixir process -------------------------------------------------

export interface ElixirSource {
  /** Shown in messages and passed as `file:` to the parser (e.g. `lib/blog/post.ex`). */
  path: string;
  content: string;
}

export interface ElixirCheckResult {
  path: string;
  /** Parses and is exactly what `mix format` writes. */
  ok: boolean;
  /** Code.string_to_quoted! failed: its message (names the file) and position. */
  syntaxError: { line: number | null; column: number | null; message: string } | null;
  /** Parses but differs from `mix format`: first differing line (1-based); null = past the end. */
  formatDiff: { line: number; expected: string | null; actual: string | null } | null;
  /** `mix format`'s output, when it differs from the source. */
  formatted: string | null;
  /** Code.format_string! raised on a source that parses (should not happen). */
  formatterError: string | null;
}

let spawns = 0;
/** How many `elixir` processes checkElixirSources has started (tests assert batching). */
export function elixirSpawnCount(): number {
  return spawns;
}

/** First line where `expected` and `actual` differ (1-based), null when equal. */
export function firstDifference(
  expected: string,
  actual: string,
): { line: number; expected: string | null; actual: string | null } | null {
  if (expected === actual) return null;
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) return { line: i + 1, expected: e[i] ?? null, actual: a[i] ?? null };
  }
  return null; // unreachable: equal line arrays mean equal strings
}

const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
const intOrNull = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

/**
 * Parses and format-checks every file in ONE `elixir` process (~0.3 s start-up; files are written
 * to a temp dir, results come back on stdout). Results are in input order.
 */
export async function checkElixirSources(
  files: readonly ElixirSource[],
): Promise<ElixirCheckResult[]> {
  if (files.length === 0) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-elixir-'));
  try {
    const manifest: string[] = [];
    await Promise.all(
      files.map(async (f, i) => {
        const src = path.join(dir, `${i}.src`);
        await writeFile(src, f.content);
        manifest[i] = `${i}\t${Buffer.from(f.path).toString('base64')}\t${src}`;
      }),
    );
    const manifestPath = path.join(dir, 'manifest');
    await writeFile(manifestPath, manifest.join('\n') + '\n');
    spawns++;
    const r = await execa('elixir', [CHECK_EXS, FORMATTER_EXS, manifestPath], {
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
      env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    });
    const lines = r.stdout.split('\n');
    if (r.exitCode !== 0 || !lines.some((l) => l.startsWith('done\t'))) {
      throw new Error(`elixir check.exs failed (exit ${r.exitCode}):\n${r.stderr}\n${r.stdout}`);
    }
    const byId = new Map<number, string[]>();
    for (const line of lines) {
      const [id, ...rest] = line.split('\t');
      if (id !== undefined && /^\d+$/.test(id)) byId.set(Number(id), rest);
    }
    return files.map((f, i): ElixirCheckResult => {
      const fields = byId.get(i);
      if (fields === undefined) throw new Error(`elixir check.exs gave no result for ${f.path}`);
      const base = {
        path: f.path,
        ok: false,
        syntaxError: null,
        formatDiff: null,
        formatted: null,
        formatterError: null,
      };
      const [kind, a, b, c] = fields;
      switch (kind) {
        case 'ok':
          return { ...base, ok: true };
        case 'syntax':
          return {
            ...base,
            syntaxError: { line: intOrNull(a), column: intOrNull(b), message: decode(c) },
          };
        case 'format': {
          const formatted = decode(a);
          return { ...base, formatted, formatDiff: firstDifference(formatted, f.content) };
        }
        case 'error':
          return { ...base, formatterError: decode(a) };
        default:
          throw new Error(`elixir check.exs: unexpected result ${JSON.stringify(fields)}`);
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One readable paragraph per failing file (empty string when all are clean). */
export function describeElixirFailures(results: readonly ElixirCheckResult[]): string {
  return results
    .filter((r) => !r.ok)
    .map((r) => {
      if (r.syntaxError) {
        return `${r.path}:${r.syntaxError.line ?? '?'}: does not parse: ${r.syntaxError.message}`;
      }
      if (r.formatDiff) {
        const show = (s: string | null) => (s === null ? '(end of file)' : JSON.stringify(s));
        return (
          `${r.path}:${r.formatDiff.line}: not mix-format clean\n` +
          `  mix format: ${show(r.formatDiff.expected)}\n` +
          `  file:       ${show(r.formatDiff.actual)}`
        );
      }
      return `${r.path}: formatter raised: ${r.formatterError ?? '?'}`;
    })
    .join('\n');
}

/** Throws with every failure listed unless all files parse and are mix-format clean. */
export async function assertElixirClean(files: readonly ElixirSource[]): Promise<void> {
  const failures = describeElixirFailures(await checkElixirSources(files));
  if (failures !== '') throw new Error(failures);
}

// ---- the real mix format, for one end-to-end agreement check --------------------------------

export interface MixFormatCheck {
  ok: boolean;
  exitCode: number;
  /** Files `mix format --check-formatted` lists as not formatted (relative to dir). */
  unformatted: string[];
  output: string;
}

/**
 * Runs the real `mix format --check-formatted` in `dir` (no mix.exs needed). Copies the fixture
 * `.formatter.exs` (inputs `**\/*.{ex,exs}`) into `dir` unless it has one.
 */
export async function mixFormatCheck(dir: string): Promise<MixFormatCheck> {
  const target = path.join(dir, '.formatter.exs');
  await mkdir(dir, { recursive: true });
  await cp(FORMATTER_EXS, target, { force: false, errorOnExist: false });
  const r = await execa('mix', ['format', '--check-formatted'], {
    cwd: dir,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
    env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  const output = `${r.stdout}\n${r.stderr}`.trim();
  const unformatted = [...output.matchAll(/^\s+\* (.+)$/gm)].map((m) => m[1] ?? '').sort();
  return { ok: r.exitCode === 0, exitCode: r.exitCode ?? -1, unformatted, output };
}

// ---- helpers for the naming and render tests ------------------------------------------------

const made: string[] = [];

/** A temp dir, removed when the importing test file ends. */
export function tempDir(prefix = 'phx-gen-render-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const enc = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const dec = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

/**
 * Run `body` as an Elixir script. `body` sees `inputs :: [[String.t()]]` (each input row is a
 * list of fields) and must return a list of rows (lists of strings), one per input.
 */
export function elixirMap(body: string, rows: string[][]): string[][] {
  const dir = tempDir();
  const script = path.join(dir, 'map.exs');
  writeFileSync(
    script,
    `inputs =
  IO.read(:stdio, :eof)
  |> String.split("\\n", trim: true)
  |> Enum.map(fn "#" <> line -> line |> String.split("\\t") |> Enum.map(&Base.decode64!/1) end)

outputs = (fn inputs -> ${body} end).(inputs)

for row <- outputs do
  IO.write("#" <> Enum.map_join(row, "\\t", &Base.encode64/1) <> "\\n")
end
`,
  );
  const input = rows.map((r) => '#' + r.map(enc).join('\t')).join('\n') + '\n';
  const r = spawnSync('elixir', [script], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.status !== 0) {
    throw new Error(`elixir failed (${r.status}): ${r.stderr}`);
  }
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.slice(1).split('\t').map(dec));
}

/** Format many Elixir sources with one `mix format` run; returns the formatted sources. */
export function mixFormatMany(sources: readonly string[], mix = 'mix'): string[] {
  const dir = tempDir('phx-gen-mixfmt-');
  mkdirSync(path.join(dir, 'cases'));
  copyFileSync(FORMATTER_EXS, path.join(dir, '.formatter.exs'));
  const names = sources.map((_, i) => path.join('cases', `c${String(i).padStart(5, '0')}.ex`));
  sources.forEach((src, i) => writeFileSync(path.join(dir, names[i] as string), src));
  // Another Elixir's mix (a local build): its directory goes first on PATH so its own `elixir`
  // runs it.
  const bin = mix === 'mix' ? [] : [path.dirname(mix)];
  const r = spawnSync(mix, ['format'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      MIX_ENV: 'dev',
      PATH: [...bin, process.env.PATH ?? ''].join(path.delimiter),
    },
  });
  if (r.status !== 0) throw new Error(`mix format failed (${r.status}): ${r.stderr}`);
  return names.map((n) => readFileSync(path.join(dir, n), 'utf8'));
}
