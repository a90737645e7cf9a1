/**
 * Destructive-change confirmation with real SDK clients in both protocol eras: refused without a
 * way to ask, allowed by allow_destructive, asked through form elicitation (pushed on the 2025
 * era, input_required on the 2026 era) where the client answers it.
 */
import { realpath } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  confirmDestructive,
  defineTool,
  registerTools,
  type DestructiveItem,
} from '../../shared/mcp/index.js';
import { makeTempDir, removeDir } from '../workspace/helpers.js';
import { captureStderr, toRoots } from './harness.js';

const ITEMS: DestructiveItem[] = [
  {
    table: 'posts',
    column: 'views',
    change: 'drop column views',
    consequence: 'every value of posts.views is deleted',
  },
  {
    table: 'posts',
    column: 'body',
    change: 'body: nullable → NOT NULL',
    consequence: 'the migration fails while any row of posts holds NULL in body',
  },
];

/** Asks for roots first (as the generators do), then for confirmation; counts its runs. */
let runs = 0;
const probeDestructive = defineTool({
  name: 'probe_destructive',
  title: 'Probe destructive',
  description: 'Confirms two destructive changes, then reports the allowed dirs.',
  input: z.object({ allow_destructive: z.boolean().default(false) }),
  output: z.object({ applied: z.boolean(), allowed: z.array(z.string()) }),
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler(args, ctx) {
    runs++;
    const allowed = await ctx.roots();
    await confirmDestructive(ctx.sdk, ITEMS, args.allow_destructive);
    return { structured: { applied: true, allowed }, summary: 'applied' };
  },
});

type Answer = 'none' | 'accept' | 'decline' | 'accept-no';

interface Pair {
  client: Client;
  asked: () => string[];
  rootsAsked: () => number;
  close(): Promise<void>;
}

let dir: string;
const open: Pair[] = [];
let stderr: ReturnType<typeof captureStderr>;

beforeEach(async () => {
  dir = await realpath(await makeTempDir('phx-confirm-'));
  stderr = captureStderr();
  runs = 0;
});
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  stderr.restore();
  await removeDir(dir);
});

async function connect(era: 'legacy' | 'modern', answer: Answer, roots: boolean): Promise<Pair> {
  const build = () => {
    const s = new McpServer({ name: 'confirm-test', version: '0.0.0' });
    registerTools(s, [probeDestructive], { cliRoots: [] });
    return s;
  };
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const handle = era === 'modern' ? serveStdio(build, { transport: serverTransport }) : undefined;
  if (era === 'legacy') await build().connect(serverTransport);
  const client = new Client(
    { name: 'confirm-client', version: '0.0.0' },
    {
      capabilities: {
        ...(answer === 'none' ? {} : { elicitation: { form: {} } }),
        ...(roots ? { roots: { listChanged: true } } : {}),
      },
      ...(era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  const asked: string[] = [];
  let rootsAsked = 0;
  if (answer !== 'none') {
    client.setRequestHandler('elicitation/create', async (req) => {
      asked.push(req.params.message);
      if (answer === 'decline') return { action: 'decline' };
      return { action: 'accept', content: { confirm: answer === 'accept' } };
    });
  }
  if (roots) {
    client.setRequestHandler('roots/list', async () => {
      rootsAsked++;
      return { roots: toRoots([dir]) };
    });
  }
  await client.connect(clientTransport);
  const pair = {
    client,
    asked: () => asked,
    rootsAsked: () => rootsAsked,
    async close() {
      await client.close();
      await handle?.close();
    },
  };
  open.push(pair);
  return pair;
}

async function call(p: Pair, args: Record<string, unknown> = {}) {
  const r = await p.client.callTool({ name: 'probe_destructive', arguments: args });
  const text = (r.content as { text: string }[])[0]?.text ?? '';
  return { isError: r.isError === true, text, structured: r.structuredContent };
}

const LISTED = [
  '- posts.views: drop column views: every value of posts.views is deleted',
  '- posts.body: body: nullable → NOT NULL: the migration fails while any row of posts holds NULL in body',
];

describe.each(['legacy', 'modern'] as const)('confirmDestructive (%s era)', (era) => {
  it('refuses without elicitation, listing every change with its consequence', async () => {
    const p = await connect(era, 'none', false);
    const r = await call(p);
    expect(r.isError).toBe(true);
    expect(r.text).toContain('Nothing was written: 2 destructive change(s) need confirmation');
    for (const line of LISTED) expect(r.text).toContain(line);
    expect(r.text).toContain('Pass allow_destructive: true');
  });

  it('goes ahead without asking when the call says allow_destructive', async () => {
    const p = await connect(era, 'accept', false);
    const r = await call(p, { allow_destructive: true });
    expect(r).toMatchObject({ isError: false, structured: { applied: true } });
    expect(p.asked()).toEqual([]);
  });

  it('asks the user, and goes ahead on yes', async () => {
    const p = await connect(era, 'accept', false);
    const r = await call(p);
    expect(r).toMatchObject({ isError: false, structured: { applied: true } });
    expect(p.asked()).toHaveLength(1);
    expect(p.asked()[0]).toBe(`This change is destructive:\n${LISTED.join('\n')}\nApply it?`);
  });

  it.each(['decline', 'accept-no'] as const)('refuses when the user answers %s', async (a) => {
    const p = await connect(era, a, false);
    const r = await call(p);
    expect(r.isError).toBe(true);
    expect(r.text).toContain('2 destructive change(s) were declined by the user');
    expect(p.asked()).toHaveLength(1);
  });

  it('keeps the client roots through the question', async () => {
    const p = await connect(era, 'accept', true);
    const r = await call(p);
    expect(r).toMatchObject({ isError: false, structured: { applied: true, allowed: [dir] } });
    expect(p.asked()).toHaveLength(1);
    // 2025: one roots/list, then the pushed question. 2026: roots, then roots + question.
    expect(p.rootsAsked()).toBe(era === 'legacy' ? 1 : 2);
    expect(runs).toBe(era === 'legacy' ? 1 : 3);
  });
});
