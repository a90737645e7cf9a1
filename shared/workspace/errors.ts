/**
 * Errors raised by shared/workspace. They carry a machine-readable `code`, the offending
 * relative `path` when there is one, and for disk faults the `errno` (ENOSPC, EACCES, …).
 *
 * These are not bugs: a tool turns them into an `isError` result (see shared/mcp).
 */

export type WorkspaceErrorCode =
  /** The project root is not an existing directory. */
  | 'INVALID_ROOT'
  /** A relative path breaks the path rules (empty, absolute, `..`, NUL, backslash, …). */
  | 'INVALID_PATH'
  /** A path resolves (through a symlink) outside the project root. */
  | 'OUTSIDE_ROOT'
  /** The same file appears twice in one batch (or one planned file is the parent of another). */
  | 'DUPLICATE_PATH'
  | 'NOT_A_FILE'
  | 'NOT_A_DIRECTORY'
  | 'TOO_LARGE'
  | 'TOO_MANY_FILES'
  /** A write failed midway; everything this call had written was rolled back. */
  | 'WRITE_FAILED'
  /** A write failed midway and the rollback failed too; `written` lists what is left on disk. */
  | 'ROLLBACK_FAILED'
  /** Another generation held the project's lock for longer than a call waits. */
  | 'LOCKED';

export interface WorkspaceErrorOptions {
  path?: string;
  errno?: string;
  /** ROLLBACK_FAILED: relative paths this call wrote and could not restore. */
  written?: string[];
  cause?: unknown;
}

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  readonly code: WorkspaceErrorCode;
  readonly path: string | undefined;
  readonly errno: string | undefined;
  readonly written: string[] | undefined;

  constructor(code: WorkspaceErrorCode, message: string, options: WorkspaceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.errno = options.errno;
    this.written = options.written;
  }
}

/** The errno code of a Node system error (`ENOENT`, …), if it is one. */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
