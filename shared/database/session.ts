/**
 * A read-only session on a live PostgreSQL server, through `pg` (node-postgres), imported only
 * here and only when a session opens, so that no server pays for it at start-up.
 *
 * Read-only three times over: the connection starts with `default_transaction_read_only=on`,
 * everything runs inside `BEGIN READ ONLY` (rolled back at the end), and {@link ReadOnlySession.query}
 * refuses any statement that is not a SELECT/WITH/SHOW. Each statement has a server-side
 * `statement_timeout`; connecting has its own timeout. Failures become a {@link DatabaseError}
 * with a message that names the host, port and database, never the user or password.
 */
import type { ConnectionTarget } from './target.js';
import { describeTarget, redact, targetSecrets } from './target.js';

/** The oldest server introspection supports (`server_version_num`). */
export const MIN_SERVER_VERSION = 120000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export type DatabaseErrorKind =
  | 'unreachable'
  | 'authentication'
  | 'missing_database'
  | 'old_server'
  | 'timeout'
  | 'permission'
  | 'other';

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionOptions {
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** The oldest server accepted; default {@link MIN_SERVER_VERSION} (tests raise it). */
  minServerVersion?: number;
}

export interface ReadOnlySession {
  /** Server version, e.g. 150018 for 15.18. */
  readonly serverVersion: number;
  /** Runs one read-only statement (SELECT, WITH, SHOW) and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

const READ_ONLY_STATEMENT = /^\s*(select|with|show)\b/i;

/** Throws unless `sql` is a statement that only reads. */
export function assertReadOnlyStatement(sql: string): void {
  if (!READ_ONLY_STATEMENT.test(sql) || /;\s*\S/.test(sql.replace(/'[^']*'/g, "''"))) {
    throw new Error(
      `Refusing to send a statement that is not a single SELECT/WITH/SHOW: ${sql.trim().slice(0, 60)}…`,
    );
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
}

/** Turns what `pg` or the socket threw into a DatabaseError with an actionable, redacted text. */
export function classifyError(
  err: unknown,
  target: ConnectionTarget,
  opts: { statementTimeoutMs: number; connectTimeoutMs: number },
): DatabaseError {
  if (err instanceof DatabaseError) return err;
  const e = (err ?? {}) as PgLikeError;
  const where = describeTarget(target);
  const raw = redact(String(e.message ?? err), targetSecrets(target));
  const code = e.code ?? '';
  if (
    [
      'ECONNREFUSED',
      'ENOTFOUND',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
      'ECONNRESET',
    ].includes(code)
  ) {
    return new DatabaseError(
      'unreachable',
      `Cannot reach PostgreSQL at ${where} (${code}). Check that the server is running and that host and port are right (from ${target.source}).`,
    );
  }
  // node-postgres: "timeout expired" (connectionTimeoutMillis), older: "…due to connection timeout".
  if (/^timeout expired$|connection timeout/i.test(raw)) {
    return new DatabaseError(
      'unreachable',
      `No answer from PostgreSQL at ${where} within ${opts.connectTimeoutMs} ms. Check host, port and firewalls (from ${target.source}).`,
    );
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseError(
      'authentication',
      `PostgreSQL at ${where} refused the credentials from ${target.source} (authentication failed). Check the user name and password; they are not shown here.`,
    );
  }
  if (code === '3D000') {
    return new DatabaseError(
      'missing_database',
      `The database "${target.database}" does not exist on the server at ${describeTarget({ ...target, database: '' }).replace(/\/$/, '')}. Create it (mix ecto.create) or give the name of an existing database.`,
    );
  }
  if (code === '57014') {
    return new DatabaseError(
      'timeout',
      `Reading the catalog of ${where} took longer than the statement timeout (${opts.statementTimeoutMs} ms); retry with a larger statement_timeout_ms or fewer schemas.`,
    );
  }
  if (code === '42501') {
    return new DatabaseError(
      'permission',
      `The user from ${target.source} may not read the catalog of ${where}: ${raw}`,
    );
  }
  return new DatabaseError('other', `PostgreSQL at ${where}: ${raw}`);
}

/**
 * Opens a connection, starts a read-only transaction, runs `work`, rolls back and closes, whatever
 * happens. Rejects servers older than PostgreSQL 12.
 */
export async function withReadOnlySession<T>(
  target: ConnectionTarget,
  work: (session: ReadOnlySession) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const opts = {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  };
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: target.database,
    ...(target.user === null ? {} : { user: target.user }),
    ...(target.password === null ? {} : { password: target.password }),
    ...sslOption(target.params.sslmode),
    application_name: 'phx-gen-mcp introspect_database',
    connectionTimeoutMillis: opts.connectTimeoutMs,
    statement_timeout: opts.statementTimeoutMs,
    query_timeout: opts.statementTimeoutMs + 5_000,
    options: '-c default_transaction_read_only=on',
  });
  // A socket error after connecting must not crash the process; the pending query rejects.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const version = await client.query<{ v: string }>(
      "SELECT current_setting('server_version_num') AS v",
    );
    const serverVersion = Number(version.rows[0]?.v ?? 0);
    const min = options.minServerVersion ?? MIN_SERVER_VERSION;
    if (serverVersion < min) {
      throw new DatabaseError(
        'old_server',
        `PostgreSQL at ${describeTarget(target)} is version ${formatVersion(serverVersion)}; introspection needs PostgreSQL ${formatVersion(min).replace(/\.0$/, '')} or newer (it reads catalog columns older servers lack).`,
      );
    }
    await client.query('BEGIN READ ONLY');
    try {
      return await work({
        serverVersion,
        async query<R>(sql: string, params: unknown[] = []) {
          assertReadOnlyStatement(sql);
          const result = await client.query(sql, params);
          return result.rows as R[];
        },
      });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('Refusing to send')) throw err;
    throw classifyError(err, target, opts);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** 150018 → "15.18", 110022 → "11.22", 90624 → "9.6.24". */
export function formatVersion(num: number): string {
  if (num >= 100000) return `${Math.floor(num / 10000)}.${num % 10000}`;
  return `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

function sslOption(mode: string | undefined): { ssl?: boolean | { rejectUnauthorized: boolean } } {
  switch (mode) {
    case 'require':
      return { ssl: { rejectUnauthorized: false } };
    case 'verify-ca':
    case 'verify-full':
      return { ssl: true };
    default: // disable, allow, prefer, or none: plain TCP like psql's common local setup
      return {};
  }
}
