/**
 * The one file writer (docs/ARCHITECTURE.md, "Rules"). `writeFiles(root, files, opts)` applies one generation:
 *
 * 1. Preflight every file before writing any: path rules and symlink containment (./paths.ts;
 *    violations throw), duplicates (throw), current content on disk.
 * 2. Decide an action per file:
 *    - missing → `created`; identical → `unchanged`;
 *    - different, no `expected` → on_conflict `error`: `conflict`; `skip`: `skipped`;
 *      `overwrite`: `updated`;
 *    - with `expected` (merge-style edit): disk must still equal `expected` (null = absent), else
 *      `conflict` whatever on_conflict says; then `created`/`unchanged`/`updated`;
 *    - a directory at the path, or a file where a parent directory must be → `conflict`.
 *    Any `conflict` → nothing of the batch is written (`written: false`).
 * 3. Write: missing directories are created only now (after containment), new files with
 *    `open(…, 'wx')`, replacements via a uniquely named temp file in the same directory +
 *    `rename` (the file's mode is kept). Before each write the parent is realpath'd again.
 * 4. All-or-nothing: if a write fails (ENOSPC, EACCES, EROFS, a file changed under us, …) the
 *    files this call created are deleted, replaced files get their previous bytes back, created
 *    directories are removed, and a WRITE_FAILED error names the path and errno. If the rollback
 *    fails too, ROLLBACK_FAILED lists exactly the files left written (`error.written`).
 *
 * `written` is true iff the batch was applied (not a dry run, no conflict); `unchanged`-only
 * batches count as applied. Every batch holds the project lock (./lock.ts: keyed by the root's
 * realpath, held across processes, re-entrant when the pipeline already holds it), so concurrent
 * generations never interleave preflight and write. A process that does not take the lock (the
 * user's editor) can still race us; the re-checks in step 3 turn that into a rolled-back error
 * rather than a silent overwrite. Nested roots (`/a` and `/a/b`) take different locks.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { WorkspaceError, errnoOf, messageOf } from './errors.js';
import { withProjectLock } from './lock.js';
import {
  isInside,
  pathKey,
  realRoot,
  resolveInRoot,
  splitRelativePath,
  type ResolvedTarget,
} from './paths.js';

export type FileAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'conflict';
export type OnConflict = 'error' | 'skip' | 'overwrite';

export interface PlannedFile {
  /** Relative posix path under the project root. */
  path: string;
  content: string;
  /**
   * For merge-style edits: the exact content the generator read when it planned this edit
   * (null = it read no file). When set, the file on disk must still equal it, else that file is
   * a 'conflict' (changed under us). on_conflict does not apply to such files.
   */
  expected?: string | null;
}

export interface FileResult {
  path: string;
  action: FileAction;
  reason?: string;
}

export interface WriteOutcome {
  files: FileResult[];
  written: boolean;
  conflicts: FileResult[];
}

/** A file opened for writing (the subset of `FileHandle` the writer uses). */
export interface WritableHandle {
  writeFile(data: Uint8Array): Promise<void>;
  chmod(mode: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The write primitives. Production uses {@link nodeFsOps}; tests pass a wrapper that fails on
 * purpose (running as root, chmod cannot simulate EACCES/ENOSPC).
 */
export interface FsOps {
  /** `flags` is always 'wx' (exclusive create). */
  open(file: string, flags: 'wx', mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Non-recursive. */
  mkdir(dir: string): Promise<void>;
  rmdir(dir: string): Promise<void>;
}

/** The real primitives: synchronous calls behind the async seam (see ./index.ts for why). */
export const nodeFsOps: FsOps = {
  open: async (file, flags, mode) => {
    const fd = openSync(file, flags, mode);
    return {
      writeFile: async (data) => writeFileSync(fd, data),
      chmod: async (m) => fchmodSync(fd, m),
      close: async () => closeSync(fd),
    };
  },
  rename: async (from, to) => renameSync(from, to),
  unlink: async (file) => unlinkSync(file),
  mkdir: async (dir) => {
    mkdirSync(dir);
  },
  rmdir: async (dir) => rmdirSync(dir),
};

export interface WriteOptions {
  onConflict: OnConflict;
  /** Preflight only: report the actions, write nothing. */
  dryRun?: boolean;
  /** Test seam: replaces the write primitives. */
  fsOps?: FsOps;
}

interface Plan {
  file: PlannedFile;
  target: ResolvedTarget;
  data: Buffer;
  previous: Buffer | null;
  mode: number | undefined;
  action: FileAction;
  reason?: string;
}

type JournalEntry =
  | { kind: 'mkdir'; dir: string }
  | { kind: 'created'; rel: string; file: string }
  | { kind: 'replaced'; rel: string; file: string; previous: Buffer; mode: number | undefined };

export async function writeFiles(
  root: string,
  files: readonly PlannedFile[],
  opts: WriteOptions,
): Promise<WriteOutcome> {
  if (!['error', 'skip', 'overwrite'].includes(opts.onConflict)) {
    throw new TypeError(`onConflict must be error, skip or overwrite, not ${opts.onConflict}`);
  }
  const rootReal = realRoot(root);
  return withProjectLock(rootReal, async () => {
    const plans = preflight(rootReal, files, opts.onConflict);
    const results = plans.map(toResult);
    const conflicts = results.filter((r) => r.action === 'conflict');
    if (opts.dryRun || conflicts.length > 0) return { files: results, written: false, conflicts };
    await apply(rootReal, plans, opts.fsOps ?? nodeFsOps);
    return { files: results, written: true, conflicts };
  });
}

function toResult(p: Plan): FileResult {
  return p.reason === undefined
    ? { path: p.file.path, action: p.action }
    : { path: p.file.path, action: p.action, reason: p.reason };
}

function preflight(
  rootReal: string,
  files: readonly PlannedFile[],
  onConflict: OnConflict,
): Plan[] {
  // 1. Lexical: rules, duplicates, a file that would be another file's directory.
  const segsOf = files.map((f) => splitRelativePath(f.path));
  const keys = new Map<string, string>();
  segsOf.forEach((segs, i) => {
    const file = files[i] as PlannedFile;
    if (typeof file.content !== 'string') {
      throw new TypeError(`Planned file ${file.path} has no string content.`);
    }
    const key = pathKey(segs.join('/'));
    const other = keys.get(key);
    if (other !== undefined) {
      throw new WorkspaceError(
        'DUPLICATE_PATH',
        `Path ${file.path} appears twice in one batch (also as ${other}).`,
        { path: file.path },
      );
    }
    keys.set(key, file.path);
  });
  for (const [key, p] of keys) {
    const parts = key.split('/');
    for (let n = 1; n < parts.length; n++) {
      const parent = keys.get(parts.slice(0, n).join('/'));
      if (parent !== undefined) {
        throw new WorkspaceError(
          'DUPLICATE_PATH',
          `Batch plans ${parent} as a file and ${p} inside it.`,
          { path: p },
        );
      }
    }
  }

  // 2. On disk: containment (throws), aliases through symlinks, current content.
  const plans: Plan[] = [];
  const realKeys = new Map<string, string>();
  files.forEach((file, i) => {
    const target = resolveInRoot(rootReal, file.path, segsOf[i] as string[]);
    const realKey = pathKey(target.real);
    const alias = realKeys.get(realKey);
    if (alias !== undefined) {
      throw new WorkspaceError(
        'DUPLICATE_PATH',
        `Paths ${alias} and ${file.path} are the same file (through a symlink).`,
        { path: file.path },
      );
    }
    realKeys.set(realKey, file.path);
    plans.push(planOne(file, target, onConflict));
  });
  return plans;
}

function planOne(file: PlannedFile, target: ResolvedTarget, onConflict: OnConflict): Plan {
  const data = Buffer.from(file.content, 'utf8');
  const base = { file, target, data };
  if (target.blockedBy !== undefined) {
    return {
      ...base,
      previous: null,
      mode: undefined,
      action: 'conflict',
      reason: `${target.blockedBy} is a file, so it cannot be a directory`,
    };
  }
  if (target.kind === 'directory' || target.kind === 'other') {
    const what = target.kind === 'directory' ? 'a directory' : 'a special file';
    return {
      ...base,
      previous: null,
      mode: undefined,
      action: 'conflict',
      reason: `${what} exists at this path`,
    };
  }
  let previous: Buffer | null = null;
  let mode: number | undefined;
  if (target.kind === 'file') {
    previous = readFileSync(target.real);
    mode = lstatSync(target.real).mode & 0o7777;
  }
  const same = previous !== null && previous.equals(data);

  if (file.expected !== undefined) {
    const expected = file.expected;
    const stillAsRead =
      expected === null
        ? previous === null
        : previous !== null && previous.equals(Buffer.from(expected, 'utf8'));
    if (!stillAsRead) {
      const reason =
        expected === null
          ? 'the file was created after the generator read the project'
          : previous === null
            ? 'the file was deleted after the generator read it'
            : 'the file changed after the generator read it';
      return { ...base, previous, mode, action: 'conflict', reason };
    }
    const action: FileAction = previous === null ? 'created' : same ? 'unchanged' : 'updated';
    return { ...base, previous, mode, action };
  }

  if (previous === null) return { ...base, previous, mode, action: 'created' };
  if (same) return { ...base, previous, mode, action: 'unchanged' };
  switch (onConflict) {
    case 'overwrite':
      return { ...base, previous, mode, action: 'updated' };
    case 'skip':
      return {
        ...base,
        previous,
        mode,
        action: 'skipped',
        reason: 'exists with different content; kept (on_conflict: skip)',
      };
    case 'error':
      return {
        ...base,
        previous,
        mode,
        action: 'conflict',
        reason: 'exists with different content (on_conflict: error)',
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Apply + rollback

async function apply(rootReal: string, plans: readonly Plan[], fs: FsOps): Promise<void> {
  const journal: JournalEntry[] = [];
  // Temp files whose cleanup failed (absolute): they are changes too and must be reported.
  const leftovers: string[] = [];
  for (const plan of plans) {
    if (plan.action !== 'created' && plan.action !== 'updated') continue;
    try {
      if (plan.action === 'created') await createOne(rootReal, plan, fs, journal);
      else await replaceOne(rootReal, plan, fs, journal, leftovers);
    } catch (err) {
      const failures = await rollback(journal, fs, leftovers);
      const temps = leftovers.map((t) => path.relative(rootReal, t).split(path.sep).join('/'));
      throw writeError(plan.file.path, err, journal, failures, temps);
    }
  }
}

/** The parent directory must still be where preflight saw it (no symlink swapped in since). */
function assertParentInside(rootReal: string, plan: Plan): void {
  const parent = path.dirname(plan.target.real);
  const real = realpathSync.native(parent);
  if (!isInside(rootReal, real) || pathKey(real) !== pathKey(parent)) {
    throw new WorkspaceError(
      'OUTSIDE_ROOT',
      `The parent directory of ${plan.file.path} moved (now ${real}) during the write.`,
      { path: plan.file.path },
    );
  }
}

async function createOne(
  rootReal: string,
  plan: Plan,
  fs: FsOps,
  journal: JournalEntry[],
): Promise<void> {
  for (const dir of plan.target.missingDirs) {
    try {
      await fs.mkdir(dir);
      journal.push({ kind: 'mkdir', dir });
    } catch (err) {
      // Created meanwhile (by an earlier file of this batch it would be journaled already).
      if (errnoOf(err) !== 'EEXIST') throw err;
    }
  }
  assertParentInside(rootReal, plan);
  const handle = await fs.open(plan.target.real, 'wx');
  journal.push({ kind: 'created', rel: plan.file.path, file: plan.target.real });
  try {
    await handle.writeFile(plan.data);
  } finally {
    await handle.close();
  }
}

async function replaceOne(
  rootReal: string,
  plan: Plan,
  fs: FsOps,
  journal: JournalEntry[],
  leftovers: string[],
): Promise<void> {
  const previous = plan.previous as Buffer;
  assertParentInside(rootReal, plan);
  const st = lstatSync(plan.target.real);
  const now = st.isFile() ? readFileSync(plan.target.real) : null;
  if (now === null || !now.equals(previous)) {
    throw new WorkspaceError(
      'WRITE_FAILED',
      `${plan.file.path} changed on disk while the batch was being written.`,
      { path: plan.file.path },
    );
  }
  await replaceViaTemp(plan.target.real, plan.data, plan.mode, fs, leftovers);
  journal.push({
    kind: 'replaced',
    rel: plan.file.path,
    file: plan.target.real,
    previous,
    mode: plan.mode,
  });
}

/** A temp name next to `file` that cannot collide: pid + 96 random bits, created with 'wx'. */
export function tempNameFor(file: string): string {
  const base = path.basename(file).slice(0, 100);
  return path.join(
    path.dirname(file),
    `.${base}.${process.pid}-${randomBytes(12).toString('hex')}.tmp`,
  );
}

async function replaceViaTemp(
  file: string,
  data: Uint8Array,
  mode: number | undefined,
  fs: FsOps,
  leftovers: string[],
): Promise<void> {
  const tmp = tempNameFor(file);
  const handle = await fs.open(tmp, 'wx', mode);
  let renamed = false;
  try {
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
    renamed = true;
  } finally {
    if (!renamed) {
      await fs.unlink(tmp).catch((err: unknown) => {
        if (errnoOf(err) !== 'ENOENT') leftovers.push(tmp);
      });
    }
  }
}

interface RollbackFailure {
  entry: JournalEntry;
  error: unknown;
}

async function rollback(
  journal: readonly JournalEntry[],
  fs: FsOps,
  leftovers: string[],
): Promise<RollbackFailure[]> {
  const failures: RollbackFailure[] = [];
  for (const entry of [...journal].reverse()) {
    try {
      if (entry.kind === 'created') {
        await fs.unlink(entry.file);
      } else if (entry.kind === 'replaced') {
        await replaceViaTemp(entry.file, entry.previous, entry.mode, fs, leftovers);
      } else {
        await fs.rmdir(entry.dir);
      }
    } catch (error) {
      if (errnoOf(error) === 'ENOENT' && entry.kind !== 'replaced') continue;
      failures.push({ entry, error });
    }
  }
  return failures;
}

function describeErr(err: unknown): string {
  const code = errnoOf(err);
  const msg = messageOf(err);
  return code !== undefined && !msg.startsWith(code) ? `${code}: ${msg}` : msg;
}

function writeError(
  rel: string,
  err: unknown,
  journal: readonly JournalEntry[],
  failures: readonly RollbackFailure[],
  tempFiles: readonly string[] = [],
): WorkspaceError {
  const errno = errnoOf(err);
  const cause = err instanceof WorkspaceError ? err.message : describeErr(err);
  const writtenFiles = journal.filter((e) => e.kind !== 'mkdir').length;
  if (failures.length === 0 && tempFiles.length === 0) {
    return new WorkspaceError(
      err instanceof WorkspaceError && err.code === 'OUTSIDE_ROOT'
        ? 'OUTSIDE_ROOT'
        : 'WRITE_FAILED',
      `Writing ${rel} failed (${cause}). Nothing was changed: ` +
        `the ${writtenFiles} file(s) this call had already written were rolled back.`,
      { path: rel, errno, cause: err },
    );
  }
  const restored = failures.flatMap((f) => (f.entry.kind === 'mkdir' ? [] : [f.entry.rel]));
  const leftFiles = [...restored, ...tempFiles];
  const leftDirs = failures.flatMap((f) => (f.entry.kind === 'mkdir' ? [f.entry.dir] : []));
  const details = failures
    .map((f) => {
      const what = f.entry.kind === 'mkdir' ? f.entry.dir : f.entry.rel;
      return `${what}: ${describeErr(f.error)}`;
    })
    .join('; ');
  const parts = [
    failures.length > 0
      ? `Writing ${rel} failed (${cause}), and the rollback failed too.`
      : `Writing ${rel} failed (${cause}); the written files were rolled back, but not every temporary file could be removed.`,
    restored.length > 0
      ? `These files were written by this call and could not be restored: ${restored.join(', ')}.`
      : 'Every written file was restored.',
    tempFiles.length > 0
      ? `Temporary files that could not be removed: ${tempFiles.join(', ')}.`
      : '',
    leftDirs.length > 0 ? `Directories left behind: ${leftDirs.join(', ')}.` : '',
    details !== '' ? `Rollback errors: ${details}.` : '',
  ];
  return new WorkspaceError('ROLLBACK_FAILED', parts.filter((p) => p !== '').join(' '), {
    path: rel,
    errno,
    written: leftFiles,
    cause: err,
  });
}
