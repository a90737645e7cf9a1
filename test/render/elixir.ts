/**
 * Elixir truth helpers for the naming/render tests: run a script under the real `elixir`
 * binary (no shell), feeding it base64 lines on stdin and reading base64 lines back.
 *
 * Tests that need Elixir use `describeElixir`: it runs when `elixir` is on PATH, is skipped
 * when it is absent locally, and fails when it is absent while `CI` is set.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';

function probe(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0;
}

export const hasElixir: boolean = probe('elixir');
export const hasMix: boolean = hasElixir && probe('mix');
const inCI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** `describe` for suites that need the real Elixir toolchain (see module doc). */
export function describeElixir(name: string, fn: () => void): void {
  if (hasElixir && hasMix) {
    describe(name, fn);
  } else if (inCI) {
    describe(name, () => {
      it('needs elixir and mix on PATH (CI is set)', () => {
        throw new Error('elixir/mix not found on PATH, but CI is set: install Elixir');
      });
    });
  } else {
    describe.skip(`${name} (elixir not installed)`, fn);
  }
}

const made: string[] = [];

/** A temp dir, removed when the importing test file ends. */
export function tempDir(prefix = 'phx-gen-render-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
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
  const script = join(dir, 'map.exs');
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

/**
 * The `locals_without_parens` of Ecto and Ecto SQL (what `import_deps: [:ecto, :ecto_sql]`
 * gives a Phoenix app) plus the migration helpers named in our brief, as integer arities:
 * `mix format` ignores ranges such as `field: 1..3`.
 */
export const FORMATTER_EXS = `[
  inputs: ["cases/*.ex"],
  locals_without_parens: [
    from: 2, field: 1, field: 2, field: 3, timestamps: 0, timestamps: 1,
    belongs_to: 2, belongs_to: 3, has_one: 2, has_one: 3, has_many: 2, has_many: 3,
    many_to_many: 2, many_to_many: 3, embeds_one: 2, embeds_one: 3, embeds_one: 4,
    embeds_many: 2, embeds_many: 3, embeds_many: 4, add: 2, add: 3, alter: 2,
    create: 1, create: 2, create_if_not_exists: 1, create_if_not_exists: 2, drop: 1, drop: 2,
    drop_if_exists: 1, drop_if_exists: 2, execute: 1, execute: 2, modify: 2, modify: 3,
    remove: 1, remove: 2, remove: 3, rename: 2, rename: 3, index: 2, index: 3,
    unique_index: 2, unique_index: 3, references: 1, references: 2, table: 1, table: 2
  ]
]
`;

/** Format many Elixir sources with one `mix format` run; returns the formatted sources. */
export function mixFormatMany(sources: readonly string[]): string[] {
  const dir = tempDir('phx-gen-mixfmt-');
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, '.formatter.exs'), FORMATTER_EXS);
  const names = sources.map((_, i) => join('cases', `c${String(i).padStart(5, '0')}.ex`));
  sources.forEach((src, i) => writeFileSync(join(dir, names[i] as string), src));
  const r = spawnSync('mix', ['format'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, MIX_ENV: 'dev' },
  });
  if (r.status !== 0) throw new Error(`mix format failed (${r.status}): ${r.stderr}`);
  return names.map((n) => readFileSync(join(dir, n), 'utf8'));
}
