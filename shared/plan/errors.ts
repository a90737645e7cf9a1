/**
 * The error a generator or the pipeline throws when the caller's input cannot be generated
 * (invalid model, nothing to generate, a file that cannot be extended): the message names the
 * bad value and says what to do. It knows nothing of MCP; shared/mcp/tool.ts maps it to an
 * `isError` tool result, and the CLI prints it as is.
 */
export interface GenerationErrorOptions {
  /** Machine-readable facts (bad value, valid options…), appended to the text as JSON. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class GenerationError extends Error {
  override readonly name: string = 'GenerationError';
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: GenerationErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
  }
}
