/**
 * Hand-written schema modules: what the model can say is read back exactly (whatever the
 * layout: aliases, attribute lists, keyword lists), what it cannot is reported per construct
 * with its line, and an expressible hand-written module round-trips to unchanged.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaySources } from '../../shared/elixir/migrations.js';
import { readBackSchema } from '../../shared/elixir/schema-model.js';
import { readSchemasFromSources } from '../../shared/elixir/schemas.js';
import { tempProject } from '../support/mcp.js';
import { servers, type ReadBackOutput, type Servers } from './helpers.js';

const ARTICLE = `defmodule MyApp.Blog.Article do
  use Ecto.Schema
  import Ecto.Changeset
  alias MyApp.Accounts.User

  @required ~w(title status)a
  @optional [:summary, :author_id]

  schema "articles" do
    field(:title, :string)
    field :summary, :string
    field :status, Ecto.Enum, values: [:draft, :published], default: :draft
    belongs_to :author, User
    timestamps(type: :utc_datetime)
  end

  def changeset(article, attrs) do
    article
    |> cast(attrs, @required ++ @optional)
    |> validate_required(@required)
    |> validate_length(:title, max: 120)
    |> foreign_key_constraint(:author_id)
  end
end
`;

const ODD = `defmodule MyApp.Shop.Order do
  use Ecto.Schema
  import Ecto.Changeset
  import MyApp.Money.Fields

  schema "orders" do
    field :total, MyApp.Money
    field :note, :string, source: :order_note
    field :placed_at, :utc_datetime, default: DateTime.utc_now()
    field :preview, :string, virtual: true
    embeds_one :address, MyApp.Shop.Address
    money_fields()
    has_many :lines, MyApp.Shop.Line, on_delete: :delete_all
    timestamps(inserted_at: :created_at)
  end

  def changeset(order, attrs) do
    order
    |> cast(attrs, [:total, :note])
    |> validate_acceptance(:terms)
    |> my_check()
  end
end
`;

describe('hand-written modules', () => {
  it('reads attribute lists, aliases and options into the model', async () => {
    const { schemas } = await readSchemasFromSources([{ file: 'lib/a.ex', content: ARTICLE }]);
    const table = (
      await replaySources([
        {
          file: 'm/1_a.exs',
          content: `defmodule M do
  use Ecto.Migration
  def change do
    create table(:articles) do
      add :title, :string, size: 120, null: false
      add :summary, :text
      add :status, :string, default: "draft", null: false
      add :author_id, references(:users, on_delete: :nilify_all)
      timestamps(type: :utc_datetime)
    end
    create index(:articles, [:author_id])
  end
end`,
        },
      ])
    ).tables[0]!;
    const back = readBackSchema(schemas[0]!, { baseModule: 'MyApp', table });
    expect(back.unsupported).toEqual([]);
    expect(back.model).toEqual({
      module: 'Blog.Article',
      table: 'articles',
      primary_key: { name: 'id', type: 'id' },
      timestamps: { type: 'utc_datetime' },
      fields: [
        { name: 'title', type: 'string', size: 120, required: true },
        { name: 'summary', type: 'text', required: false },
        {
          name: 'status',
          type: 'enum',
          values: ['draft', 'published'],
          required: true,
          default: 'draft',
        },
      ],
      associations: [
        {
          kind: 'belongs_to',
          name: 'author',
          target: 'Accounts.User',
          required: false,
          on_delete: 'nilify_all',
          type: 'id',
          inverse: 'none',
        },
      ],
    });
    expect(back.locations.fields).toEqual({ title: 10, summary: 11, status: 12 });
    expect(back.locations.associations).toEqual({ author: 13 });
  });

  it('reports every construct the model cannot express, with its line', async () => {
    const { schemas } = await readSchemasFromSources([{ file: 'lib/o.ex', content: ODD }]);
    const back = readBackSchema(schemas[0]!, { baseModule: 'MyApp', table: null });
    const reported = back.unsupported.map((u) => [u.line, u.what]);
    expect(reported).toEqual(
      expect.arrayContaining([
        [7, 'total'],
        [9, 'placed_at'],
        [10, 'preview'],
        [11, 'address'],
        [12, expect.stringMatching(/^money_fields\(\)/)],
        [13, 'lines'],
        [20, 'validate_acceptance'],
        [21, expect.stringMatching(/my_check/)],
      ]),
    );
    for (const u of back.unsupported) expect(u.file).toBe('lib/o.ex');
    expect(back.unsupported.find((u) => u.what === 'total')!.reason).toMatch(/custom Ecto type/);
    expect(back.unsupported.find((u) => u.what === 'placed_at')!.reason).toMatch(/computed/);
    // A field with a computed default stays (without the default); the others are left out.
    expect(back.model.fields!.map((f) => f.name)).toEqual(['note', 'placed_at']);
    // source: and custom timestamp names are in the model, so they are not reported.
    expect(reported.filter(([line]) => line === 8 || line === 14)).toEqual([]);
    expect(back.model.fields![0]).toMatchObject({ name: 'note', source: 'order_note' });
    expect(back.model.timestamps).toEqual({ type: 'naive_datetime', inserted_at: 'created_at' });
  });
});

const OWNED = `defmodule MyApp.Blog.Comment do
  use Ecto.Schema
  import Ecto.Changeset

  schema "comments" do
    field :body, :string
    belongs_to :post, MyApp.Blog.Post
    belongs_to :author, MyApp.Accounts.User
    belongs_to :editor, MyApp.Accounts.User
    belongs_to :thread, MyApp.Blog.Thread
  end

  def changeset(comment, attrs) do
    comment
    |> cast(attrs, [:body, :thread_id])
    |> validate_required([:body, :post_id, :author_id])
  end
end
`;

describe('owner belongs_to read back', () => {
  it('a required key the changeset does not cast is the owner; one owner only, never optional', async () => {
    const { schemas } = await readSchemasFromSources([{ file: 'lib/c.ex', content: OWNED }]);
    const back = readBackSchema(schemas[0]!, { baseModule: 'MyApp', table: null });
    const assoc = (name: string) => back.model.associations!.find((a) => a.name === name);
    expect(assoc('post')).toMatchObject({ required: true, owner: true });
    expect(assoc('author')).not.toHaveProperty('owner');
    expect(assoc('editor')).not.toHaveProperty('owner');
    expect(assoc('thread')).not.toHaveProperty('owner');
    expect(back.unsupported.map((u) => [u.line, u.what, u.reason])).toEqual([
      [
        8,
        'author',
        expect.stringContaining('author_id is not cast and another belongs_to is the owner'),
      ],
      [9, 'editor', expect.stringContaining('editor_id is not cast and not required')],
    ]);
  });
});

describe('hand-written round trip', () => {
  let project: { root: string; cleanup(): Promise<void> };
  let s: Servers;
  beforeEach(async () => {
    project = await tempProject();
    s = await servers(project.root);
  });
  afterEach(async () => {
    await s.close();
    await project.cleanup();
  });

  it('an expressible module in its own layout is kept unchanged', async () => {
    await mkdir(path.join(project.root, 'lib/my_app/blog'), { recursive: true });
    await writeFile(path.join(project.root, 'lib/my_app/blog/article.ex'), ARTICLE);
    await mkdir(path.join(project.root, 'priv/repo/migrations'), { recursive: true });
    await cp(
      path.join(import.meta.dirname, 'fixtures', 'phx-1.7', 'priv', 'repo', 'migrations'),
      path.join(project.root, 'priv/repo/migrations'),
      { recursive: true },
    );
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    const article = back.modules.find((m) => m.module === 'MyApp.Blog.Article')!;
    expect(article.unsupported).toEqual([]);
    expect(article.disagreements.map((d) => d.kind)).toEqual(['table_missing']);
    const out = await s.call<{ files: { path: string; action: string }[] }>(
      'generate_ecto_schema',
      { schemas: back.schemas, format: 'none' },
    );
    expect(out.files).toEqual([{ path: 'lib/my_app/blog/article.ex', action: 'unchanged' }]);
  });
});
