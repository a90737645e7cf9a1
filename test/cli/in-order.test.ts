/**
 * Progress that arrives in the same read chunk as the result (typescript-sdk#2580), pinned
 * without timing: a scripted transport hands the real SDK client every message of a "chunk" in
 * one synchronous loop, exactly as the stdio transport does after one read.
 */
import {
  Client,
  LATEST_PROTOCOL_VERSION,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type Transport,
} from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { deliverResponsesInOrder } from '../../cli/in-order.js';

/** A server that answers each tools/call with `progressCount` progress notifications and the
 * result, all handed over at once; `logAfter` adds a log message behind the result. */
class ChunkServer implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  constructor(private readonly progressCount: number) {}

  async start(): Promise<void> {}
  async close(): Promise<void> {
    this.onclose?.();
  }

  private chunk(messages: JSONRPCMessage[]): void {
    setImmediate(() => {
      for (const m of messages) this.onmessage?.(m);
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (!('method' in message) || !('id' in message)) return;
    if (message.method === 'initialize') {
      this.chunk([
        {
          jsonrpc: '2.0',
          id: message.id,
          result: {
            protocolVersion: LATEST_PROTOCOL_VERSION,
            capabilities: { tools: {}, logging: {} },
            serverInfo: { name: 'chunk', version: '1' },
          },
        },
      ]);
    } else if (message.method === 'tools/call') {
      const token = (message.params?._meta as { progressToken?: number } | undefined)
        ?.progressToken;
      const progress: JSONRPCMessage[] =
        token === undefined
          ? []
          : Array.from({ length: this.progressCount }, (_, i) => ({
              jsonrpc: '2.0' as const,
              method: 'notifications/progress',
              params: { progressToken: token, progress: i + 1, total: this.progressCount },
            }));
      this.chunk([
        ...progress,
        {
          jsonrpc: '2.0',
          id: message.id,
          result: { content: [{ type: 'text', text: 'done' }] },
        },
        {
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'info', data: 'after the result' },
        },
      ]);
    }
  }
}

async function callWithProgress(inOrder: boolean) {
  const transport = new ChunkServer(4);
  const client = new Client({ name: 'test', version: '1' });
  const errors: string[] = [];
  const events: string[] = [];
  client.onerror = (e) => errors.push(e.message);
  client.setNotificationHandler('notifications/message', (n) => {
    events.push(`log ${String(n.params.data)}`);
  });
  await client.connect(transport);
  if (inOrder) deliverResponsesInOrder(transport);
  const result = await client.callTool(
    { name: 'work', arguments: {} },
    { onprogress: (p) => events.push(`progress ${p.progress}/${p.total}`) },
  );
  events.push(`result ${(result.content as { text: string }[])[0]!.text}`);
  // the log message behind the result is delivered before the next macrotask
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  await client.close();
  return { events, errors };
}

describe('deliverResponsesInOrder', () => {
  it('every progress notification of the chunk reaches onprogress, before the result', async () => {
    const { events, errors } = await callWithProgress(true);
    expect(events).toEqual([
      'progress 1/4',
      'progress 2/4',
      'progress 3/4',
      'progress 4/4',
      'result done',
      'log after the result',
    ]);
    expect(errors).toEqual([]);
  });

  it('without it, the SDK drops them as "unknown token" (if this fails, the SDK fixed #2580)', async () => {
    const { events, errors } = await callWithProgress(false);
    expect(events.filter((e) => e.startsWith('progress'))).toEqual([]);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toContain('progress notification for an unknown token');
  });

  it('needs a connected transport', () => {
    expect(() => deliverResponsesInOrder({})).toThrow('connect the client');
  });
});
