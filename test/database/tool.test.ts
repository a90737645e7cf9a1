/**
 * introspect_database through a real SDK client (in-memory transport) on a real PostgreSQL:
 * connection sources, drift against a project's migrations, and credentials kept out of every
 * answer and log line.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer } from '../../servers/schema-understanding/server.js';
import { collectLogs, connect, errorText, structured, tempProject } from '../support/mcp.js';
import { ADMIN_URL, createDatabase, dropDatabase, execSql, fixture } from './helpers.js';

interface Result {
  database: string;
  connection_source: string;
  server_version: string;
  state: { source: string; tables: { name: string; prefix: string | null }[] };
  schemas: { module: string }[];
  join_tables: string[];
  warnings: { table: string; column: string | null; message: string }[];
  valid: boolean;
  errors: unknown[];
  drift: {
    compared_with: string;
    differences: { kind: string; table: string; name: string | null; message: string }[];
  } | null;
  notes: string[];
}

const PASSWORD = new URL(ADMIN_URL ?? 'postgres://u:p@h/d').password;

/**
 * Captures stderr for the test: the server's log lines (which test/support/mcp.ts collects while a
 * client is connected) and anything else written there; the test asserts it never holds the
 * password.
 */
function captureStderr(): { text: () => string; stop: () => void } {
  const chunks: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const logs = collectLogs();
  return { text: () => [...logs.lines, ...chunks].join(''), stop: () => logs.stop() };
}

function devExs(url: string, overrides: Record<string, string> = {}): string {
  const u = new URL(url);
  const kw = {
    username: `"${u.username}"`,
    password: `"${decodeURIComponent(u.password)}"`,
    hostname: `"${u.hostname}"`,
    port: u.port,
    database: `"${u.pathname.slice(1)}"`,
    ...overrides,
  };
  return `import Config

config :my_app, MyApp.Repo,
${Object.entries(kw)
  .map(([k, v]) => `  ${k}: ${v},`)
  .join('\n')}
  stacktrace_depth: 20,
  pool_size: 10

config :my_app, MyAppWeb.Endpoint, http: [port: 4000]
`;
}

const USERS_MIGRATION = `defmodule MyApp.Repo.Migrations.CreateUsers do
  use Ecto.Migration

  def change do
    create table(:users) do
      add :email, :string, null: false
      add :name, :string
      timestamps()
    end

    create unique_index(:users, [:email])
  end
end
`;

const POSTS_MIGRATION = `defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :title, :string, null: false
      add :views, :integer, default: 0, null: false
      add :user_id, references(:users, on_delete: :delete_all), null: false
      timestamps()
    end

    create index(:posts, [:user_id])
  end
end
`;

/** What \`mix ecto.migrate\` makes of the two migrations above on PostgreSQL. */
const MIGRATED_SQL = `
CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(255) NOT NULL, name varchar(255),
  inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL);
CREATE UNIQUE INDEX users_email_index ON users (email);
CREATE TABLE posts (id bigserial PRIMARY KEY, title varchar(255) NOT NULL,
  views integer DEFAULT 0 NOT NULL,
  user_id bigint NOT NULL CONSTRAINT posts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL);
CREATE INDEX posts_user_id_index ON posts (user_id);
CREATE TABLE schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0));
`;

describe.skipIf(!ADMIN_URL)('introspect_database', () => {
  let legacy: string;
  let stderr: { text: () => string; stop: () => void };
  beforeAll(async () => {
    legacy = await createDatabase('tool', await fixture('legacy.sql'));
  });
  afterAll(async () => {
    if (legacy) await dropDatabase(legacy);
  });
  beforeEach(() => {
    stderr = captureStderr();
  });
  afterEach(() => {
    stderr.stop();
    expect(stderr.text()).not.toContain(PASSWORD);
    vi.restoreAllMocks();
  });

  it('reads the database of the call, proposes a valid model, shows no credential', async () => {
    const c = await connect(createServer({ cliRoots: [] }));
    try {
      const result = await c.client.callTool({
        name: 'introspect_database',
        arguments: { database_url: legacy, schemas: ['public', 'billing'], context: 'Shop' },
      });
      const r = structured<Result>(result);
      expect(r.database).toMatch(/^127\.0\.0\.1:\d+\/tool_\d+_\d+$/);
      expect(r.connection_source).toBe("the call's database_url");
      expect(r.state.source).toBe('database');
      expect(r.state.tables).toHaveLength(8);
      expect(r.schemas.map((s) => s.module)).toEqual([
        'Shop.Category',
        'Shop.Group',
        'Shop.OrderLine',
        'Shop.Order',
        'Shop.Product',
        'Shop.User',
        'Billing.Invoice',
      ]);
      expect(r.join_tables).toEqual(['groups_users']);
      expect(r.valid).toBe(true);
      expect(r.drift).toBeNull();
      expect(r.warnings.map((w) => w.table)).toContain('order_lines');
      expect(JSON.stringify(result)).not.toContain(PASSWORD);
      expect(JSON.stringify(result)).not.toContain(legacy);
      expect(stderr.text()).toMatch(
        /introspect_database: reading 127\.0\.0\.1:\d+\/tool_\d+_\d+ \(public, billing\)/,
      );
    } finally {
      await c.close();
    }
  });

  it("uses the operator's --database-url when the call gives none", async () => {
    const c = await connect(createServer({ cliRoots: [], databaseUrl: legacy }));
    try {
      const r = structured<Result>(
        await c.client.callTool({ name: 'introspect_database', arguments: {} }),
      );
      expect(r.connection_source).toBe('the operator (--database-url / PHX_GEN_MCP_DATABASE_URL)');
      expect(r.state.tables.every((t) => t.prefix === null)).toBe(true);
      expect(r.schemas.map((s) => s.module)).toContain('Data.Order');
    } finally {
      await c.close();
    }
  });

  it("reads config/dev.exs and reports drift from the project's migrations", async () => {
    const db = await createDatabase('drift', MIGRATED_SQL);
    const project = await tempProject({
      'config/dev.exs': devExs(db),
      'priv/repo/migrations/20240101000000_create_users.exs': USERS_MIGRATION,
      'priv/repo/migrations/20240102000000_create_posts.exs': POSTS_MIGRATION,
    });
    const c = await connect(createServer({ cliRoots: [project.root] }), { roots: [project.root] });
    try {
      const call = () => c.client.callTool({ name: 'introspect_database', arguments: {} });
      const clean = structured<Result>(await call());
      expect(clean.connection_source).toBe('config/dev.exs (MyApp.Repo, line 3)');
      expect(clean.drift).toEqual({
        compared_with: "the project's migrations, replayed",
        differences: [],
      });
      expect((clean as { reconcile?: unknown }).reconcile).toBeNull();
      // A hand-applied hotfix, and an index dropped by hand.
      await execSql(
        db,
        `ALTER TABLE users ADD COLUMN phone text;
         ALTER TABLE users ALTER COLUMN name SET NOT NULL;
         ALTER TABLE posts ALTER COLUMN views SET DEFAULT 1;
         ALTER TABLE posts ALTER COLUMN title TYPE text;
         DROP INDEX users_email_index;
         CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text);`,
      );
      const drifted = structured<Result>(await call());
      expect(drifted.drift!.differences.map((d) => [d.kind, d.table, d.name])).toEqual([
        ['column_type', 'posts', 'title'],
        ['column_default', 'posts', 'views'],
        ['column_null', 'users', 'name'],
        ['extra_column', 'users', 'phone'],
        ['missing_index', 'users', 'users_email_index'],
        ['extra_table', 'audit_log', null],
      ]);
      expect(drifted.drift!.differences[0]!.message).toBe(
        'posts.title is text in the database, character varying(255) in the migrations',
      );
      const noDrift = structured<Result>(
        await c.client.callTool({ name: 'introspect_database', arguments: { drift: false } }),
      );
      expect(noDrift.drift).toBeNull();
    } finally {
      await c.close();
      await project.cleanup();
      await dropDatabase(db);
    }
  });

  it('finds no drift for an enum column of a second schema', async () => {
    const db = await createDatabase(
      'enumdrift',
      `CREATE SCHEMA billing;
       CREATE TYPE billing.currency AS ENUM ('eur', 'usd');
       CREATE TABLE billing.invoices (id bigserial PRIMARY KEY,
         currency billing.currency NOT NULL, fallback billing.currency);`,
    );
    const project = await tempProject({
      'config/dev.exs': devExs(db),
      'priv/repo/migrations/20240101000000_create_invoices.exs': `defmodule MyApp.Repo.Migrations.CreateInvoices do
  use Ecto.Migration

  def change do
    execute "CREATE SCHEMA billing", "DROP SCHEMA billing"
    execute "CREATE TYPE billing.currency AS ENUM ('eur', 'usd')", "DROP TYPE billing.currency"

    create table(:invoices, prefix: :billing) do
      add :currency, :"billing.currency", null: false
      add :fallback, :currency
    end
  end
end
`,
    });
    const c = await connect(createServer({ cliRoots: [project.root] }), { roots: [project.root] });
    try {
      const r = structured<Result>(
        await c.client.callTool({
          name: 'introspect_database',
          arguments: { schemas: ['billing'] },
        }),
      );
      expect(r.state.tables.map((t) => `${t.prefix}.${t.name}`)).toEqual(['billing.invoices']);
      expect(r.drift).toEqual({
        compared_with: "the project's migrations, replayed",
        differences: [],
      });
    } finally {
      await c.close();
      await project.cleanup();
      await dropDatabase(db);
    }
  });

  it('explains a config/dev.exs it cannot read literally, and a missing source', async () => {
    const project = await tempProject({
      'config/dev.exs': devExs(legacy, { password: 'System.get_env("PGPASSWORD")' }),
    });
    const c = await connect(createServer({ cliRoots: [project.root] }), { roots: [project.root] });
    try {
      const text = errorText(
        await c.client.callTool({ name: 'introspect_database', arguments: {} }),
      );
      expect(text).toBe(
        'config/dev.exs (MyApp.Repo, line 3) sets password with an expression, not a literal, so the connection cannot be read from it; pass database_url in the call, or start the server with --database-url / PHX_GEN_MCP_DATABASE_URL.',
      );
    } finally {
      await c.close();
      await project.cleanup();
    }
    const bare = await connect(createServer({ cliRoots: [] }));
    try {
      const text = errorText(
        await bare.client.callTool({ name: 'introspect_database', arguments: {} }),
      );
      expect(text).toMatch(
        /^No database to read: no URL was given and there is no project; pass database_url/,
      );
    } finally {
      await bare.close();
    }
  });

  it('answers bad credentials and bad URLs with an error that holds no secret', async () => {
    const c = await connect(createServer({ cliRoots: [] }));
    try {
      const wrong = new URL(legacy);
      wrong.password = 'Sup3r-Secret-Guess';
      const text = errorText(
        await c.client.callTool({
          name: 'introspect_database',
          arguments: { database_url: wrong.href },
        }),
      );
      expect(text).toContain("refused the credentials from the call's database_url");
      expect(text).not.toContain('Sup3r-Secret-Guess');
      expect(text).not.toContain(wrong.username + ':');
      const scheme = errorText(
        await c.client.callTool({
          name: 'introspect_database',
          arguments: { database_url: 'mysql://root:hunter22@db/app' },
        }),
      );
      expect(scheme).toBe(
        `The database URL from the call's database_url has the scheme "mysql"; valid schemes are "postgres", "postgresql" and "ecto".`,
      );
      expect(stderr.text()).not.toContain('Sup3r-Secret-Guess');
      expect(stderr.text()).not.toContain('hunter22');
    } finally {
      await c.close();
    }
  });
});
