// shared/mix: run mix through execa (docs/ARCHITECTURE.md, "Rules"). No shell, stdin closed, output captured,
// timeout and abort kill the whole mix process tree.
export { findMix, locateMix, candidateNames, MIX_PATH_ENV_VARS } from './find.js';
export type { FindMixOptions, MixLocation, MixSource } from './find.js';
export { mixEnv } from './env.js';
export {
  runMix,
  spawnCommand,
  killAllMixProcesses,
  descendantsIn,
  parsePs,
  liveMixProcessCount,
  DEFAULT_MIX_TIMEOUT_MS,
  DEFAULT_KILL_GRACE_MS,
} from './run.js';
export type { RunMixOptions, MixRunResult, SpawnCommand } from './run.js';
export { formatFiles, MAX_MESSAGE_CHARS } from './format.js';
export type { FormatResult, MixCallOptions } from './format.js';
export { compileProject } from './compile.js';
export type { CompileOptions, CompileResult } from './compile.js';
export { parseMixDiagnostics } from './diagnostics.js';
export type { MixDiagnostic } from './diagnostics.js';
export { installedElixirVersion, parseElixirVersionOutput } from './version.js';
