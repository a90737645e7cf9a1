import path from 'node:path';
import { locateMix } from './find.js';
import { isFile } from '../host/probe.js';
import { runMix } from './run.js';
import type { MixRunResult } from './run.js';

/** Options shared by the high-level calls (formatFiles, compileProject). */
export interface MixCallOptions {
  /** Explicit mix (`--mix`); else PHX_GEN_MCP_MIX / MIX_PATH from `env`; else PATH. */
  mixPath?: string;
  /** The server's environment: where mix is looked up and what is passed through. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type FormatResult =
  | { status: 'formatted'; files: string[]; durationMs: number }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string; message: string };

/** Longest mix output we put in a result (MCP results should stay small). */
export const MAX_MESSAGE_CHARS = 4_000;

export function trimOutput(text: string, max = MAX_MESSAGE_CHARS): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)}\n… (${t.length - max} more characters)`;
}

/** Why a run that did not exit 0 failed, in one sentence. */
export function failureReason(
  task: string,
  r: MixRunResult,
  timeoutMs: number | undefined,
): string {
  if (r.spawnError !== undefined) return `could not start mix ${task}: ${r.spawnError}`;
  if (r.timedOut)
    return `mix ${task} timed out after ${timeoutMs ?? 'the default'} ms and was killed`;
  if (r.aborted) return `mix ${task} was cancelled`;
  if (r.signal !== undefined) return `mix ${task} was killed by ${r.signal}`;
  return `mix ${task} exited with code ${r.exitCode}`;
}

/** mix is found and `root` is a mix project, or why not. */
export async function prepareMix(
  root: string,
  opts: MixCallOptions,
): Promise<{ ok: true; mixPath: string } | { ok: false; reason: string }> {
  const loc = await locateMix({
    ...(opts.mixPath === undefined ? {} : { mixPath: opts.mixPath }),
    ...(opts.env === undefined ? {} : { env: opts.env }),
  });
  if (!loc.found) return { ok: false, reason: loc.reason };
  if (!(await isFile(path.join(root, 'mix.exs')))) {
    return { ok: false, reason: `${root} has no mix.exs, so it is not a mix project` };
  }
  return { ok: true, mixPath: loc.path };
}

/**
 * One `mix format -- <files…>` in `root` (the project's own `.formatter.exs`, including its
 * `subdirectories` such as `priv/repo/migrations`, applies). Never throws for mix's failures:
 * - skipped: no files, mix not found, or `root` has no mix.exs (generation still succeeded);
 * - failed: mix exited non-zero, timed out, was cancelled; `message` is mix's output, trimmed.
 * mix formats files in parallel, so when one file has a syntax error the *other* files may still
 * have been formatted; the broken file is left as it was.
 */
export async function formatFiles(
  root: string,
  relFiles: readonly string[],
  opts: MixCallOptions = {},
): Promise<FormatResult> {
  if (relFiles.length === 0) return { status: 'skipped', reason: 'no files to format' };
  const prep = await prepareMix(root, opts);
  if (!prep.ok) return { status: 'skipped', reason: prep.reason };

  // `--` so a file name starting with `-` is not read as a switch.
  const r = await runMix(['format', '--', ...relFiles], {
    cwd: root,
    mixPath: prep.mixPath,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.env === undefined ? {} : { baseEnv: opts.env }),
  });
  if (r.exitCode === 0 && !r.timedOut && !r.aborted) {
    return { status: 'formatted', files: [...relFiles], durationMs: r.durationMs };
  }
  return {
    status: 'failed',
    reason: failureReason('format', r, opts.timeoutMs),
    message: trimOutput(r.stderr.trim() !== '' ? r.stderr : r.stdout),
  };
}
