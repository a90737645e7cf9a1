import type { AnyTool } from '../../../shared/mcp/index.js';
import { generateEctoSchema } from './generate-ecto-schema.js';
import { listEctoSchemas } from './list-ecto-schemas.js';

/** Every tool of the ecto-schema server. */
export const tools: readonly AnyTool[] = [generateEctoSchema, listEctoSchemas];
