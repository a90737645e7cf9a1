/**
 * Allowed directories (docs/ARCHITECTURE.md, "Rules › Roots"). Policy:
 *
 * - Sources: (a) the client's MCP roots, (b) the operator's `--root` dirs / PHX_GEN_MCP_ROOTS
 *   (`deps.cliRoots`). Roots are hints, not authority (spec PR #1639): when both are present the
 *   allowed dirs are their INTERSECTION, i.e. a client root inside a cli root is allowed (as the
 *   client root), a cli root inside a client root is allowed (as the cli root), disjoint ones
 *   are dropped. One source present → it. None → [] (writing tools then refuse; dry runs work).
 * - A client that offers no usable root (no capability, `[]`, only non-`file://` URIs, missing
 *   dirs) counts as "not present": an operator's `--root` is not emptied by an empty client list.
 * - Every dir is `fileURLToPath`'d (file:// only), `~`-expanded, realpath'd, must exist and be a
 *   directory; de-duplicated, client order first.
 *
 * Protocol eras:
 * - 2025 era (`initialize`; `getClientCapabilities()` is set): if the client declares `roots`, ask
 *   with `server.server.listRoots()` and a timeout (default 5 s, `deps.rootsTimeoutMs`). The
 *   answer is cached per server instance and dropped on `notifications/roots/list_changed`. A
 *   failure or timeout falls back to the cli roots, is logged on stderr, and is cached too (a
 *   client that advertised roots but never answers must not cost 5 s per call) until the next
 *   list_changed.
 * - 2026 era (per-request `_meta` envelope; `getClientCapabilities()` is undefined and server→client
 *   requests throw): if the request's envelope declares `roots`, the first call throws the
 *   internal {@link RootsInputRequired}; `registerTools` turns it into
 *   `inputRequired({ inputRequests: { roots: inputRequired.listRoots() } })`, the client answers
 *   and retries the call, and the roots are read with `inputResponse(…, 'roots')`. No cache in
 *   this era (no invalidation signal): each call that needs roots costs one extra round.
 *   Consequence for handlers: call `ctx.roots()` before any side effect, and never swallow errors
 *   you do not know.
 */
import { fileURLToPath } from 'node:url';
import {
  CLIENT_CAPABILITIES_META_KEY,
  inputResponse,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { isInside, pathKey, resolveRealDirs } from '../workspace/index.js';
import { describeError } from './errors.js';
import { logToStderr } from './log.js';

export const DEFAULT_ROOTS_TIMEOUT_MS = 5_000;
/** The key of the embedded roots request in a 2026-era `input_required` result. */
export const ROOTS_INPUT_KEY = 'roots';

/** Thrown by `ctx.roots()` on a 2026-era request whose answer must come from the client first. */
export class RootsInputRequired extends Error {
  override readonly name = 'RootsInputRequired';
  constructor() {
    super('The client must list its roots first (multi-round-trip input_required).');
  }
}

/**
 * The allowed dirs of one call. When the client's roots and the --root dirs are both given but do
 * not overlap, the list is empty and `disjoint` keeps both sides, so that the error a tool returns
 * can name them (the operator sees the stderr log; the user of the client sees only the result).
 */
export type AllowedDirs = string[] & { disjoint?: { client: string[]; cli: string[] } };

export interface RootsDeps {
  cliRoots: readonly string[];
  rootsTimeoutMs?: number;
}

/**
 * Intersection of client and cli roots (both already realpath'd), per the module policy.
 * `undefined` or empty client roots → the cli roots.
 */
export function combineRoots(
  client: readonly string[] | undefined,
  cli: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (client === undefined || client.length === 0) return [...cli];
  if (cli.length === 0) return [...client];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (dir: string): void => {
    const key = pathKey(dir, platform);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(dir);
    }
  };
  for (const c of client) {
    for (const l of cli) {
      if (isInside(l, c, platform)) add(c);
      else if (isInside(c, l, platform)) add(l);
    }
  }
  return out;
}

/** file:// URIs → realpath'd existing directories. Other schemes and bad URIs are skipped. */
export async function dirsFromRootUris(roots: readonly { uri: string }[]): Promise<string[]> {
  const paths: string[] = [];
  for (const { uri } of roots) {
    if (typeof uri !== 'string' || !uri.toLowerCase().startsWith('file:')) {
      logToStderr('warning', `Ignoring client root ${JSON.stringify(uri)}: not a file:// URI.`);
      continue;
    }
    try {
      paths.push(fileURLToPath(uri));
    } catch (err) {
      logToStderr('warning', `Ignoring client root ${uri}: ${describeError(err).message}`);
    }
  }
  return resolveRealDirs(paths);
}

type ClientRoots = { kind: 'none' } | { kind: 'dirs'; dirs: string[] };

function envelopeOf(ctx: ServerContext | undefined): Record<string, unknown> | undefined {
  const env = ctx?.mcpReq.envelope as Record<string, unknown> | undefined;
  return env !== undefined && Object.keys(env).length > 0 ? env : undefined;
}

function declaresRoots(caps: unknown): boolean {
  return typeof caps === 'object' && caps !== null && 'roots' in caps && caps.roots != null;
}

/** Allowed dirs of one server instance (see the module doc). */
export class RootsResolver {
  readonly #server: McpServer;
  readonly #deps: RootsDeps;
  #cache: Promise<ClientRoots> | undefined;

  constructor(server: McpServer, deps: RootsDeps) {
    this.#server = server;
    this.#deps = deps;
    server.server.setNotificationHandler('notifications/roots/list_changed', () => {
      this.invalidate();
    });
  }

  /** Forget the cached client roots (called on notifications/roots/list_changed). */
  invalidate(): void {
    this.#cache = undefined;
  }

  /** The allowed dirs for a request (ctx is needed on the 2026 era; may throw RootsInputRequired). */
  async allowedDirs(ctx?: ServerContext): Promise<AllowedDirs> {
    const [client, cli] = await Promise.all([
      this.#clientRoots(ctx),
      resolveRealDirs(this.#deps.cliRoots),
    ]);
    const clientDirs = client.kind === 'dirs' ? client.dirs : undefined;
    const allowed: AllowedDirs = combineRoots(clientDirs, cli);
    if (allowed.length === 0 && clientDirs !== undefined && clientDirs.length > 0) {
      logToStderr(
        'warning',
        `The client's roots (${clientDirs.join(', ')}) and the --root dirs (${cli.join(', ')}) ` +
          'do not overlap, so no directory is allowed.',
      );
      allowed.disjoint = { client: [...clientDirs], cli: [...cli] };
    }
    return allowed;
  }

  async #clientRoots(ctx: ServerContext | undefined): Promise<ClientRoots> {
    const envelope = envelopeOf(ctx);
    if (envelope !== undefined && ctx !== undefined) {
      // 2026 era: roots come back in the retried request's inputResponses.
      const view = inputResponse(ctx.mcpReq.inputResponses, ROOTS_INPUT_KEY);
      if (view.kind === 'roots') return { kind: 'dirs', dirs: await dirsFromRootUris(view.roots) };
      if (declaresRoots(envelope[CLIENT_CAPABILITIES_META_KEY])) throw new RootsInputRequired();
      return { kind: 'none' };
    }
    // 2025 era.
    const caps = this.#server.server.getClientCapabilities();
    if (!declaresRoots(caps)) return { kind: 'none' };
    // Concurrent calls share one request. A list_changed during the fetch clears the cache, so
    // the next call asks again (the callers already waiting get the answer in flight).
    this.#cache ??= this.#fetchLegacy();
    return this.#cache;
  }

  async #fetchLegacy(): Promise<ClientRoots> {
    const timeout = this.#deps.rootsTimeoutMs ?? DEFAULT_ROOTS_TIMEOUT_MS;
    try {
      const { roots } = await this.#server.server.listRoots(undefined, { timeout });
      return { kind: 'dirs', dirs: await dirsFromRootUris(roots) };
    } catch (err) {
      logToStderr(
        'warning',
        `roots/list failed (${describeError(err).message}); using the --root dirs ` +
          'until the client sends notifications/roots/list_changed.',
      );
      return { kind: 'none' };
    }
  }
}

const resolvers = new WeakMap<McpServer, RootsResolver>();

/** The RootsResolver of a server instance (created, and its notification handler set, once). */
export function rootsResolverFor(server: McpServer, deps: RootsDeps): RootsResolver {
  let resolver = resolvers.get(server);
  if (resolver === undefined) {
    resolver = new RootsResolver(server, deps);
    resolvers.set(server, resolver);
  }
  return resolver;
}
