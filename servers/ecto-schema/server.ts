/**
 * The ecto-schema server: typed model (or phx.gen-style specs) → Ecto schema modules under
 * lib/<otp_app>/, and a read-only view of the schemas a project already has.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { registerTools, type ServerDeps } from '../../shared/mcp/index.js';
import { tools } from './tools/index.js';

export const INSTRUCTIONS = `Generates Ecto schema modules from the typed schema model (the same JSON the ecto-migration and phoenix-context servers take; get it from the schema-understanding server's parse_gen_spec or understand_schema, or pass phx.gen-style specs).
- generate_ecto_schema writes one module per schema at lib/<otp_app>/<context>/<schema>.ex: fields in the given order, associations with the right key types, inverse has_many for belongs_to inside the batch, and a changeset with casts, validations and constraints matching the migration's indexes. Pass every schema of a feature in one call so associations resolve; use dry_run to review first. Existing files with other content are conflicts (on_conflict: error | skip | overwrite).
- list_ecto_schemas reads the schemas already in the project (module, table, fields, associations), so new schemas can reference them by module name.`;

export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: 'ecto-schema', version: '0.1.0' },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, tools, deps);
  return server;
}
