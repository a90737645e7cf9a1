import { describe, expect, it } from 'vitest';
import { classifyError, formatVersion } from '../../shared/database/session.js';
import {
  describeTarget,
  redact,
  targetFromRepoSettings,
  targetFromUrl,
  TargetError,
} from '../../shared/database/target.js';
import { readRepoConfigs } from '../../shared/elixir/repo-config.js';
import { parseServerArgs } from '../../shared/mcp/serve.js';

describe('targetFromUrl', () => {
  it('reads user, password, host, port, database and parameters', () => {
    expect(
      targetFromUrl('postgresql://me:p%40ss@db.internal:6543/shop?sslmode=require', 'x'),
    ).toEqual({
      host: 'db.internal',
      port: 6543,
      database: 'shop',
      user: 'me',
      password: 'p@ss',
      params: { sslmode: 'require' },
      source: 'x',
    });
    expect(targetFromUrl('ecto://localhost/app_dev', 'x')).toMatchObject({
      port: 5432,
      user: null,
      password: null,
    });
    expect(targetFromUrl('postgres://u@[::1]:5433/d', 'x').host).toBe('::1');
  });

  it('rejects what is not a PostgreSQL URL, without quoting it', () => {
    const bad = (url: string) => {
      try {
        targetFromUrl(url, 'the call');
      } catch (e) {
        expect(e).toBeInstanceOf(TargetError);
        expect((e as Error).message).not.toContain('hunter2');
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad('not a url hunter2')).toBe(
      'The database URL from the call is not a valid URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE).',
    );
    expect(bad('postgres://u:hunter2@host:5432/')).toContain('names no database');
    expect(bad('http://u:hunter2@host/db')).toContain('the scheme "http"');
  });

  it('describes a target by host, port and database only', () => {
    expect(describeTarget(targetFromUrl('postgres://me:secret@h:1/d', 'x'))).toBe('h:1/d');
    expect(describeTarget(targetFromUrl('postgres://me:secret@[::1]:1/d', 'x'))).toBe('[::1]:1/d');
  });
});

describe('redact', () => {
  it('hides the user info of every URL and every secret given', () => {
    expect(redact('failed: postgres://me:s3cret@h:5432/d and ecto://x:y@z/w')).toBe(
      'failed: postgres://***@h:5432/d and ecto://***@z/w',
    );
    expect(redact('password "s3cret" rejected', ['s3cret'])).toBe('password "***" rejected');
    expect(redact('postgres://h:5432/d')).toBe('postgres://h:5432/d');
  });
});

describe('connection errors', () => {
  const t = targetFromUrl('postgres://me:s3cret@h:5/d', 'the call');
  const opts = { statementTimeoutMs: 10, connectTimeoutMs: 20 };
  it('hide the password even when the driver quotes it', () => {
    const e = classifyError(new Error('boom postgres://me:s3cret@h:5/d s3cret'), t, opts);
    expect(e.kind).toBe('other');
    expect(e.message).toBe('PostgreSQL at h:5/d: boom postgres://***@h:5/d ***');
  });
  it('name a connect timeout', () => {
    const e = classifyError(new Error('Connection terminated due to connection timeout'), t, opts);
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain('within 20 ms');
  });
  it('format server versions', () => {
    expect(formatVersion(150018)).toBe('15.18');
    expect(formatVersion(110022)).toBe('11.22');
    expect(formatVersion(90624)).toBe('9.6.24');
  });
});

describe('repo settings of config/dev.exs', () => {
  const DEV = `import Config

# Configure your database
config :shop, Shop.Repo,
  username: "postgres",
  password: "pa\\"ss",
  hostname: "localhost",
  port: 5433,
  database: "shop_dev",
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

config :shop, Shop.Other.Repo, url: "postgres://u:p@h:1/other"
config :shop, ShopWeb.Endpoint, http: [port: 4000]
config :shop, Shop.EnvRepo, database: System.get_env("DB"), hostname: "#{host}"
`;

  it('reads literal values and marks expressions', async () => {
    const configs = await readRepoConfigs(DEV);
    expect(configs.map((c) => [c.repo, c.line])).toEqual([
      ['Shop.Repo', 4],
      ['Shop.Other.Repo', 13],
      ['Shop.EnvRepo', 15],
    ]);
    expect(configs[0]!.values).toEqual({
      username: 'postgres',
      password: 'pa"ss',
      hostname: 'localhost',
      port: 5433,
      database: 'shop_dev',
      show_sensitive_data_on_connection_error: true,
      pool_size: 10,
    });
    expect(configs[2]!.values).toEqual({ database: null, hostname: null });
    expect((await readRepoConfigs(DEV, 'Shop.Other.Repo')).map((c) => c.repo)).toEqual([
      'Shop.Other.Repo',
    ]);
  });

  it('makes a target of literal settings or of url:, and explains expressions', async () => {
    const [main, other, env] = await readRepoConfigs(DEV);
    expect(targetFromRepoSettings(main!, 'config/dev.exs')).toEqual({
      host: 'localhost',
      port: 5433,
      database: 'shop_dev',
      user: 'postgres',
      password: 'pa"ss',
      params: {},
      source: 'config/dev.exs (Shop.Repo, line 4)',
    });
    expect(targetFromRepoSettings(other!, 'config/dev.exs')).toMatchObject({
      host: 'h',
      database: 'other',
    });
    expect(() => targetFromRepoSettings(env!, 'config/dev.exs')).toThrow(
      'config/dev.exs (Shop.EnvRepo, line 15) sets database, hostname with an expression, not a literal',
    );
  });
});

describe('--database-url', () => {
  it('comes from the flag, else PHX_GEN_MCP_DATABASE_URL', () => {
    expect(parseServerArgs(['--database-url', 'postgres://a/b'], {}).databaseUrl).toBe(
      'postgres://a/b',
    );
    expect(parseServerArgs([], { PHX_GEN_MCP_DATABASE_URL: 'postgres://c/d' }).databaseUrl).toBe(
      'postgres://c/d',
    );
    expect(
      parseServerArgs(['--database-url=postgres://a/b'], {
        PHX_GEN_MCP_DATABASE_URL: 'postgres://c/d',
      }).databaseUrl,
    ).toBe('postgres://a/b');
    expect(parseServerArgs([], {}).databaseUrl).toBeUndefined();
  });
});
