/**
 * Error policy of the tools (DESIGN §8):
 * 1. shape errors: zod through the SDK → `isError` result (nothing to do here);
 * 2. domain errors: throw {@link ToolError} (or a WorkspaceError from shared/workspace) → an
 *    `isError` result whose text names the bad value, lists the valid options, suggests a fix;
 * 3. bugs: anything else thrown → stack on stderr, `isError` "Internal error: …" to the client.
 * An `isError` result never carries `structuredContent` (the SDK would validate it against the
 * output schema).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';

export interface ToolErrorOptions {
  /** Machine-readable facts (bad value, valid options…), appended to the text as JSON. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** A domain error: the caller (an LLM or a person) can fix its input and retry. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
  }
}

/** `a, b, c` with each value quoted, for "valid options are …" messages. */
export function formatChoices(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

export function toolErrorResult(err: ToolError): CallToolResult {
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
