/**
 * Helpers of the reliability suite (issue 9): figures for the closing note, tree snapshots to
 * prove "nothing changed outside/inside a root", fake mix executables, and the generator servers
 * that exist in this checkout.
 */
import { createHash } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  rename,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../../shared/mcp/index.js';
import type { Planner } from '../../shared/plan/index.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIGURES_DIR = path.join(REPO, '.bench', 'reliability');

/**
 * Records the figures of one area in `.bench/reliability/<area>.json` (merged with what the
 * other tests of that area wrote) and logs them to stderr, for the closing note.
 */
export async function recordFigures(area: string, figures: Record<string, unknown>): Promise<void> {
  await mkdir(FIGURES_DIR, { recursive: true });
  const file = path.join(FIGURES_DIR, `${area}.json`);
  let prev: Record<string, unknown> = {};
  try {
    prev = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first record of this area
  }
  const merged = { ...prev, ...figures, recorded_at: new Date().toISOString() };
  await writeFile(file, JSON.stringify(merged, null, 2) + '\n');
  process.stderr.write(`[reliability] ${area}: ${JSON.stringify(figures)}\n`);
  // One summary of every area recorded so far: .bench/reliability.json (atomic replace, since
  // test files run in parallel workers).
  const all: Record<string, unknown> = {};
  for (const name of (await readdir(FIGURES_DIR)).filter((n) => n.endsWith('.json')).sort()) {
    try {
      all[name.slice(0, -5)] = JSON.parse(await readFile(path.join(FIGURES_DIR, name), 'utf8'));
    } catch {
      // being rewritten by another worker; its own record call will include it
    }
  }
  const summary = path.join(REPO, '.bench', 'reliability.json');
  const tmp = `${summary}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(all, null, 2) + '\n');
  await rename(tmp, summary);
}

export type TreeEntry =
  | { kind: 'file'; sha: string; mode: number }
  | { kind: 'dir'; mode: number }
  | { kind: 'symlink'; target: string };

/** Every entry under `dir` (not following symlinks), keyed by relative path, with content hashes. */
export async function snapshotTree(dir: string): Promise<Map<string, TreeEntry>> {
  const out = new Map<string, TreeEntry>();
  async function walk(abs: string, rel: string): Promise<void> {
    const names = await readdir(abs);
    names.sort();
    for (const name of names) {
      const a = path.join(abs, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = await lstat(a);
      if (st.isSymbolicLink()) out.set(r, { kind: 'symlink', target: await readlink(a) });
      else if (st.isDirectory()) {
        out.set(r, { kind: 'dir', mode: st.mode & 0o7777 });
        await walk(a, r);
      } else {
        const sha = createHash('sha256')
          .update(await readFile(a))
          .digest('hex');
        out.set(r, { kind: 'file', sha, mode: st.mode & 0o7777 });
      }
    }
  }
  await walk(dir, '');
  return out;
}

/** Human-readable difference of two snapshots ([] when equal). */
export function treeDiff(before: Map<string, TreeEntry>, after: Map<string, TreeEntry>): string[] {
  const diff: string[] = [];
  for (const [k, v] of after) {
    const b = before.get(k);
    if (b === undefined) diff.push(`+ ${k}`);
    else if (JSON.stringify(b) !== JSON.stringify(v)) diff.push(`~ ${k}`);
  }
  for (const k of before.keys()) if (!after.has(k)) diff.push(`- ${k}`);
  return diff;
}

/** Names the writer uses for its temp files (`.<base>.<pid>-<hex>.tmp`), or any `*.tmp`. */
export function isTempName(rel: string): boolean {
  return /(^|\/)\.[^/]*\.\d+-[0-9a-f]{24}\.tmp$/.test(rel) || rel.endsWith('.tmp');
}

/** Writes an executable sh script (a fake `mix`) and returns its path. */
export async function fakeMix(dir: string, name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

/** Is a process alive (signal 0)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface GeneratorServer {
  /** Directory name under servers/. */
  server: string;
  tool: string;
  createServer: (deps: ServerDeps) => McpServer;
}

type ServerModule = { createServer: GeneratorServer['createServer'] };
const GENERATOR_SERVERS: { server: string; tool: string; load: () => Promise<ServerModule> }[] = [
  {
    server: 'ecto-schema',
    tool: 'generate_ecto_schema',
    load: () => import('../../servers/ecto-schema/server.js') as Promise<ServerModule>,
  },
  {
    server: 'ecto-migration',
    tool: 'generate_ecto_migration',
    load: () => import('../../servers/ecto-migration/server.js') as Promise<ServerModule>,
  },
  {
    server: 'phoenix-context',
    tool: 'generate_phoenix_context',
    load: () => import('../../servers/phoenix-context/server.js') as Promise<ServerModule>,
  },
];

/** The generator servers present in this checkout (others are being built in parallel). */
export async function generatorServers(): Promise<GeneratorServer[]> {
  const out: GeneratorServer[] = [];
  for (const { load, ...g } of GENERATOR_SERVERS) {
    try {
      const mod = await load();
      out.push({ ...g, createServer: mod.createServer });
    } catch (e) {
      process.stderr.write(`[reliability] ${g.server} not loaded: ${String(e)}\n`);
      // not landed yet
    }
  }
  return out;
}

export interface GeneratorPlanner {
  name: string;
  plan: Planner<Record<string, unknown>>;
}

/** The pure planners present in this checkout. */
export async function generatorPlanners(): Promise<GeneratorPlanner[]> {
  type Mod = Record<string, unknown>;
  const candidates: [string, () => Promise<Mod>, string[]][] = [
    ['ecto-schema', () => import('../../shared/generate/ecto-schema.js'), ['planEctoSchemas']],
    ['ecto-migration', () => import('../../shared/generate/ecto-migration.js'), ['planMigrations']],
    [
      'phoenix-context',
      () => import('../../shared/generate/phoenix-context.js') as Promise<Mod>,
      ['planPhoenixContexts', 'planContexts'],
    ],
  ];
  const out: GeneratorPlanner[] = [];
  for (const [name, load, exportNames] of candidates) {
    try {
      const mod = await load();
      const plan = exportNames.map((n) => mod[n]).find((f) => typeof f === 'function');
      if (typeof plan === 'function') {
        out.push({ name, plan: plan as GeneratorPlanner['plan'] });
      }
    } catch {
      // not landed yet
    }
  }
  return out;
}
