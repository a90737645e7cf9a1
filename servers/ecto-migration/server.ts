/**
 * The ecto-migration server: typed model (or phx.gen-style specs) → Ecto migrations under
 * priv/<repo>/migrations, ordered so every table exists before it is referenced.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { registerTools, type ServerDeps } from '../../shared/mcp/index.js';
import { tools } from './tools/index.js';

const INSTRUCTIONS = `Generates Ecto migrations from the typed schema model (the same JSON the ecto-schema and phoenix-context servers take; get it from the schema-understanding server or pass phx.gen-style specs).
One call = one batch: pass every new schema of a feature together, so tables are created after the tables they reference, many_to_many join tables are created once, and reference cycles are closed by a later alter table.
Files land in priv/repo/migrations (priv/<repo>/migrations for a custom repo) unless migrations_path is given. Use dry_run to review the migrations first. By default (on_conflict "update") tables the existing migrations already create get a new alter migration when the model changed them, and no existing migration is rewritten; with on_conflict error | skip an existing migration with the same module is a conflict (never a second module), and overwrite acts as update: a migration may have run, so it is never rewritten.`;

export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: 'ecto-migration', version: '0.1.0' },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, tools, deps);
  return server;
}
