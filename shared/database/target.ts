/**
 * Where to connect, and how to talk about it without leaking a secret.
 *
 * A target is built from a `postgres://` URL (the call, the operator's `--database-url` /
 * PHX_GEN_MCP_DATABASE_URL) or from the literal repo config of `config/dev.exs`. Every message
 * that names a target uses {@link describeTarget} (host, port and database only), and every text
 * that might quote a URL or the password goes through {@link redact} before it reaches an answer
 * or a log.
 */

export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string | null;
  password: string | null;
  /** Other URL query parameters (sslmode…), passed on to the client. */
  params: Record<string, string>;
  /** Where the target came from, for messages: "the call's database_url", "config/dev.exs"… */
  source: string;
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

const URL_RE = /\b(postgres(?:ql)?|ecto):\/\/[^\s"'`<>]*/gi;

/** Replaces every URL with user info by `scheme://***@host…`, and each secret by `***`. */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(URL_RE, (url) => {
    const at = url.lastIndexOf('@');
    const scheme = url.indexOf('://');
    return at > scheme ? `${url.slice(0, scheme + 3)}***${url.slice(at)}` : url;
  });
  for (const s of secrets) {
    if (s && s.length >= 3) out = out.split(s).join('***');
  }
  return out;
}

/** `127.0.0.1:5432/my_app_dev` — what messages say about a target (never user or password). */
export function describeTarget(t: ConnectionTarget): string {
  const host = t.host.includes(':') && !t.host.startsWith('/') ? `[${t.host}]` : t.host;
  return `${host}:${t.port}/${t.database}`;
}

/** Parses `postgres://user:pass@host:port/db?sslmode=…`; errors never quote the URL. */
export function targetFromUrl(raw: string, source: string): ConnectionTarget {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetError(
      `The database URL from ${source} is not a valid URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE).`,
    );
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['postgres', 'postgresql', 'ecto'].includes(scheme)) {
    throw new TargetError(
      `The database URL from ${source} has the scheme "${scheme}"; valid schemes are "postgres", "postgresql" and "ecto".`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new TargetError(
      `The database URL from ${source} names no database; add it as the path: postgres://USER:PASSWORD@HOST:PORT/DATABASE.`,
    );
  }
  const port = url.port === '' ? 5432 : Number(url.port);
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  const hostParam = params.host;
  delete params.host;
  const host = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')) || hostParam || 'localhost';
  return {
    host,
    port,
    database,
    user: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
    params,
    source,
  };
}

/** The secrets of a target, for {@link redact}. */
export function targetSecrets(t: ConnectionTarget | null): string[] {
  return t?.password ? [t.password, encodeURIComponent(t.password)] : [];
}

/** The literal repo settings of a config file (see shared/elixir/repo-config.ts). */
export interface RepoSettings {
  repo: string;
  line: number;
  values: Record<string, string | number | boolean | null>;
}

/**
 * A target from repo settings: `url:`, else `database:` with `hostname:`/`socket_dir:`,
 * `port:`, `username:`, `password:` (Postgrex's defaults: localhost, 5432). A setting that is
 * an expression rather than a literal cannot be read: the error says which and what to do.
 */
export function targetFromRepoSettings(s: RepoSettings, file: string): ConnectionTarget {
  const source = `${file} (${s.repo}, line ${s.line})`;
  const computed = (k: string) => k in s.values && s.values[k] === null;
  const fix =
    'pass database_url in the call, or start the server with --database-url / PHX_GEN_MCP_DATABASE_URL';
  if ('url' in s.values) {
    const url = s.values.url;
    if (typeof url !== 'string') {
      throw new TargetError(
        `${source} sets url: with an expression, not a literal string; ${fix}.`,
      );
    }
    return targetFromUrl(url, source);
  }
  const bad = ['database', 'hostname', 'socket_dir', 'port', 'username', 'password'].filter(
    computed,
  );
  if (bad.length > 0) {
    throw new TargetError(
      `${source} sets ${bad.join(', ')} with an expression, not a literal, so the connection cannot be read from it; ${fix}.`,
    );
  }
  const str = (k: string) => (typeof s.values[k] === 'string' ? (s.values[k] as string) : null);
  const database = str('database');
  if (database === null) {
    throw new TargetError(`${source} sets neither url: nor database:; ${fix}.`);
  }
  const port = s.values.port;
  return {
    host: str('socket_dir') ?? str('hostname') ?? 'localhost',
    port:
      typeof port === 'number'
        ? port
        : typeof port === 'string' && /^\d+$/.test(port)
          ? Number(port)
          : 5432,
    database,
    user: str('username'),
    password: str('password'),
    params: {},
    source,
  };
}
