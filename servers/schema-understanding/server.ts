/**
 * The schema-understanding server: the first server a client's LLM talks to. It turns what a
 * person says (a description, or phx.gen-style spec lines) into the typed model the three
 * generators take, checks it, and teaches the model through prompts and resources.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { knownSchemas } from '../../shared/elixir/schemas.js';
import { registerTools, rootsResolverFor } from '../../shared/mcp/index.js';
import type { SchemaUnderstandingDeps } from './lib/project.js';
import { prompts } from './prompts/index.js';
import { registerPrompts } from './prompts/define.js';
import { resources } from './resources/index.js';
import { registerResources } from './resources/define.js';
import { tools } from './tools/index.js';

export type { SchemaUnderstandingDeps } from './lib/project.js';

export const INSTRUCTIONS = `Turns a description of data into the typed model that the phx-gen-mcp generators (generate_ecto_schema, generate_ecto_migration, generate_phoenix_context) take as "schemas".
- From plain language: understand_schema (uses the client's LLM through sampling when available, else returns instructions), or the prompt design_ecto_schema.
- From phx.gen-style lines ("Blog Post posts title:string body:text"): parse_gen_spec.
- Always check a model with validate_schema_model and fix every error before generating; pass the same "schemas" unchanged to every generator.
- From an existing PostgreSQL database: introspect_database (read-only) proposes the model of its tables and lists drift from the project's migrations; generate schemas and contexts from it, not migrations (the tables exist).
- The prompt generate_crud runs the whole workflow; review_schema_model reviews a model.
- Resources: phx-gen-mcp://model/schema.json (JSON Schema), phx-gen-mcp://docs/types.md (types and spec grammar), phx-gen-mcp://examples/{name} (worked examples).`;

export function createServer(deps: SchemaUnderstandingDeps): McpServer {
  const server = new McpServer(
    { name: 'schema-understanding', version: '0.1.0' },
    { instructions: INSTRUCTIONS },
  );
  const full: SchemaUnderstandingDeps = {
    ...deps,
    knownSchemas: deps.knownSchemas ?? knownSchemas,
    clientCapabilities: deps.clientCapabilities ?? (() => server.server.getClientCapabilities()),
  };
  registerTools(server, tools, full);
  const roots = rootsResolverFor(server, full);
  registerPrompts(server, prompts, { deps: full, allowedDirs: () => roots.allowedDirs() });
  registerResources(server, resources);
  return server;
}
