/**
 * The three generator servers and list_ecto_schemas over the real SDK client, on one temp
 * project: generate (or write fixtures), read back, feed the read-back model to the generators.
 */
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as ectoMigration } from '../../servers/ecto-migration/server.js';
import { createServer as ectoSchema } from '../../servers/ecto-schema/server.js';
import { createServer as phoenixContext } from '../../servers/phoenix-context/server.js';
import { connect, structured, type Connected } from '../support/mcp.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface GenOutput {
  files: { path: string; action: string; content?: string; reason?: string }[];
  warnings: string[];
}

export interface ReadBackOutput {
  schemas: Record<string, unknown>[];
  modules: {
    module: string;
    file: string;
    line: number;
    model: Record<string, unknown>;
    unsupported: { file: string; line: number; what: string; reason: string }[];
    locations: { fields: Record<string, number> };
    disagreements: {
      kind: string;
      field: string | null;
      column: string | null;
      severity: string;
    }[];
  }[];
  database: { tables: { name: string }[]; warnings: { message: string }[] };
}

export interface Servers {
  call<T>(tool: string, args: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function servers(root: string): Promise<Servers> {
  const conns: Record<string, Connected> = {
    schema: await connect(ectoSchema({ cliRoots: [] }), { roots: [root] }),
    migration: await connect(ectoMigration({ cliRoots: [] }), { roots: [root] }),
    context: await connect(phoenixContext({ cliRoots: [] }), { roots: [root] }),
  };
  const owner: Record<string, string> = {
    generate_ecto_schema: 'schema',
    list_ecto_schemas: 'schema',
    generate_ecto_migration: 'migration',
    generate_phoenix_context: 'context',
  };
  return {
    async call<T>(tool: string, args: Record<string, unknown>): Promise<T> {
      const c = conns[owner[tool]!]!;
      return structured<T>(await c.client.callTool({ name: tool, arguments: args }));
    },
    async close() {
      for (const c of Object.values(conns)) await c.close();
    },
  };
}

export const GENERATORS = [
  'generate_ecto_schema',
  'generate_ecto_migration',
  'generate_phoenix_context',
] as const;

/**
 * Feeds `schemas` to the three generators; returns every file with its action, per tool.
 * `on_conflict` "error" (the default here) proves nothing needed writing; "update" evolves.
 */
export async function regenerate(
  s: Servers,
  schemas: unknown[],
  onConflict: 'error' | 'update' = 'error',
): Promise<Record<string, GenOutput>> {
  const out: Record<string, GenOutput> = {};
  for (const tool of GENERATORS) {
    out[tool] = await s.call<GenOutput>(tool, { schemas, format: 'none', on_conflict: onConflict });
  }
  return out;
}

const SCOPED_AUTH = path.join(here, '..', 'golden', 'phoenix-context', 'scoped-auth', 'existing');

/** Gives the project at `root` the mix.exs and config of a Phoenix 1.8 app with phx.gen.auth scopes. */
export async function useScopedAuthConfig(root: string): Promise<void> {
  await mkdir(path.join(root, 'config'), { recursive: true });
  await cp(path.join(SCOPED_AUTH, 'mix.exs'), path.join(root, 'mix.exs'));
  await cp(path.join(SCOPED_AUTH, 'config', 'config.exs'), path.join(root, 'config', 'config.exs'));
}
