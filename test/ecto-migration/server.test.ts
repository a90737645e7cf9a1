/**
 * generate_ecto_migration through the real SDK client (in-memory transport), with the client's
 * roots pointing at a temp Phoenix-shaped project.
 */
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-migration/server.js';
import { tools } from '../../servers/ecto-migration/tools/index.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

interface Output {
  project_root: string | null;
  dry_run: boolean;
  files: { path: string; action: string; content?: string }[];
  warnings: string[];
}

const CLOCK = new Date('2024-05-01T12:00:00Z');
const DIR = 'priv/repo/migrations';

const BLOG = [
  { module: 'Accounts.User', fields: [{ name: 'email', unique: true }] },
  {
    module: 'Blog.Post',
    fields: [{ name: 'title' }],
    associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
  },
];

const OLD_POSTS = `defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :title, :string
    end
  end
end
`;

let project: { root: string; cleanup(): Promise<void> };
let c: Connected;

async function call(args: Record<string, unknown>) {
  return c.client.callTool({ name: 'generate_ecto_migration', arguments: args });
}

async function migrations(dir = DIR): Promise<string[]> {
  try {
    return (await readdir(path.join(project.root, dir))).sort();
  } catch {
    return [];
  }
}

beforeEach(async () => {
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [], clock: () => CLOCK }), {
    roots: [project.root],
  });
});

afterEach(async () => {
  await c.close();
  await project.cleanup();
});

describe('generate_ecto_migration', () => {
  it('is listed with its hints and the migrations_path input', async () => {
    const { tools: listed } = await c.client.listTools();
    const t = listed.find((x) => x.name === 'generate_ecto_migration');
    expect(t?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    });
    expect(Object.keys(t?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['schemas', 'specs', 'migrations_path', 'on_conflict', 'dry_run']),
    );
    expect(tools.map((x) => x.name)).toEqual(['generate_ecto_migration']);
  });

  it('writes the migrations into priv/repo/migrations in dependency order', async () => {
    const out = structured<Output>(await call({ schemas: [...BLOG].reverse(), format: 'none' }));
    expect(out.project_root).toBe(project.root);
    expect(out.files).toEqual([
      { path: `${DIR}/20240501120000_create_users.exs`, action: 'created' },
      { path: `${DIR}/20240501120001_create_posts.exs`, action: 'created' },
    ]);
    expect(await migrations()).toEqual([
      '20240501120000_create_users.exs',
      '20240501120001_create_posts.exs',
    ]);
    const posts = await readFile(
      path.join(project.root, DIR, '20240501120001_create_posts.exs'),
      'utf8',
    );
    expect(posts).toContain('defmodule MyApp.Repo.Migrations.CreatePosts do');
    expect(posts).toContain('add :author_id, references(:users, on_delete: :nothing), null: false');
    expect(posts).toContain('create index(:posts, [:author_id])');
  });

  it('a dry run returns the content and writes nothing', async () => {
    const result = await call({ schemas: BLOG, dry_run: true });
    const out = structured<Output>(result);
    expect(out.dry_run).toBe(true);
    expect(out.files.map((f) => [f.path, f.action])).toEqual([
      [`${DIR}/20240501120000_create_users.exs`, 'created'],
      [`${DIR}/20240501120001_create_posts.exs`, 'created'],
    ]);
    expect(out.files[0]?.content).toContain('create table(:users) do');
    expect(await migrations()).toEqual([]);
    const texts = (result.content as { type: string; text: string }[]).map((b) => b.text);
    expect(texts.some((t) => t.startsWith(`# ${DIR}/20240501120001_create_posts.exs\n`))).toBe(
      true,
    );
  });

  it('skips versions already used in the directory', async () => {
    await mkdir(path.join(project.root, DIR), { recursive: true });
    await writeFile(
      path.join(project.root, DIR, '20240501120000_add_locale_to_users.exs'),
      'defmodule MyApp.Repo.Migrations.AddLocaleToUsers do\nend\n',
    );
    const out = structured<Output>(await call({ schemas: BLOG, format: 'none' }));
    expect(out.files.map((f) => f.path)).toEqual([
      `${DIR}/20240501120001_create_users.exs`,
      `${DIR}/20240501120002_create_posts.exs`,
    ]);
  });

  describe('an existing migration with the same module', () => {
    const existing = `${DIR}/20200101000000_create_posts.exs`;
    beforeEach(async () => {
      await mkdir(path.join(project.root, DIR), { recursive: true });
      await writeFile(path.join(project.root, existing), OLD_POSTS);
    });

    it('by default (update) is kept: the change would be a new migration', async () => {
      // OLD_POSTS has a nullable title, the model a required one: refused as destructive.
      const text = errorText(await call({ schemas: BLOG, format: 'none' }));
      expect(text).toContain('posts.title');
      expect(text).toContain('allow_destructive');
      expect(await migrations()).toEqual(['20200101000000_create_posts.exs']);
      expect(await readFile(path.join(project.root, existing), 'utf8')).toBe(OLD_POSTS);
    });

    it('is a conflict with on_conflict error: error naming the file, nothing written', async () => {
      const text = errorText(await call({ schemas: BLOG, format: 'none', on_conflict: 'error' }));
      expect(text).toContain(existing);
      expect(text).toContain('on_conflict');
      expect(await migrations()).toEqual(['20200101000000_create_posts.exs']);
      expect(await readFile(path.join(project.root, existing), 'utf8')).toBe(OLD_POSTS);
    });

    it('on_conflict skip keeps it and writes the rest', async () => {
      const out = structured<Output>(
        await call({ schemas: BLOG, on_conflict: 'skip', format: 'none' }),
      );
      expect(out.files.map((f) => [f.path, f.action])).toEqual([
        [`${DIR}/20240501120000_create_users.exs`, 'created'],
        [existing, 'skipped'],
      ]);
      expect(await readFile(path.join(project.root, existing), 'utf8')).toBe(OLD_POSTS);
    });

    it('on_conflict overwrite never rewrites it: the change is a new migration, as with update', async () => {
      // Without allow_destructive: refused like update (the title becomes NOT NULL).
      const refused = errorText(
        await call({ schemas: BLOG, on_conflict: 'overwrite', format: 'none' }),
      );
      expect(refused).toContain('allow_destructive');
      const out = structured<Output>(
        await call({
          schemas: BLOG,
          on_conflict: 'overwrite',
          allow_destructive: true,
          format: 'none',
        }),
      );
      expect(out.files.map((f) => [f.path, f.action])).toEqual([
        [`${DIR}/20240501120000_create_users.exs`, 'created'],
        [`${DIR}/20240501120001_alter_posts.exs`, 'created'],
      ]);
      expect(await readFile(path.join(project.root, existing), 'utf8')).toBe(OLD_POSTS);
    });
  });

  it('writes into migrations_path', async () => {
    const out = structured<Output>(
      await call({ schemas: BLOG, migrations_path: 'priv/repo/other/', format: 'none' }),
    );
    expect(out.files.map((f) => f.path)).toEqual([
      'priv/repo/other/20240501120000_create_users.exs',
      'priv/repo/other/20240501120001_create_posts.exs',
    ]);
    expect(await migrations('priv/repo/other')).toHaveLength(2);
    expect(out.warnings.join('\n')).toContain('--migrations-path priv/repo/other');
  });

  it.each(['../elsewhere', '/tmp/migrations', 'priv/../../x'])(
    'rejects migrations_path %s',
    async (p) => {
      const text = errorText(await call({ schemas: BLOG, migrations_path: p }));
      expect(text).toContain('migrations_path');
      expect(await migrations()).toEqual([]);
    },
  );

  it('takes phx.gen-style specs', async () => {
    const out = structured<Output>(
      await call({
        specs: [
          'Blog Post posts title:string tags:many_to_many:Blog.Tag',
          'Blog Tag tags name:string:unique',
        ],
        binary_id: true,
        dry_run: true,
      }),
    );
    expect(out.files.map((f) => f.path)).toEqual([
      `${DIR}/20240501120000_create_posts.exs`,
      `${DIR}/20240501120001_create_tags.exs`,
      `${DIR}/20240501120002_create_posts_tags.exs`,
    ]);
    expect(out.files[2]?.content).toContain(
      'add :tag_id, references(:tags, on_delete: :delete_all, type: :binary_id), null: false',
    );
  });

  it('an invalid model is an error listing the paths', async () => {
    const text = errorText(
      await call({
        schemas: [
          {
            module: 'Blog.Post',
            fields: [{ name: 'end' }, { name: 'n', size: 3, type: 'integer' }],
          },
        ],
      }),
    );
    expect(text).toContain('schemas[0].fields[0].name');
    expect(text).toContain('schemas[0].fields[1].size');
    expect(await migrations()).toEqual([]);
  });

  it('a shape error is an error', async () => {
    const text = errorText(await call({ schemas: [{ module: 'blog post' }] }));
    expect(text).toMatch(/module/);
  });

  it('embedded schemas only: nothing to write, a warning', async () => {
    const out = structured<Output>(
      await call({
        schemas: [{ module: 'Shop.Address', embedded: true, fields: [{ name: 'city' }] }],
      }),
    );
    expect(out.files).toEqual([]);
    expect(out.warnings.join('\n')).toContain('embedded');
  });
});
