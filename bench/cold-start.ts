/**
 * One cold start, timed from spawn to the `tools/list` answer: `node <file>` → `initialize` →
 * `notifications/initialized` → `tools/list`, as raw newline-delimited JSON-RPC (the stdio
 * binding) so no client-side work is counted. Requests are written right after spawn, as a
 * client does; the pipe holds them until the server reads.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';

export interface ColdStart {
  /** spawn → tools/list answered, ms. */
  ms: number;
  /** spawn → initialize answered, ms. */
  initializeMs: number;
  /**
   * CPU time (user + system) the server used up to its tools/list answer, ms, from
   * /proc/<pid>/stat (10 ms ticks; NaN off Linux). Unlike wall time it hardly moves when other
   * processes compete for the cores.
   */
  cpuMs: number;
  tools: number;
}

/** utime + stime of a live process, ms (Linux /proc; fields 14 and 15, in clock ticks of 10 ms). */
export function cpuTimeMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: split after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export function coldStart(
  file: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [file, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let buffer = '';
    let initializeMs = Number.NaN;
    let settled = false;
    const finish = (err: Error | null, value?: ColdStart) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdin.end();
      // Give it the chance to exit on stdin EOF (as with a real client), then make sure.
      const kill = setTimeout(() => child.kill('SIGKILL'), 2_000);
      child.once('exit', () => {
        clearTimeout(kill);
        if (err) reject(err);
        else resolve(value!);
      });
      if (child.exitCode !== null || child.signalCode !== null) {
        clearTimeout(kill);
        if (err) reject(err);
        else resolve(value!);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`${file}: no tools/list answer after ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    const send = (msg: object) => child.stdin.write(`${JSON.stringify(msg)}\n`);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on('error', (e) => finish(e));
    child.on('exit', (code, signal) => {
      if (!settled) finish(new Error(`${file} exited early (${code ?? signal})\n${stderr}`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buffer += d;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line === '') continue;
        const msg = JSON.parse(line) as {
          id?: number;
          result?: { tools?: unknown[] };
          error?: { message: string };
        };
        if (msg.error) {
          finish(new Error(`${file}: ${msg.error.message}`));
          return;
        }
        if (msg.id === 1) {
          initializeMs = performance.now() - t0;
          send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
        } else if (msg.id === 2) {
          const elapsed = performance.now() - t0;
          finish(null, {
            ms: elapsed,
            initializeMs,
            cpuMs: cpuTimeMs(child.pid),
            tools: msg.result?.tools?.length ?? 0,
          });
        }
      }
    });
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'phx-gen-mcp-bench', version: '0.0.0' },
      },
    });
  });
}
