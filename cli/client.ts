/**
 * A real MCP client to one server bundle over stdio (`node dist/<server>.js --root DIR`), the
 * way a host runs it: roots served to the server, logging messages and progress notifications
 * received, the server's stderr kept for error reports. The CLI is a client: no server code runs
 * in this process.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CliError } from './args.js';
import { deliverResponsesInOrder } from './in-order.js';
import type { ServerName } from './names.js';
import { distDir, serverBundle } from './paths.js';

export const CLIENT_INFO = { name: 'phx-gen-mcp-cli', version: '0.1.0' };

export interface ProgressEvent {
  progress: number;
  total?: number;
  message?: string;
}

export interface ConnectOptions {
  /** Absolute directories: passed as `--root` and answered to `roots/list`. */
  roots: readonly string[];
  /** `--mix` for the server. */
  mixPath?: string;
  /** Where the bundles are (default: next to the CLI). */
  dir?: string;
  /** MCP logging messages (`notifications/message`). */
  onLog?: (server: ServerName, level: string, message: string) => void;
  /** The server's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** A tool answered `isError`: its text is the message. */
export class ToolCallError extends CliError {
  constructor(
    readonly server: ServerName,
    readonly tool: string,
    text: string,
  ) {
    super(`${server} › ${tool} failed:\n${text}`, 1);
  }
}

export interface ServerConnection {
  readonly name: ServerName;
  readonly client: Client;
  /** Calls a tool; the structured result, or a ToolCallError with the tool's error text. */
  call<T>(
    tool: string,
    args: Record<string, unknown>,
    onProgress?: (p: ProgressEvent) => void,
  ): Promise<T>;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  /** Transport/protocol errors seen (e.g. a non-JSON line on the server's stdout). */
  readonly protocolErrors: string[];
  close(): Promise<void>;
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

const TOOL_TIMEOUT_MS = 120_000;

export async function connectServer(
  name: ServerName,
  opts: ConnectOptions,
): Promise<ServerConnection> {
  const bundle = serverBundle(name, opts.dir ?? distDir());
  const args = [bundle, ...opts.roots.flatMap((r) => ['--root', r])];
  if (opts.mixPath !== undefined) args.push('--mix', opts.mixPath);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    env: stringEnv(opts.env ?? process.env),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const protocolErrors: string[] = [];
  const client = new Client(CLIENT_INFO, { capabilities: { roots: { listChanged: true } } });
  client.onerror = (err) => protocolErrors.push(err.message);
  client.setRequestHandler('roots/list', async () => ({
    roots: opts.roots.map((dir) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) })),
  }));
  client.setNotificationHandler('notifications/message', (n) => {
    const data = n.params.data;
    opts.onLog?.(name, n.params.level, typeof data === 'string' ? data : JSON.stringify(data));
  });
  try {
    // A cold start (node, bundle, tree-sitter WASM) on a busy machine can outlast the SDK's
    // 60 s request default; the handshake gets the same allowance as a tool call.
    await client.connect(transport, { timeout: TOOL_TIMEOUT_MS });
  } catch (e) {
    await transport.close().catch(() => undefined);
    throw new CliError(
      `Could not start the ${name} server (${process.execPath} ${args.join(' ')}): ${(e as Error).message}` +
        (stderr.trim() ? `\nIts stderr:\n${stderr.trim()}` : ''),
    );
  }
  // Progress that arrives in the same chunk as the result would be dropped otherwise.
  deliverResponsesInOrder(transport);
  if (client.getServerCapabilities()?.logging) {
    await client.setLoggingLevel('info').catch(() => undefined);
  }
  return {
    name,
    client,
    protocolErrors,
    stderr: () => stderr,
    async call<T>(
      tool: string,
      toolArgs: Record<string, unknown>,
      onProgress?: (p: ProgressEvent) => void,
    ): Promise<T> {
      const result = await client.callTool(
        { name: tool, arguments: toolArgs },
        {
          timeout: TOOL_TIMEOUT_MS,
          resetTimeoutOnProgress: true,
          ...(onProgress ? { onprogress: (p: ProgressEvent) => onProgress(p) } : {}),
        },
      );
      const text = (result.content ?? [])
        .map((c) => (c.type === 'text' ? c.text : `[${c.type}]`))
        .join('\n');
      // The "Details: {json}" tail of our servers' errors is for programs; the message says it all.
      if (result.isError) throw new ToolCallError(name, tool, text.split('\n\nDetails: ')[0]!);
      if (result.structuredContent === undefined) {
        throw new ToolCallError(name, tool, `no structured result; the text was:\n${text}`);
      }
      return result.structuredContent as T;
    },
    async close() {
      await client.close().catch(() => undefined);
    },
  };
}
