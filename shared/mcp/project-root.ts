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
import type { AllowedDirs } from './roots.js';

export const NO_ROOT_MESSAGE =
  'No project root is allowed. Start the server with --root <dir> (or PHX_GEN_MCP_ROOTS) ' +
  'or use a client that supports MCP roots.';

/**
 * Why no directory is allowed, when both sources were given but do not overlap: both sides and
 * the two ways to fix it. Otherwise {@link NO_ROOT_MESSAGE}.
 */
export function noRootMessage(allowed: Pick<AllowedDirs, 'disjoint'>): string {
  const d = allowed.disjoint;
  if (d === undefined) return NO_ROOT_MESSAGE;
  return (
    `No project root is allowed: the operator's --root dirs (${list(d.cli)}) and the ` +
    `client's MCP roots (${list(d.client)}) do not overlap, and only a directory both allow ` +
    'may be written. Open a folder in the client that is inside a --root dir (or contains one), ' +
    'or restart the server with --root set to the project, e.g. ' +
    `--root ${d.client[0] ?? '<dir>'}.`
  );
}

function noRootError(
  allowed: Pick<AllowedDirs, 'disjoint'>,
  prefix = '',
  details: Record<string, unknown> = {},
): ToolError {
  const d = allowed.disjoint;
  return new ToolError(prefix + noRootMessage(allowed), {
    details: {
      ...details,
      allowed_dirs: [],
      ...(d ? { operator_roots: d.cli, client_roots: d.client } : {}),
    },
  });
}

export interface ResolveProjectRootOptions {
  /** Give `undefined` instead of an error when no project can be chosen (dry runs). */
  optional?: boolean;
}

const list = (dirs: readonly string[]): string => (dirs.length === 0 ? '(none)' : dirs.join(', '));

type Allowed = readonly string[] & Pick<AllowedDirs, 'disjoint'>;

export function resolveProjectRoot(
  allowed: Allowed,
  requested?: string,
  opts?: { optional?: false },
): Promise<string>;
export function resolveProjectRoot(
  allowed: Allowed,
  requested: string | undefined,
  opts: ResolveProjectRootOptions,
): Promise<string | undefined>;
export async function resolveProjectRoot(
  allowed: Allowed,
  requested?: string,
  opts: ResolveProjectRootOptions = {},
): Promise<string | undefined> {
  const dirs = await resolveRealDirs(allowed);
  if (requested !== undefined && requested.trim() !== '') {
    return resolveRequested(dirs, requested, allowed);
  }
  if (dirs.length === 0) {
    if (opts.optional) return undefined;
    throw noRootError(allowed);
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
  allowed: Allowed,
  requested?: string,
): Promise<string | undefined> {
  return resolveProjectRoot(allowed, requested, { optional: true });
}

async function resolveRequested(
  dirs: readonly string[],
  requested: string,
  allowed: Allowed,
): Promise<string> {
  const shown = JSON.stringify(requested);
  if (dirs.length === 0) {
    throw noRootError(allowed, `project_root ${shown} cannot be used. `, {
      project_root: requested,
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
