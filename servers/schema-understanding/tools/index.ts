/** Every tool of the schema-understanding server (tools are data: docs/ARCHITECTURE.md). */
import type { AnyTool } from '../../../shared/mcp/index.js';
import type { SchemaUnderstandingDeps } from '../lib/project.js';
import { introspectDatabaseTool } from './introspect-database.js';
import { parseGenSpecTool } from './parse-gen-spec.js';
import { understandSchemaTool } from './understand-schema.js';
import { validateSchemaModelTool } from './validate-schema-model.js';

export const tools: readonly AnyTool<SchemaUnderstandingDeps>[] = [
  understandSchemaTool,
  parseGenSpecTool,
  validateSchemaModelTool,
  introspectDatabaseTool,
];
