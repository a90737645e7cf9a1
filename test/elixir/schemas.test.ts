/**
 * Reading existing Ecto schemas with tree-sitter (shared/elixir/schemas.ts): tolerant of any
 * valid Elixir, exact about what it reports, never throwing on file contents.
 */
import { describe, expect, it } from 'vitest';
import {
  knownSchemas,
  readProjectSchemas,
  readSchemasFromSources,
} from '../../shared/elixir/schemas.js';
import type { ProjectReader } from '../../shared/plan/index.js';

const POST = `defmodule MyApp.Blog.Post do
  @moduledoc """
  Not a schema: schema "fake" do field :nope end
  """
  use Ecto.Schema
  import Ecto.Changeset
  alias MyApp.Accounts.User
  alias MyApp.Blog.{Comment, Tag}
  alias MyApp.Media.Image, as: Picture

  # schema "commented_out" do
  @schema_prefix "tenant"
  @primary_key {:id, :binary_id, autogenerate: true}
  @foreign_key_type :binary_id
  schema "posts" do
    field :title, :string, default: "x"
    field(:status, Ecto.Enum, values: [:draft, :published])
    field :kinds, {:array, Ecto.Enum}, values: ~w(a b)a
    field :levels, Ecto.Enum, values: [low: 1, high: 2]
    field :tags_cache, {:array, :string}
    field :score, :decimal, virtual: true
    belongs_to :author, User
    belongs_to :editor, MyApp.Accounts.User, foreign_key: :editor_uuid, type: :id
    belongs_to :owner, User, define_field: false
    has_many :comments, Comment, foreign_key: :post_id
    has_many :commenters, through: [:comments, :author]
    has_one :cover, Picture
    many_to_many :tags, Tag, join_through: "posts_tags"
    embeds_one :seo, Seo do
      field :title, :string
    end
    embeds_many :blocks, MyApp.Blog.Block

    timestamps(type: :utc_datetime, updated_at: false)
  end

  def changeset(post, attrs), do: cast(post, attrs, [:title])
end
`;

const MULTI = `defmodule MyApp.Accounts do
  @moduledoc false

  defmodule User do
    use Ecto.Schema

    @primary_key {:uuid, Ecto.UUID, autogenerate: true}
    schema "users" do
      field :email
      timestamps()
    end
  end

  defmodule Token do
    use Ecto.Schema
    @primary_key false
    schema "user_tokens" do
      belongs_to :user, User, references: :uuid, type: Ecto.UUID
    end
  end
end

defmodule MyApp.Blog.Block do
  use Ecto.Schema

  embedded_schema do
    field :body, :string
  end
end
`;

const BASE = `defmodule MyApp.Schema do
  defmacro __using__(_) do
    quote do
      use Ecto.Schema
      @primary_key {:id, :binary_id, autogenerate: true}
      @foreign_key_type :binary_id
      @timestamps_opts [type: :utc_datetime_usec]
    end
  end
end
`;

const USES_BASE = `defmodule MyApp.Shop.Order do
  use MyApp.Schema

  schema "orders" do
    belongs_to :customer, MyApp.Shop.Customer
    timestamps()
  end
end

defmodule MyApp.Shop.Legacy do
  use MyApp.Schema
  @primary_key {:code, :string, autogenerate: false}
  @source "legacy_items"
  schema @source do
  end
end
`;

describe('readSchemasFromSources', () => {
  it('reads a schema with aliases, attributes, every association kind and an inline embed', async () => {
    const { schemas, skipped } = await readSchemasFromSources([
      { file: 'lib/my_app/blog/post.ex', content: POST },
    ]);
    expect(skipped).toEqual([]);
    expect(schemas.map((s) => s.module)).toEqual(['MyApp.Blog.Post', 'MyApp.Blog.Post.Seo']);
    const post = schemas[0]!;
    expect(post).toMatchObject({
      table: 'posts',
      embedded: false,
      file: 'lib/my_app/blog/post.ex',
      line: 15,
      primary_key: { name: 'id', type: ':binary_id' },
      prefix: 'tenant',
    });
    expect(post.fields).toMatchObject([
      { name: 'title', type: ':string' },
      { name: 'status', type: 'Ecto.Enum', values: ['draft', 'published'] },
      { name: 'kinds', type: '{:array, Ecto.Enum}', values: ['a', 'b'] },
      { name: 'levels', type: 'Ecto.Enum', values: ['low', 'high'] },
      { name: 'tags_cache', type: '{:array, :string}' },
      { name: 'score', type: ':decimal', virtual: true },
      { name: 'author_id', type: ':binary_id' },
      { name: 'editor_uuid', type: ':id' },
      { name: 'inserted_at', type: ':utc_datetime' },
    ]);
    expect(post.associations).toMatchObject([
      {
        kind: 'belongs_to',
        name: 'author',
        target: 'MyApp.Accounts.User',
        foreign_key: 'author_id',
      },
      {
        kind: 'belongs_to',
        name: 'editor',
        target: 'MyApp.Accounts.User',
        foreign_key: 'editor_uuid',
      },
      { kind: 'belongs_to', name: 'owner', target: 'MyApp.Accounts.User', foreign_key: 'owner_id' },
      { kind: 'has_many', name: 'comments', target: 'MyApp.Blog.Comment' },
      { kind: 'has_many', name: 'commenters', target: null },
      { kind: 'has_one', name: 'cover', target: 'MyApp.Media.Image' },
      { kind: 'many_to_many', name: 'tags', target: 'MyApp.Blog.Tag' },
      { kind: 'embeds_one', name: 'seo', target: 'MyApp.Blog.Post.Seo' },
      { kind: 'embeds_many', name: 'blocks', target: 'MyApp.Blog.Block' },
    ]);
    expect(schemas[1]).toMatchObject({
      embedded: true,
      table: null,
      primary_key: { name: 'id', type: ':binary_id' },
      fields: [{ name: 'title', type: ':string' }],
    });
  });

  it('reads several and nested modules per file, with nested aliases', async () => {
    const { schemas } = await readSchemasFromSources([
      { file: 'lib/my_app/accounts.ex', content: MULTI },
    ]);
    expect(schemas.map((s) => [s.module, s.table, s.embedded])).toEqual([
      ['MyApp.Accounts.User', 'users', false],
      ['MyApp.Accounts.Token', 'user_tokens', false],
      ['MyApp.Blog.Block', null, true],
    ]);
    expect(schemas[0]!.primary_key).toMatchObject({ name: 'uuid', type: 'Ecto.UUID' });
    expect(schemas[0]!.fields).toMatchObject([
      { name: 'email', type: ':string' },
      { name: 'inserted_at', type: ':naive_datetime' },
      { name: 'updated_at', type: ':naive_datetime' },
    ]);
    expect(schemas[1]!.primary_key).toBe(false);
    expect(schemas[1]!.associations[0]!.target).toBe('MyApp.Accounts.User');
    expect(schemas[1]!.fields).toMatchObject([{ name: 'user_id', type: 'Ecto.UUID' }]);
  });

  it("follows a base module's __using__ attributes, in order, across files", async () => {
    const { schemas } = await readSchemasFromSources([
      { file: 'lib/my_app/shop/order.ex', content: USES_BASE },
      { file: 'lib/my_app/schema.ex', content: BASE },
    ]);
    const [order, legacy] = schemas;
    expect(order!.primary_key).toMatchObject({ name: 'id', type: ':binary_id' });
    expect(order!.fields).toMatchObject([
      { name: 'customer_id', type: ':binary_id' },
      { name: 'inserted_at', type: ':utc_datetime_usec' },
      { name: 'updated_at', type: ':utc_datetime_usec' },
    ]);
    // Set after the use: wins. A non-literal source is reported as null.
    expect(legacy!.primary_key).toMatchObject({ name: 'code', type: ':string' });
    expect(legacy!.table).toBeNull();
  });

  it('skips files that do not parse, with the line, and ignores files without schemas', async () => {
    const { schemas, skipped } = await readSchemasFromSources([
      {
        file: 'lib/broken.ex',
        content: 'defmodule Broken do\n  use Ecto.Schema\n  schema "x" do\n    field :a, \nend\n',
      },
      { file: 'lib/plain.ex', content: 'defmodule Plain do\n  def x, do: 1\nend\n' },
      { file: 'lib/schema_word.ex', content: 'defmodule W do\n  def schema, do: :schema\nend\n' },
      { file: 'lib/binary.ex', content: '\u0000\u0001schema\uFFFD' },
      {
        file: 'lib/ok.ex',
        content: 'defmodule Ok do\n  use Ecto.Schema\n  schema "oks" do\n  end\nend\n',
      },
    ]);
    expect(schemas.map((s) => s.module)).toEqual(['Ok']);
    expect(skipped.map((s) => s.file)).toEqual(['lib/broken.ex', 'lib/binary.ex']);
    expect(skipped[0]!.reason).toMatch(/syntax error near line \d/);
  });

  it('survives deeply nested and odd but valid Elixir', async () => {
    const deep = `defmodule Deep do\n  use Ecto.Schema\n  @x ${'['.repeat(500)}${']'.repeat(500)}\n  schema "deep" do\n    field :a, ${'{'.repeat(200)}:string${'}'.repeat(200)}\n    field unquote(:dyn), :string\n    field :b, :string, [default: "#{1}"]\n    timestamps inserted_at: :created_at\n  end\nend\n`;
    const { schemas, skipped } = await readSchemasFromSources([
      { file: 'lib/deep.ex', content: deep },
    ]);
    expect(skipped).toEqual([]);
    expect(schemas[0]!.fields.map((f) => f.name)).toEqual(['a', 'b', 'created_at', 'updated_at']);
  });
});

function memoryProject(files: Record<string, string>): ProjectReader {
  return {
    root: '/virtual',
    read: async (rel) => files[rel] ?? null,
    list: async (dir) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`) && f.endsWith('.ex'))
        .sort(),
  };
}

describe('readProjectSchemas', () => {
  it('bounds the number and size of files', async () => {
    const one = 'defmodule A do\n  use Ecto.Schema\n  schema "as" do\n  end\nend\n';
    const project = memoryProject({
      'lib/a.ex': one,
      'lib/b.ex': one.replaceAll('A', 'B').replace('"as"', '"bs"'),
      'lib/big.ex': `# ${'x'.repeat(2000)}\n${one}`,
      'lib/c.ex': one,
    });
    const r = await readProjectSchemas(project, { maxFiles: 3, maxBytes: 1000 });
    expect(r.schemas.map((s) => s.module)).toEqual(['A', 'B']);
    expect(r.skipped).toEqual([
      { file: 'lib/big.ex', reason: 'larger than 1000 bytes' },
      { file: 'lib/c.ex', reason: 'not read: more than 3 .ex files under lib/' },
    ]);
  });

  it('gives nothing without a project', async () => {
    const r = await readProjectSchemas({
      root: null,
      read: async () => null,
      list: async () => [],
    });
    expect(r).toEqual({ schemas: [], skipped: [] });
  });
});

describe('knownSchemas', () => {
  it("maps key types to the model's and leaves out keys it cannot type", async () => {
    const project = memoryProject({
      'lib/my_app/accounts.ex': MULTI,
      'lib/my_app/shop/order.ex': USES_BASE,
      'lib/my_app/schema.ex': BASE,
    });
    const known = await knownSchemas(project, {
      otp_app: 'my_app',
      base_module: 'MyApp',
      repo: 'MyApp.Repo',
    });
    expect(known).toEqual([
      {
        module: 'MyApp.Accounts.User',
        table: 'users',
        primary_key: { name: 'uuid', type: 'binary_id' },
        embedded: false,
      },
      { module: 'MyApp.Accounts.Token', table: 'user_tokens', primary_key: false, embedded: false },
      {
        module: 'MyApp.Blog.Block',
        table: null,
        primary_key: { name: 'id', type: 'binary_id' },
        embedded: true,
      },
      {
        module: 'MyApp.Shop.Order',
        table: 'orders',
        primary_key: { name: 'id', type: 'binary_id' },
        embedded: false,
      },
    ]);
  });

  it('gives an empty list when the project cannot be listed', async () => {
    const known = await knownSchemas(
      {
        root: '/virtual',
        read: async () => null,
        list: async () => {
          throw new Error('too many files');
        },
      },
      { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' },
    );
    expect(known).toEqual([]);
  });
});
