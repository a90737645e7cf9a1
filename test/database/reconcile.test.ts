/**
 * Reconcile and baseline on a real PostgreSQL: a database read by introspection is passed to
 * generate_ecto_migration (real SDK client) as from_database, and the project's migrations,
 * replayed with the new ones, must build exactly the tables the database has.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-migration/server.js';
import { createServer as createUnderstanding } from '../../servers/schema-understanding/server.js';
import { compareStates } from '../../shared/database/drift.js';
import { introspect } from '../../shared/database/introspect.js';
import { withReadOnlySession } from '../../shared/database/session.js';
import { targetFromUrl } from '../../shared/database/target.js';
import { replayMigrations } from '../../shared/elixir/migrations.js';
import type { DatabaseState } from '../../shared/model/database.js';
import { projectReader } from '../../shared/plan/context.js';
import { connect, errorText, structured, tempProject } from '../support/mcp.js';
import { ADMIN_URL, createDatabase, dropDatabase, execSql, fixture } from './helpers.js';

const DIR = 'priv/repo/migrations';

const USERS = `defmodule MyApp.Repo.Migrations.CreateUsers do
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

const POSTS = `defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :title, :string, null: false
      add :status, :string, default: "draft", null: false
      add :views, :integer, default: 0, null: false
      add :user_id, references(:users, on_delete: :delete_all), null: false
      timestamps()
    end

    create index(:posts, [:user_id])
  end
end
`;

/** What `mix ecto.migrate` makes of the two migrations above. */
const MIGRATED = `
CREATE TABLE users (id bigserial PRIMARY KEY, email varchar(255) NOT NULL, name varchar(255),
  inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL);
CREATE UNIQUE INDEX users_email_index ON users (email);
CREATE TABLE posts (id bigserial PRIMARY KEY, title varchar(255) NOT NULL,
  status varchar(255) DEFAULT 'draft' NOT NULL, views integer DEFAULT 0 NOT NULL,
  user_id bigint NOT NULL CONSTRAINT posts_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL);
CREATE INDEX posts_user_id_index ON posts (user_id);
`;

/** Hand-made changes the migrations do not know. */
const HOTFIXES = `
ALTER TABLE users ADD COLUMN phone text;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE users ALTER COLUMN email TYPE varchar(100);
DROP INDEX users_email_index;
CREATE UNIQUE INDEX users_lower_email ON users (lower(email));
ALTER TABLE posts ALTER COLUMN views SET DEFAULT 1;
ALTER TABLE posts ALTER COLUMN title TYPE text;
ALTER TABLE posts DROP COLUMN status;
CREATE TYPE mood AS ENUM ('ok', 'bad');
ALTER TABLE posts ADD COLUMN mood mood NOT NULL DEFAULT 'ok';
CREATE UNIQUE INDEX posts_title_live ON posts (title) WHERE views > 0;
CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text NOT NULL DEFAULT '',
  user_id bigint REFERENCES users (id) ON DELETE SET NULL, at timestamptz DEFAULT now());
`;

async function readLive(url: string, schemas = ['public']): Promise<DatabaseState> {
  return withReadOnlySession(targetFromUrl(url, 'test'), (s) => introspect(s, { schemas }));
}

interface Output {
  files: { path: string; action: string }[];
  warnings: string[];
}

describe.skipIf(!ADMIN_URL)('generate_ecto_migration from_database', () => {
  let legacy: string;
  beforeAll(async () => {
    legacy = await createDatabase('baseline', await fixture('legacy.sql'));
  });
  afterAll(async () => {
    if (legacy) await dropDatabase(legacy);
  });

  it('reconciles drifted tables: the migrations replayed then build the live tables', async () => {
    const db = await createDatabase('reconcile', MIGRATED);
    const project = await tempProject({
      [`${DIR}/20240101000000_create_users.exs`]: USERS,
      [`${DIR}/20240102000000_create_posts.exs`]: POSTS,
    });
    const c = await connect(
      createServer({ cliRoots: [], clock: () => new Date('2024-06-01T00:00:00Z') }),
      { roots: [project.root] },
    );
    try {
      await execSql(db, HOTFIXES);
      const live = await readLive(db);
      const before = await replayMigrations(projectReader(project.root));
      expect(compareStates(before, live).length).toBeGreaterThan(5);
      // The drifted tables, as introspect_database hands them on.
      const u = await connect(createUnderstanding({ cliRoots: [project.root] }), {
        roots: [project.root],
      });
      const hint = await u.client
        .callTool({ name: 'introspect_database', arguments: { database_url: db } })
        .finally(() => u.close());
      const { reconcile } = structured<{
        reconcile: { from_database: { tables: { name: string }[] }; not_reconciled: string[] };
      }>(hint);
      expect(reconcile.from_database.tables.map((t) => t.name)).toEqual([
        'audit_log',
        'posts',
        'users',
      ]);
      expect(reconcile.not_reconciled).toEqual([]);
      const call = (extra: Record<string, unknown>) =>
        c.client.callTool({
          name: 'generate_ecto_migration',
          arguments: { from_database: reconcile.from_database, format: 'none', ...extra },
        });
      // Dropping posts.status, narrowing users.email and NOT NULL on users.name lose data or may
      // fail: refused without confirmation, nothing written.
      const refused = await call({});
      expect(errorText(refused)).toMatch(/drop column status/);
      expect(await readdir(path.join(project.root, DIR))).toHaveLength(2);

      const out = structured<Output>(await call({ allow_destructive: true }));
      expect(out.files.map((f) => path.basename(f.path))).toEqual([
        '20240601000000_create_audit_log.exs',
        '20240601000001_alter_posts.exs',
        '20240601000002_alter_users.exs',
      ]);
      const after = await replayMigrations(projectReader(project.root));
      expect(after.warnings).toEqual([]);
      expect(compareStates(after, live)).toEqual([]);
      const posts = await readFile(
        path.join(project.root, DIR, '20240601000001_alter_posts.exs'),
        'utf8',
      );
      expect(posts).toContain('remove :status, :string, default: "draft", null: false');
      expect(posts).toContain(
        'create unique_index(:posts, [:title], name: :posts_title_live, where: "views > 0")',
      );

      // Nothing left to reconcile: nothing written.
      const again = structured<Output>(await call({}));
      expect(again.files).toEqual([]);
      expect(again.warnings.join('\n')).toMatch(/already build these tables/);
    } finally {
      await c.close();
      await project.cleanup();
      await dropDatabase(db);
    }
  });

  it('writes a create-if-missing baseline that replays into the live state', async () => {
    const project = await tempProject();
    const c = await connect(
      createServer({ cliRoots: [], clock: () => new Date('2024-06-01T00:00:00Z') }),
      { roots: [project.root] },
    );
    try {
      const live = await readLive(legacy, ['public', 'billing']);
      const out = structured<Output>(
        await c.client.callTool({
          name: 'generate_ecto_migration',
          arguments: { from_database: live, baseline: true, format: 'none' },
        }),
      );
      expect(out.files.map((f) => path.basename(f.path))).toEqual(['20240601000000_baseline.exs']);
      const source = await readFile(path.join(project.root, out.files[0]!.path), 'utf8');
      expect(source).not.toMatch(/^\s+create table/m);
      const replayed = await replayMigrations(projectReader(project.root));
      expect(replayed.warnings).toEqual([]);
      expect(compareStates(replayed, live)).toEqual([]);
    } finally {
      await c.close();
      await project.cleanup();
    }
  });
});

describe('generate_ecto_migration from_database input', () => {
  const table = (type: string) => ({
    name: 'notes',
    prefix: null,
    primary_key: ['id'],
    columns: [
      {
        name: 'id',
        type: ':bigserial',
        pg_type: 'bigint',
        null: false,
        default: null,
        size: null,
        precision: null,
        scale: null,
        primary_key: true,
        references: null,
      },
      {
        name: 'body',
        type,
        pg_type: 'text',
        null: true,
        default: null,
        size: null,
        precision: null,
        scale: null,
        primary_key: false,
        references: null,
      },
    ],
    indexes: [],
    check_constraints: [],
  });

  it('refuses a column type that is not a migration type, and a model beside it', async () => {
    const project = await tempProject();
    const c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
    try {
      const bad = await c.client.callTool({
        name: 'generate_ecto_migration',
        arguments: {
          from_database: { tables: [table(':text, null: false); System.halt()')] },
          baseline: true,
        },
      });
      expect(errorText(bad)).toMatch(/from_database.*type|a column type as introspect_database/s);
      const both = await c.client.callTool({
        name: 'generate_ecto_migration',
        arguments: {
          from_database: { tables: [table(':text')] },
          specs: ['Blog Post posts title:string'],
        },
      });
      expect(errorText(both)).toMatch(/either from_database .* or schemas\/specs, not both/);
      expect(await readdir(project.root)).not.toContain('priv');
    } finally {
      await c.close();
      await project.cleanup();
    }
  });

  it('writes a baseline with quoted names, expression and partial indexes', async () => {
    const project = await tempProject();
    const c = await connect(
      createServer({ cliRoots: [], clock: () => new Date('2024-06-01T00:00:00Z') }),
      { roots: [project.root] },
    );
    try {
      const t = table(':text');
      t.indexes = [
        {
          name: 'notes_lower_body',
          columns: ['lower(body)'],
          unique: true,
          where: "body <> ''",
          using: null,
        },
      ] as never;
      const out = structured<Output>(
        await c.client.callTool({
          name: 'generate_ecto_migration',
          arguments: {
            from_database: {
              tables: [t],
              enums: [{ name: 'Odd"Name', prefix: 'ops', values: ["it's"] }],
            },
            baseline: true,
            format: 'none',
          },
        }),
      );
      const source = await readFile(path.join(project.root, out.files[0]!.path), 'utf8');
      expect(source).toContain(
        `execute "DO $$ BEGIN CREATE TYPE ops.\\"Odd\\"\\"Name\\" AS ENUM ('it''s'); EXCEPTION WHEN duplicate_object THEN null; END $$",`,
      );
      expect(source).toContain(
        'execute "CREATE SCHEMA IF NOT EXISTS ops", "DROP SCHEMA IF EXISTS ops"',
      );
      expect(source).toContain(
        [
          '    create_if_not_exists unique_index(:notes, ["lower(body)"],',
          '                           name: :notes_lower_body,',
          `                           where: "body <> ''"`,
          '                         )',
        ].join('\n'),
      );
    } finally {
      await c.close();
      await project.cleanup();
    }
  });
});
