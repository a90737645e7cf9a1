import type * as ExecaModule from 'execa';
import { mixEnv } from './env.js';
import { getEnv } from './find.js';
import { procTable } from '../host/probe.js';

type Execa = typeof ExecaModule;

// execa is imported on the first mix run, not at start-up: loading it cost a server more than all
// of our own code (70-130 ms on the 2-core bench machine, `npm run bench`), and most calls (dry
// runs, tools/list) never run mix. Every use below happens after `runMix` loaded it: the kill
// paths only act on children it started.
let execaModule: Execa | undefined;

async function loadExeca(): Promise<Execa> {
  execaModule ??= await import('execa');
  return execaModule;
}

function loadedExeca(): Execa {
  if (execaModule === undefined) throw new Error('execa is not loaded: no mix process was started');
  return execaModule;
}

export const DEFAULT_MIX_TIMEOUT_MS = 60_000;
export const DEFAULT_KILL_GRACE_MS = 1_000;

export interface RunMixOptions {
  /** The project root. */
  cwd: string;
  /** Absolute path from `findMix`. */
  mixPath: string;
  /** Kill the whole mix process tree after this long (default 60 s; `Infinity` = never). */
  timeoutMs?: number;
  /** The MCP request's abort signal: aborting kills the mix process tree. */
  signal?: AbortSignal;
  /** Extra variables for the child, on top of `mixEnv(baseEnv)`. */
  env?: Record<string, string>;
  /** Where the passthrough variables come from (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv;
  /** SIGTERM → SIGKILL delay when killing (default 1 s; the BEAM's SIGTERM shutdown takes ~2 s). */
  killGraceMs?: number;
}

export interface MixRunResult {
  /** Exit code; -1 when mix did not exit by itself (killed by a signal) or never started. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** We killed it because `timeoutMs` elapsed. */
  timedOut: boolean;
  /** We killed it (or never started it) because `signal` was aborted. */
  aborted: boolean;
  /** The signal that ended the process, if any. */
  signal?: string;
  /** Why mix could not be started (ENOENT, EACCES, bad argument for cmd.exe…). */
  spawnError?: string;
  durationMs: number;
}

export interface SpawnCommand {
  file: string;
  args: string[];
  windowsVerbatimArguments: boolean;
}

/**
 * What to hand to execa for `mix args…`. Direct spawn everywhere except a win32 `.bat`/`.cmd`
 * (what the Elixir installer puts on PATH): Node refuses to spawn those without a shell since the
 * 2024 BatBadBut fix (EINVAL), and `shell: true` would let `&`, `|` … in paths run commands. So we
 * run `cmd.exe /d /v:off /s /c ""mix.bat" "arg" …"` ourselves, quote every argument, and refuse
 * the characters cmd.exe still interprets inside quotes (`"`, `%`, line breaks) and a trailing
 * backslash (which would escape the closing quote for erl.exe). Not exercised on Windows in CI.
 */
export function spawnCommand(
  mixPath: string,
  args: readonly string[],
  platform: NodeJS.Platform = process.platform,
  comspec = 'cmd.exe',
): SpawnCommand {
  if (platform !== 'win32' || !/\.(bat|cmd)$/i.test(mixPath)) {
    return { file: mixPath, args: [...args], windowsVerbatimArguments: false };
  }
  for (const arg of [mixPath, ...args]) {
    if (/["%\r\n\0]/.test(arg) || arg.endsWith('\\')) {
      throw new Error(
        `cannot pass ${JSON.stringify(arg)} to ${mixPath} through cmd.exe: ` +
          'it contains ", %, a line break or ends with a backslash',
      );
    }
  }
  const line = [mixPath, ...args].map((a) => `"${a}"`).join(' ');
  return {
    file: comspec,
    args: ['/d', '/v:off', '/s', '/c', `"${line}"`],
    windowsVerbatimArguments: true,
  };
}

// ---- killing the whole tree ------------------------------------------------------------------
// mix is a script: `mix` → `elixir` (sh) → `erl` (sh) → beam.smp (exec chain; asdf/mise shims may
// add a parent). The BEAM starts `erl_child_setup`, which starts every port program (System.cmd,
// make/cc for NIF deps, rebar3…) and *each of these calls setsid()*: they are neither in our
// process group nor in the BEAM's, and they keep our stderr pipe open after the BEAM dies. execa's
// own timeout/cancelSignal only signal the direct child. So on POSIX we spawn `detached` (the
// child leads a new process group), take a snapshot of its descendants with `ps`, and signal the
// group and every descendant (Linux: /proc; elsewhere: `ps`): SIGTERM, then SIGKILL after
// `killGraceMs`. On win32, `taskkill /T /F` kills the tree. If neither /proc nor `ps` works, only
// the group is signalled and we stop waiting for the pipes after another grace period, so runMix
// still returns.

/** Process groups (POSIX) / pids (win32) of running mix children, for the exit hook. */
const live = new Set<number>();
let exitHookInstalled = false;

/** `[pid, ppid]` pairs from `ps -A -o pid=,ppid=` output. */
export function parsePs(psOutput: string): [number, number][] {
  const out: [number, number][] = [];
  for (const line of psOutput.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (m) out.push([Number(m[1]), Number(m[2])]);
  }
  return out;
}

/** Every pid below `root` in a `[pid, ppid]` table (pure, exported for tests). */
export function descendantsIn(
  table: readonly (readonly [number, number])[],
  root: number,
): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const queue = [root];
  const seen = new Set(queue);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

const PS_ARGS = ['-A', '-o', 'pid=,ppid='];

async function descendantsOf(pid: number): Promise<number[]> {
  const proc = procTable();
  if (proc !== null) return descendantsIn(proc, pid);
  const r = await loadedExeca().execa('ps', PS_ARGS, {
    reject: false,
    stdin: 'ignore',
    timeout: 2_000,
  });
  return r.exitCode === 0 ? descendantsIn(parsePs(r.stdout), pid) : [];
}

function descendantsOfSync(pid: number): number[] {
  const proc = procTable();
  if (proc !== null) return descendantsIn(proc, pid);
  const r = loadedExeca().execaSync('ps', PS_ARGS, {
    reject: false,
    stdin: 'ignore',
    timeout: 2_000,
  });
  return r.exitCode === 0 ? descendantsIn(parsePs(r.stdout), pid) : [];
}

/**
 * SIGKILL for the tree: what was listed before is frozen first (SIGSTOP: nothing forks further),
 * then the tree is listed again, because a port program may have started since the first listing
 * (the BEAM runs on during its SIGTERM shutdown), and everything is killed. Returns the pids.
 */
function killTree(pid: number, listed: readonly number[]): number[] {
  signalTree(pid, listed, 'SIGSTOP');
  const all = [...new Set([...listed, ...descendantsOfSync(pid)])];
  signalTree(pid, all, 'SIGKILL');
  return all;
}

function signalTree(pid: number, descendants: readonly number[], signal: NodeJS.Signals): void {
  for (const target of [-pid, ...descendants]) {
    try {
      process.kill(target, signal);
    } catch {
      // ESRCH: already gone.
    }
  }
}

function taskkill(pid: number, sync: boolean): void {
  const args = ['/pid', String(pid), '/T', '/F'];
  const opts = { reject: false, stdio: 'ignore', windowsHide: true } as const;
  const { execa, execaSync } = loadedExeca();
  if (sync) execaSync('taskkill', args, opts);
  else void execa('taskkill', args, opts);
}

/**
 * Kills every running mix child and its descendants, synchronously. Installed on
 * `process.on('exit')` (execa's `cleanup` does not apply to detached children). A SIGTERM/SIGINT
 * handler of the server should end with `process.exit()` (which runs this) or call it directly.
 */
export function killAllMixProcesses(): void {
  for (const pid of live) {
    if (process.platform === 'win32') taskkill(pid, true);
    else killTree(pid, descendantsOfSync(pid));
  }
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllMixProcesses);
}

/** Number of mix children currently running (for tests and diagnostics). */
export function liveMixProcessCount(): number {
  return live.size;
}

/**
 * Runs `mix args…` in `cwd`. Never throws for mix's own failures: non-zero exit, timeout, abort
 * and spawn errors all come back in the result. stdin is closed (a `Shall I install Hex? [Yn]`
 * prompt gets EOF instead of our MCP stdin) and stdout/stderr are captured, never inherited
 * (our stdout is the MCP channel).
 */
export async function runMix(args: readonly string[], opts: RunMixOptions): Promise<MixRunResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_MIX_TIMEOUT_MS;
  const killGraceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const baseEnv = opts.baseEnv ?? process.env;
  const notRun = { exitCode: -1, stdout: '', stderr: '', timedOut: false };

  if (opts.signal?.aborted) return { ...notRun, aborted: true, durationMs: 0 };
  let cmd: SpawnCommand;
  try {
    cmd = spawnCommand(opts.mixPath, args, process.platform, getEnv(baseEnv, 'ComSpec'));
  } catch (error) {
    return { ...notRun, aborted: false, spawnError: (error as Error).message, durationMs: 0 };
  }

  const posix = process.platform !== 'win32';
  const { execa } = await loadExeca();
  if (opts.signal?.aborted) return { ...notRun, aborted: true, durationMs: elapsed() };
  const subprocess = execa(cmd.file, cmd.args, {
    cwd: opts.cwd,
    env: mixEnv(baseEnv, opts.env ?? {}),
    extendEnv: false,
    shell: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
    detached: posix,
    // execa skips `cleanup` for detached children; our exit hook does it for the whole group.
    cleanup: true,
    // Used when execa itself kills (e.g. maxBuffer); our timeout/abort go through signalTree.
    killSignal: 'SIGTERM',
    forceKillAfterDelay: killGraceMs,
    windowsHide: true,
    windowsVerbatimArguments: cmd.windowsVerbatimArguments,
  });

  const pid = subprocess.pid;
  let reason: 'timeout' | 'abort' | undefined;
  let tree: number[] = [];
  let settled = false;
  const timers: NodeJS.Timeout[] = [];
  const terminate = async (why: 'timeout' | 'abort') => {
    if (reason !== undefined || pid === undefined) return;
    reason = why;
    if (!posix) {
      taskkill(pid, false);
      return;
    }
    tree = await descendantsOf(pid);
    if (settled) return; // exited on its own while we listed processes (ps fallback only)
    signalTree(pid, tree, 'SIGTERM');
    timers.push(
      setTimeout(() => {
        tree = killTree(pid, tree);
        // Something we could not see (no /proc, no `ps`) may hold our pipes: stop waiting.
        timers.push(
          setTimeout(() => {
            subprocess.stdout.destroy();
            subprocess.stderr.destroy();
          }, killGraceMs),
        );
      }, killGraceMs),
    );
  };
  const onAbort = () => void terminate('abort');

  if (pid !== undefined) {
    installExitHook();
    live.add(pid);
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      timers.push(setTimeout(() => void terminate('timeout'), timeoutMs));
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  }

  try {
    const result = await subprocess;
    return {
      exitCode: typeof result.exitCode === 'number' ? result.exitCode : -1,
      stdout: result.stdout,
      stderr: result.stderr,
      timedOut: reason === 'timeout',
      aborted: reason === 'abort',
      ...(result.signal === undefined ? {} : { signal: result.signal }),
      ...(pid === undefined || (result.failed && result.exitCode === undefined && !result.signal)
        ? { spawnError: result.originalMessage || result.shortMessage }
        : {}),
      durationMs: elapsed(),
    };
  } finally {
    settled = true;
    for (const t of timers) clearTimeout(t);
    opts.signal?.removeEventListener('abort', onAbort);
    if (pid !== undefined) {
      live.delete(pid);
      // The leader is gone; whatever is left of the tree after a kill request is a straggler.
      if (reason !== undefined && posix) signalTree(pid, tree, 'SIGKILL');
    }
  }
}
