import type { AnyTool } from '../../../shared/mcp/index.js';
import { generateEctoMigration } from './generate-ecto-migration.js';

/** Every tool of the ecto-migration server. */
export const tools: readonly AnyTool[] = [generateEctoMigration];
