/**
 * Replaying migrations into a database state (shared/elixir/migrations.ts): real files in a temp
 * project, read through the pipeline's project reader, in version order.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  migrationsPath,
  pgType,
  replayMigrations,
  replaySources,
} from '../../shared/elixir/migrations.js';
import type { ColumnState, DatabaseState, TableState } from '../../shared/model/database.js';
import { DatabaseStateSchema } from '../../shared/model/database.js';
import { projectReader } from '../../shared/plan/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(rel: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
}

function migration(name: string, body: string): string {
  return `defmodule MyApp.Repo.Migrations.${name} do\n  use Ecto.Migration\n\n${body}\nend\n`;
}

function table(state: DatabaseState, name: string): TableState {
  const t = state.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${state.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(t: TableState, name: string): ColumnState {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name} in ${t.name}`);
  return c;
}

const MIX = `defmodule MyApp.MixProject do
  use Mix.Project
  def project, do: [app: :my_app, version: "0.1.0"]
end
`;

describe('pgType (ecto_sql PostgreSQL adapter names)', () => {
  it.each([
    [':string', {}, 'character varying(255)'],
    [':string', { size: 40 }, 'character varying(40)'],
    [':text', {}, 'text'],
    [':naive_datetime', {}, 'timestamp(0) without time zone'],
    [':utc_datetime', { precision: 3 }, 'timestamp(0) without time zone'],
    [':utc_datetime_usec', {}, 'timestamp without time zone'],
    [':naive_datetime_usec', { precision: 3 }, 'timestamp(3) without time zone'],
    [':time', {}, 'time(0) without time zone'],
    [':time_usec', {}, 'time without time zone'],
    [':map', {}, 'jsonb'],
    ['{:map, :string}', {}, 'jsonb'],
    [':binary_id', {}, 'uuid'],
    [':uuid', {}, 'uuid'],
    [':id', {}, 'integer'],
    [':bigint', {}, 'bigint'],
    [':bigserial', {}, 'bigint'],
    [':serial', {}, 'integer'],
    [':integer', {}, 'integer'],
    [':float', {}, 'double precision'],
    [':decimal', {}, 'numeric'],
    [':decimal', { precision: 12, scale: 2 }, 'numeric(12,2)'],
    [':decimal', { precision: 5 }, 'numeric(5,0)'],
    [':boolean', {}, 'boolean'],
    [':binary', {}, 'bytea'],
    [':date', {}, 'date'],
    [':citext', {}, 'citext'],
    ['{:array, :text}', {}, 'text[]'],
    ['{:array, :string}', {}, 'character varying(255)[]'],
    ['{:array, :utc_datetime}', {}, 'timestamp(0) without time zone[]'],
    ['MyApp.Money', {}, null],
  ])('%s %j → %s', (type, opts, expected) => {
    expect(pgType(type, opts)).toBe(expected);
  });
});

describe('replayMigrations', () => {
  it('replays phx.gen-shaped migrations: binary_id keys, references, timestamps, indexes', async () => {
    write('mix.exs', MIX);
    write(
      'priv/repo/migrations/20240101000000_create_users.exs',
      migration(
        'CreateUsers',
        `  def change do
    create table(:users, primary_key: false) do
      add :id, :binary_id, primary_key: true
      add :email, :string, null: false
      add :bio, :text

      timestamps(type: :utc_datetime)
    end

    create unique_index(:users, [:email])
  end`,
      ),
    );
    write(
      'priv/repo/migrations/20240102000000_create_posts.exs',
      migration(
        'CreatePosts',
        `  def change do
    create table(:posts) do
      add :title, :string, size: 100, default: "untitled"
      add :price, :decimal, precision: 10, scale: 2
      add :tags, {:array, :string}, default: []
      add :user_id, references(:users, on_delete: :delete_all, type: :binary_id), null: false
      add :parent_id, references(:posts)

      timestamps()
    end

    create index(:posts, [:user_id])
    create index(:posts, [:title], where: "title IS NOT NULL", name: :posts_titled)
  end`,
      ),
    );
    const state = await replayMigrations(projectReader(dir));
    expect(DatabaseStateSchema.parse(state)).toEqual(state);
    expect(state.warnings).toEqual([]);
    expect(state.tables.map((t) => t.name)).toEqual(['posts', 'users']);
    const users = table(state, 'users');
    expect(users.primary_key).toEqual(['id']);
    expect(column(users, 'id')).toMatchObject({ type: ':binary_id', pg_type: 'uuid', null: false });
    expect(column(users, 'email')).toMatchObject({
      pg_type: 'character varying(255)',
      null: false,
    });
    expect(column(users, 'bio').null).toBe(true);
    expect(column(users, 'inserted_at')).toMatchObject({
      type: ':utc_datetime',
      pg_type: 'timestamp(0) without time zone',
      null: false,
    });
    expect(users.indexes).toEqual([
      { name: 'users_email_index', columns: ['email'], unique: true, where: null, using: null },
    ]);
    const posts = table(state, 'posts');
    expect(posts.columns.map((c) => c.name)).toEqual([
      'id',
      'title',
      'price',
      'tags',
      'user_id',
      'parent_id',
      'inserted_at',
      'updated_at',
    ]);
    expect(column(posts, 'id')).toMatchObject({
      type: ':bigserial',
      pg_type: 'bigint',
      primary_key: true,
    });
    expect(column(posts, 'title')).toMatchObject({
      size: 100,
      default: '"untitled"',
      pg_type: 'character varying(100)',
    });
    expect(column(posts, 'price')).toMatchObject({
      precision: 10,
      scale: 2,
      pg_type: 'numeric(10,2)',
    });
    expect(column(posts, 'tags')).toMatchObject({
      pg_type: 'character varying(255)[]',
      default: '[]',
    });
    expect(column(posts, 'user_id')).toMatchObject({
      type: ':binary_id',
      pg_type: 'uuid',
      null: false,
      references: {
        table: 'users',
        column: 'id',
        prefix: null,
        name: 'posts_user_id_fkey',
        on_delete: 'delete_all',
        on_update: 'nothing',
      },
    });
    expect(column(posts, 'parent_id')).toMatchObject({
      type: ':bigint',
      pg_type: 'bigint',
      null: true,
    });
    expect(posts.indexes.map((i) => [i.name, i.where])).toEqual([
      ['posts_user_id_index', null],
      ['posts_titled', 'title IS NOT NULL'],
    ]);
  });

  it('applies alters, renames and drops in version order, and warns about execute', async () => {
    const m = 'priv/repo/migrations';
    // Written out of order on purpose: the replay sorts by version.
    write(
      `${m}/20240105000000_cleanup.exs`,
      migration(
        'Cleanup',
        `  def up do
    drop table(:legacy)
    drop_if_exists table(:never_existed)
    drop index(:articles, [:slug], name: :posts_slug_index)
    execute "UPDATE articles SET headline = upper(headline)"
    rename table(:articles), :headline, to: :title
  end

  def down do
    raise "irreversible"
  end`,
      ),
    );
    write(
      `${m}/20240101000000_create_posts.exs`,
      migration(
        'CreatePosts',
        `  def change do
    create table(:posts) do
      add :title, :string
      add :slug, :string
      add :views, :integer, default: 0
      add :body, :text
    end

    create unique_index(:posts, [:slug])
    create index(:posts, [:body])
    create table(:legacy) do
      add :post_id, references(:posts)
    end
    execute("CREATE TYPE status AS ENUM ('draft', 'published')", "DROP TYPE status")
  end`,
      ),
    );
    write(
      `${m}/20240102000000_alter_posts.exs`,
      migration(
        'AlterPosts',
        `  def change do
    alter table(:posts) do
      add :status, :status, default: "draft"
      add_if_not_exists :slug, :string
      remove :body
      remove_if_exists :nope, :string
      modify :views, :bigint, null: false
      modify :title, :text, from: :string
    end

    rename table(:posts), :title, to: :headline
    rename table(:posts), to: table(:articles)
    create_if_not_exists table(:articles) do
      add :ignored, :string
    end

    for name <- [:a, :b] do
      create index(:articles, [name])
    end
    add_defaults(:articles)
  end`,
      ),
    );
    const state = await replayMigrations(projectReader(dir), { path: m });
    expect(state.tables.map((t) => t.name)).toEqual(['articles']);
    const articles = table(state, 'articles');
    expect(articles.columns.map((c) => c.name)).toEqual(['id', 'title', 'slug', 'views', 'status']);
    expect(column(articles, 'title')).toMatchObject({ type: ':text', pg_type: 'text' });
    expect(column(articles, 'views')).toMatchObject({ type: ':bigint', null: false, default: '0' });
    expect(column(articles, 'status')).toMatchObject({ type: ':status', pg_type: 'status' });
    // remove :body dropped its index; drop index removed the slug one.
    expect(articles.indexes).toEqual([]);
    expect(state.enums).toEqual([{ name: 'status', prefix: null, values: ['draft', 'published'] }]);
    const where = state.warnings.map((w) => [w.file?.split('/').pop(), w.line, w.tables]);
    expect(where).toEqual([
      ['20240102000000_alter_posts.exs', 20, ['articles']],
      ['20240102000000_alter_posts.exs', 23, ['articles']],
      ['20240105000000_cleanup.exs', 8, ['articles']],
    ]);
    expect(state.warnings[0]!.message).toMatch(/Not interpreted: .*tables articles may differ/);
    expect(state.warnings[2]!.message).toMatch(/execute/);
  });

  it('keeps references right through a rename of the referenced table and column', async () => {
    const state = await replaySources([
      {
        file: 'm/1_a.exs',
        content: migration(
          'A',
          `  def change do
    create table(:users, primary_key: [name: :uid, type: :binary_id]) do
      add :name, :string
    end
    create table(:posts, prefix: "blog") do
      add :user_id, references(:users, column: :uid, type: :uuid, prefix: "public", name: :posts_owner_fk)
    end
    rename table(:users), :uid, to: :key
    rename table(:users), to: table(:accounts)
  end`,
        ),
      },
    ]);
    expect(state.warnings).toEqual([]);
    expect(state.tables.map((t) => [t.prefix, t.name])).toEqual([
      [null, 'accounts'],
      ['blog', 'posts'],
    ]);
    expect(table(state, 'accounts').primary_key).toEqual(['key']);
    // prefix: "public" is the default schema (null in a state), so the key follows both
    // renames, as PostgreSQL's foreign key does.
    expect(column(table(state, 'posts'), 'user_id').references).toMatchObject({
      table: 'accounts',
      column: 'key',
      prefix: null,
      name: 'posts_owner_fk',
    });
  });

  it('reads what a baseline writes: schemas, guarded enum types and checks, prefix: nil', async () => {
    const state = await replaySources([
      {
        file: 'm/1_baseline.exs',
        content: migration(
          'Baseline',
          `  def change do
    execute "CREATE SCHEMA IF NOT EXISTS billing", "DROP SCHEMA IF EXISTS billing"
    execute "DO $$ BEGIN CREATE TYPE billing.currency AS ENUM ('eur', 'usd'); EXCEPTION WHEN duplicate_object THEN null; END $$",
            "DROP TYPE IF EXISTS billing.currency"
    create_if_not_exists table(:orders) do
      add :total, :integer
    end
    create_if_not_exists table(:invoices, primary_key: false, prefix: :billing) do
      add :order_id, references(:orders, column: :id, type: :bigint, prefix: nil, on_delete: :nothing)
      add :currency, :"billing.currency"
    end
    execute "DO $$ BEGIN ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0); EXCEPTION WHEN duplicate_object THEN null; END $$",
            "ALTER TABLE orders DROP CONSTRAINT IF EXISTS total_positive"
  end`,
        ),
      },
    ]);
    expect(state.warnings).toEqual([]);
    expect(state.enums).toEqual([{ name: 'currency', prefix: 'billing', values: ['eur', 'usd'] }]);
    expect(table(state, 'orders').check_constraints).toEqual([
      { name: 'total_positive', expression: 'total > 0' },
    ]);
    expect(column(table(state, 'invoices'), 'order_id').references).toMatchObject({
      table: 'orders',
      prefix: null,
    });
  });

  it('renames indexes (rename index(...), to: ...) and warns about an unknown one', async () => {
    const state = await replaySources([
      {
        file: 'm/1_a.exs',
        content: migration(
          'A',
          `  def change do
    create table(:posts) do
      add :title, :string
      add :slug, :string
    end
    create unique_index(:posts, [:slug])
    create index(:posts, [:title], name: :posts_by_title)
    rename index(:posts, [:slug]), to: "posts_permalink_index"
    rename index(:posts, [:title], name: :posts_by_title), to: :posts_headline_index
    rename index(:posts, [:body]), to: :nothing_here
  end`,
        ),
      },
    ]);
    expect(table(state, 'posts').indexes.map((i) => [i.name, i.columns, i.unique])).toEqual([
      ['posts_permalink_index', ['slug'], true],
      ['posts_headline_index', ['title'], false],
    ]);
    expect(state.warnings).toEqual([
      expect.objectContaining({
        file: 'm/1_a.exs',
        line: 13,
        message: expect.stringMatching(/rename index posts_body_index/),
      }),
    ]);
  });

  it("applies the repo's migration_primary_key, migration_foreign_key and migration_timestamps", async () => {
    write('mix.exs', MIX);
    write(
      'config/config.exs',
      `import Config
config :my_app, ecto_repos: [MyApp.Repo]

config :my_app, MyApp.Repo,
  migration_primary_key: [name: :uuid, type: :binary_id],
  migration_foreign_key: [type: :binary_id, column: :uuid],
  migration_timestamps: [type: :utc_datetime, inserted_at: :created_at]

import_config "#{config_env()}.exs"
`,
    );
    write('config/dev.exs', `import Config\nconfig :my_app, MyApp.Repo, database: "dev"\n`);
    write(
      'priv/repo/migrations/20240101000000_create.exs',
      migration(
        'Create',
        `  def change do
    create table(:users) do
      add :name, :string
      timestamps()
    end
    create table(:posts, primary_key: [name: :post_key]) do
      add :user_id, references(:users)
    end
    create table(:tags, primary_key: false) do
      add :name, :string
    end
  end`,
      ),
    );
    const state = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    expect(state.warnings).toEqual([]);
    const users = table(state, 'users');
    expect(users.columns.map((c) => [c.name, c.type])).toEqual([
      ['uuid', ':binary_id'],
      ['name', ':string'],
      ['created_at', ':utc_datetime'],
      ['updated_at', ':utc_datetime'],
    ]);
    expect(users.primary_key).toEqual(['uuid']);
    const posts = table(state, 'posts');
    expect(posts.primary_key).toEqual(['post_key']);
    expect(column(posts, 'post_key').type).toBe(':binary_id');
    expect(column(posts, 'user_id')).toMatchObject({
      pg_type: 'uuid',
      references: { table: 'users', column: 'uuid' },
    });
    expect(table(state, 'tags').primary_key).toEqual([]);
    // Without the config, the same file gives ecto_sql's defaults (the parse cache is per config).
    rmSync(path.join(dir, 'config'), { recursive: true });
    const plain = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    expect(table(plain, 'users').columns.map((c) => c.name)).toEqual([
      'id',
      'name',
      'inserted_at',
      'updated_at',
    ]);
  });

  it('finds the repo migrations path from the config priv:', async () => {
    write('mix.exs', MIX);
    write(
      'config/config.exs',
      `import Config\nconfig :my_app, ecto_repos: [MyApp.Repo]\nconfig :my_app, MyApp.Repo, priv: "priv/main_repo"\n`,
    );
    write(
      'priv/main_repo/migrations/20240101000000_create_tags.exs',
      migration(
        'CreateTags',
        `  def change do\n    create table(:tags) do\n      add :name, :string\n    end\n  end`,
      ),
    );
    expect(await migrationsPath(projectReader(dir), 'MyApp.Repo')).toBe(
      'priv/main_repo/migrations',
    );
    const state = await replayMigrations(projectReader(dir));
    expect(state.tables.map((t) => t.name)).toEqual(['tags']);
  });

  it('reports a file that does not parse and returns an empty state without migrations', async () => {
    expect(await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' })).toEqual({
      source: 'migrations',
      tables: [],
      enums: [],
      warnings: [],
    });
    write(
      'priv/repo/migrations/20240101000000_broken.exs',
      'defmodule X do\n  def change do\n    create table(:x do\nend\n',
    );
    const state = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    expect(state.warnings).toHaveLength(1);
    expect(state.warnings[0]).toMatchObject({
      file: 'priv/repo/migrations/20240101000000_broken.exs',
    });
    expect(state.warnings[0]!.message).toMatch(/syntax error/);
  });

  it('sees a changed file on a repeat replay (the cache is keyed by content)', async () => {
    const file = 'priv/repo/migrations/20240101000000_create_tags.exs';
    const body = (col: string) =>
      migration(
        'CreateTags',
        `  def change do\n    create table(:tags) do\n      add :${col}, :string\n    end\n  end`,
      );
    write(file, body('name'));
    const first = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    first.tables[0]!.columns.pop(); // a caller mutating its state must not touch the cache
    const again = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    expect(again.tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'name']);
    write(file, body('label'));
    const changed = await replayMigrations(projectReader(dir), { repo: 'MyApp.Repo' });
    expect(changed.tables[0]!.columns.map((c) => c.name)).toEqual(['id', 'label']);
  });
});
