/**
 * The stdio entry every server shares: operator options → deps → `serveStdio(factory)`.
 *
 *   node dist/servers/<name>/index.js [--root DIR]… [--mix PATH] [--roots-timeout MS]
 *                                     [--database-url URL]
 *
 * Env fallbacks: PHX_GEN_MCP_ROOTS (dirs separated by the platform's path delimiter, ":" on
 * POSIX), PHX_GEN_MCP_MIX / MIX_PATH (handled in shared/mix), PHX_GEN_MCP_DATABASE_URL. The
 * process ends when the client closes stdin (the transport alone would leave an orphan behind a
 * live child).
 */
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { logToStderr } from './log.js';
import type { ServerDeps } from './tool.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const SERVER_OPTIONS_HELP = `Options:
  --root DIR           allow writing under DIR (repeatable; also PHX_GEN_MCP_ROOTS=dir1${path.delimiter}dir2)
  --mix PATH           the mix executable (also PHX_GEN_MCP_MIX or MIX_PATH; default: PATH lookup)
  --roots-timeout MS   how long to wait for the client's roots/list answer (default 5000)
  --database-url URL   the PostgreSQL database introspect_database reads (also PHX_GEN_MCP_DATABASE_URL,
                       which keeps the password out of the process list)
  --help               this text`;

/** Parses server options; throws UsageError with the help text on anything unknown. */
export function parseServerArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerDeps {
  const cliRoots: string[] = [];
  let mixPath: string | undefined;
  let rootsTimeoutMs: number | undefined;
  let databaseUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '')
        throw new UsageError(`${name} needs a value.\n${SERVER_OPTIONS_HELP}`);
      return v;
    };
    switch (name) {
      case '--root':
        cliRoots.push(value());
        break;
      case '--mix':
        mixPath = value();
        break;
      case '--database-url':
        databaseUrl = value();
        break;
      case '--roots-timeout': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n <= 0)
          throw new UsageError(
            `--roots-timeout must be a positive number of milliseconds, got ${JSON.stringify(v)}.`,
          );
        rootsTimeoutMs = n;
        break;
      }
      default:
        throw new UsageError(`Unknown option ${JSON.stringify(arg)}.\n${SERVER_OPTIONS_HELP}`);
    }
  }
  if (cliRoots.length === 0 && env.PHX_GEN_MCP_ROOTS) {
    cliRoots.push(...env.PHX_GEN_MCP_ROOTS.split(path.delimiter).filter((d) => d.trim() !== ''));
  }
  databaseUrl ??= env.PHX_GEN_MCP_DATABASE_URL || undefined;
  return {
    cliRoots,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(mixPath === undefined ? {} : { mixPath }),
    ...(rootsTimeoutMs === undefined ? {} : { rootsTimeoutMs }),
  };
}

/** Runs a server on stdio until the client goes away. */
export function runStdioServer<D extends ServerDeps>(
  name: string,
  createServer: (deps: D) => McpServer,
  extraDeps: Omit<D, keyof ServerDeps> = {} as Omit<D, keyof ServerDeps>,
  argv: readonly string[] = process.argv.slice(2),
): void {
  if (argv.includes('--help')) {
    process.stderr.write(`${name}: MCP server (stdio)\n${SERVER_OPTIONS_HELP}\n`);
    process.exit(0);
  }
  let deps: D;
  try {
    deps = { ...(extraDeps as object), ...parseServerArgs(argv) } as D;
  } catch (e) {
    process.stderr.write(`${name}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const handle = serveStdio(() => createServer(deps), {
    onerror: (err) => logToStderr('error', `${name}: ${err.message}`),
  });
  let closing = false;
  const shutdown = (why: string) => {
    if (closing) return;
    closing = true;
    logToStderr('info', `${name}: ${why}, shutting down`);
    void handle.close().finally(() => process.exit(0));
    // Whatever still holds the loop (a child being killed) gets a moment, not forever.
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('close', () => shutdown('stdin closed'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
