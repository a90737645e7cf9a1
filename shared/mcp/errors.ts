/**
 * Error policy of the tools (docs/ARCHITECTURE.md, "Errors"):
 * 1. shape errors: zod through the SDK → `isError` result (nothing to do here);
 * 2. domain errors: a {@link GenerationError} (thrown by generators and the pipeline), its MCP-layer
 *    subclass {@link ToolError}, or a WorkspaceError from shared/workspace → an `isError` result
 *    whose text names the bad value, lists the valid options, suggests a fix;
 * 3. bugs: anything else thrown → stack on stderr, `isError` "Internal error: …" to the client.
 * An `isError` result never carries `structuredContent` (the SDK would validate it against the
 * output schema).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { GenerationError, type GenerationErrorOptions } from '../plan/errors.js';

export type ToolErrorOptions = GenerationErrorOptions;

/**
 * A domain error raised by the MCP layer itself or a server's own tool (no project root, a bad
 * spec line): the caller (an LLM or a person) can fix its input and retry. Generators throw the
 * base class; both map to the same result.
 */
export class ToolError extends GenerationError {
  override readonly name: string = 'ToolError';
}

/** `a, b, c` with each value quoted, for "valid options are …" messages. */
export function formatChoices(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

export function toolErrorResult(err: GenerationError): CallToolResult {
  const text =
    err.details === undefined || Object.keys(err.details).length === 0
      ? err.message
      : `${err.message}\n\nDetails: ${JSON.stringify(err.details, null, 2)}`;
  return errorResult(text);
}

/** Text and stack of anything thrown. */
export function describeError(err: unknown): { message: string; stack: string } {
  if (err instanceof Error) {
    return { message: err.message, stack: err.stack ?? `${err.name}: ${err.message}` };
  }
  const message = typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err));
  return { message, stack: message };
}
