import { parseMixDiagnostics } from './diagnostics.js';
import type { MixDiagnostic } from './diagnostics.js';
import { failureReason, prepareMix } from './format.js';
import type { MixCallOptions } from './format.js';
import { runMix } from './run.js';

export interface CompileOptions extends MixCallOptions {
  /** Adds `--warnings-as-errors`: any warning makes `ok` false. */
  warningsAsErrors?: boolean;
}

export interface CompileResult {
  /** mix compile exited 0. */
  ok: boolean;
  /** compiled: exit 0; failed: non-zero, timeout, cancel; skipped: no mix / no mix.exs. */
  status: 'compiled' | 'failed' | 'skipped';
  /** Why it failed or was skipped (one sentence); absent when compiled. */
  reason?: string;
  diagnostics: MixDiagnostic[];
  /** stderr then stdout, as printed (untrimmed, uncapped: callers decide what to show). */
  output: string;
}

/**
 * `mix compile` in `root`, with diagnostics parsed from its output (see parseMixDiagnostics).
 * Opt-in check: it compiles the whole project and its deps, so give it a generous timeout in
 * a fresh project. Never throws for mix's failures.
 */
export async function compileProject(
  root: string,
  opts: CompileOptions = {},
): Promise<CompileResult> {
  const prep = await prepareMix(root, opts);
  if (!prep.ok) {
    return {
      ok: false,
      status: 'skipped',
      reason: prep.reason,
      diagnostics: [],
      output: '',
    };
  }
  const args = ['compile', ...(opts.warningsAsErrors ? ['--warnings-as-errors'] : [])];
  const r = await runMix(args, {
    cwd: root,
    mixPath: prep.mixPath,
    ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.env === undefined ? {} : { baseEnv: opts.env }),
  });
  const output = [r.stderr, r.stdout].filter((s) => s !== '').join('\n');
  const ok = r.exitCode === 0 && !r.timedOut && !r.aborted;
  return {
    ok,
    status: ok ? 'compiled' : 'failed',
    ...(ok ? {} : { reason: failureReason('compile', r, opts.timeoutMs) }),
    diagnostics: [...parseMixDiagnostics(r.stderr), ...parseMixDiagnostics(r.stdout)],
    output,
  };
}
