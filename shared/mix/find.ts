import path from 'node:path';
import { isExecutableFile } from '../host/probe.js';

export interface FindMixOptions {
  /** Explicit path from `--mix`; wins over the environment. A bare name (`mix`) is looked up on PATH. */
  mixPath?: string;
  /** Environment to read `PHX_GEN_MCP_MIX`, `MIX_PATH`, `PATH`, `PATHEXT` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** For tests of the win32 rules; default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Executability probe; default checks the real filesystem. */
  isExecutable?: (file: string) => Promise<boolean>;
}

export type MixSource = '--mix' | 'PHX_GEN_MCP_MIX' | 'MIX_PATH' | 'PATH';

export type MixLocation =
  { found: true; path: string; source: MixSource } | { found: false; reason: string };

/** Environment variables that name the mix executable, in priority order. */
export const MIX_PATH_ENV_VARS = ['PHX_GEN_MCP_MIX', 'MIX_PATH'] as const;

const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

/** Reads an env var; on win32 names are case-insensitive (`Path`). */
export function getEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/**
 * File names to try for `name` in one PATH directory. POSIX: the name itself. win32: the name with
 * each PATHEXT extension (`mix.bat` is what the Elixir installer ships; a bare `mix` there is the
 * Elixir script, which Windows cannot execute). Spawning a `.bat`/`.cmd` needs `cmd.exe`: see
 * `spawnCommand` in run.ts.
 */
export function candidateNames(
  name: string,
  platform: NodeJS.Platform,
  pathext: string | undefined,
): string[] {
  if (platform !== 'win32') return [name];
  if (path.win32.extname(name) !== '') return [name];
  const exts = (pathext ?? DEFAULT_PATHEXT)
    .split(';')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.startsWith('.'));
  return exts.map((e) => name + e);
}

/**
 * Where is mix, and why not. Order: `mixPath` option, `PHX_GEN_MCP_MIX`, `MIX_PATH`, then a scan
 * of PATH (no shell, no `which`). An explicit setting that does not point at an executable is an
 * error, not a reason to fall back to PATH: a typo in the config should be visible.
 */
export async function locateMix(opts: FindMixOptions = {}): Promise<MixLocation> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const isExecutable = opts.isExecutable ?? isExecutableFile;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const pathext = getEnv(env, 'PATHEXT', platform);
  const pathVar = getEnv(env, 'PATH', platform) ?? '';

  const scan = async (name: string): Promise<string | null> => {
    for (const dir of pathVar.split(p.delimiter)) {
      if (dir === '' || !p.isAbsolute(dir)) continue; // relative PATH entries are a hijack risk
      for (const candidate of candidateNames(name, platform, pathext)) {
        const full = p.join(dir, candidate);
        if (await isExecutable(full)) return full;
      }
    }
    return null;
  };

  const explicit: [MixSource, string | undefined][] = [
    ['--mix', opts.mixPath],
    ...MIX_PATH_ENV_VARS.map((v): [MixSource, string | undefined] => [v, getEnv(env, v, platform)]),
  ];
  for (const [source, value] of explicit) {
    if (value === undefined || value.trim() === '') continue;
    const given = value.trim();
    const isBareName = !given.includes('/') && !(platform === 'win32' && given.includes('\\'));
    if (isBareName) {
      const found = await scan(given);
      if (found !== null) return { found: true, path: found, source };
      return {
        found: false,
        reason: `mix not found: ${source}=${given} is not on PATH=${pathVar || '(empty)'}`,
      };
    }
    const full = p.resolve(given);
    for (const candidate of candidateNames(full, platform, pathext)) {
      if (await isExecutable(candidate)) return { found: true, path: candidate, source };
    }
    return {
      found: false,
      reason: `mix not found: ${source}=${given} is not an executable file`,
    };
  }

  const found = await scan('mix');
  if (found !== null) return { found: true, path: found, source: 'PATH' };
  return {
    found: false,
    reason:
      `mix not found on PATH=${pathVar || '(empty)'}; ` +
      `pass --mix /path/to/mix or set PHX_GEN_MCP_MIX (or MIX_PATH) in the server's env`,
  };
}

/** Absolute path of the mix executable, or null (see `locateMix` for the reason). */
export async function findMix(opts: FindMixOptions = {}): Promise<string | null> {
  const loc = await locateMix(opts);
  return loc.found ? loc.path : null;
}
