/**
 * The `phx-gen-mcp` command line: serve | config | generate | demo. Returns the exit code (0 ok,
 * 1 failure, 2 usage); `serve` never returns while the server runs.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_OPTIONS_HELP, runStdioServer } from '../shared/mcp/serve.js';
import { CliError, flag, parseCommand, stringOption, stringsOption, usageError } from './args.js';
import { CLIENTS, CONFIG_LOCATIONS, renderConfig, type ClientKind } from './config.js';
import { DEFAULT_DEMO_DIR, runDemo } from './demo.js';
import { formatReport, generate, type OnConflict } from './generate.js';
import { SERVER_NAMES, isServerName } from './names.js';
import { splitSpecProblem } from './spec-args.js';
import { distDir } from './paths.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout may be coloured (a terminal, NO_COLOR unset). */
  color?: boolean;
}

const SERVERS = SERVER_NAMES.join(', ');

export const MAIN_HELP = `phx-gen-mcp: MCP servers that generate Ecto schemas, migrations and Phoenix contexts.

Usage:
  phx-gen-mcp serve <server> [--root DIR]… [--mix PATH]   run one server on stdio (for MCP clients)
  phx-gen-mcp config --client <client> --root DIR          print a ready-to-paste client config
  phx-gen-mcp generate --project DIR [options] SPEC…       generate through the four servers
  phx-gen-mcp demo [DIR]                                   sample project + generated domain
  phx-gen-mcp <command> --help                             help for one command

Servers: ${SERVERS}
Clients: ${CLIENTS.join(', ')}
`;

export const SERVE_HELP = `Usage: phx-gen-mcp serve <server> [--root DIR]… [--mix PATH] [--roots-timeout MS]

Runs one server on stdio: stdout carries JSON-RPC only, logs go to stderr. Start it from an MCP
client, not by hand. <server> is one of: ${SERVERS}.

${SERVER_OPTIONS_HELP}
`;

export const CONFIG_HELP = `Usage: phx-gen-mcp config --client <client> --root DIR [--root DIR]… [--mix PATH] [--env KEY=VALUE]… [--node PATH]

Prints a configuration for the four servers with absolute paths, ready to paste:
  claude      Claude Desktop claude_desktop_config.json ("mcpServers")
  claude-code Claude Code: \`claude mcp add\` command lines to run in the project
  cursor      Cursor .cursor/mcp.json ("mcpServers")
  vscode      VS Code .vscode/mcp.json ("servers", type stdio)
  fast-agent  fastagent.config.yaml (mcp.servers, with MCP roots)

Options:
  --client NAME     one of ${CLIENTS.join(', ')} (required)
  --root DIR        the Phoenix project the servers may write to (required; repeatable)
  --mix PATH        the mix executable, for hosts whose PATH lacks it (macOS GUI apps)
  --env KEY=VALUE   environment for the servers, e.g. MIX_ENV=dev, MIX_HOME=…, PATH=… (repeatable)
  --node PATH       the node executable (default: ${process.execPath})
`;

/** The help of `generate`; the tool options come from the tools' schemas (./tool-options.ts). */
export function generateHelp(toolOptionsHelp: string): string {
  return `Usage: phx-gen-mcp generate --project DIR [options] SPEC…

Runs parse_gen_spec → generate_ecto_schema → generate_ecto_migration → generate_phoenix_context
through the four servers (each started as an MCP server over stdio with --root DIR) and prints
what was written. Each SPEC is one phx.gen-style line, quoted, e.g.
  "Blog Post posts title:string body:text author:belongs_to:Accounts.User tags:many_to_many:Blog.Tag"
Nothing is written when any generator would hit a conflict (unless --on-conflict says otherwise).
--dry-run prints a unified diff per file that would be created or changed (coloured on a
terminal unless NO_COLOR is set).

Options:
  --project DIR   the Phoenix/Mix project (holds mix.exs) (required)
  --file PATH     read spec lines from a file (one per line; # comments)
  --mix PATH      the mix executable
  --json          print the full report (every server's result; with --dry-run each file's
                  content and diff) as JSON

The tools' arguments, with the same names (--app takes the OTP app, e.g. my_app, or the tool's
JSON object):
${toolOptionsHelp}
`;
}

export const DEMO_HELP = `Usage: phx-gen-mcp demo [DIR]

Creates a sample Phoenix-shaped project (mix.exs, config, repo, DataCase, formatter) in DIR
(default ./${DEFAULT_DEMO_DIR}; a previous demo there is kept and the next free name is used),
generates Accounts.User, Blog.Post, Blog.Tag and Blog.Comment into it through the real MCP
servers, and prints the file tree and the next steps. This is what \`npm start\` runs.

Options:
  --mix PATH   the mix executable (the demo does not run mix format: its deps are not fetched)
`;

function parseEnvPairs(pairs: readonly string[], help: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--env needs KEY=VALUE, got ${JSON.stringify(pair)}.`, help);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** A user-given path made absolute; bare command names (`mix`) stay as they are. */
function absoluteCommand(p: string): string {
  return p.includes('/') || p.includes('\\') ? path.resolve(p) : p;
}

function oneOf<T extends string>(
  value: string | undefined,
  choices: readonly T[],
  option: string,
  help: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw usageError(
      `${option} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}.`,
      help,
    );
  }
  return value as T;
}

async function serveCommand(argv: readonly string[], io: Io): Promise<number | 'running'> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    if (name === undefined) {
      io.err(`Missing <server>: one of ${SERVERS}.\n\n${SERVE_HELP}`);
      return 2;
    }
    io.err(SERVE_HELP);
    return 0;
  }
  if (!isServerName(name)) {
    io.err(`Unknown server ${JSON.stringify(name)}: one of ${SERVERS}.\n\n${SERVE_HELP}`);
    return 2;
  }
  const { SERVER_FACTORIES } = await import('./servers.js');
  runStdioServer(name, SERVER_FACTORIES[name], {}, rest);
  return 'running';
}

function configCommand(argv: readonly string[], io: Io): number {
  const { values, help } = parseCommand(
    argv,
    {
      client: { type: 'string' },
      root: { type: 'string', multiple: true },
      mix: { type: 'string' },
      env: { type: 'string', multiple: true },
      node: { type: 'string' },
    },
    CONFIG_HELP,
  );
  if (help) {
    io.out(CONFIG_HELP);
    return 0;
  }
  const client = oneOf<ClientKind>(
    stringOption(values, 'client'),
    CLIENTS,
    '--client',
    CONFIG_HELP,
  );
  if (client === undefined)
    throw usageError(`--client is required (${CLIENTS.join(', ')}).`, CONFIG_HELP);
  const roots = stringsOption(values, 'root').map((r) => path.resolve(r));
  if (roots.length === 0) {
    throw usageError('--root DIR is required: the project the servers may write to.', CONFIG_HELP);
  }
  for (const r of roots) {
    if (!statSync(r, { throwIfNoEntry: false })?.isDirectory())
      throw new CliError(`--root ${r} is not an existing directory.`, 2);
  }
  const mix = stringOption(values, 'mix');
  const node = stringOption(values, 'node');
  const missing = SERVER_NAMES.map((n) => path.join(distDir(), `${n}.js`)).filter(
    (f) => !existsSync(f),
  );
  if (missing.length > 0) {
    io.err(
      `Note: ${missing.join(', ')} not built yet; run npm run build before starting the client.\n`,
    );
  }
  io.out(
    renderConfig({
      client,
      roots,
      ...(mix === undefined ? {} : { mixPath: absoluteCommand(mix) }),
      ...(node === undefined ? {} : { node: absoluteCommand(node) }),
      env: parseEnvPairs(stringsOption(values, 'env'), CONFIG_HELP),
    }),
  );
  io.err(`${CONFIG_LOCATIONS[client]}\n`);
  return 0;
}

/** Spec lines of a file: one per line, blank lines and `#` comments skipped. */
export function specLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

async function generateCommand(argv: readonly string[], io: Io): Promise<number> {
  const tools = await import('./tool-options.js');
  const options = tools.toolOptions();
  const help = generateHelp(tools.optionsHelp(options));
  const parsed = parseCommand(
    argv,
    {
      project: { type: 'string' },
      file: { type: 'string' },
      mix: { type: 'string' },
      json: { type: 'boolean' },
      ...tools.parseArgsOptions(options),
    },
    help,
    { name: 'SPEC' },
  );
  const { values, positionals, optionArgs } = parsed;
  if (parsed.help) {
    io.out(help);
    return 0;
  }
  const split = splitSpecProblem('phx-gen-mcp generate', optionArgs, positionals);
  if (split !== undefined) throw new CliError(split, 2);
  const project = stringOption(values, 'project');
  if (project === undefined) throw usageError('--project DIR is required.', help);
  const specs = [...positionals];
  const file = stringOption(values, 'file');
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new CliError(`Cannot read --file ${file}: ${(e as Error).message}`, 2);
    }
    specs.push(...specLines(text));
  }
  if (specs.length === 0) throw usageError('Give at least one SPEC (or --file PATH).', help);
  const { args, byTool } = tools.toolArgs(options, values, help);
  const mix = stringOption(values, 'mix');
  const report = await generate({
    project,
    specs,
    dryRun: args.dry_run === true,
    ...(args.on_conflict === undefined ? {} : { onConflict: args.on_conflict as OnConflict }),
    toolArgs: byTool,
    checkApp: args.app === undefined,
    ...(mix === undefined ? {} : { mixPath: absoluteCommand(mix) }),
    log: (line) => io.err(`${line}\n`),
  });
  io.out(
    flag(values, 'json')
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatReport(report, { color: io.color ?? false }),
  );
  return 0;
}

async function demoCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(argv, { mix: { type: 'string' } }, DEMO_HELP, {
    max: 1,
    name: 'DIR',
  });
  if (help) {
    io.out(DEMO_HELP);
    return 0;
  }
  const mix = stringOption(values, 'mix');
  const result = await runDemo(positionals[0], {
    ...(mix === undefined ? {} : { mixPath: absoluteCommand(mix) }),
    log: (line) => io.err(`${line}\n`),
  });
  io.out(result.text);
  return 0;
}

export async function main(argv: readonly string[], io: Io): Promise<number | 'running'> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.err(MAIN_HELP);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.out(MAIN_HELP);
        return 0;
      case '--version':
      case '-V':
        io.out('0.1.0\n');
        return 0;
      case 'serve':
        return await serveCommand(rest, io);
      case 'config':
        return configCommand(rest, io);
      case 'generate':
        return await generateCommand(rest, io);
      case 'demo':
        return await demoCommand(rest, io);
      default:
        io.err(`Unknown command ${JSON.stringify(command)}.\n\n${MAIN_HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`phx-gen-mcp ${command}: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`phx-gen-mcp ${command}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
