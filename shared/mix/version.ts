/**
 * The installed Elixir's version, for the mix the servers use (the one that will run
 * `mix format`): read from the installation's `elixir.app` when mix is (a link to) its `bin/mix`,
 * else `elixir --version` of the `elixir` next to it, else `mix --version` of that mix itself
 * (a wrapper script named `mix-1.18` has no `elixir` beside it), with a timeout and no shell.
 * Cached per executable for the life of the process; a failure is cached too (undefined), so a
 * machine without Elixir pays one lookup.
 */
import path from 'node:path';
import { locateMix } from './find.js';
import type { MixCallOptions } from './format.js';
import { runMix } from './run.js';
import { installedElixirAppVersion, isExecutableFile } from '../host/probe.js';

/** `elixir --version` prints a few seconds at most even on a cold BEAM. */
export const ELIXIR_VERSION_TIMEOUT_MS = 15_000;

const cache = new Map<string, Promise<string | undefined>>();

/** `Elixir 1.18.4 (compiled with Erlang/OTP 25)` (or `Mix 1.18.4 …`) → `1.18.4`. */
export function parseElixirVersionOutput(output: string): string | undefined {
  return /^(?:Elixir|Mix) (\d+\.\d+\.\d+(?:-[\w.]+)?)/m.exec(output)?.[1];
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
  let hit = cache.get(loc.path);
  if (hit === undefined) {
    hit = (async () => {
      const declared = await installedElixirAppVersion(loc.path);
      if (declared !== undefined) return declared;
      const exe = (await isExecutableFile(elixir)) ? elixir : loc.path;
      const r = await runMix(['--version'], {
        cwd: opts.cwd ?? path.dirname(exe),
        mixPath: exe,
        timeoutMs: opts.timeoutMs ?? ELIXIR_VERSION_TIMEOUT_MS,
        ...(opts.signal === undefined ? {} : { signal: opts.signal }),
        ...(opts.env === undefined ? {} : { baseEnv: opts.env }),
      });
      return r.exitCode === 0 ? parseElixirVersionOutput(r.stdout) : undefined;
    })();
    cache.set(loc.path, hit);
  }
  return hit;
}
