/**
 * The installed Elixir's version: `elixir --version` of the `elixir` next to the mix the
 * servers use (the one that will run `mix format`), with a timeout and no shell. Cached per
 * executable for the life of the process; a failure is cached too (undefined), so a machine
 * without Elixir pays one lookup.
 */
import path from 'node:path';
import { locateMix } from './find.js';
import type { MixCallOptions } from './format.js';
import { runMix } from './run.js';
import { isExecutableFile } from '../host/probe.js';

/** `elixir --version` prints a few seconds at most even on a cold BEAM. */
export const ELIXIR_VERSION_TIMEOUT_MS = 15_000;

const cache = new Map<string, Promise<string | undefined>>();

/** `Elixir 1.18.4 (compiled with Erlang/OTP 25)` → `1.18.4`. */
export function parseElixirVersionOutput(output: string): string | undefined {
  return /^Elixir (\d+\.\d+\.\d+(?:-[\w.]+)?)/m.exec(output)?.[1];
}

export async function installedElixirVersion(
  opts: MixCallOptions & { cwd?: string },
): Promise<string | undefined> {
  const loc = await locateMix({
    ...(opts.mixPath === undefined ? {} : { mixPath: opts.mixPath }),
    ...(opts.env === undefined ? {} : { env: opts.env }),
  });
  if (!loc.found) return undefined;
  const ext = path.extname(loc.path);
  const elixir = path.join(path.dirname(loc.path), `elixir${ext}`);
  let hit = cache.get(elixir);
  if (hit === undefined) {
    hit = (async () => {
      if (!(await isExecutableFile(elixir))) return undefined;
      const r = await runMix(['--version'], {
        cwd: opts.cwd ?? path.dirname(elixir),
        mixPath: elixir,
        timeoutMs: opts.timeoutMs ?? ELIXIR_VERSION_TIMEOUT_MS,
        ...(opts.signal === undefined ? {} : { signal: opts.signal }),
        ...(opts.env === undefined ? {} : { baseEnv: opts.env }),
      });
      return r.exitCode === 0 ? parseElixirVersionOutput(r.stdout) : undefined;
    })();
    cache.set(elixir, hit);
  }
  return hit;
}
