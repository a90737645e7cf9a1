/**
 * Path policy of the workspace (docs/ARCHITECTURE.md, "Rules": the writer, roots). Every file the suite reads or writes is named by a
 * path *relative to a project root*; the root itself comes from shared/mcp (allowed dirs).
 *
 * Relative path rules ({@link splitRelativePath}), checked before anything touches the disk:
 * - non-empty string, segments separated by `/` only;
 * - no NUL or other control character (U+0000–U+001F);
 * - no backslash, on every platform: generated paths are posix, and on Windows a backslash is a
 *   separator that could smuggle a `..` past the segment check. A legitimate posix file name
 *   with a backslash is therefore unreachable through this API (accepted trade-off);
 * - not absolute: no leading `/`, no drive prefix (`C:`), no UNC `//host`;
 * - no empty, `.` or `..` segment (so no trailing slash, no `a//b`).
 *
 * Resolution ({@link resolveInRoot}): the root is realpath'd; the target is walked segment by
 * segment from the real root with `lstat`. Each symlink met on the way (directory or file) is
 * realpath'd and must stay inside the real root, else OUTSIDE_ROOT. A dangling symlink is
 * rejected too. The first missing segment ends the walk: the rest will be created (directories
 * only after this check). This is the "realpath the nearest existing ancestor" rule, applied to
 * every ancestor.
 *
 * Containment ({@link isInside}) is separator-aware (`/proj-evil` is not inside `/proj`) and
 * case-insensitive on win32 and darwin (their default file systems are). Unicode normalization
 * differences (NFC/NFD on macOS) are not folded.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { WorkspaceError, errnoOf, messageOf } from './errors.js';

export type Platform = NodeJS.Platform;

function isCaseInsensitive(platform: Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

function pathApi(platform: Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** A comparison key for an absolute path: case-folded where the platform's FS is. */
export function pathKey(p: string, platform: Platform = process.platform): string {
  return isCaseInsensitive(platform) ? p.toLowerCase() : p;
}

/** `~` and `~/x` → the home directory. Other forms (`~user`) are left alone. */
export function expandHome(p: string): string {
  if (p === '~') return homedir();
  if (p.startsWith('~/') || (process.platform === 'win32' && p.startsWith('~\\'))) {
    return path.join(homedir(), p.slice(2));
  }
  return p;
}

/**
 * Is `p` equal to `dir` or below it? Both must be absolute; purely lexical (callers pass
 * realpaths). Separator-aware; case-insensitive on win32 and darwin.
 */
export function isInside(dir: string, p: string, platform: Platform = process.platform): boolean {
  const P = pathApi(platform);
  if (!P.isAbsolute(dir) || !P.isAbsolute(p) || dir.includes('\0') || p.includes('\0')) {
    return false;
  }
  const d = pathKey(P.normalize(dir), platform);
  const q = pathKey(P.normalize(p), platform);
  if (d === q) return true;
  const prefix = d.endsWith(P.sep) ? d : d + P.sep;
  return q.startsWith(prefix);
}

/**
 * Expand `~`, resolve against the cwd, realpath, keep existing directories, de-duplicate
 * (by {@link pathKey}), keep the first occurrence's order. Entries that are missing, not
 * directories, empty or contain NUL are dropped silently; compare input and output to report them.
 */
export async function resolveRealDirs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (typeof p !== 'string' || p.trim() === '' || p.includes('\0')) continue;
    let real: string;
    try {
      real = realpathSync.native(path.resolve(expandHome(p)));
      if (!statSync(real).isDirectory()) continue;
    } catch {
      continue;
    }
    const key = pathKey(real);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(real);
  }
  return out;
}

/** Why a relative path is refused, or undefined when it follows the rules (see module doc). */
export function relativePathProblem(rel: unknown): string | undefined {
  if (typeof rel !== 'string') return 'is not a string';
  if (rel.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(rel)) return 'contains a NUL or control character';
  if (rel.includes('\\')) return 'contains a backslash (use "/" as the separator)';
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) {
    return 'is absolute (paths must be relative to the project root)';
  }
  for (const seg of rel.split('/')) {
    if (seg === '') return 'has an empty segment (leading, trailing or double "/")';
    if (seg === '..') return 'has a ".." segment';
    if (seg === '.') return 'has a "." segment';
  }
  return undefined;
}

/** Validate a relative path (see module doc) and split it into segments. Throws INVALID_PATH. */
export function splitRelativePath(rel: string): string[] {
  const problem = relativePathProblem(rel);
  if (problem !== undefined) {
    throw new WorkspaceError('INVALID_PATH', `Path ${JSON.stringify(rel)} ${problem}.`, {
      path: typeof rel === 'string' ? rel : String(rel),
    });
  }
  return rel.split('/');
}

/** Realpath of a project root; throws INVALID_ROOT unless it is an existing absolute directory. */
export function realRoot(root: string): string {
  if (typeof root !== 'string' || !path.isAbsolute(root) || root.includes('\0')) {
    throw new WorkspaceError(
      'INVALID_ROOT',
      `Project root ${JSON.stringify(root)} must be an absolute path.`,
    );
  }
  try {
    const real = realpathSync.native(root);
    if (!statSync(real).isDirectory()) {
      throw new WorkspaceError('INVALID_ROOT', `Project root ${root} is not a directory.`);
    }
    return real;
  } catch (err) {
    if (err instanceof WorkspaceError) throw err;
    throw new WorkspaceError(
      'INVALID_ROOT',
      `Project root ${root} cannot be used: ${messageOf(err)}.`,
      { errno: errnoOf(err), cause: err },
    );
  }
}

export type TargetKind = 'file' | 'directory' | 'other' | 'missing';

export interface ResolvedTarget {
  /** The relative path as given. */
  rel: string;
  /** Where the content lives: real path of the existing part + the missing segments. */
  real: string;
  kind: TargetKind;
  /** Real absolute directories that do not exist yet, outermost first (the target's parents). */
  missingDirs: string[];
  /** Set when an existing ancestor is not a directory: its relative path. */
  blockedBy?: string;
}

/**
 * Resolve `rel` (already validated segments) under `rootReal` (a realpath) following the rules in
 * the module doc. Throws OUTSIDE_ROOT when a symlink on the way leads outside or dangles.
 */
export function resolveInRoot(
  rootReal: string,
  rel: string,
  segs: readonly string[],
): ResolvedTarget {
  let cur = rootReal;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as string;
    const last = i === segs.length - 1;
    const next = path.join(cur, seg);
    let st;
    try {
      st = lstatSync(next);
    } catch (err) {
      const code = errnoOf(err);
      if (code === 'ENOENT') {
        const rest = segs.slice(i);
        const missingDirs: string[] = [];
        let dir = cur;
        for (const s of rest.slice(0, -1)) {
          dir = path.join(dir, s);
          missingDirs.push(dir);
        }
        return { rel, real: path.join(cur, ...rest), kind: 'missing', missingDirs };
      }
      if (code === 'ENOTDIR') {
        return blocked(rel, cur, segs, i);
      }
      throw err;
    }
    if (st.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync.native(next);
      } catch {
        throw new WorkspaceError(
          'OUTSIDE_ROOT',
          `Path ${rel}: ${segs.slice(0, i + 1).join('/')} is a symlink whose target does not exist.`,
          { path: rel },
        );
      }
      if (!isInside(rootReal, target)) {
        throw new WorkspaceError(
          'OUTSIDE_ROOT',
          `Path ${rel} leads outside the project root ${rootReal}: ` +
            `${segs.slice(0, i + 1).join('/')} is a symlink to ${target}.`,
          { path: rel },
        );
      }
      cur = target;
      st = statSync(target);
    } else {
      cur = next;
    }
    if (last) {
      const kind: TargetKind = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
      return { rel, real: cur, kind, missingDirs: [] };
    }
    if (!st.isDirectory()) return blocked(rel, cur, segs, i + 1);
  }
  // segs is never empty (validated), so the loop always returns.
  return { rel, real: rootReal, kind: 'directory', missingDirs: [] };
}

/** An existing ancestor (segments 0..i-1, real path `cur`) is not a directory. */
function blocked(rel: string, cur: string, segs: readonly string[], i: number): ResolvedTarget {
  return {
    rel,
    real: path.join(cur, ...segs.slice(i)),
    kind: 'missing',
    missingDirs: [],
    blockedBy: segs.slice(0, i).join('/'),
  };
}
