/**
 * mix faults seen from a generator tool (issue 9): mix missing, not executable, failing,
 * crashing (killed by a signal), spewing on stdout, hanging past the timeout. In every case the
 * files are written, the result says format failed/skipped with a reason, nothing of mix leaks
 * into the result as an exception, a hanging mix (and its child) is killed at the timeout, and
 * the server keeps answering.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, structured, tempProject } from '../support/mcp.js';
import {
  alive,
  fakeMix,
  generatorServers,
  recordFigures,
  type GeneratorServer,
} from './support.js';

interface Out {
  files: { path: string; action: string }[];
  warnings: string[];
  format?: { status: string; reason?: string };
}

let servers: GeneratorServer[] = [];
let bin: { root: string; cleanup(): Promise<void> };
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  servers = await generatorServers();
  bin = await tempProject({});
});
afterAll(async () => {
  await recordFigures('faults-mix', figures);
  await bin.cleanup();
});

/** A project whose formatter imports Ecto's rules, so format auto really runs mix. */
async function formattableProject() {
  const p = await tempProject({
    '.formatter.exs':
      '[import_deps: [:ecto, :ecto_sql], inputs: ["{mix,.formatter}.exs", "{config,lib,test}/**/*.{ex,exs}"]]\n',
    'deps/ecto/.formatter.exs': '[locals_without_parens: [field: 2, field: 3]]\n',
  });
  return p;
}

async function generate(
  g: GeneratorServer,
  mixPath: string,
  opts: { mixTimeoutMs?: number; format?: string } = {},
) {
  const p = await formattableProject();
  const c = await connect(
    g.createServer({
      cliRoots: [p.root],
      mixPath,
      clock: () => new Date('2026-01-02T03:04:05Z'),
      ...(opts.mixTimeoutMs === undefined ? {} : { mixTimeoutMs: opts.mixTimeoutMs }),
    }),
    { roots: [p.root] },
  );
  const started = performance.now();
  try {
    const r = await c.client.callTool({
      name: g.tool,
      arguments: { specs: ['Blog Post posts title:string'], format: opts.format ?? 'auto' },
    });
    const ms = performance.now() - started;
    const out = structured<Out>(r);
    // Every file the result reports as created is on disk with content.
    for (const f of out.files.filter((f) => f.action === 'created')) {
      expect((await readFile(path.join(p.root, f.path), 'utf8')).length).toBeGreaterThan(0);
    }
    // Still serving.
    const again = await c.client.listTools();
    expect(again.tools.some((t) => t.name === g.tool)).toBe(true);
    return { out, ms, root: p.root, logs: c.logs?.() ?? '' };
  } finally {
    await c.close();
    await p.cleanup();
  }
}

describe('generator tools under a broken mix', () => {
  const SCENARIOS: [string, string, RegExp][] = [
    ['failing', 'echo "** (SyntaxError) lib/x.ex:1: boom" >&2; exit 1', /exited with code 1/],
    ['crashing', 'kill -9 $$', /killed by SIGKILL/],
    [
      'stdout noise',
      'i=0; while [ $i -lt 2000 ]; do echo "{\\"jsonrpc\\":\\"2.0\\",\\"junk\\":$i}"; i=$((i+1)); done; exit 3',
      /exited with code 3/,
    ],
  ];

  it('failing / crashing / noisy mix: files written, format failed with a reason, server alive', async () => {
    let calls = 0;
    for (const g of servers) {
      for (const [name, body, reason] of SCENARIOS) {
        const mix = await fakeMix(bin.root, `mix-${name.replace(/\W/g, '_')}`, body);
        for (const format of ['auto', 'mix']) {
          calls++;
          const { out, logs } = await generate(g, mix, { format });
          expect(logs).toContain('[phx-gen-mcp] warning: mix format failed:');
          expect(out.files.length, `${g.tool} ${name}`).toBeGreaterThan(0);
          expect(out.format?.status, `${g.tool} ${name} ${format}`).toBe('failed');
          expect(out.format?.reason).toMatch(reason);
          expect(out.warnings.join('\n')).toContain('mix format failed');
        }
      }
    }
    figures.failing_mix_calls = calls;
  }, 60_000);

  it('missing or non-executable mix: format skipped with the reason', async () => {
    const noexec = path.join(bin.root, 'mix-noexec');
    await writeFile(noexec, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
    let calls = 0;
    for (const g of servers) {
      for (const mix of [path.join(bin.root, 'no', 'such', 'mix'), noexec, bin.root]) {
        calls++;
        const { out } = await generate(g, mix);
        expect(out.files.length).toBeGreaterThan(0);
        expect(out.format?.status).toMatch(/skipped|failed/);
        expect(out.format?.reason ?? '').not.toBe('');
      }
    }
    figures.missing_mix_calls = calls;
  }, 60_000);

  it('a hanging mix and its child are killed at the timeout; the call returns', async () => {
    const g = servers[0]!;
    const pids = path.join(bin.root, 'pids');
    await mkdir(pids, { recursive: true });
    const mix = await fakeMix(
      bin.root,
      'mix-hang',
      `echo $$ > ${pids}/mix.pid\nsleep 300 &\necho $! > ${pids}/child.pid\nwait`,
    );
    const { out, ms } = await generate(g, mix, { mixTimeoutMs: 1_000 });
    expect(out.files.length).toBeGreaterThan(0);
    expect(out.format?.status).toBe('failed');
    expect(out.format?.reason).toMatch(/timed out after 1000 ms/);
    const ids = await Promise.all(
      (await readdir(pids)).map(async (f) => Number(await readFile(path.join(pids, f), 'utf8'))),
    );
    expect(ids).toHaveLength(2);
    // Give the SIGKILL escalation a moment, then nothing of mix is left.
    const deadline = Date.now() + 5_000;
    while (ids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(ids.filter(alive)).toEqual([]);
    figures.hanging_mix_timeout_ms = 1_000;
    figures.hanging_mix_call_ms = Math.round(ms);
    figures.hanging_mix_leftover_processes = ids.filter(alive).length;
  }, 30_000);
});
