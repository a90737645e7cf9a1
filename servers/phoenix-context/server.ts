/**
 * The phoenix-context server: typed model (or phx.gen-style specs) → Phoenix contexts with their
 * CRUD functions, ExUnit tests and fixtures, extending existing context files without touching
 * what is already there.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { registerTools, type ServerDeps } from '../../shared/mcp/index.js';
import { tools } from './tools/index.js';

export const INSTRUCTIONS = `Generates Phoenix contexts from the typed schema model (the same JSON the ecto-schema and ecto-migration servers take; get it from the schema-understanding server or pass phx.gen-style specs).
Schemas are grouped by their context: each context gets lib/<app>/<context>.ex with list/get!/create/update/delete/change functions per schema, and (unless with_tests is false) test/<app>/<context>_test.exs and test/support/fixtures/<context>_fixtures.ex.
Existing context, test and fixtures files are extended, never rewritten: only missing aliases, functions, describe blocks and fixtures are added before the module's final end; functions you already wrote are kept and reported. Re-running with the same input changes nothing. Use dry_run to review first.`;

export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: 'phoenix-context', version: '0.1.0' },
    { instructions: INSTRUCTIONS },
  );
  registerTools(server, tools, deps);
  return server;
}
