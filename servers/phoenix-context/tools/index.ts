import type { AnyTool } from '../../../shared/mcp/index.js';
import { generatePhoenixContext } from './generate-phoenix-context.js';

/** Every tool of the phoenix-context server. */
export const tools: readonly AnyTool[] = [generatePhoenixContext];
