/**
 * The read-back's caches never answer stale (issue 18's repeat read): a schema file edited to the
 * same size, a new mtime alone, a deleted file, a changed base module and an edited migration are
 * all seen by the next read; an unchanged file is not parsed again.
 */
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { elixirParser } from '../../shared/elixir/parser.js';
import { readProjectModel } from '../../shared/elixir/read-back.js';
import { projectReader } from '../../shared/plan/index.js';

const APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

const schemaModule = (module: string, table: string, field: string, extra = '') =>
  `defmodule MyApp.Blog.${module} do
  use Ecto.Schema
${extra}
  schema "${table}" do
    field :${field}, :string
    timestamps()
  end
end
`;

const BASE = (type: string) => `defmodule MyApp.Schema do
  defmacro __using__(_) do
    quote do
      use Ecto.Schema
      @primary_key {:id, :${type}, autogenerate: true}
    end
  end
end
`;

const MIGRATION = (column: string) => `defmodule MyApp.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :${column}, :string
      timestamps()
    end
  end
end
`;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-read-cache-'));
  await mkdir(path.join(root, 'lib/my_app/blog'), { recursive: true });
  await mkdir(path.join(root, 'priv/repo/migrations'), { recursive: true });
  await writeFile(
    path.join(root, 'lib/my_app/blog/post.ex'),
    schemaModule('Post', 'posts', 'title'),
  );
  await writeFile(path.join(root, 'lib/my_app/blog/tag.ex'), schemaModule('Tag', 'tags', 'name'));
  await writeFile(
    path.join(root, 'priv/repo/migrations/20240101000000_create_posts.exs'),
    MIGRATION('title'),
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = () => readProjectModel(projectReader(root), { app: APP });

/** Write `content` to `rel` and move its mtime `seconds` ahead (a same-second edit must still count). */
async function edit(rel: string, content: string, seconds = 10): Promise<void> {
  const file = path.join(root, rel);
  const before = await stat(file).catch(() => null);
  await writeFile(file, content);
  const at = new Date((before?.mtimeMs ?? Date.now()) + seconds * 1000);
  await utimes(file, at, at);
}

/** Counts the parses the real parser makes while `f` runs. */
async function parses<T>(f: () => Promise<T>): Promise<{ value: T; parses: number }> {
  const parser = await elixirParser();
  const original = parser.parse;
  let n = 0;
  parser.parse = function (this: typeof parser, ...args: Parameters<typeof original>) {
    n++;
    return original.apply(this, args);
  };
  try {
    return { value: await f(), parses: n };
  } finally {
    parser.parse = original;
  }
}

const fieldsOf = (model: Awaited<ReturnType<typeof read>>, module: string) =>
  model.schemas.find((s) => s.module === module)?.fields?.map((f) => f.name);

it('sees a same-size edit of a schema file, and parses only that file again', async () => {
  const first = await read();
  expect(fieldsOf(first, 'Blog.Post')).toEqual(['title']);
  // "title" → "texts": same size; the mtime moves.
  await edit('lib/my_app/blog/post.ex', schemaModule('Post', 'posts', 'texts'));
  const { value: second, parses: n } = await parses(read);
  expect(fieldsOf(second, 'Blog.Post')).toEqual(['texts']);
  expect(fieldsOf(second, 'Blog.Tag')).toEqual(['name']);
  // post.ex only (tag.ex and the migration come from the per-file caches; config has no files).
  expect(n).toBe(1);
  expect(second.modules.find((m) => m.module === 'MyApp.Blog.Post')?.disagreements).toMatchObject([
    { kind: 'field_without_column', field: 'texts' },
    { kind: 'column_without_field', column: 'title' },
  ]);
});

it('answers the same after a touch (new mtime, same content) and nothing changed otherwise', async () => {
  const first = await read();
  expect(await read()).toBe(first);
  await edit('lib/my_app/blog/tag.ex', schemaModule('Tag', 'tags', 'name'));
  const { value: again, parses: n } = await parses(read);
  expect(again).not.toBe(first);
  expect(again).toEqual(first);
  expect(n).toBe(0);
});

it('drops a deleted schema module and sees a new one', async () => {
  await read();
  await rm(path.join(root, 'lib/my_app/blog/tag.ex'));
  expect((await read()).schemas.map((s) => s.module)).toEqual(['Blog.Post']);
  await writeFile(path.join(root, 'lib/my_app/blog/tag.ex'), schemaModule('Tag', 'tags', 'label'));
  const back = await read();
  expect(back.schemas.map((s) => s.module)).toEqual(['Blog.Post', 'Blog.Tag']);
  expect(fieldsOf(back, 'Blog.Tag')).toEqual(['label']);
});

it('rebuilds an unchanged module when the base module it uses changes what it quotes', async () => {
  // The base module is read first (base/ sorts before blog/), so post.ex is built with it at hand.
  await mkdir(path.join(root, 'lib/my_app/base'));
  await writeFile(path.join(root, 'lib/my_app/base/schema.ex'), BASE('binary_id'));
  await edit(
    'lib/my_app/blog/post.ex',
    schemaModule('Post', 'posts', 'title').replace('use Ecto.Schema', 'use MyApp.Schema'),
  );
  const first = await read();
  expect(first.schemas.find((s) => s.module === 'Blog.Post')?.primary_key).toMatchObject({
    type: 'binary_id',
  });
  // post.ex is unchanged; what it uses is not.
  await edit('lib/my_app/base/schema.ex', BASE('id'));
  const { value: second, parses: n } = await parses(read);
  expect(n).toBe(2);
  expect(second.schemas.find((s) => s.module === 'Blog.Post')?.primary_key).toMatchObject({
    type: 'id',
  });
});

it('replays an edited migration again', async () => {
  await read();
  await edit('priv/repo/migrations/20240101000000_create_posts.exs', MIGRATION('texts'));
  const back = await read();
  expect(back.database.tables[0]?.columns.map((c) => c.name)).toEqual([
    'id',
    'texts',
    'inserted_at',
    'updated_at',
  ]);
});
