/**
 * Reading API for the servers (they may not import node:fs). Every call takes the project root
 * and a relative path and applies the rules of ./paths.ts: invalid paths throw INVALID_PATH,
 * symlinks leading outside the root throw OUTSIDE_ROOT. The API returns promises (a reader may
 * one day be remote); the file system calls behind it are synchronous (see ./index.ts).
 */
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
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

function listFilesIn(rootReal: string, relDir: string, opts: ListFilesOptions): string[] {
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
  const out: string[] = [];

  const add = (relPath: string): void => {
    if (exts.length > 0 && !exts.some((e) => relPath.endsWith(e))) return;
    out.push(relPath);
    if (out.length > limit) {
      throw new WorkspaceError(
        'TOO_MANY_FILES',
        `More than ${limit} files under ${trimmed === '' ? '.' : trimmed}; narrow the directory.`,
        { path: trimmed },
      );
    }
  };

  const walk = (abs: string, segs: string[]): void => {
    const entries = readdirSync(abs, { withFileTypes: true });
    for (const entry of entries) {
      const childSegs = [...segs, entry.name];
      const childAbs = path.join(abs, entry.name);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync.native(childAbs);
        } catch {
          continue; // dangling
        }
        if (!isInside(rootReal, target)) continue;
        if (statSync(target).isFile()) add(childSegs.join('/'));
      } else if (entry.isDirectory()) {
        if (opts.recursive) walk(childAbs, childSegs);
      } else if (entry.isFile()) {
        add(childSegs.join('/'));
      }
    }
  };
  walk(dirReal, baseSegs);
  return out.sort();
}

/** A file's size and modification time: enough to tell that it has not changed. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

function stampsIn(rootReal: string, relDir: string, opts: ListFilesOptions): FileStamp[] {
  return listFilesIn(rootReal, relDir, opts).map((rel) => {
    const st = statSync(path.join(rootReal, ...rel.split('/')));
    return { path: rel, size: st.size, mtimeMs: st.mtimeMs };
  });
}

/** {@link readText} and {@link listFiles} under one root. */
export interface RootReader {
  readText(rel: string): Promise<string | null>;
  listFiles(relDir: string, opts?: ListFilesOptions): Promise<string[]>;
  /** {@link listFiles} with each file's size and mtime (for caches keyed by them). */
  listStamps(relDir: string, opts?: ListFilesOptions): Promise<FileStamp[]>;
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
  };
}
