/**
 * The contract every tool of every server keeps (docs/ARCHITECTURE.md, "Decisions and why": tools are data): names clients accept, texts for
 * an LLM reader, all four hints, object schemas, and what `tools/list` really publishes.
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { TOOL_NAME_PATTERN, type AnyTool, type ServerDeps } from '../../shared/mcp/index.js';
import { connect } from '../support/mcp.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_NAMES = [
  'ecto-schema',
  'ecto-migration',
  'phoenix-context',
  'schema-understanding',
];

interface ServerModule {
  createServer(deps: ServerDeps): McpServer;
}

async function load(name: string): Promise<{ tools: AnyTool[]; server: ServerModule }> {
  const tools = (await import(path.join(repo, 'servers', name, 'tools', 'index.ts'))) as Record<
    string,
    unknown
  >;
  const list = Object.values(tools).find((v) => Array.isArray(v)) as AnyTool[] | undefined;
  if (!list) throw new Error(`servers/${name}/tools/index.ts exports no tool list`);
  const server = (await import(path.join(repo, 'servers', name, 'server.ts'))) as ServerModule;
  return { tools: list, server };
}

const present = SERVER_NAMES.filter((n) => existsSync(path.join(repo, 'servers', n, 'server.ts')));

describe('servers/ holds exactly the four servers', () => {
  it('has a folder per server with index.ts, server.ts and tools/index.ts', () => {
    const dirs = readdirSync(path.join(repo, 'servers')).sort();
    expect(dirs).toEqual([...SERVER_NAMES].sort());
    for (const d of dirs) {
      for (const f of ['index.ts', 'server.ts', 'tools/index.ts']) {
        expect(existsSync(path.join(repo, 'servers', d, f)), `servers/${d}/${f}`).toBe(true);
      }
    }
  });
});

describe.each(present)('%s tools', (name) => {
  it('are data with valid names, texts and all four hints', async () => {
    const { tools } = await load(name);
    expect(tools.length).toBeGreaterThan(0);
    for (const t of tools) {
      expect(t.name).toMatch(TOOL_NAME_PATTERN);
      expect(t.description.length, t.name).toBeGreaterThan(40);
      expect(t.title.length, t.name).toBeGreaterThan(3);
      for (const h of [
        'readOnlyHint',
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
      ] as const) {
        expect(typeof t.annotations[h], `${t.name}.${h}`).toBe('boolean');
      }
    }
  });

  it('publishes object input/output schemas with described properties over MCP', async () => {
    const { server } = await load(name);
    const c = await connect(server.createServer({ cliRoots: [] }));
    try {
      const { tools } = await c.client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      for (const t of tools) {
        expect(t.inputSchema.type).toBe('object');
        expect(t.outputSchema?.type, `${t.name} outputSchema`).toBe('object');
        const props = (t.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
        for (const [key, schema] of Object.entries(props)) {
          expect(schema.description, `${t.name}.${key} has a description`).toBeTruthy();
          expect(key, `${t.name}.${key} is snake_case`).toMatch(/^[a-z][a-z0-9_]*$/);
        }
        expect(t.annotations).toMatchObject({
          readOnlyHint: expect.any(Boolean),
          destructiveHint: expect.any(Boolean),
          idempotentHint: expect.any(Boolean),
          openWorldHint: expect.any(Boolean),
        });
      }
    } finally {
      await c.close();
    }
  });

  it('publishes schemas strict clients accept: no type arrays, every nullable as anyOf', async () => {
    const { server } = await load(name);
    const c = await connect(server.createServer({ cliRoots: [] }));
    try {
      const { tools } = await c.client.listTools();
      for (const t of tools) {
        for (const [which, schema] of [
          ['inputSchema', t.inputSchema],
          ['outputSchema', t.outputSchema],
        ] as const) {
          const bad: string[] = [];
          const walk = (node: unknown, at: string): void => {
            if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
            if (typeof node !== 'object' || node === null) return;
            const rec = node as Record<string, unknown>;
            if (Array.isArray(rec.type)) bad.push(`${at}.type = ${JSON.stringify(rec.type)}`);
            for (const [k, v] of Object.entries(rec))
              if (k !== 'enum' && k !== 'const') walk(v, `${at}.${k}`);
          };
          walk(schema, which);
          expect(bad, `${t.name}: ${bad.join('; ')}`).toEqual([]);
        }
      }
    } finally {
      await c.close();
    }
  });
});
