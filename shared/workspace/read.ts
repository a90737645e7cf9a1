/**
 * Reading API for the servers (they may not import node:fs). Every call takes the project root
 * and a relative path and applies the rules of ./paths.ts: invalid paths throw INVALID_PATH,
 * symlinks leading outside the root throw OUTSIDE_ROOT. The API returns promises (a reader may
 * one day be remote); the file system calls behind it are synchronous (see ./index.ts).
 */
import { constants, lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { WorkspaceError } from './errors.js';
import { isInside, realRoot, resolveInRoot, splitRelativePath } from './paths.js';

/** Files larger than this are refused by {@link readText}. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
/** Default bound of {@link listFiles}. */
export const DEFAULT_LIST_LIMIT = 10_000;

/** UTF-8 content of `rel` under `root`, or null when it does not exist. Throws NOT_A_FILE for a directory. */
export async function readText(root: string, rel: string): Promise<string | null> {
  return readTextIn(realRoot(root), rel);
}

function readTextIn(rootReal: string, rel: string): string | null {
  const target = resolveInRoot(rootReal, rel, splitRelativePath(rel));
  if (target.kind === 'missing') return null;
  if (target.kind !== 'file') {
    throw new WorkspaceError('NOT_A_FILE', `${rel} is not a regular file.`, { path: rel });
  }
  const { size } = statSync(target.real);
  if (size > MAX_READ_BYTES) {
    throw new WorkspaceError(
      'TOO_LARGE',
      `${rel} is ${size} bytes; the limit is ${MAX_READ_BYTES}.`,
      { path: rel },
    );
  }
  return readFileSync(target.real, 'utf8');
}

/** Does `rel` (file or directory) exist under `root`? */
export async function exists(root: string, rel: string): Promise<boolean> {
  const target = resolveInRoot(realRoot(root), rel, splitRelativePath(rel));
  return target.kind !== 'missing';
}

export interface ListFilesOptions {
  /** Descend into subdirectories (default false). Symlinked directories are never descended. */
  recursive?: boolean;
  /** Keep only names ending with one of these (`'.ex'` or `'ex'`). */
  extensions?: string[];
  /** Throw TOO_MANY_FILES beyond this many results (default {@link DEFAULT_LIST_LIMIT}). */
  limit?: number;
}

/**
 * Regular files under `relDir` (`''` or `'.'` = the root), as sorted posix paths relative to the
 * ROOT (so they can be passed to {@link readText}). A missing `relDir` gives `[]`.
 * Symlinked files are listed only when their target is inside the root; symlinked directories are
 * not descended (no cycles, no escape).
 */
export async function listFiles(
  root: string,
  relDir: string,
  opts: ListFilesOptions = {},
): Promise<string[]> {
  return listFilesIn(realRoot(root), relDir, opts);
}

/** A listed file: its root-relative path and where to read it (a real path inside the root). */
interface ListedFile {
  rel: string;
  abs: string;
  /** The entry is a symlink; `abs` is its target's realpath, already checked to be inside. */
  link: boolean;
}

function listFilesIn(rootReal: string, relDir: string, opts: ListFilesOptions): string[] {
  return walkFiles(rootReal, relDir, opts).map((f) => f.rel);
}

/**
 * The walk behind {@link listFiles}: `relDir` is resolved with every segment checked; below it
 * only real directories are entered (readdir's own entry types: a symlinked directory is never
 * descended), and a symlinked file is kept only when its target is inside the root.
 */
function walkFiles(rootReal: string, relDir: string, opts: ListFilesOptions): ListedFile[] {
  const trimmed = relDir.replace(/\/+$/, '');
  const baseSegs = trimmed === '' || trimmed === '.' ? [] : splitRelativePath(trimmed);
  let dirReal = rootReal;
  if (baseSegs.length > 0) {
    const target = resolveInRoot(rootReal, trimmed, baseSegs);
    if (target.kind === 'missing') return [];
    if (target.kind !== 'directory') {
      throw new WorkspaceError('NOT_A_DIRECTORY', `${trimmed} is not a directory.`, {
        path: trimmed,
      });
    }
    dirReal = target.real;
  }
  const exts = (opts.extensions ?? []).map((e) => (e.startsWith('.') ? e : `.${e}`));
  const limit = opts.limit ?? DEFAULT_LIST_LIMIT;
  const out: ListedFile[] = [];

  const add = (file: ListedFile): void => {
    if (exts.length > 0 && !exts.some((e) => file.rel.endsWith(e))) return;
    out.push(file);
    if (out.length > limit) {
      throw new WorkspaceError(
        'TOO_MANY_FILES',
        `More than ${limit} files under ${trimmed === '' ? '.' : trimmed}; narrow the directory.`,
        { path: trimmed },
      );
    }
  };

  const walk = (abs: string, prefix: string): void => {
    const entries = readdirSync(abs, { withFileTypes: true });
    for (const entry of entries) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      // A directory entry's name has no separator: no path.join (it normalizes every path).
      const childAbs = abs.endsWith(path.sep) ? abs + entry.name : abs + path.sep + entry.name;
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync.native(childAbs);
        } catch {
          continue; // dangling
        }
        if (!isInside(rootReal, target)) continue;
        if (statSync(target).isFile()) add({ rel, abs: target, link: true });
      } else if (entry.isDirectory()) {
        if (opts.recursive) walk(childAbs, rel);
      } else if (entry.isFile()) {
        add({ rel, abs: childAbs, link: false });
      }
    }
  };
  walk(dirReal, baseSegs.join('/'));
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** A file's size and modification time: enough to tell that it has not changed. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

function stampsIn(rootReal: string, relDir: string, opts: ListFilesOptions): FileStamp[] {
  return walkFiles(rootReal, relDir, opts).map((f) => {
    const st = statSync(f.abs);
    return { path: f.rel, size: st.size, mtimeMs: st.mtimeMs };
  });
}

/** A listed file with its stamp and, unless it was not read (see {@link ReadFilesOptions}), its text. */
export interface FileText extends FileStamp {
  content?: string;
}

export interface ReadFilesOptions extends ListFilesOptions {
  /** Files for which this says true are stamped but not read (the caller has their text). */
  reuse?: (stamp: FileStamp) => boolean;
  /** Read only the first this many files (sorted); the rest are listed and stamped. */
  readAtMost?: number;
}

/** A regular file is opened without following a symlink put in its place after the listing. */
const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * {@link listFiles} with every file's stamp and text, in one walk: each file sits in a directory
 * the walk itself entered (see {@link walkFiles}), so it is not walked again segment by segment
 * as {@link readText} does. A file that cannot be read here (too large, changed into something
 * else since the listing, unreadable) comes without `content`: {@link readText} on it gives the
 * error (or the text) its own way.
 */
function readFilesIn(rootReal: string, relDir: string, opts: ReadFilesOptions): FileText[] {
  const readAtMost = opts.readAtMost ?? Infinity;
  return walkFiles(rootReal, relDir, opts).map((f, i) => {
    let st;
    try {
      st = f.link ? statSync(f.abs) : lstatSync(f.abs);
    } catch {
      return { path: f.rel, size: -1, mtimeMs: -1 };
    }
    const stamp: FileText = { path: f.rel, size: st.size, mtimeMs: st.mtimeMs };
    if (!st.isFile() || st.size > MAX_READ_BYTES || i >= readAtMost || opts.reuse?.(stamp)) {
      return stamp;
    }
    try {
      // A symlink's target is a checked realpath; a plain entry must still be a plain file.
      // (Node takes numeric open flags here too; its types only list the string forms.)
      const flag = (f.link ? 'r' : NO_FOLLOW) as string;
      stamp.content = readFileSync(f.abs, { encoding: 'utf8', flag });
    } catch {
      // left without content: the caller's readText meets the error
    }
    return stamp;
  });
}

/** {@link readText} and {@link listFiles} under one root. */
export interface RootReader {
  readText(rel: string): Promise<string | null>;
  listFiles(relDir: string, opts?: ListFilesOptions): Promise<string[]>;
  /** {@link listFiles} with each file's size and mtime (for caches keyed by them). */
  listStamps(relDir: string, opts?: ListFilesOptions): Promise<FileStamp[]>;
  /** {@link listStamps} with each file's text, read in the same walk (see {@link readFilesIn}). */
  readFiles(relDir: string, opts?: ReadFilesOptions): Promise<FileText[]>;
}

/**
 * Reads under `root` whose realpath is resolved once, on first use, instead of on every read: for
 * the reads of ONE call (a generation reads up to a dozen files). Every path is still checked
 * against that real root (symlinks, containment) on each read. Do not keep one across calls.
 */
export function rootReader(root: string): RootReader {
  let real: string | undefined;
  const rootReal = (): string => (real ??= realRoot(root));
  return {
    readText: async (rel) => readTextIn(rootReal(), rel),
    listFiles: async (relDir, opts = {}) => listFilesIn(rootReal(), relDir, opts),
    listStamps: async (relDir, opts = {}) => stampsIn(rootReal(), relDir, opts),
    readFiles: async (relDir, opts = {}) => readFilesIn(rootReal(), relDir, opts),
  };
}
