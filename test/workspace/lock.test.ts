/**
 * The project lock (shared/workspace/lock.ts) inside one process: one key per realpath (a
 * symlinked root is the same project), re-entrant within a call chain, stale lock files of dead
 * processes recovered, a live holder waited for. Across processes: test/reliability/lock-processes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceError, projectKey, withProjectLock } from '../../shared/workspace/index.js';
import { makeTempDir, removeDir } from './helpers.js';

let dir: string;
let root: string;
let link: string;
let lockDir: string;

beforeEach(async () => {
  dir = await makeTempDir('phx-lock-');
  root = path.join(dir, 'project');
  link = path.join(dir, 'link');
  lockDir = path.join(dir, 'locks');
  await mkdir(root);
  await symlink(root, link);
});
afterEach(() => removeDir(dir));

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The only lock file in lockDir (its name is a hash of the project's realpath). */
async function lockFile(): Promise<string> {
  const files = await readdir(lockDir);
  expect(files).toHaveLength(1);
  return path.join(lockDir, files[0]!);
}

describe('withProjectLock', () => {
  it('serializes calls through the root and through a symlink to it', async () => {
    const events: string[] = [];
    const run = (name: string, at: string) =>
      withProjectLock(
        at,
        async () => {
          events.push(`${name} in`);
          await tick();
          events.push(`${name} out`);
        },
        { lockDir },
      );
    await Promise.all([run('a', root), run('b', link), run('c', `${root}/.`)]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    expect(await readdir(lockDir)).toEqual([]);
  });

  it('is re-entrant within one call chain (the writer inside the pipeline)', async () => {
    const inner = await withProjectLock(
      root,
      () => withProjectLock(link, async () => 'inner ran', { lockDir, waitMs: 100 }),
      { lockDir },
    );
    expect(inner).toBe('inner ran');
  });

  it('removes the lock file of a process that died and takes the lock', async () => {
    const dead = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid!));
    });
    await withProjectLock(root, async () => undefined, { lockDir });
    await withProjectLock(
      root,
      async () => {
        const file = await lockFile();
        await writeFile(
          file,
          JSON.stringify({ pid: dead, host: hostname(), since: Date.now(), token: 'dead' }),
        );
      },
      { lockDir },
    );
    // The stale file is in place (the holder's release saw another token and left it).
    const stale = await lockFile();
    expect(JSON.parse(await readFile(stale, 'utf8')).token).toBe('dead');
    expect(await withProjectLock(root, async () => 'acquired', { lockDir, waitMs: 2_000 })).toBe(
      'acquired',
    );
    expect(await readdir(lockDir)).toEqual([]);
  });

  it('waits for a live holder and says so when it waited too long', async () => {
    await withProjectLock(root, async () => undefined, { lockDir });
    const key = projectKey(root);
    const file = path.join(
      lockDir,
      `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.lock`,
    );
    // Another live process on this host holds it (our parent: alive for the whole test).
    await writeFile(
      file,
      JSON.stringify({ pid: process.ppid, host: hostname(), since: Date.now(), token: 'live' }),
    );
    const err = await withProjectLock(link, async () => 'ran', { lockDir, waitMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).code).toBe('LOCKED');
    expect((err as Error).message).toContain(await realpath(root));
  });
});
