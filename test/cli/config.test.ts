/**
 * `phx-gen-mcp config --client …`: for each client the output parses, names the four servers with
 * absolute paths, and (for the JSON shapes) really starts a working server when used as is.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { runCli } from './helpers.js';

const SERVERS = ['schema-understanding', 'ecto-schema', 'ecto-migration', 'phoenix-context'];
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-config-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function config(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(['config', ...argv], {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

interface Entry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function expectAbsoluteEntry(name: string, e: Entry) {
  expect(path.isAbsolute(e.command), e.command).toBe(true);
  expect(e.args[0]).toBe(path.join(path.dirname(e.args[0]!), `${name}.js`));
  expect(path.isAbsolute(e.args[0]!)).toBe(true);
  expect(existsSync(e.args[0]!), e.args[0]).toBe(true);
  expect(e.args.slice(1, 3)).toEqual(['--root', root]);
}

describe('phx-gen-mcp config', () => {
  it.each(['claude', 'cursor'])('%s: mcpServers JSON with absolute paths', async (client) => {
    const r = await config(['--client', client, '--root', root]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { mcpServers: Record<string, Entry> };
    expect(Object.keys(json.mcpServers)).toEqual(SERVERS);
    for (const [name, e] of Object.entries(json.mcpServers)) expectAbsoluteEntry(name, e);
    expect(r.err).toMatch(/claude_desktop_config\.json|\.cursor\/mcp\.json/);
  });

  it('vscode: servers JSON, type stdio, and the entry starts a working server', async () => {
    const r = await config(['--client', 'vscode', '--root', root, '--env', 'MIX_ENV=dev']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { servers: Record<string, Entry> };
    expect(Object.keys(json.servers)).toEqual(SERVERS);
    for (const [name, e] of Object.entries(json.servers)) {
      expect(e.type).toBe('stdio');
      expect(e.env).toEqual({ MIX_ENV: 'dev' });
      expectAbsoluteEntry(name, e);
    }
    const e = json.servers['ecto-schema']!;
    const client = new Client({ name: 'config-test', version: '0' });
    await client.connect(
      new StdioClientTransport({ command: e.command, args: e.args, env: e.env, stderr: 'pipe' }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('generate_ecto_schema');
    } finally {
      await client.close();
    }
  });

  it('fast-agent: fastagent.config.yaml with underscored names and MCP roots', async () => {
    const r = await config(['--client', 'fast-agent', '--root', root, '--mix', '/usr/bin/mix']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(1, 3)).toEqual(['mcp:', '  servers:']);
    const names = lines.filter((l) => /^ {4}\S/.test(l)).map((l) => l.trim());
    expect(names).toEqual(SERVERS.map((s) => `${s.replace(/-/g, '_')}:`));
    // command/args/roots are JSON scalars and flow sequences, so JSON.parse reads the YAML values
    const value = (key: string) =>
      lines.filter((l) => l.trimStart().startsWith(key)).map((l) => JSON.parse(l.split(key)[1]!));
    for (const c of value('command: ') as string[]) expect(path.isAbsolute(c)).toBe(true);
    const args = value('args: ') as string[][];
    expect(args.map((a) => path.basename(a[0]!))).toEqual(SERVERS.map((s) => `${s}.js`));
    for (const a of args) expect(a.slice(1)).toEqual(['--root', root, '--mix', '/usr/bin/mix']);
    expect(value('- uri: ')).toEqual(SERVERS.map(() => pathToFileURL(root).href));
    expect(value('name: ')).toEqual(SERVERS.map(() => path.basename(root)));
    expect(r.out).not.toMatch(/\t/);
  });

  it('errors: exit 2 naming the problem', async () => {
    const cases: [string[], string][] = [
      [['--root', root], '--client is required'],
      [
        ['--client', 'zed', '--root', root],
        '--client must be one of claude, claude-code, cursor, vscode, fast-agent',
      ],
      [['--client', 'claude'], '--root DIR is required'],
      [
        ['--client', 'claude', '--root', path.join(root, 'missing')],
        'is not an existing directory',
      ],
      [['--client', 'claude', '--root', root, '--env', 'NOEQUALS'], '--env needs KEY=VALUE'],
    ];
    for (const [argv, message] of cases) {
      const r = await config(argv);
      expect(r.code, message).toBe(2);
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
  });

  it('through the bin: relative --root becomes absolute, stdout is only the config', async () => {
    const r = await runCli(['config', '--client', 'cursor', '--root', '.'], { cwd: root });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { mcpServers: Record<string, Entry> };
    for (const [name, e] of Object.entries(json.mcpServers)) expectAbsoluteEntry(name, e);
  });
});

describe('phx-gen-mcp config --client claude-code', () => {
  it('prints one `claude mcp add` line per server that a shell runs as the right argv', async () => {
    const r = await config([
      '--client',
      'claude-code',
      '--root',
      root,
      '--env',
      'MIX_ENV=dev',
      '--env',
      'PATH=/opt/my tools/bin:/usr/bin',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('claude mcp list');
    // a stand-in `claude` prints the arguments the shell gave it, one per line
    const run = await execa('bash', ['-c', `claude() { printf '%s\\n' "$@" "---"; }\n${r.out}`], {
      reject: false,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const calls = run.stdout.split('\n---\n').map((c) => c.replace(/\n---$/, '').split('\n'));
    expect(calls.map((c) => c[2])).toEqual(SERVERS);
    for (const argv of calls) {
      const name = argv[2]!;
      expect(argv.slice(0, 2)).toEqual(['mcp', 'add']);
      expect(argv.slice(3, argv.indexOf('--'))).toEqual([
        '--transport',
        'stdio',
        '--env',
        'MIX_ENV=dev',
        '--env',
        'PATH=/opt/my tools/bin:/usr/bin',
      ]);
      const [command, ...args] = argv.slice(argv.indexOf('--') + 1);
      expectAbsoluteEntry(name, { command: command!, args });
    }
    // the command after `--` starts a working server
    const [command, ...args] = calls[1]!.slice(calls[1]!.indexOf('--') + 1);
    const client = new Client({ name: 'config-test', version: '0' });
    await client.connect(new StdioClientTransport({ command: command!, args, stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('generate_ecto_schema');
    } finally {
      await client.close();
    }
  });
});
