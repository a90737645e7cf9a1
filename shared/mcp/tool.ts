/**
 * Tools are data (docs/ARCHITECTURE.md, "Decisions and why"): `defineTool({ name, title, description, input, output,
 * annotations, handler })` returns a plain object; `registerTools(server, tools, deps)` puts a
 * list of them on an McpServer. The wrapper around every handler:
 *
 * - gives it a {@link ToolContext} (abort signal, allowed roots, progress, log, deps);
 * - on success returns `structuredContent` (checked against the output schema; a mismatch is a
 *   bug) plus the handler's short text `summary` (and any extra content blocks);
 * - maps errors per ./errors.ts: GenerationError (ToolError) / WorkspaceError → `isError` with their message,
 *   cancellation → `isError` "Cancelled", anything else → stack on stderr and `isError`
 *   "Internal error: …";
 * - on the 2026 protocol era turns `ctx.roots()`'s request for the client's roots, and a
 *   destructive change's question to the user, into an `input_required` result (see ./roots.ts,
 *   ./confirm.ts).
 */
import {
  inputRequired,
  type CallToolResult,
  type ContentBlock,
  type InputRequiredResult,
  type McpServer,
  type RegisteredTool,
  type ServerContext,
} from '@modelcontextprotocol/server';
import * as z from 'zod';
import { WorkspaceError } from '../workspace/index.js';
import { GenerationError } from '../plan/errors.js';
import { CONFIRM_INPUT_KEY, ConfirmInputRequired, requestDeclares } from './confirm.js';
import { describeError, errorResult, toolErrorResult } from './errors.js';
import { logToStderr, type LogLevel } from './log.js';
import { withPortableJsonSchema } from './portable-schema.js';
import {
  ROOTS_INPUT_KEY,
  RootsInputRequired,
  rootsResolverFor,
  type AllowedDirs,
  type RootsResolver,
} from './roots.js';

/** What createServer(deps) gets; each server's deps type extends it. */
export interface ServerDeps {
  /** Operator allowlist: `--root` args / PHX_GEN_MCP_ROOTS (unresolved; realpath'd on use). */
  cliRoots: readonly string[];
  /** Explicit path of `mix` (`--mix` / MIX_PATH); PATH lookup otherwise. */
  mixPath?: string;
  /** Kill `mix format` after this many ms (default: shared/mix's 60 s). */
  mixTimeoutMs?: number;
  /** Time source (migration timestamps); tests pass a fixed clock. */
  clock?: () => Date;
  /** Timeout of the 2025-era `roots/list` request, ms (default 5000). */
  rootsTimeoutMs?: number;
  /** The operator's database (`--database-url` / PHX_GEN_MCP_DATABASE_URL), for introspection. */
  databaseUrl?: string;
  /**
   * The installed Elixir's version (formatting follows it); default: `elixir --version` next to
   * mix, once per process. Tests pass a fixed answer.
   */
  elixirVersion?: () => Promise<string | undefined>;
}

/** All four hints are required (the contract test checks it); they are hints, the code enforces the same rules. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolOutcome<S> {
  /** Must match the tool's output schema; sent as `structuredContent`. */
  structured: S;
  /** Short text mirror for `content` (paths, actions, warnings; not whole files). */
  summary: string;
  /** Extra content blocks after the summary (e.g. file bodies on a dry run). */
  content?: ContentBlock[];
}

export interface ToolContext<D extends ServerDeps = ServerDeps> {
  /** Aborted when the client cancels the request. */
  signal: AbortSignal;
  /**
   * The allowed directories for this call (client roots ∩ --root dirs, realpath'd; see
   * ./roots.ts). Call it before any side effect: on the 2026 era the first call of a request
   * ends the handler so the client can send its roots, and the handler runs again.
   */
  roots(): Promise<AllowedDirs>;
  /** A progress notification; a no-op when the client sent no progressToken. Never throws. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** To stderr, and as an MCP log message when the client listens. Never throws. */
  log(level: LogLevel, message: string): Promise<void>;
  deps: D;
  /** The SDK's request context, for what this wrapper does not cover (e.g. elicitation). */
  sdk: ServerContext;
}

export interface ToolDefinition<
  I extends z.ZodObject = z.ZodObject,
  O extends z.ZodObject = z.ZodObject,
  D extends ServerDeps = ServerDeps,
> {
  /** snake_case, verb first, ≤ 64 chars: `^[a-z][a-z0-9_]{0,63}$`. */
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolHints;
  // Method syntax on purpose: lists of tools with different schemas stay assignable.
  handler(args: z.output<I>, ctx: ToolContext<D>): Promise<ToolOutcome<z.input<O>>>;
}

/** Any tool, for lists: `readonly AnyTool<MyDeps>[]`. */
export type AnyTool<D extends ServerDeps = ServerDeps> = ToolDefinition<
  z.ZodObject,
  z.ZodObject,
  D
>;

export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/** Checks the definition (name, texts, the four hints) and returns it unchanged. */
export function defineTool<
  I extends z.ZodObject,
  O extends z.ZodObject,
  D extends ServerDeps = ServerDeps,
>(def: ToolDefinition<I, O, D>): ToolDefinition<I, O, D> {
  if (!TOOL_NAME_PATTERN.test(def.name)) {
    throw new Error(
      `Tool name ${JSON.stringify(def.name)} must match ${TOOL_NAME_PATTERN} (snake_case, ≤ 64 chars).`,
    );
  }
  if (def.title.trim() === '' || def.description.trim() === '') {
    throw new Error(`Tool ${def.name} needs a title and a description.`);
  }
  for (const hint of HINTS) {
    if (typeof def.annotations[hint] !== 'boolean') {
      throw new Error(`Tool ${def.name} must set annotations.${hint} to true or false.`);
    }
  }
  if (!(def.input instanceof z.ZodObject) || !(def.output instanceof z.ZodObject)) {
    throw new Error(`Tool ${def.name}: input and output must be z.object(...) schemas.`);
  }
  return def;
}

/**
 * Register every tool on the server. Also declares the `logging` capability when the server is
 * not connected yet (so `ctx.log` reaches the client) and installs the roots cache with its
 * `notifications/roots/list_changed` handler. Throws on duplicate names.
 */
export function registerTools<D extends ServerDeps>(
  server: McpServer,
  tools: readonly AnyTool<D>[],
  deps: D,
): RegisteredTool[] {
  const resolver = rootsResolverFor(server, deps);
  if (!server.isConnected()) server.server.registerCapabilities({ logging: {} });
  const seen = new Set<string>();
  return tools.map((tool) => {
    if (seen.has(tool.name)) throw new Error(`Tool ${tool.name} is registered twice.`);
    seen.add(tool.name);
    return server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: withPortableJsonSchema(tool.input),
        outputSchema: withPortableJsonSchema(tool.output),
        annotations: { ...tool.annotations },
      },
      (args, sdk) => runTool(tool, args, sdk, deps, resolver),
    );
  });
}

function makeContext<D extends ServerDeps>(
  sdk: ServerContext,
  deps: D,
  resolver: RootsResolver,
): ToolContext<D> {
  return {
    signal: sdk.mcpReq.signal,
    deps,
    sdk,
    roots: () => resolver.allowedDirs(sdk),
    async progress(progress, total, message) {
      const progressToken = sdk.mcpReq._meta?.progressToken;
      if (progressToken === undefined) return;
      try {
        await sdk.mcpReq.notify({
          method: 'notifications/progress',
          params: {
            progressToken,
            progress,
            ...(total === undefined ? {} : { total }),
            ...(message === undefined ? {} : { message }),
          },
        });
      } catch (err) {
        logToStderr('warning', `progress notification failed: ${describeError(err).message}`);
      }
    },
    async log(level, message) {
      logToStderr(level, message);
      try {
        await sdk.mcpReq.log(level, message);
      } catch {
        // The client may not listen (or the era has no logging); stderr has it.
      }
    },
  };
}

async function runTool<D extends ServerDeps>(
  tool: AnyTool<D>,
  args: z.output<z.ZodObject>,
  sdk: ServerContext,
  deps: D,
  resolver: RootsResolver,
): Promise<CallToolResult | InputRequiredResult> {
  let outcome: ToolOutcome<unknown>;
  try {
    outcome = await tool.handler(args, makeContext(sdk, deps, resolver));
  } catch (err) {
    return errorToResult(tool.name, err, sdk);
  }
  const parsed = tool.output.safeParse(outcome.structured);
  if (!parsed.success) {
    logToStderr(
      'error',
      `Bug in tool ${tool.name}: its result does not match the output schema:\n` +
        z.prettifyError(parsed.error),
    );
    return errorResult(
      `Internal error: ${tool.name} produced a result that does not match its output schema. ` +
        "This is a bug in the server, not in your input; details are in the server's stderr log.",
    );
  }
  return {
    content: [{ type: 'text', text: outcome.summary }, ...(outcome.content ?? [])],
    structuredContent: parsed.data,
  };
}

function errorToResult(
  name: string,
  err: unknown,
  sdk: ServerContext,
): CallToolResult | InputRequiredResult {
  const signal = sdk.mcpReq.signal;
  if (err instanceof RootsInputRequired) {
    return inputRequired({ inputRequests: { [ROOTS_INPUT_KEY]: inputRequired.listRoots() } });
  }
  if (err instanceof ConfirmInputRequired) {
    // The retry carries only this round's answers: ask for the roots again beside the question.
    return inputRequired({
      inputRequests: {
        [CONFIRM_INPUT_KEY]: inputRequired.elicit(err.request),
        ...(requestDeclares(sdk, 'roots') ? { [ROOTS_INPUT_KEY]: inputRequired.listRoots() } : {}),
      },
    });
  }
  if (err instanceof GenerationError) {
    logToStderr('info', `${name}: ${err.message}`);
    return toolErrorResult(err);
  }
  if (err instanceof WorkspaceError) {
    logToStderr('info', `${name}: ${err.message}`);
    return errorResult(err.message);
  }
  if (signal.aborted) {
    logToStderr('info', `${name}: cancelled by the client.`);
    return errorResult('Cancelled: the client cancelled this request.');
  }
  const { message, stack } = describeError(err);
  logToStderr('error', `Bug in tool ${name}: ${stack}`);
  return errorResult(
    `Internal error: ${message}. This is a bug in ${name}, not in your input; ` +
      "the stack trace is in the server's stderr log.",
  );
}
