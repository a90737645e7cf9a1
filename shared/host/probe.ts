/**
 * shared/host: read-only probes of the machine the server runs on, for shared/mix: is there an
 * executable at this path (the PATH scan for mix), is there a file (mix.exs before formatting),
 * which processes descend from mix (Linux /proc, to kill the whole tree on a timeout), which
 * Elixir version is installed. These look
 * at the host, not at a project's files: nothing here writes, and no path comes from a client, so
 * they need none of shared/workspace's root checks. The lint rule allows node:fs here and in
 * shared/workspace only (docs/ARCHITECTURE.md, "The file-system rule").
 */
import { constants, readdirSync, readFileSync } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** True when `path` is a regular file (symlinks followed). Never throws. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * True when `path` is a regular file the current user may execute. On win32 `X_OK` is the same
 * as `F_OK`, so this is "exists and is a file"; the caller filters by PATHEXT there.
 */
export async function isExecutableFile(path: string): Promise<boolean> {
  if (!(await isFile(path))) return false;
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `[pid, ppid]` of every process, from Linux /proc (no `ps` needed: minimal images lack procps).
 * null when /proc is not readable (macOS, BSD, win32): callers fall back to `ps`. Synchronous
 * because the process-exit hook needs it; a few ms for a few hundred processes.
 */
export function procTable(): [number, number][] | null {
  if (process.platform !== 'linux') return null;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const out: [number, number][] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid …`; comm may contain spaces and parentheses: split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (Number.isInteger(ppid)) out.push([Number(name), ppid]);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * The version an Elixir installation declares in `lib/elixir/ebin/elixir.app`, found from its
 * `bin/mix` or `bin/elixir` (symlinks followed, as Debian's /usr/bin/mix is). No BEAM starts
 * (`elixir --version` costs 1-3 s). undefined when the layout is not that of an installation
 * (a wrapper script, an asdf shim). Never throws.
 */
export async function installedElixirAppVersion(executable: string): Promise<string | undefined> {
  try {
    const bin = dirname(await realpath(executable));
    const app = await readFile(join(bin, '..', 'lib', 'elixir', 'ebin', 'elixir.app'), 'utf8');
    return /\{vsn,\s*"([^"]+)"\}/.exec(app)?.[1];
  } catch {
    return undefined;
  }
}
