/**
 * `phx-gen-mcp serve <server>`: the bin runs a server on stdio. Our own v2 SDK client drives each
 * generator through it with roots, and receives the progress notifications and MCP logging
 * messages of a real write; every stdout line is JSON-RPC.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOnlyJsonRpc, RECORDER, SPEC_POST, SPEC_TAG } from '../clients/helpers.js';
import { tempProject } from '../support/mcp.js';
import { CLI, runCli } from './helpers.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-serve-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

describe.concurrent('phx-gen-mcp serve', () => {
  it.each([
    ['ecto-schema', 'generate_ecto_schema'],
    ['ecto-migration', 'generate_ecto_migration'],
    ['phoenix-context', 'generate_phoenix_context'],
  ])('%s: a real write reports progress and log messages', async (server, tool) => {
    const project = await tempProject();
    const log = path.join(tmp, `${server}.stdout.jsonl`);
    const client = new Client(
      { name: 'serve-test', version: '0' },
      { capabilities: { roots: { listChanged: true } } },
    );
    client.setRequestHandler('roots/list', async () => ({
      roots: [{ uri: pathToFileURL(project.root).href, name: 'app' }],
    }));
    const messages: string[] = [];
    client.setNotificationHandler('notifications/message', (n) => {
      messages.push(`${n.params.level}: ${String(n.params.data)}`);
    });
    const progress: Progress[] = [];
    try {
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [
            RECORDER,
            log,
            '--',
            process.execPath,
            CLI,
            'serve',
            server,
            '--root',
            project.root,
          ],
          stderr: 'pipe',
        }),
      );
      expect(client.getServerVersion()?.name).toBe(server);
      await client.setLoggingLevel('info');
      const result = await client.callTool(
        { name: tool, arguments: { specs: [SPEC_TAG, SPEC_POST], format: 'none' } },
        { onprogress: (p) => progress.push(p) },
      );
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      const out = result.structuredContent as { files: { path: string; action: string }[] };
      expect(out.files.length).toBeGreaterThan(0);
      for (const f of out.files) expect(existsSync(path.join(project.root, f.path))).toBe(true);
    } finally {
      await client.close();
      await project.cleanup();
    }
    // On the wire: the stages plan → write → format, out of 3, in order, before the result.
    const wire = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(
        (l) =>
          JSON.parse(l) as { method?: string; id?: number; params?: Progress; result?: unknown },
      );
    const callResult = wire.findIndex(
      (m) => m.result !== undefined && (m.result as { content?: unknown }).content !== undefined,
    );
    const sent = wire.flatMap((m, i) =>
      m.method === 'notifications/progress' ? [{ ...m.params!, before: i < callResult }] : [],
    );
    expect(sent.every((p) => p.total === 3 && p.before)).toBe(true);
    expect(sent.filter((p) => Number.isInteger(p.progress)).map((p) => p.progress)).toEqual([
      0, 1, 2, 3,
    ]);
    const increasing = sent.every((p, i) => i === 0 || p.progress > sent[i - 1]!.progress);
    expect(increasing, JSON.stringify(sent)).toBe(true);
    // The client got them in order. Those that share a read with the result may be dropped by
    // the SDK client (it handles notifications a microtask late: typescript-sdk#2580).
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatchObject({
      progress: 0,
      total: 3,
      message: expect.stringMatching(/^Planning/),
    });
    const values = progress.map((p) => p.progress);
    expect(values).toEqual(sent.slice(0, values.length).map((p) => p.progress));
    expect(messages).toContainEqual(expect.stringMatching(/^info: Wrote \d+ file\(s\) under /));
    expectOnlyJsonRpc(log);
  });

  it('an unknown server: exit 2 naming the four', async () => {
    const r = await runCli(['serve', 'ecto-schemas']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown server "ecto-schemas"');
    for (const s of ['schema-understanding', 'ecto-schema', 'ecto-migration', 'phoenix-context']) {
      expect(r.stderr).toContain(s);
    }
    expect(r.stdout).toBe('');
  });

  it('a bad server option: exit 2 with the server options', async () => {
    const r = await runCli(['serve', 'ecto-schema', '--rot', '/tmp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown option "--rot"');
    expect(r.stdout).toBe('');
  });
});
