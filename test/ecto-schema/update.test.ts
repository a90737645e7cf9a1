/**
 * generate_ecto_schema with on_conflict "update" (the default), through the real SDK client on a
 * temp project: an existing module is patched to the model (fields, associations, timestamps,
 * cast, validate_required, the model's validations and constraints), every other byte is kept,
 * removals need confirmation, what cannot be patched is reported per item, and a new belongs_to
 * adds its inverse to an existing target module. Every result parses and is mix-format exact.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-schema/server.js';
import type { SchemaDef } from '../../shared/model/index.js';
import { assertElixirClean, elixirAvailable } from '../support/elixir.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

interface Output {
  files: { path: string; action: string; content?: string; diff?: string }[];
  warnings: string[];
}

const POST = 'lib/my_app/blog/post.ex';
const COMMENT = 'lib/my_app/blog/comment.ex';
let project: { root: string; cleanup(): Promise<void> };
let c: Connected;

beforeEach(async () => {
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
});
afterEach(async () => {
  await c.close();
  await project.cleanup();
});

function call(schemas: SchemaDef[], extra: Record<string, unknown> = {}) {
  return c.client.callTool({
    name: 'generate_ecto_schema',
    arguments: { schemas, format: 'none', ...extra },
  });
}
const ok = async (schemas: SchemaDef[], extra: Record<string, unknown> = {}) =>
  structured<Output>(await call(schemas, extra));
const read = (rel: string) => readFile(path.join(project.root, rel), 'utf8');
async function write(rel: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(project.root, rel)), { recursive: true });
  await writeFile(path.join(project.root, rel), content);
}
async function clean(...rels: string[]): Promise<void> {
  if (!elixirAvailable()) return;
  await assertElixirClean(
    await Promise.all(rels.map(async (p) => ({ path: p, content: await read(p) }))),
  );
}

const V1: SchemaDef[] = [
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title', unique: true },
      { name: 'body', type: 'text' },
      { name: 'views', type: 'integer', default: 0 },
    ],
  },
];
const V2: SchemaDef[] = [
  {
    module: 'Blog.Post',
    fields: [
      { name: 'headline', renamed_from: 'title', unique: true },
      { name: 'body', type: 'text', required: false },
      { name: 'slug', unique: true, validations: { length: { min: 3 } } },
    ],
  },
];

describe('generate_ecto_schema on_conflict update', () => {
  it('brings a generated module to the changed model; the same model again changes nothing', async () => {
    await ok(V1);
    const out = await ok(V2, { allow_destructive: true });
    expect(out.files).toEqual([{ path: POST, action: 'updated' }]);
    expect(await read(POST)).toBe(`defmodule MyApp.Blog.Post do
  use Ecto.Schema
  import Ecto.Changeset

  schema "posts" do
    field :headline, :string
    field :body, :string
    field :slug, :string

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs) do
    post
    |> cast(attrs, [:headline, :body, :slug])
    |> validate_required([:headline, :slug])
    |> validate_length(:slug, min: 3)
    |> unique_constraint(:headline)
    |> unique_constraint(:slug)
  end
end
`);
    // Exactly what a fresh generation of V2 writes.
    const fresh = await ok(V2, { dry_run: true, on_conflict: 'overwrite' });
    expect(fresh.files[0]!.action).toBe('unchanged');
    const again = await ok(V2);
    expect(again.files).toEqual([{ path: POST, action: 'unchanged' }]);
    await clean(POST);
  });

  it('refuses to remove a field without confirmation, and writes nothing', async () => {
    await ok(V1);
    const before = await read(POST);
    const r = await call([{ module: 'Blog.Post', fields: [{ name: 'title', unique: true }] }]);
    const text = errorText(r);
    expect(text).toContain('2 destructive change(s)');
    expect(text).toContain(`${POST}: remove field :body from MyApp.Blog.Post`);
    expect(text).toContain(`${POST}: remove field :views from MyApp.Blog.Post`);
    expect(text).not.toContain(`${POST}.views`);
    expect(await read(POST)).toBe(before);
  });

  it('dry run: a unified diff of the module and the removal as a warning', async () => {
    await ok(V1);
    const out = await ok(
      [
        {
          module: 'Blog.Post',
          fields: [
            { name: 'title', unique: true },
            { name: 'body', type: 'text' },
          ],
        },
      ],
      {
        dry_run: true,
      },
    );
    expect(out.files[0]!.action).toBe('updated');
    expect(out.files[0]!.diff).toContain('-    field :views, :integer, default: 0\n');
    expect(out.files[0]!.diff).toContain('-    |> cast(attrs, [:title, :body, :views])\n');
    expect(out.files[0]!.diff).toContain('+    |> cast(attrs, [:title, :body])\n');
    expect(out.warnings.join('\n')).toContain('remove field :views from MyApp.Blog.Post');
  });

  it('keeps what the user wrote byte for byte and patches around it', async () => {
    const user = `defmodule MyApp.Blog.Post do
  @moduledoc "Posts, by hand."
  use Ecto.Schema
  import Ecto.Changeset

  schema "posts" do
    # the visible title
    field :title, :string
    field :body, :string
    field :preview, :string, virtual: true

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs) do
    post
    |> cast(attrs, [:title, :body, :preview])
    |> validate_required([:title, :body])
    |> validate_change(:title, fn :title, t -> if t == "x", do: [title: "no"], else: [] end)
    |> unique_constraint(:title)
  end

  def published?(%__MODULE__{} = post), do: post.body != nil
end
`;
    await write(POST, user);
    const out = await ok([
      {
        module: 'Blog.Post',
        fields: [{ name: 'title', unique: true }, { name: 'body', type: 'text' }, { name: 'slug' }],
      },
    ]);
    expect(out.files).toEqual([{ path: POST, action: 'updated' }]);
    expect(await read(POST)).toBe(
      user
        .replace('virtual: true\n', 'virtual: true\n    field :slug, :string\n')
        .replace('[:title, :body, :preview])', '[:title, :body, :preview, :slug])')
        .replace('[:title, :body])', '[:title, :body, :slug])'),
    );
    await clean(POST);
  });

  it('reports per item what it cannot patch, and patches the rest', async () => {
    const user = `defmodule MyApp.Blog.Post do
  use Ecto.Schema
  import Ecto.Changeset

  @fields [:title, :views]

  schema "posts" do
    field :title, :string
    field :views, :integer

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs) do
    post
    |> cast(attrs, @fields)
    |> validate_required([:title])
    |> validate_number(:views, greater_than: 0)
    |> check_views()
  end

  defp check_views(changeset), do: validate_change(changeset, :views, fn _, _ -> [] end)
end
`;
    await write(POST, user);
    const out = await ok([{ module: 'Blog.Post', fields: [{ name: 'title' }, { name: 'slug' }] }], {
      allow_destructive: true,
    });
    const content = await read(POST);
    expect(content).toContain(
      '    field :title, :string\n    field :slug, :string\n\n    timestamps',
    );
    expect(content).not.toContain('field :views');
    expect(content).toContain('    |> cast(attrs, @fields)\n');
    expect(content).toContain('    |> validate_required([:title, :slug])\n');
    // validate_number(:views, …) was the model's (read back from the file): removed with the field.
    expect(content).not.toContain('validate_number');
    expect(content).toContain('defp check_views(changeset)');
    const warnings = out.warnings.join('\n');
    expect(warnings).toMatch(
      /post\.ex: line 17: the cast list is not a literal list, so it was left as is; add :slug; remove :views$/m,
    );
    await clean(POST);
  });

  it('patches a module without changeset/2 and says what it did not do', async () => {
    const user = `defmodule MyApp.Blog.Post do
  use Ecto.Schema

  schema "posts" do
    field :title, :string
  end
end
`;
    await write(POST, user);
    const out = await ok([
      { module: 'Blog.Post', timestamps: false, fields: [{ name: 'title' }, { name: 'slug' }] },
    ]);
    expect(await read(POST)).toBe(
      user.replace('field :title, :string\n', 'field :title, :string\n    field :slug, :string\n'),
    );
    expect(out.warnings).toContain(
      `${POST}: the module has no changeset/2, so nothing was cast or validated; the model casts title, slug`,
    );
    await clean(POST);
  });

  it('leaves module attributes alone and says so', async () => {
    await ok([{ module: 'Blog.Post', fields: [{ name: 'title' }] }]);
    const before = await read(POST);
    const out = await ok([
      {
        module: 'Blog.Post',
        primary_key: { name: 'id', type: 'binary_id' },
        fields: [{ name: 'title' }],
      },
    ]);
    expect(out.files).toEqual([{ path: POST, action: 'unchanged' }]);
    expect(await read(POST)).toBe(before);
    expect(out.warnings.join('\n')).toContain(
      `${POST}: the module attributes were left as they are; the model has @primary_key {:id, :binary_id, autogenerate: true}, @foreign_key_type :binary_id`,
    );
  });

  it('adds, changes and removes associations; a new belongs_to adds has_many to the target', async () => {
    await ok([{ module: 'Blog.Post', fields: [{ name: 'title' }] }]);
    await ok([{ module: 'Blog.Comment', fields: [{ name: 'body', type: 'text' }] }]);
    const post = await read(POST);
    const out = await ok([
      {
        module: 'Blog.Comment',
        fields: [{ name: 'body', type: 'text' }],
        associations: [{ kind: 'belongs_to', name: 'post', target: 'Blog.Post' }],
      },
    ]);
    expect(out.files).toEqual([
      { path: COMMENT, action: 'updated' },
      { path: POST, action: 'updated' },
    ]);
    expect(out.warnings).toContain(
      `${POST}: added has_many :comments, MyApp.Blog.Comment (the inverse of MyApp.Blog.Comment's new belongs_to :post).`,
    );
    expect(await read(POST)).toBe(
      post.replace(
        '    field :title, :string\n',
        '    field :title, :string\n\n    has_many :comments, MyApp.Blog.Comment\n',
      ),
    );
    expect(await read(COMMENT)).toContain(
      '    field :body, :string\n\n    belongs_to :post, MyApp.Blog.Post\n\n    timestamps',
    );
    expect(await read(COMMENT)).toContain(
      '|> cast(attrs, [:body, :post_id])\n    |> validate_required([:body, :post_id])\n    |> foreign_key_constraint(:post_id)\n',
    );
    // Again: nothing to do, the inverse exists.
    const again = await ok([
      {
        module: 'Blog.Comment',
        fields: [{ name: 'body', type: 'text' }],
        associations: [{ kind: 'belongs_to', name: 'post', target: 'Blog.Post' }],
      },
    ]);
    expect(again.files).toEqual([{ path: COMMENT, action: 'unchanged' }]);
    // Removing the belongs_to takes its key out of the changeset (and needs confirmation).
    const removed = await ok(
      [{ module: 'Blog.Comment', fields: [{ name: 'body', type: 'text' }] }],
      { allow_destructive: true },
    );
    expect(removed.files).toEqual([{ path: COMMENT, action: 'updated' }]);
    const comment = await read(COMMENT);
    expect(comment).not.toContain('post');
    await clean(POST, COMMENT);
  });

  it('lays out a multi-line association with the blank lines mix format keeps', async () => {
    await ok([{ module: 'Blog.Tag', fields: [{ name: 'name' }] }]);
    await ok([
      {
        module: 'Blog.Post',
        fields: [{ name: 'title' }],
        associations: [
          {
            kind: 'many_to_many',
            name: 'tags',
            target: 'Blog.Tag',
            join_table: 'posts_tags_with_a_rather_long_join_table_name',
          },
        ],
      },
    ]);
    const out = await ok([
      {
        module: 'Blog.Post',
        fields: [{ name: 'title' }, { name: 'subtitle' }],
        associations: [
          {
            kind: 'many_to_many',
            name: 'tags',
            target: 'Blog.Tag',
            join_table: 'posts_tags_with_a_rather_long_join_table_name',
          },
          {
            kind: 'many_to_many',
            name: 'labels',
            target: 'Blog.Tag',
            join_table: 'post_labels_with_a_long_name_too',
          },
        ],
      },
    ]);
    expect(out.files.find((f) => f.path === POST)!.action).toBe('updated');
    const fresh = await ok(
      [
        {
          module: 'Blog.Post',
          fields: [{ name: 'title' }, { name: 'subtitle' }],
          associations: [
            {
              kind: 'many_to_many',
              name: 'tags',
              target: 'Blog.Tag',
              join_table: 'posts_tags_with_a_rather_long_join_table_name',
            },
            {
              kind: 'many_to_many',
              name: 'labels',
              target: 'Blog.Tag',
              join_table: 'post_labels_with_a_long_name_too',
            },
          ],
        },
      ],
      { dry_run: true, on_conflict: 'overwrite' },
    );
    expect(fresh.files.find((f) => f.path === POST)!.action).toBe('unchanged');
    await clean(POST);
  });

  it('error, skip and overwrite keep their meaning', async () => {
    await ok(V1);
    const before = await read(POST);
    expect(errorText(await call(V2, { on_conflict: 'error' }))).toContain(
      'already exist with different content',
    );
    expect((await ok(V2, { on_conflict: 'skip' })).files[0]!.action).toBe('skipped');
    expect(await read(POST)).toBe(before);
    expect((await ok(V2, { on_conflict: 'overwrite' })).files[0]!.action).toBe('updated');
    expect(await read(POST)).not.toContain('title');
  });
});
