/**
 * `@ai-sdk/mcp` (the Vercel AI SDK's MCP client; it declares no roots) against every server of
 * mcp.json over stdio: tools are listed and become AI SDK tools, and each generator answers a
 * dry run without a project. Every stdout line of every server is JSON-RPC.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMCPClient, type CallToolResult, type MCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOnlyJsonRpc, mcpJsonServers, recorded, SPEC_POST, SPEC_TAG } from './helpers.js';

const servers = mcpJsonServers();
const GENERATORS: Record<string, string> = {
  'ecto-schema': 'generate_ecto_schema',
  'ecto-migration': 'generate_ecto_migration',
  'phoenix-context': 'generate_phoenix_context',
};

let tmp: string;
const clients = new Map<string, MCPClient>();
const logs: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-ai-sdk-'));
  await Promise.all(
    Object.entries(servers).map(async ([name, entry]) => {
      const log = path.join(tmp, `${name}.stdout.jsonl`);
      logs.push(log);
      const { command, args } = recorded(entry, log);
      const client = await createMCPClient({
        transport: new Experimental_StdioMCPTransport({ command, args, stderr: 'ignore' }),
      });
      clients.set(name, client);
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await rm(tmp, { recursive: true, force: true });
});

describe('@ai-sdk/mcp client', () => {
  it.each(Object.keys(servers))(
    '%s: lists its tools and turns them into AI SDK tools',
    async (name) => {
      const client = clients.get(name)!;
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      const toolSet = await client.tools();
      expect(Object.keys(toolSet).sort()).toEqual(tools.map((t) => t.name).sort());
    },
  );

  it.each(Object.entries(GENERATORS))(
    '%s: %s with dry_run returns the files and writes nothing',
    async (name, tool) => {
      // the way an AI SDK app runs it: the tool of client.tools(), executed with its arguments
      const toolSet = await clients.get(name)!.tools();
      const result = (await toolSet[tool]!.execute!(
        { specs: [SPEC_TAG, SPEC_POST], dry_run: true },
        { toolCallId: `call-${tool}`, messages: [] },
      )) as CallToolResult;
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      const out = result.structuredContent as {
        project_root: string | null;
        dry_run: boolean;
        files: { path: string; action: string; content?: string }[];
        warnings: string[];
      };
      expect(out.dry_run).toBe(true);
      expect(out.project_root).toBeNull();
      expect(out.files.length).toBeGreaterThan(0);
      for (const f of out.files) expect(f.content ?? '').toMatch(/^defmodule MyApp\./m);
      // the text mirror names the files too, for clients that only show text
      const text = (result.content as { type: string; text?: string }[])
        .map((c) => c.text ?? '')
        .join('\n');
      expect(text).toContain(out.files[0]!.path);
    },
  );

  it('every server wrote only JSON-RPC on stdout', async () => {
    await Promise.all([...clients.values()].map((c) => c.close()));
    clients.clear();
    for (const log of logs) expectOnlyJsonRpc(log);
  });
});
