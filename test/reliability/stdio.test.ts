/**
 * The built servers over real stdio (`node dist/<server>.js`, as mcp.json starts them), issue 9:
 * - malformed JSON-RPC (garbage, truncated and huge lines, wrong types, deep nesting, invalid
 *   UTF-8, unknown methods) does not stop a server: it keeps answering afterwards;
 * - a recorder keeps every stdout byte across these scenarios (plus real generations with a mix
 *   that floods its own stdout): every line is a JSON-RPC 2.0 message;
 * - closing stdin while a tool waits on a hanging `mix format` ends the server AND mix's tree.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../support/mcp.js';
import { REPO, alive, fakeMix, recordFigures } from './support.js';

const SERVERS: { name: string; tool: string | null }[] = [
  { name: 'schema-understanding', tool: null },
  { name: 'ecto-schema', tool: 'generate_ecto_schema' },
  { name: 'ecto-migration', tool: 'generate_ecto_migration' },
  { name: 'phoenix-context', tool: 'generate_phoenix_context' },
];

interface Running {
  child: ChildProcessWithoutNullStreams;
  /** Every complete stdout line so far (the recorder). */
  lines: string[];
  stderr(): string;
  send(m: object | string | Buffer): void;
  response(id: number, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function start(name: string, args: string[] = []): Running {
  const child = spawn(process.execPath, [path.join(REPO, 'dist', `${name}.js`), ...args], {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const waiters = new Map<number, (m: Record<string, unknown>) => void>();
  const byId = new Map<number, Record<string, unknown>>();
  child.stdout.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      try {
        const m = JSON.parse(line) as Record<string, unknown>;
        if (typeof m.id === 'number') {
          byId.set(m.id, m);
          waiters.get(m.id)?.(m);
        }
      } catch {
        // judged by the assertions
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (partial !== '') lines.push(partial);
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    stderr: () => err,
    send(m) {
      child.stdin.write(
        Buffer.isBuffer(m) ? m : `${typeof m === 'string' ? m : JSON.stringify(m)}\n`,
      );
    },
    response(id, timeoutMs = 45_000) {
      const have = byId.get(id);
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`${name}: no response to id ${id}; stderr:\n${err.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.set(id, (m) => {
          clearTimeout(t);
          resolve(m);
        });
      });
    },
    exited,
  };
}

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'rel', version: '0' },
  },
};

/** Every recorded stdout line is one JSON-RPC 2.0 message; returns the offending lines. */
function nonJsonRpc(lines: readonly string[]): string[] {
  return lines.filter((l) => {
    try {
      const m = JSON.parse(l) as { jsonrpc?: unknown };
      return m === null || typeof m !== 'object' || m.jsonrpc !== '2.0';
    } catch {
      return true;
    }
  });
}

let project: { root: string; cleanup(): Promise<void> };
let bin: string;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  project = await tempProject({
    '.formatter.exs':
      '[import_deps: [:ecto, :ecto_sql], inputs: ["{config,lib,test}/**/*.{ex,exs}"]]\n',
    'deps/ecto/.formatter.exs': '[locals_without_parens: [field: 2, field: 3]]\n',
  });
  bin = path.join(project.root, '..', `${path.basename(project.root)}-bin`);
});
afterAll(async () => {
  await recordFigures('stdio', figures);
  await project.cleanup();
  await import('node:fs/promises').then((fs) => fs.rm(bin, { recursive: true, force: true }));
});

describe.each(SERVERS)('$name over real stdio', ({ name, tool }) => {
  it('survives malformed JSON-RPC, keeps serving, and writes only JSON-RPC on stdout', async () => {
    // A mix that floods its own stdout: none of it may reach ours.
    const noisy = await fakeMix(
      bin,
      'mix-noisy',
      'i=0; while [ $i -lt 500 ]; do echo "not json $i"; i=$((i+1)); done; exit 0',
    );
    const s = start(name, ['--root', project.root, '--mix', noisy]);
    const started = performance.now();
    try {
      s.send(INIT);
      await s.response(1);
      s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      const garbage: (string | Buffer)[] = [
        'not json at all',
        '{',
        '{"jsonrpc":"2.0"',
        '[]',
        '[1,2,3]',
        'null',
        '42',
        '"a string"',
        '{"jsonrpc":"1.0","id":100,"method":"ping"}',
        '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}',
        '{"jsonrpc":"2.0","id":101,"method":5}',
        '{"jsonrpc":"2.0","id":102,"method":"tools/call","params":"nope"}',
        '{"jsonrpc":"2.0","id":103,"method":"tools/call","params":{"name":42}}',
        JSON.stringify({
          jsonrpc: '2.0',
          id: 104,
          method: 'tools/call',
          params: {
            name: tool ?? 'parse_gen_spec',
            arguments: { specs: 'not an array', schemas: 7 },
          },
        }),
        '{"jsonrpc":"2.0","id":105,"method":"no/such/method"}',
        '{"jsonrpc":"2.0","id":106,"result":{}}',
        '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"nope"}}',
        `{"jsonrpc":"2.0","id":107,"method":"ping","params":{"pad":"${'x'.repeat(2_000_000)}"}}`,
        'x'.repeat(2_000_000),
        '['.repeat(200_000),
        '{"a":'.repeat(50_000),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]),
        '{"jsonrpc":"2.0","id":108,"method":"ping"}\r',
        '\u0000\u0001\u0002',
        '',
      ];
      for (const g of garbage) s.send(g);
      s.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
      expect((await s.response(2)).result).toEqual({});
      s.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
      const list = (await s.response(3)).result as { tools: { name: string }[] };
      expect(list.tools.length).toBeGreaterThan(0);
      // Well-formed requests among the garbage get their answers: errors for wrong params and
      // unknown methods, results for the 2 MB ping and the CRLF-terminated one.
      expect(await s.response(104)).toBeDefined();
      expect((await s.response(103)).error).toMatchObject({ code: -32602 });
      expect((await s.response(105)).error).toMatchObject({ code: -32601 });
      expect((await s.response(107)).result).toEqual({});
      expect((await s.response(108)).result).toEqual({});
      if (tool) {
        s.send({
          jsonrpc: '2.0',
          id: 4,
          method: 'tools/call',
          params: {
            name: tool,
            arguments: { specs: [`Blog Post${name.length} posts title:string`], dry_run: true },
          },
        });
        const dry = (await s.response(4)).result as { isError?: boolean };
        expect(dry.isError).toBeFalsy();
        s.send({
          jsonrpc: '2.0',
          id: 5,
          method: 'tools/call',
          params: {
            name: tool,
            arguments: {
              specs: [
                `Shop Item${name.replace(/\W/g, '')} items_${name.replace(/\W/g, '_')} name:string`,
              ],
              project_root: project.root,
            },
          },
        });
        const wrote = (await s.response(5)).result as {
          isError?: boolean;
          structuredContent?: { format?: { status: string } };
        };
        expect(wrote.isError, JSON.stringify(wrote).slice(0, 500)).toBeFalsy();
        expect(wrote.structuredContent?.format?.status).toBe('formatted');
      } else {
        s.send({
          jsonrpc: '2.0',
          id: 4,
          method: 'tools/call',
          params: {
            name: 'parse_gen_spec',
            arguments: { specs: ['Blog Post posts "#{System.halt()}":string'] },
          },
        });
        expect(await s.response(4)).toBeDefined();
      }
      s.send({ jsonrpc: '2.0', id: 6, method: 'ping' });
      await s.response(6);
      s.child.stdin.end();
      const code = await s.exited;
      expect(code).toBe(0);
      const bad = nonJsonRpc(s.lines);
      figures[`${name}_stdout_lines`] = s.lines.length;
      figures[`${name}_non_jsonrpc_lines`] = bad.length;
      figures[`${name}_malformed_inputs`] = garbage.length;
      figures[`${name}_ms`] = Math.round(performance.now() - started);
      expect(bad.map((l) => l.slice(0, 200))).toEqual([]);
    } finally {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }, 90_000);
});

describe('closing stdin mid-call', () => {
  it('ends the server and the hanging mix tree it started', async () => {
    const pids = path.join(bin, 'pids');
    await mkdir(pids, { recursive: true });
    const hang = await fakeMix(
      bin,
      'mix-hang',
      `echo $$ > ${pids}/mix.pid\nsleep 300 &\necho $! > ${pids}/child.pid\nwait`,
    );
    const s = start('ecto-schema', ['--root', project.root, '--mix', hang]);
    try {
      s.send(INIT);
      await s.response(1);
      s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      s.send({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'generate_ecto_schema',
          arguments: { specs: ['Hang Thing things name:string'], project_root: project.root },
        },
      });
      const deadline = Date.now() + 15_000;
      while ((await readdir(pids)).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const ids = await Promise.all(
        (await readdir(pids)).map(async (f) => Number(await readFile(path.join(pids, f), 'utf8'))),
      );
      expect(ids).toHaveLength(2);
      expect(ids.every(alive)).toBe(true);
      const t = performance.now();
      s.child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        s.exited,
        new Promise((r) => (timer = setTimeout(() => r('timeout'), 10_000))),
      ]).finally(() => clearTimeout(timer));
      const exitMs = performance.now() - t;
      expect(code).not.toBe('timeout');
      const until = Date.now() + 3_000;
      while (ids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      figures.stdin_close_exit_ms = Math.round(exitMs);
      figures.stdin_close_leftover_processes = ids.filter(alive).length;
      expect(ids.filter(alive)).toEqual([]);
      expect(nonJsonRpc(s.lines)).toEqual([]);
    } finally {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }, 40_000);
});
