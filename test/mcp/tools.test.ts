import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/server';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as z from 'zod';
import {
  defineTool,
  registerTools,
  type AnyTool,
  type ServerDeps,
  type AllowedDirs,
  type ToolContext,
} from '../../shared/mcp/index.js';
import { makeTempDir, removeDir, writeTree } from '../workspace/helpers.js';
import { captureStderr, connect, type Harness } from './harness.js';
import { allProbeTools } from './probe-tools.js';

let tmp: string;
let project: string;
let h: Harness;
let stderr: ReturnType<typeof captureStderr>;

beforeEach(async () => {
  tmp = await realpath(await makeTempDir('phx-mcp-'));
  project = path.join(tmp, 'my_app');
  await writeTree(project, { 'mix.exs': 'defmodule MyApp.MixProject do\nend\n' });
  stderr = captureStderr();
  h = await connect({
    tools: allProbeTools,
    deps: { cliRoots: [project] },
    roots: { kind: 'none' },
  });
});
afterEach(async () => {
  await h.close();
  stderr.restore();
  await removeDir(tmp);
});

const text = (r: { content?: unknown }): string =>
  (r.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

describe('registerTools', () => {
  it('lists every tool with title, description, the four hints and object schemas', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(allProbeTools.map((t) => t.name));
    const probe = tools.find((t) => t.name === 'probe_roots');
    expect(probe).toMatchObject({
      title: 'Probe roots',
      description: 'Returns the allowed dirs and the chosen project root.',
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      inputSchema: { type: 'object', properties: { project_root: { type: 'string' } } },
      outputSchema: { type: 'object', required: ['allowed', 'project_root'] },
    });
  });

  it('a success carries structuredContent and a short text summary', async () => {
    const r = await h.client.callTool({ name: 'probe_roots', arguments: {} });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual({ allowed: [project], project_root: project });
    expect(r.content).toEqual([{ type: 'text', text: `allowed: ${project}; project: ${project}` }]);
  });

  it('a ToolError becomes an isError text with the details, without structuredContent', async () => {
    const r = await h.client.callTool({ name: 'fail_domain', arguments: { type: 'strng' } });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
    expect(text(r)).toBe(
      'Field type "strng" is unknown. Valid types: "string", "integer", "boolean". Fix the spelling.' +
        '\n\nDetails: ' +
        JSON.stringify({ value: 'strng', valid: ['string', 'integer', 'boolean'] }, null, 2),
    );
    expect(stderr.text()).not.toContain('Bug in tool');
  });

  it('a thrown bug becomes "Internal error" and its stack goes to stderr', async () => {
    const r = await h.client.callTool({ name: 'fail_bug', arguments: {} });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toBeUndefined();
    expect(text(r)).toMatch(/^Internal error: boom: deep is undefined\. This is a bug in fail_bug/);
    expect(stderr.text()).toContain('Bug in tool fail_bug: TypeError: boom: deep is undefined');
    expect(stderr.text()).toMatch(/\n\s+at .*probe-tools\.ts/);
  });

  it('a result that breaks the output schema is reported as a bug', async () => {
    const r = await h.client.callTool({ name: 'bad_output', arguments: {} });
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^Internal error: bad_output produced a result that does not match/);
    expect(stderr.text()).toContain('Bug in tool bad_output');
    expect(stderr.text()).toContain('count');
  });

  it('a WorkspaceError is a domain error, not an internal one', async () => {
    const r = await h.client.callTool({ name: 'write_outside', arguments: {} });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe('Path "../evil.ex" has a ".." segment.');
  });

  it('invalid arguments are rejected by the SDK before the handler', async () => {
    const r = await h.client.callTool({ name: 'with_progress', arguments: { steps: 'x' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('Input validation error');
  });

  it('progress notifications reach onprogress; log goes to the client and stderr', async () => {
    const seen: unknown[] = [];
    const logs: unknown[] = [];
    h.client.setNotificationHandler('notifications/message', (n) => {
      logs.push(n.params);
    });
    await h.client.setLoggingLevel('debug');
    const r = await h.client.callTool(
      { name: 'with_progress', arguments: { steps: 3 } },
      { onprogress: (p) => seen.push(p) },
    );
    expect(r.structuredContent).toEqual({ done: 3 });
    expect(seen).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
    expect(logs).toEqual([{ level: 'info', data: 'did 3 steps' }]);
    expect(stderr.text()).toContain('[phx-gen-mcp] info: did 3 steps');
  });

  it('a cancelled call is not reported as a bug', async () => {
    const controller = new AbortController();
    const call = h.client.callTool(
      { name: 'wait_for_cancel', arguments: {} },
      { signal: controller.signal, onprogress: () => controller.abort('user pressed stop') },
    );
    await expect(call).rejects.toThrow();
    await vi.waitFor(() =>
      expect(stderr.text()).toContain('wait_for_cancel: cancelled by the client.'),
    );
    expect(stderr.text()).not.toContain('Bug in tool');
  });

  it('progress is a no-op without a progressToken', async () => {
    const r = await h.client.callTool({ name: 'with_progress', arguments: { steps: 2 } });
    expect(r.structuredContent).toEqual({ done: 2 });
  });
});

describe('defineTool', () => {
  const base = {
    title: 'T',
    description: 'D',
    input: z.object({}),
    output: z.object({}),
    annotations: {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    handler: async () => ({ structured: {}, summary: '' }),
  };

  it.each(['Generate', 'generate-schema', 'gen.schema', '', 'x'.repeat(65), '1gen'])(
    'refuses the name %j',
    (name) => {
      expect(() => defineTool({ ...base, name })).toThrow(/must match/);
    },
  );

  it('requires all four hints', () => {
    const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };
    expect(() =>
      defineTool({ ...base, name: 'ok', annotations: annotations as typeof base.annotations }),
    ).toThrow('Tool ok must set annotations.openWorldHint to true or false.');
  });

  it('registerTools refuses duplicate names', () => {
    const t = defineTool({ ...base, name: 'dup' });
    expect(() =>
      registerTools(new McpServer({ name: 's', version: '0' }), [t, t], { cliRoots: [] }),
    ).toThrow('Tool dup is registered twice.');
  });

  it('infers handler types from the schemas and accepts heterogeneous lists', () => {
    interface MyDeps extends ServerDeps {
      otpApp: string;
    }
    const t = defineTool({
      ...base,
      name: 'typed',
      input: z.object({ name: z.string(), n: z.number().default(1) }),
      output: z.object({ count: z.number() }),
      async handler(args, ctx: ToolContext<MyDeps>) {
        expectTypeOf(args).toEqualTypeOf<{ name: string; n: number }>();
        expectTypeOf(ctx.deps.otpApp).toEqualTypeOf<string>();
        expectTypeOf(ctx.roots).returns.resolves.toEqualTypeOf<AllowedDirs>();
        return { structured: { count: args.n }, summary: args.name };
      },
    });
    const list: readonly AnyTool<MyDeps>[] = [t, ...allProbeTools];
    expect(list).toHaveLength(allProbeTools.length + 1);
    defineTool({
      ...base,
      name: 'wrong',
      output: z.object({ count: z.number() }),
      // @ts-expect-error structured must match the output schema
      handler: async () => ({ structured: { count: 'x' }, summary: '' }),
    });
  });
});
