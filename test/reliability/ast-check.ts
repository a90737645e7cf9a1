/**
 * Runs ast-check.exs over many Elixir sources in ONE `elixir` process: for each file, every
 * string interpolation (`#{expr}` anywhere: strings, charlists, sigils, heredocs, quoted atoms)
 * and every remote call into System/File/Code/Port/IO/:os/:erlang, or the syntax error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ast-check.exs');

export interface AstFindings {
  interpolations: string[];
  calls: string[];
  /** ~r sigils whose regex does not compile in Elixir (a CompileError at build time). */
  badRegexes: string[];
  syntaxError: string | null;
}

export async function astCheck(sources: readonly string[]): Promise<AstFindings[]> {
  if (sources.length === 0) return [];
  const dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-ast-'));
  try {
    await Promise.all(sources.map((s, i) => writeFile(path.join(dir, `${i}.ex`), s)));
    const manifest = path.join(dir, 'manifest');
    await writeFile(
      manifest,
      sources.map((_, i) => `${i}\t${path.join(dir, `${i}.ex`)}`).join('\n') + '\n',
    );
    const r = await execa('elixir', [SCRIPT, manifest], {
      reject: false,
      stdin: 'ignore',
      timeout: 120_000,
      env: { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    });
    if (r.exitCode !== 0 || !r.stdout.includes('\ndone')) {
      throw new Error(`ast-check.exs failed (exit ${r.exitCode}):\n${r.stderr}`);
    }
    const out: AstFindings[] = sources.map(() => ({
      interpolations: [],
      calls: [],
      badRegexes: [],
      syntaxError: null,
    }));
    const ended = new Set<number>();
    for (const line of r.stdout.split('\n')) {
      const [id, kind, b64] = line.split('\t');
      if (id === undefined || !/^\d+$/.test(id)) continue;
      const f = out[Number(id)]!;
      const text = Buffer.from(b64 ?? '', 'base64').toString('utf8');
      if (kind === 'interp') f.interpolations.push(text);
      else if (kind === 'call') f.calls.push(text);
      else if (kind === 'regex') f.badRegexes.push(text);
      else if (kind === 'syntax') f.syntaxError = text;
      else if (kind === 'end') ended.add(Number(id));
    }
    if (ended.size !== sources.length) {
      throw new Error(`ast-check.exs answered for ${ended.size} of ${sources.length} files`);
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
