/**
 * Each server's factory, for `phx-gen-mcp serve` and the README tables. Kept apart from
 * ./names.ts so commands that only spawn the bundles do not evaluate the servers' code.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerDeps } from '../shared/mcp/index.js';
import { createServer as createEctoMigration } from '../servers/ecto-migration/server.js';
import { createServer as createEctoSchema } from '../servers/ecto-schema/server.js';
import { createServer as createPhoenixContext } from '../servers/phoenix-context/server.js';
import { createServer as createSchemaUnderstanding } from '../servers/schema-understanding/server.js';
import type { ServerName } from './names.js';

export const SERVER_FACTORIES: Readonly<Record<ServerName, (deps: ServerDeps) => McpServer>> = {
  'schema-understanding': createSchemaUnderstanding,
  'ecto-schema': createEctoSchema,
  'ecto-migration': createEctoMigration,
  'phoenix-context': createPhoenixContext,
};
