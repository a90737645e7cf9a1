/**
 * Real SDK client ↔ server over the SDK's in-memory transport, with the client serving roots
 * (no SDK mocks; docs/ARCHITECTURE.md, "Tests"). Also temp Phoenix-shaped projects to write into.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type McpServer } from '@modelcontextprotocol/server';

export interface Connected {
  client: Client;
  /** The server's log lines ("[phx-gen-mcp] level: …") written while connected, kept off the test output. */
  logs?(): string;
  close(): Promise<void>;
}

// The servers log to stderr (shared/mcp/log.ts). An in-process server shares the test's stderr, so
// while a connection is open its log lines are collected here instead of printed; a test asserts
// on the ones it expects. Anything else written to stderr passes through.
const collectors = new Set<string[]>();
let originalWrite: typeof process.stderr.write | undefined;

export function collectLogs(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  collectors.add(lines);
  if (originalWrite === undefined) {
    const original = process.stderr.write.bind(process.stderr) as typeof process.stderr.write;
    originalWrite = original;
    process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text =
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (text.startsWith('[phx-gen-mcp] ')) {
        for (const c of collectors) c.push(text);
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      }
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
  }
  return {
    lines,
    stop() {
      collectors.delete(lines);
      if (collectors.size === 0 && originalWrite !== undefined) {
        process.stderr.write = originalWrite;
        originalWrite = undefined;
      }
    },
  };
}

/** Connect a client; with `roots`, it declares the capability and answers roots/list with them. */
export async function connect(
  server: McpServer,
  opts: { roots?: string[] } = {},
): Promise<Connected> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const logs = collectLogs();
  await server.connect(serverTransport);
  const client = new Client(
    { name: 'phx-gen-mcp-test', version: '0.0.0' },
    { capabilities: opts.roots ? { roots: { listChanged: true } } : {} },
  );
  if (opts.roots) {
    const roots = opts.roots;
    client.setRequestHandler('roots/list', async () => ({
      roots: roots.map((dir) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) })),
    }));
  }
  await client.connect(clientTransport);
  return {
    client,
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

export const MIX_EXS = `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [
      app: :my_app,
      version: "0.1.0",
      elixir: "~> 1.14",
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [mod: {MyApp.Application, []}, extra_applications: [:logger]]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp deps do
    [
      {:phoenix_ecto, "~> 4.5"},
      {:ecto_sql, "~> 3.10"},
      {:postgrex, ">= 0.0.0"}
    ]
  end
end
`;

export const CONFIG_EXS = `import Config

config :my_app,
  ecto_repos: [MyApp.Repo],
  generators: [timestamp_type: :utc_datetime]
`;

/** A temp dir holding a phx.new-shaped project skeleton (mix.exs, config, repo). */
export async function tempProject(
  files: Record<string, string> = {},
): Promise<{ root: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-'));
  const all: Record<string, string> = {
    'mix.exs': MIX_EXS,
    'config/config.exs': CONFIG_EXS,
    'lib/my_app/repo.ex':
      'defmodule MyApp.Repo do\n  use Ecto.Repo, otp_app: :my_app, adapter: Ecto.Adapters.Postgres\nend\n',
    ...files,
  };
  for (const [rel, content] of Object.entries(all)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The structured content of a successful call, or a failure naming the error text. */
export function structured<T = Record<string, unknown>>(result: unknown): T {
  const r = result as {
    isError?: boolean;
    content?: { type: string; text?: string }[];
    structuredContent?: unknown;
  };
  if (r.isError) throw new Error(`tool error: ${r.content?.map((c) => c.text).join('\n')}`);
  return r.structuredContent as T;
}

/** The error text of a failed call. */
export function errorText(result: unknown): string {
  const r = result as { isError?: boolean; content?: { type: string; text?: string }[] };
  if (!r.isError)
    throw new Error(`expected an isError result, got ${JSON.stringify(result).slice(0, 500)}`);
  return r.content?.map((c) => c.text ?? '').join('\n') ?? '';
}
