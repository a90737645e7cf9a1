/**
 * A private, throw-away PostgreSQL cluster for the tests and the bench: `initdb` in a temp dir,
 * `pg_ctl start` on a free loopback port (no Unix socket outside the temp dir), password
 * authentication over TCP, `pg_ctl stop` and the dir removed at the end.
 *
 * PostgreSQL refuses to run as root (CI runs as root), so as root the binaries run as an
 * unprivileged user: `postgres` when Debian's package created it, else `nobody`.
 *
 * Also a command for `.ci/run`:
 *   tsx test/support/pg-cluster.ts start   prints `export PHX_GEN_MCP_TEST_DATABASE_URL=…` and
 *                                          `export PHX_GEN_MCP_TEST_PGDATA=…` for `eval`
 *   tsx test/support/pg-cluster.ts stop DIR
 */
import { execFileSync } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

export const TEST_DATABASE_URL_ENV = 'PHX_GEN_MCP_TEST_DATABASE_URL';
/** The superuser's password in a test cluster (a throw-away cluster on loopback). */
export const TEST_PASSWORD = 'phx-gen-mcp-test';

export interface Cluster {
  /** postgres://postgres:…@127.0.0.1:<port>/postgres */
  url: string;
  /** The temp dir holding the data directory, the socket and the log. */
  dir: string;
  stop(): Promise<void>;
}

/** The directory of initdb/pg_ctl: PHX_GEN_MCP_PG_BIN, Debian's newest version, or PATH. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PHX_GEN_MCP_PG_BIN) return env.PHX_GEN_MCP_PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], 'bin');
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')))
      return dir;
  }
  return null;
}

/** uid/gid to run PostgreSQL as: ours, or an unprivileged user's when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      const line = execFileSync('getent', ['passwd', user], { encoding: 'utf8' });
      const [, , uid, gid] = line.trim().split(':');
      if (uid && gid) return { uid: Number(uid), gid: Number(gid) };
    } catch {
      // not on this machine; try the next one
    }
  }
  throw new Error('Running as root and neither a postgres nor a nobody user exists to run initdb.');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const PREFIX = 'phx-gen-mcp-pg-';
/** The file naming the process a cluster belongs to (only for clusters that have an owner). */
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and removes the clusters whose owner process is gone: a test run killed before its
 * teardown (Ctrl-C, a timeout) would otherwise leave a postgres running until the machine stops.
 * Clusters without an owner file (the one `.ci/run` starts) are never touched.
 */
export async function sweepOrphans(bin: string): Promise<string[]> {
  const swept: string[] = [];
  for (const name of await readdir(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner: number;
    try {
      owner = Number((await readFile(path.join(dir, OWNER_FILE), 'utf8')).trim());
    } catch {
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      await stopCluster(dir, bin);
      swept.push(dir);
    }
  }
  return swept;
}

/**
 * Creates and starts a cluster; the caller must `stop()` it. With `owner`, the cluster records
 * that process id, so that a later {@link sweepOrphans} removes it if the owner dies first.
 */
export async function startCluster(bin: string, owner?: number): Promise<Cluster> {
  const user = runAs();
  const dir = await mkdtemp(path.join(os.tmpdir(), PREFIX));
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const run = (cmd: string, args: string[]) =>
    execa(path.join(bin, cmd), args, { ...ids, cwd: dir, timeout: 60_000, stdin: 'ignore' });
  try {
    if (user) await chown(dir, user.uid, user.gid);
    const pwfile = path.join(dir, 'pw');
    await writeFile(pwfile, `${TEST_PASSWORD}\n`);
    if (user) await chown(pwfile, user.uid, user.gid);
    const data = path.join(dir, 'data');
    await run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await run('pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '60',
      '-l',
      path.join(dir, 'log'),
      '-o',
      opts,
    ]);
    // Written last: a sweep in another test run must never remove a cluster still being made.
    if (owner !== undefined) await writeFile(path.join(dir, OWNER_FILE), `${owner}\n`);
    const url = `postgres://postgres:${TEST_PASSWORD}@127.0.0.1:${port}/postgres`;
    return { url, dir, stop: () => stopCluster(dir, bin) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Stops the cluster in `dir` (fast shutdown) and removes the dir. */
export async function stopCluster(dir: string, bin: string | null = findPgBin()): Promise<void> {
  const user = runAs();
  try {
    if (bin && (await readdir(dir)).includes('data')) {
      await execa(
        path.join(bin, 'pg_ctl'),
        ['stop', '-D', path.join(dir, 'data'), '-m', 'fast', '-w'],
        {
          ...(user ? { uid: user.uid, gid: user.gid } : {}),
          timeout: 60_000,
          stdin: 'ignore',
          reject: false,
        },
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, dir] = argv;
  if (command === 'start') {
    const bin = findPgBin();
    if (!bin) throw new Error('No PostgreSQL binaries (initdb, pg_ctl) found.');
    const cluster = await startCluster(bin);
    process.stdout.write(
      `export ${TEST_DATABASE_URL_ENV}='${cluster.url}'\nexport PHX_GEN_MCP_TEST_PGDATA='${cluster.dir}'\n`,
    );
  } else if (command === 'stop' && dir) {
    await stopCluster(dir);
  } else {
    throw new Error('usage: pg-cluster.ts start | stop DIR');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`pg-cluster: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
