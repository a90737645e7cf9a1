/**
 * The project a schema-understanding call looks at (read-only): the optional project root (an
 * explicit `project_root`, else the single allowed root with a mix.exs, else none), its app from
 * mix.exs, and its existing schemas (so references to them are not reported as unknown).
 */
import type { App, KnownSchema } from '../../../shared/model/index.js';
import {
  tryResolveProjectRoot,
  type ServerDeps,
  type ToolContext,
} from '../../../shared/mcp/index.js';
import { resolveApp } from '../../../shared/pipeline/run.js';
import { projectReader, type KnownSchemasReader } from '../../../shared/plan/index.js';

export interface SchemaUnderstandingDeps extends ServerDeps {
  /** Reads the project's existing schemas; without it only the batch resolves targets. */
  knownSchemas?: KnownSchemasReader;
  /** The connected client's capabilities (2025 era); set by createServer. */
  clientCapabilities?: () => { sampling?: unknown } | undefined;
  /** Timeout of one sampling request, ms (default 180000). */
  samplingTimeoutMs?: number;
}

export interface ProjectFacts {
  root: string | null;
  app: App | null;
  known: KnownSchema[];
  /** Notes for the caller (e.g. how the app was found). */
  notes: string[];
}

export async function projectFacts(
  ctx: ToolContext<SchemaUnderstandingDeps>,
  args: { project_root?: string | undefined; app?: App | undefined },
): Promise<ProjectFacts> {
  const allowed = await ctx.roots();
  const root = (await tryResolveProjectRoot(allowed, args.project_root)) ?? null;
  const notes: string[] = [];
  if (root === null) {
    return { root, app: args.app ?? null, known: [], notes };
  }
  const project = projectReader(root);
  const app = await resolveApp(args.app ? { app: args.app } : {}, project, notes);
  const reader = ctx.deps.knownSchemas;
  const known = reader ? await reader(project, app) : [];
  if (!reader) {
    notes.push(
      `The project's existing schemas were not read (this server has no schema reader), so association targets are resolved inside the batch only.`,
    );
  }
  return { root, app, known, notes };
}
