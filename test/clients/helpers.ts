/**
 * Black-box client runs: each server started as mcp.json says, wrapped in the stdout recorder so
 * that what the server wrote on stdout can be checked after a client we did not write consumed it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RECORDER = path.join(repo, 'test', 'support', 'stdout-recorder.mjs');

export interface McpJsonEntry {
  command: string;
  args: string[];
}

/** The entries of the shipped mcp.json, with their bundle paths made absolute. */
export function mcpJsonServers(): Record<string, McpJsonEntry> {
  const config = JSON.parse(readFileSync(path.join(repo, 'mcp.json'), 'utf8')) as {
    mcpServers: Record<string, McpJsonEntry>;
  };
  return Object.fromEntries(
    Object.entries(config.mcpServers).map(([name, e]) => [
      name,
      {
        command: e.command,
        args: e.args.map((a) => (a.endsWith('.js') ? path.resolve(repo, a) : a)),
      },
    ]),
  );
}

/** The same server behind the recorder: `node recorder <log> -- node dist/x.js …extra`. */
export function recorded(
  entry: McpJsonEntry,
  log: string,
  extra: readonly string[] = [],
): { command: string; args: string[] } {
  const command = entry.command === 'node' ? process.execPath : entry.command;
  return {
    command: process.execPath,
    args: [RECORDER, log, '--', command, ...entry.args, ...extra],
  };
}

/** Every line the server wrote on stdout is a JSON-RPC 2.0 message (and there were some). */
export function expectOnlyJsonRpc(log: string): void {
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  expect(lines.length, `${log} recorded nothing`).toBeGreaterThan(0);
  for (const line of lines) {
    let msg: { jsonrpc?: unknown };
    try {
      msg = JSON.parse(line) as { jsonrpc?: unknown };
    } catch {
      throw new Error(`${path.basename(log)}: a stdout line is not JSON: ${line.slice(0, 200)}`);
    }
    expect(msg.jsonrpc, line.slice(0, 200)).toBe('2.0');
  }
}

export const SPEC_TAG = 'Blog Tag tags name:string:unique';
export const SPEC_POST = 'Blog Post posts title:string tags:many_to_many:Blog.Tag';
