/**
 * The project lock across processes: the MCP client runs each server as its own process, so two
 * `ecto-migration` processes serving one project must not both pick the same migration version.
 * Real built servers (dist/ecto-migration.js) over real stdio, one given the project's path and
 * the other a symlink to it (the lock is keyed by realpath).
 */
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectServer, type ServerConnection } from '../../cli/client.js';
import { withProjectLock } from '../../shared/workspace/index.js';
import { tempProject } from '../support/mcp.js';

interface Out {
  files: { path: string; action: string }[];
}

let project: { root: string; cleanup(): Promise<void> };
let link: string;
let servers: ServerConnection[] = [];

beforeEach(async () => {
  project = await tempProject();
  link = `${project.root}-link`;
  await symlink(project.root, link);
  servers = [
    await connectServer('ecto-migration', { roots: [project.root] }),
    await connectServer('ecto-migration', { roots: [link] }),
  ];
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(link, { force: true });
  await project.cleanup();
});

const migrations = async () =>
  (await readdir(path.join(project.root, 'priv/repo/migrations'))).sort();

describe('project lock across server processes', () => {
  it('two ecto-migration processes never pick the same version', async () => {
    await mkdir(path.join(project.root, 'priv/repo/migrations'), { recursive: true });
    const call = (s: ServerConnection, i: number) =>
      s.call<Out>('generate_ecto_migration', {
        specs: [`Shop Item${i} items_${i} name:string`],
        format: 'none',
      });
    // Rounds of simultaneous calls, one per process: each pair plans within the same second.
    for (let round = 0; round < 4; round++) {
      await Promise.all([call(servers[0]!, round * 2), call(servers[1]!, round * 2 + 1)]);
    }
    const files = await migrations();
    expect(files).toHaveLength(8);
    const versions = files.map((f) => f.slice(0, 14));
    expect(new Set(versions).size).toBe(8);
  });

  it('a server waits while another process holds the project lock', async () => {
    let settled = false;
    let pending!: Promise<Out>;
    await withProjectLock(link, async () => {
      pending = servers[0]!.call<Out>('generate_ecto_migration', {
        specs: ['Shop Order orders total:integer'],
        format: 'none',
      });
      void pending.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(settled).toBe(false);
      await expect(readdir(path.join(project.root, 'priv/repo/migrations'))).rejects.toThrow();
    });
    const out = await pending;
    expect(out.files.map((f) => f.action)).toEqual(['created']);
    expect(await migrations()).toHaveLength(1);
  });
});
