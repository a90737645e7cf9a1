export interface MixDiagnostic {
  /** As mix printed it (relative to the project root); '' when the message names no file. */
  file: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

// A header: `warning: …` / `error: …`, at column 0 (Elixir ≤ 1.15) or indented (1.16+ boxes).
const HEADER = /^\s*(warning|error): (.*)$/;
// 1.14/1.15 location under a header: `  lib/x.ex:12: Mod.fun/1`, `  lib/x.ex:2`, `  nofile:3:5`.
const OLD_LOCATION = /^\s+((?:nofile|[^\s│└(].*?\.[A-Za-z]+)):(\d+)(?::(\d+))?(?::\s.*)?$/;
// 1.16+ location: `    └─ lib/x.ex:3:5: Mod.fun/1` (one per call site).
const BOX_LOCATION = /^\s*└─ (.+?):(\d+)(?::(\d+))?(?::\s.*)?$/;
// Snippet lines of the 1.16+ box: `    │`, `  3 │     foo(,)`, `    │         ^`.
const BOX_LINE = /^\s*(?:\d+\s*|\.\.\.\s*)?│/;
// `** (CompileError) lib/x.ex:3: msg` (1.14), `** (SyntaxError) lib/x.ex:3:9: msg` (1.14),
// `** (SyntaxError) invalid syntax found on lib/x.ex:3:9:` (1.16+, details follow as `error:`),
// `** (CompileError) lib/x.ex: cannot compile module X (errors have been logged)` (1.15+),
// `** (Mix) Can't continue due to errors on dependencies`.
const RAISED = /^\*\* \(([\w.]+)\) (.*)$/;
const RAISED_AT = /^((?:nofile|\S.*?\.[A-Za-z]+)):(\d+)(?::(\d+))?: (.*)$/;
const RAISED_FILE = /^((?:nofile|\S.*?\.[A-Za-z]+)): (.*)$/;
const RAISED_DETAILS_FOLLOW = /^(?:invalid syntax found on|token missing on) .*:$/;

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

/**
 * Structured diagnostics from `mix compile` output (stdout and stderr, either order). Knows the
 * Elixir 1.14/1.15 layout (`warning: msg` + indented `file:line: Mod.fun/a` lines, `Invalid call
 * found at N locations:`, `** (CompileError) file:line: msg`) and the 1.16+ boxes (`error: msg`,
 * `│` snippet, `└─ file:line:col`). A warning reported at several call sites yields one
 * diagnostic per site. Summaries that repeat logged errors are dropped.
 */
export function parseMixDiagnostics(output: string): MixDiagnostic[] {
  const out: MixDiagnostic[] = [];
  let current:
    | { severity: 'error' | 'warning'; message: string[]; located: boolean; boxed: boolean }
    | undefined;

  const close = () => {
    if (current !== undefined && !current.located) {
      out.push({ file: '', severity: current.severity, message: current.message.join('\n') });
    }
    current = undefined;
  };
  const locate = (file: string, line?: string, column?: string) => {
    if (current === undefined) return;
    current.located = true;
    const d: MixDiagnostic = {
      file,
      severity: current.severity,
      message: current.message.join('\n'),
    };
    const l = num(line);
    const c = num(column);
    if (l !== undefined) d.line = l;
    if (c !== undefined) d.column = c;
    out.push(d);
  };

  for (const raw of output.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    const header = HEADER.exec(line);
    if (header) {
      close();
      current = {
        severity: header[1] === 'error' ? 'error' : 'warning',
        message: [header[2] ?? ''],
        located: false,
        boxed: false,
      };
      continue;
    }
    const raised = RAISED.exec(line);
    if (raised) {
      close();
      const rest = raised[2] ?? '';
      if (RAISED_DETAILS_FOLLOW.test(rest) || /\(errors have been logged\)$/.test(rest)) continue;
      const at = RAISED_AT.exec(rest);
      const inFile = at ? undefined : RAISED_FILE.exec(rest);
      const d: MixDiagnostic = at
        ? { file: at[1] ?? '', severity: 'error', message: at[4] ?? '' }
        : inFile
          ? { file: inFile[1] ?? '', severity: 'error', message: inFile[2] ?? '' }
          : { file: '', severity: 'error', message: rest };
      const l = num(at?.[2]);
      const c = num(at?.[3]);
      if (l !== undefined) d.line = l;
      if (c !== undefined) d.column = c;
      out.push(d);
      continue;
    }
    if (current === undefined) continue;
    if (line === '') {
      close();
      continue;
    }
    const box = BOX_LOCATION.exec(line);
    if (box) {
      current.boxed = true;
      locate(box[1] ?? '', box[2], box[3]);
      continue;
    }
    if (BOX_LINE.test(line)) {
      current.boxed = true;
      continue;
    }
    // In a 1.16+ box only `└─` lines are locations: `nofile:10: :fake.fun/3` after it is a stack.
    const old = current.boxed ? null : OLD_LOCATION.exec(line);
    if (old) {
      locate(old[1] ?? '', old[2], old[3]);
      continue;
    }
    if (/^Invalid call found at \d+ locations:$/.test(line.trim())) continue;
    // Once located, a following non-location line ends the diagnostic (1.16+ prints a stacktrace
    // after a raised error's box).
    if (current.located) {
      close();
      continue;
    }
    current.message.push(line.trim());
  }
  close();
  return out;
}
