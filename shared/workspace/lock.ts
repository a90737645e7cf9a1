/**
 * The one project lock. Everything that reads a project to decide what to write, and then writes
 * it, holds this lock for the project from the first read to the last write (and mix format):
 * the pipeline around a whole generation, the writer around one batch. Two rules make it hold:
 *
 * 1. One key per project: the realpath of the root (case-folded where the file system is), so a
 *    symlinked or differently spelled root is the same project.
 * 2. It holds across processes, not only across calls of one server: the MCP client usually runs
 *    each server as its own process, and two `ecto-migration` processes that both read
 *    `priv/repo/migrations` before either writes would pick the same version. Inside a process
 *    an async queue per key orders the calls; across processes a lock file, created with O_EXCL
 *    (`wx`), in a per-user directory under the OS temp dir, named by a hash of the key. The file
 *    lives outside the project on purpose: a project may be read-only to us except for the
 *    files we generate, and a lock file in it would show up in the user's `git status`.
 *
 * Re-entrant within one async call chain (AsyncLocalStorage): the writer takes the lock the
 * pipeline already holds without waiting for itself.
 *
 * Stale locks: the file records pid, host and start time. A lock whose process is gone (same
 * host) or that is older than STALE_AFTER_MS is removed and the create is retried; the removal
 * checks that the file still holds what was judged stale, so a fresh lock is not deleted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { WorkspaceError, errnoOf, messageOf } from './errors.js';
import { pathKey, realRoot } from './paths.js';

/** A lock older than this is presumed abandoned even if its pid looks alive (pid reuse). */
const STALE_AFTER_MS = 15 * 60_000;
/** An unreadable lock file older than this was left by a process that died creating it. */
const UNREADABLE_STALE_MS = 5_000;
/** How long a call waits for another process's generation before giving up. */
const DEFAULT_WAIT_MS = 10 * 60_000;

export interface ProjectLockOptions {
  /** Stop waiting when aborted (the client cancelled the call). */
  signal?: AbortSignal;
  /** Give up waiting after this long (default 10 minutes). */
  waitMs?: number;
  /** Directory for the lock files (tests); default a per-user directory under the OS temp dir. */
  lockDir?: string;
}

const HOST = hostname();
const held = new AsyncLocalStorage<ReadonlySet<string>>();
const queues = new Map<string, Promise<void>>();
/** Lock files this process holds, removed on exit (a crash leaves them to stale recovery). */
const ownFiles = new Map<string, string>();
let exitHook = false;

/** The key the lock uses for `root`: its realpath, case-folded on case-insensitive systems. */
export function projectKey(root: string): string {
  return pathKey(realRoot(root));
}

export function defaultLockDir(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = String(process.getuid?.() ?? 'user');
  }
  return path.join(tmpdir(), `phx-gen-mcp-locks-${user.replace(/[^\w.-]/g, '_')}`);
}

/** Runs `fn` holding the lock of the project at `root` (see the file comment). */
export async function withProjectLock<T>(
  root: string,
  fn: () => Promise<T>,
  opts: ProjectLockOptions = {},
): Promise<T> {
  const real = realRoot(root);
  const key = pathKey(real);
  const mine = held.getStore();
  if (mine?.has(key)) return fn();

  const previous = queues.get(key) ?? Promise.resolve();
  let done!: () => void;
  const turn = new Promise<void>((resolve) => {
    done = resolve;
  });
  const tail = previous.then(() => turn);
  queues.set(key, tail);
  await previous;
  try {
    const file = path.join(opts.lockDir ?? defaultLockDir(), `${hashOf(key)}.lock`);
    const release = await acquireFile(file, real, opts);
    try {
      return await held.run(new Set([...(mine ?? []), key]), fn);
    } finally {
      release();
    }
  } finally {
    done();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

interface LockRecord {
  pid: number;
  host: string;
  since: number;
  token: string;
}

async function acquireFile(
  file: string,
  root: string,
  opts: ProjectLockOptions,
): Promise<() => void> {
  ensureDir(path.dirname(file));
  const record: LockRecord = {
    pid: process.pid,
    host: HOST,
    since: Date.now(),
    token: randomBytes(8).toString('hex'),
  };
  const text = JSON.stringify(record);
  const deadline = Date.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    if (tryCreate(file, text)) break;
    removeIfStale(file);
    if (tryCreate(file, text)) break;
    opts.signal?.throwIfAborted();
    if (Date.now() >= deadline) {
      throw new WorkspaceError(
        'LOCKED',
        `Another generation has been writing to ${root} for too long (lock file ${file}); try again when it is done, or delete that file if no phx-gen-mcp server is running.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  ownFiles.set(file, text);
  installExitHook();
  return () => {
    ownFiles.delete(file);
    removeIfContent(file, text);
  };
}

const madeDirs = new Set<string>();

/** The lock directory, created once per process (a call costs no mkdir after the first). */
function ensureDir(dir: string): void {
  if (madeDirs.has(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  madeDirs.add(dir);
}

/** Creates `file` with `text` unless it exists. */
function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return false;
    if (errnoOf(err) === 'ENOENT' && madeDirs.delete(path.dirname(file))) {
      // The directory went away (a temp cleaner): make it again, once.
      ensureDir(path.dirname(file));
      return tryCreate(file, text);
    }
    throw new WorkspaceError(
      'WRITE_FAILED',
      `Cannot create the lock file ${file}: ${messageOf(err)}`,
      {
        errno: errnoOf(err),
        cause: err,
      },
    );
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function removeIfStale(file: string): void {
  const text = readLock(file);
  if (text === null) return;
  if (isStale(file, text)) removeIfContent(file, text);
}

function isStale(file: string, text: string): boolean {
  let r: Partial<LockRecord>;
  try {
    r = JSON.parse(text) as Partial<LockRecord>;
  } catch {
    // Empty while its creator writes it (microseconds), or left so by a process that died
    // between create and write: stale once it has been so for a few seconds.
    return ageMs(file) > UNREADABLE_STALE_MS;
  }
  if (typeof r.since !== 'number' || Date.now() - r.since > STALE_AFTER_MS) return true;
  if (r.host !== HOST || typeof r.pid !== 'number') return false;
  return !processAlive(r.pid);
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errnoOf(err) === 'EPERM';
  }
}

/** Deletes `file` if it still holds `text` (never another holder's fresh lock). */
function removeIfContent(file: string, text: string): void {
  if (readLock(file) !== text) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const [file, text] of ownFiles) removeIfContent(file, text);
  });
}
