/**
 * A real SDK Client ↔ McpServer pair over InMemoryTransport, for the shared/mcp tests.
 * Nothing of the SDK is mocked; stderr is captured (and kept off the test output).
 */
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { vi } from 'vitest';
import { registerTools, type AnyTool, type ServerDeps } from '../../shared/mcp/index.js';

export type RootsBehaviour =
  | { kind: 'none' } // the client does not declare the roots capability
  | { kind: 'answer'; dirs: string[] }
  | { kind: 'never' }; // declares roots, never answers roots/list

export interface Harness {
  client: Client;
  /** The server instance serving this connection (set after connect). */
  server: () => McpServer;
  /** How many roots/list requests reached the client. */
  rootsRequests: () => number;
  setRootDirs(dirs: string[]): void;
  close(): Promise<void>;
}

export function toRoots(dirs: readonly string[]): { uri: string; name: string }[] {
  return dirs.map((d) => ({ uri: pathToFileURL(d).href, name: d }));
}

export async function connect(opts: {
  tools: readonly AnyTool[];
  deps: ServerDeps;
  roots: RootsBehaviour;
  era?: 'legacy' | 'modern';
}): Promise<Harness> {
  let server: McpServer | undefined;
  const build = (): McpServer => {
    const s = new McpServer({ name: 'test-server', version: '0.0.0' });
    registerTools(s, opts.tools, opts.deps);
    server = s;
    return s;
  };
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  let stdioHandle: { close(): Promise<void> } | undefined;
  if (opts.era === 'modern') {
    stdioHandle = serveStdio(build, { transport: serverTransport });
  } else {
    await build().connect(serverTransport);
  }

  let rootDirs = opts.roots.kind === 'answer' ? opts.roots.dirs : [];
  let requests = 0;
  const client = new Client(
    { name: 'test-client', version: '0.0.0' },
    {
      capabilities: opts.roots.kind === 'none' ? {} : { roots: { listChanged: true } },
      ...(opts.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  if (opts.roots.kind !== 'none') {
    const never = opts.roots.kind === 'never';
    client.setRequestHandler('roots/list', async () => {
      requests++;
      if (never) return new Promise<never>(() => undefined);
      return { roots: toRoots(rootDirs) };
    });
  }
  await client.connect(clientTransport);
  return {
    client,
    server: () => {
      if (server === undefined) throw new Error('no server instance yet');
      return server;
    },
    rootsRequests: () => requests,
    setRootDirs(dirs) {
      rootDirs = dirs;
    },
    async close() {
      await client.close();
      await stdioHandle?.close();
    },
  };
}

/** Capture stderr writes (returns the text so far) and keep them off the console. */
export function captureStderr(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  });
  return { text: () => chunks.join(''), restore: () => spy.mockRestore() };
}
