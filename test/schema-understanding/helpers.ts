/**
 * A real SDK client that declares `sampling` and answers sampling/createMessage with canned LLM
 * replies (test/support/mcp.ts's `connect` serves roots only), plus fixtures for these tests.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import {
  InMemoryTransport,
  type CreateMessageRequest,
  type McpServer,
} from '@modelcontextprotocol/server';
import { collectLogs, type Connected } from '../support/mcp.js';

export interface SamplingClient extends Connected {
  /** The params of every sampling request the server sent, in order. */
  requests: CreateMessageRequest['params'][];
}

/** Connect a client with the sampling capability; reply i answers the i-th request. */
export async function connectWithSampling(
  server: McpServer,
  replies: readonly string[],
  opts: { roots?: string[] } = {},
): Promise<SamplingClient> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const logs = collectLogs();
  await server.connect(serverTransport);
  const client = new Client(
    { name: 'phx-gen-mcp-sampling-test', version: '0.0.0' },
    { capabilities: { sampling: {}, ...(opts.roots ? { roots: { listChanged: true } } : {}) } },
  );
  const requests: CreateMessageRequest['params'][] = [];
  client.setRequestHandler('sampling/createMessage', async (request) => {
    requests.push(request.params);
    const text = replies[requests.length - 1];
    if (text === undefined) throw new Error(`no canned reply for request ${requests.length}`);
    return { model: 'canned-llm', role: 'assistant', content: { type: 'text', text } };
  });
  if (opts.roots) {
    const roots = opts.roots;
    client.setRequestHandler('roots/list', async () => ({
      roots: roots.map((dir) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) })),
    }));
  }
  await client.connect(clientTransport);
  return {
    client,
    requests,
    logs: () => logs.lines.join(''),
    async close() {
      try {
        await client.close();
        await server.close();
      } finally {
        logs.stop();
      }
    },
  };
}

/** The text of every content block of a tool result. */
export function allText(result: unknown): string {
  const r = result as { content?: { type: string; text?: string }[] };
  return (r.content ?? []).map((c) => c.text ?? '').join('\n');
}

/** The text of a sampling message. */
export function messageText(m: { content: unknown }): string {
  const blocks = Array.isArray(m.content) ? m.content : [m.content];
  return blocks.map((b) => (b as { text?: string }).text ?? '').join('\n');
}
