/**
 * Each server started exactly as mcp.json says (the built bundle, over real stdio): it answers
 * initialize and tools/list, serves a real SDK client, writes nothing but JSON-RPC on stdout,
 * and exits when the client closes stdin.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = JSON.parse(readFileSync(path.join(repo, 'mcp.json'), 'utf8')) as {
  mcpServers: Record<string, { command: string; args: string[] }>;
};

/** Sends JSON-RPC lines, collects every stdout line until the process exits after stdin closes. */
function exchange(
  entry: { command: string; args: string[] },
  messages: (object | string)[],
  waitForIds: number[],
) {
  return new Promise<{ lines: string[]; code: number | null; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(entry.command === 'node' ? process.execPath : entry.command, entry.args, {
        cwd: repo,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let stderr = '';
      const pending = new Set(waitForIds);
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server did not answer/exit in time; stderr:\n${stderr}`));
      }, 15_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        for (const line of out.split('\n')) {
          try {
            const msg = JSON.parse(line) as { id?: number };
            if (msg.id !== undefined) pending.delete(msg.id);
          } catch {
            // partial or junk line; judged at the end
          }
        }
        if (pending.size === 0) child.stdin.end();
      });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ lines: out.split('\n').filter((l) => l !== ''), code, stderr });
      });
      for (const m of messages)
        child.stdin.write(`${typeof m === 'string' ? m : JSON.stringify(m)}\n`);
    },
  );
}

describe.each(Object.entries(config.mcpServers))('%s over stdio (mcp.json)', (name, entry) => {
  it('speaks only JSON-RPC on stdout and exits when stdin closes', async () => {
    const { lines, code } = await exchange(
      entry,
      [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'raw', version: '0' },
          },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        {
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'no_such_tool', arguments: {} },
        },
        'not json at all',
        { jsonrpc: '2.0', id: 4, method: 'ping' },
      ],
      [1, 2, 3, 4],
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      const msg = JSON.parse(line) as { jsonrpc?: string };
      expect(msg.jsonrpc, line).toBe('2.0');
    }
    const init = JSON.parse(lines.find((l) => l.includes('"id":1'))!) as {
      result: { serverInfo: { name: string } };
    };
    expect(init.result.serverInfo.name).toBe(name);
    expect(code).toBe(0);
  });

  it('serves a real SDK client', async () => {
    const client = new Client({ name: 'stdio-test', version: '0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: entry.args,
      cwd: repo,
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});

describe('dist loaders (scripts/build.mjs)', () => {
  it.each(Object.entries(config.mcpServers))(
    '%s: sets the V8 flags of shared/mcp/heap.ts before anything else loads',
    (name, entry) => {
      const loader = entry.args.find((a) => a.endsWith('.js'));
      expect(loader, 'mcp.json starts a .js file').toBe(`dist/${name}.js`);
      const code = readFileSync(path.join(repo, loader!), 'utf8');
      // Static imports are evaluated before the module body: only node:v8 may be one.
      const statics = [...code.matchAll(/^import\s.*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
      expect(statics).toEqual(['node:v8']);
      const flags = [...code.matchAll(/setFlagsFromString\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect(flags).toEqual([
        '--semi-space-growth-factor=1',
        '--heap-growing-percent=20',
        '--no-opt',
      ]);
      // The server bundle comes after them, through a dynamic import.
      const lastFlag = code.lastIndexOf('setFlagsFromString(');
      const load = code.indexOf(`import("./${name}.server.js")`);
      expect(load).toBeGreaterThan(lastFlag);
    },
  );
});
