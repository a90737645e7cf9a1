/**
 * Which Phoenix project a tool call works on (docs/ARCHITECTURE.md, "Rules › Roots").
 *
 * - `project_root` given: absolute (or `~/…`), or relative to the single allowed dir. After
 *   realpath it must be an existing directory inside an allowed dir. It need not contain mix.exs.
 * - not given: the candidates are the allowed dirs that contain `mix.exs` themselves (no search
 *   below them); exactly one → it, none or several → ToolError listing them.
 * - no allowed dir at all → ToolError {@link NO_ROOT_MESSAGE}, except with `{ optional: true }`
 *   (dry runs), which gives `undefined` when nothing was requested and nothing can be chosen.
 *   An explicit `project_root` that cannot be honoured is an error even then.
 */
import path from 'node:path';
import { exists, expandHome, isInside, resolveRealDirs } from '../workspace/index.js';
import { ToolError } from './errors.js';

export const NO_ROOT_MESSAGE =
  'No project root is allowed. Start the server with --root <dir> (or PHX_GEN_MCP_ROOTS) ' +
  'or use a client that supports MCP roots.';

export interface ResolveProjectRootOptions {
  /** Give `undefined` instead of an error when no project can be chosen (dry runs). */
  optional?: boolean;
}

const list = (dirs: readonly string[]): string => (dirs.length === 0 ? '(none)' : dirs.join(', '));

export function resolveProjectRoot(
  allowed: readonly string[],
  requested?: string,
  opts?: { optional?: false },
): Promise<string>;
export function resolveProjectRoot(
  allowed: readonly string[],
  requested: string | undefined,
  opts: ResolveProjectRootOptions,
): Promise<string | undefined>;
export async function resolveProjectRoot(
  allowed: readonly string[],
  requested?: string,
  opts: ResolveProjectRootOptions = {},
): Promise<string | undefined> {
  const dirs = await resolveRealDirs(allowed);
  if (requested !== undefined && requested.trim() !== '') {
    return resolveRequested(dirs, requested);
  }
  if (dirs.length === 0) {
    if (opts.optional) return undefined;
    throw new ToolError(NO_ROOT_MESSAGE, { details: { allowed_dirs: [] } });
  }
  const candidates: string[] = [];
  for (const dir of dirs) {
    if (await exists(dir, 'mix.exs').catch(() => false)) candidates.push(dir);
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    if (opts.optional) return undefined;
    throw new ToolError(
      `None of the allowed directories contains a mix.exs: ${list(dirs)}. ` +
        'Pass project_root with the path of your Phoenix project (inside an allowed directory).',
      { details: { allowed_dirs: dirs } },
    );
  }
  throw new ToolError(
    `Several allowed directories contain a mix.exs: ${list(candidates)}. ` +
      'Pass project_root to choose one of them.',
    { details: { allowed_dirs: dirs, candidates } },
  );
}

/** The variant for dry runs: `undefined` when there is no project to look at. */
export function tryResolveProjectRoot(
  allowed: readonly string[],
  requested?: string,
): Promise<string | undefined> {
  return resolveProjectRoot(allowed, requested, { optional: true });
}

async function resolveRequested(dirs: readonly string[], requested: string): Promise<string> {
  const shown = JSON.stringify(requested);
  if (dirs.length === 0) {
    throw new ToolError(`project_root ${shown} cannot be used. ${NO_ROOT_MESSAGE}`, {
      details: { project_root: requested, allowed_dirs: [] },
    });
  }
  if (requested.includes('\0')) {
    throw new ToolError(`project_root ${shown} contains a NUL character.`, {
      details: { project_root: requested },
    });
  }
  const expanded = expandHome(requested);
  let absolute: string;
  if (path.isAbsolute(expanded)) {
    absolute = expanded;
  } else if (dirs.length === 1) {
    absolute = path.resolve(dirs[0] as string, expanded);
  } else {
    throw new ToolError(
      `project_root ${shown} is relative, but there are ${dirs.length} allowed directories ` +
        `(${list(dirs)}). Pass an absolute path inside one of them.`,
      { details: { project_root: requested, allowed_dirs: dirs } },
    );
  }
  const [real] = await resolveRealDirs([absolute]);
  if (real === undefined) {
    throw new ToolError(
      `project_root ${shown} (${absolute}) does not exist or is not a directory. ` +
        `Allowed directories: ${list(dirs)}.`,
      { details: { project_root: requested, allowed_dirs: dirs } },
    );
  }
  if (!dirs.some((dir) => isInside(dir, real))) {
    throw new ToolError(
      `project_root ${shown} (${real}) is outside the allowed directories: ${list(dirs)}. ` +
        'Pass a project_root inside one of them, or ask the operator to start the server ' +
        `with --root ${real}.`,
      { details: { project_root: requested, allowed_dirs: dirs } },
    );
  }
  return real;
}
