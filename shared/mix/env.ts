import { getEnv } from './find.js';

/** Copied from the server's environment when set (exact names). */
const PASS_NAMES_POSIX = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
];
const PASS_NAMES_XDG = ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'];
/** Without these, cmd.exe, erl.exe and temp files break on Windows. */
const PASS_NAMES_WIN32 = [
  'PATH',
  'PATHEXT',
  'SystemRoot',
  'SystemDrive',
  'windir',
  'ComSpec',
  'TEMP',
  'TMP',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'USERNAME',
];
/**
 * Copied by prefix: mix/hex/erlang/elixir settings (`MIX_ENV`, `MIX_HOME`, `MIX_BUILD_PATH`,
 * `HEX_HOME`, `HEX_OFFLINE`, `ERL_AFLAGS`, `ERL_LIBS`, `ELIXIR_ERL_OPTIONS`, …) and version-manager
 * state (`ASDF_DIR`, `ASDF_DATA_DIR`, `MISE_DATA_DIR`, …) so shims resolve the same Elixir.
 */
const PASS_PREFIXES = ['MIX_', 'HEX_', 'ERL_', 'ELIXIR_', 'ASDF_', 'MISE_', 'RTX_', 'KERL_'];
/**
 * Never copied: `MIX_QUIET` hides the "Compiling N files" lines and changes the output that
 * `compileProject` parses; `MIX_PATH`/`PHX_GEN_MCP_MIX` are ours, not mix's.
 */
const DROP_NAMES = new Set(['MIX_QUIET', 'MIX_PATH']);

const UTF8 = /utf-?8/i;

/**
 * The child's whole environment (we spawn with `extendEnv: false`): a minimal allowlist from
 * `source`, then `extra` on top. Guarantees a UTF-8 locale on Linux: without one the BEAM runs
 * with latin1 file-name encoding and mangles non-ASCII paths (macOS is always UTF-8 for the BEAM).
 */
export function mixEnv(
  source: NodeJS.ProcessEnv = process.env,
  extra: Record<string, string> = {},
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const out: Record<string, string> = {};
  const names =
    platform === 'win32'
      ? [...PASS_NAMES_WIN32, ...PASS_NAMES_XDG]
      : [...PASS_NAMES_POSIX, ...PASS_NAMES_XDG];
  for (const name of names) {
    const value = getEnv(source, name, platform);
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || DROP_NAMES.has(name)) continue;
    if (PASS_PREFIXES.some((p) => name.startsWith(p))) out[name] = value;
  }
  if (platform === 'linux') {
    const ctype = out.LC_ALL || out.LC_CTYPE || out.LANG || '';
    if (!UTF8.test(ctype)) {
      out.LANG = 'C.UTF-8';
      out.LC_ALL = 'C.UTF-8';
    }
  }
  return { ...out, ...extra };
}
