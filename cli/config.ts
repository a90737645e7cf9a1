/**
 * `phx-gen-mcp config --client …`: a ready-to-paste client configuration for the four servers,
 * with absolute paths (GUI hosts such as Claude Desktop start servers with a minimal PATH and an
 * unrelated working directory).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NAMES } from './names.js';
import { shellLine } from './shell.js';
import { distDir } from './paths.js';

export const CLIENTS = ['claude', 'claude-code', 'cursor', 'vscode', 'fast-agent'] as const;
export type ClientKind = (typeof CLIENTS)[number];

export interface ConfigOptions {
  client: ClientKind;
  /** Absolute project directories (`--root`). */
  roots: readonly string[];
  /** Absolute path of mix (`--mix`). */
  mixPath?: string;
  /** Extra environment for the servers (MIX_ENV, MIX_HOME, HEX_HOME, PATH, …). */
  env?: Readonly<Record<string, string>>;
  /** The node executable (default: the one running this CLI). */
  node?: string;
  /** Where the bundles are (default: next to the CLI). */
  dir?: string;
}

interface Entry {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function entries(opts: ConfigOptions): Entry[] {
  const dir = opts.dir ?? distDir();
  const extra = [
    ...opts.roots.flatMap((r) => ['--root', r]),
    ...(opts.mixPath === undefined ? [] : ['--mix', opts.mixPath]),
  ];
  const env = opts.env && Object.keys(opts.env).length > 0 ? { ...opts.env } : undefined;
  return SERVER_NAMES.map((name) => ({
    name,
    command: opts.node ?? process.execPath,
    args: [path.join(dir, `${name}.js`), ...extra],
    ...(env ? { env } : {}),
  }));
}

/** Where each client reads its configuration (shown on stderr, not part of the config). */
export const CONFIG_LOCATIONS: Readonly<Record<ClientKind, string>> = {
  claude:
    'Claude Desktop: merge into claude_desktop_config.json (macOS: ~/Library/Application Support/Claude/, Windows: %APPDATA%\\Claude\\), then restart Claude Desktop.',
  'claude-code':
    'Claude Code: run these lines in your project directory (they add the servers for you in this project; add --scope user for all your projects), then check with `claude mcp list`.',
  cursor:
    'Cursor: merge into .cursor/mcp.json in the project (or ~/.cursor/mcp.json), then enable the servers under Settings → MCP.',
  vscode:
    'VS Code: merge into .vscode/mcp.json in the workspace (or the user mcp.json: "MCP: Open User Configuration").',
  'fast-agent':
    'fast-agent: merge into fastagent.config.yaml (looked up from the working directory upwards).',
};

/** The configuration text for `opts.client`. */
export function renderConfig(opts: ConfigOptions): string {
  const list = entries(opts);
  switch (opts.client) {
    case 'claude':
    case 'cursor': {
      const mcpServers = Object.fromEntries(
        list.map((e) => [
          e.name,
          { command: e.command, args: e.args, ...(e.env ? { env: e.env } : {}) },
        ]),
      );
      return `${JSON.stringify({ mcpServers }, null, 2)}\n`;
    }
    case 'vscode': {
      const servers = Object.fromEntries(
        list.map((e) => [
          e.name,
          { type: 'stdio', command: e.command, args: e.args, ...(e.env ? { env: e.env } : {}) },
        ]),
      );
      return `${JSON.stringify({ servers }, null, 2)}\n`;
    }
    case 'claude-code':
      return claudeCodeLines(list);
    case 'fast-agent':
      return fastAgentYaml(list, opts.roots);
  }
}

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const q = (s: string) => JSON.stringify(s);

function fastAgentYaml(list: Entry[], roots: readonly string[]): string {
  const lines = ['# fastagent.config.yaml (phx-gen-mcp servers)', 'mcp:', '  servers:'];
  for (const e of list) {
    // fast-agent refers to servers by name in agent definitions; underscores keep it an identifier.
    lines.push(`    ${e.name.replace(/-/g, '_')}:`);
    lines.push(`      command: ${q(e.command)}`);
    lines.push(`      args: [${e.args.map(q).join(', ')}]`);
    if (e.env) {
      lines.push('      env:');
      for (const [k, v] of Object.entries(e.env)) lines.push(`        ${k}: ${q(v)}`);
    }
    if (roots.length > 0) {
      lines.push('      roots:');
      for (const r of roots) {
        lines.push(`        - uri: ${q(pathToFileURL(r).href)}`);
        lines.push(`          name: ${q(path.basename(r) || r)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `claude mcp add` lines: the server name, options, then `--` and the command with its args. */
function claudeCodeLines(list: Entry[]): string {
  const lines = list.map((e) =>
    shellLine([
      'claude',
      'mcp',
      'add',
      e.name,
      '--transport',
      'stdio',
      // after the name: --env takes several values, and `--` ends them
      ...Object.entries(e.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
      '--',
      e.command,
      ...e.args,
    ]),
  );
  return `${lines.join('\n')}\n`;
}
