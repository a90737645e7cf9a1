/** Running the built CLI (`node dist/cli.js …`) the way a user does, and reading what it wrote. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { CHILD_MS } from '../support/timeouts.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(repo, 'dist', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const r = await execa(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? repo,
    reject: false,
    stdin: 'ignore',
    timeout: CHILD_MS,
    ...(opts.env ? { env: opts.env } : {}),
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, relative and `/`-separated. */
export function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, child));
    else out.push(child);
  }
  return out.sort();
}

/** The Elixir sources under `dir`, for checkElixirSources. */
export function elixirSources(dir: string): { path: string; content: string }[] {
  return filesUnder(dir)
    .filter((f) => /\.exs?$/.test(f))
    .map((f) => ({ path: f, content: readFileSync(path.join(dir, f), 'utf8') }));
}
