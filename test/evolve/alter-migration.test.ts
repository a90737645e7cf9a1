import { describe, expect, it } from 'vitest';
import { alterMigrationName, renderAlterMigration } from '../../shared/evolve/alter-migration.js';
import type { TableDiff } from '../../shared/evolve/diff.js';
import type { SchemaDef } from '../../shared/model/index.js';
import { assertElixirClean, itElixir } from '../support/elixir.js';
import { app, evolve, evolveOne, post } from './helpers.js';

const user: SchemaDef = { module: 'Accounts.User', fields: [{ name: 'email', unique: true }] };

const render = (d: TableDiff) => renderAlterMigration(app, alterMigrationName(d), d);

/** Every case: [name, before, after, index of the table's diff]. */
const CASES: [string, SchemaDef[], SchemaDef[], number][] = [
  [
    'add optional, required with default, required without default',
    [post([{ name: 'title' }])],
    [
      post([
        { name: 'title' },
        { name: 'subtitle', required: false },
        { name: 'views', type: 'integer', default: 0 },
        { name: 'slug', unique: true },
      ]),
    ],
    0,
  ],
  [
    'remove with type and options',
    [
      post([
        { name: 'title', size: 120 },
        { name: 'views', type: 'integer', default: 0 },
        { name: 'price', type: 'decimal', precision: 10, scale: 2 },
        { name: 'body', type: 'text' },
        { name: 'tags', type: 'array', inner: 'string', default: ['a'] },
      ]),
    ],
    [post([{ name: 'title', size: 120 }])],
    0,
  ],
  [
    'modify type, null and default with from:',
    [
      post([
        { name: 'title', size: 100 },
        { name: 'body', type: 'text' },
        { name: 'status', default: 'draft' },
        { name: 'n', type: 'integer' },
      ]),
    ],
    [
      post([
        { name: 'title', size: 200 },
        { name: 'body', type: 'text', required: false },
        { name: 'status', default: 'new' },
        { name: 'n', type: 'id' },
      ]),
    ],
    0,
  ],
  [
    'rename a column and its unique index',
    [
      post([
        { name: 'title', unique: true },
        { name: 'body', type: 'text' },
      ]),
    ],
    [
      post([
        { name: 'headline', unique: true, renamed_from: 'title' },
        { name: 'body', type: 'text' },
      ]),
    ],
    0,
  ],
  [
    'rename a table in a prefix',
    [{ module: 'Blog.Article', prefix: 'blog', fields: [{ name: 'slug', unique: true }] }],
    [post([{ name: 'slug', unique: true }], { prefix: 'blog', renamed_from: 'articles' })],
    0,
  ],
  [
    'belongs_to added, unique turned off',
    [user, post([{ name: 'slug', unique: true }])],
    [
      user,
      post([{ name: 'slug' }], {
        associations: [
          { kind: 'belongs_to', name: 'author', target: 'Accounts.User', required: false },
        ],
      }),
    ],
    1,
  ],
  [
    'on_delete changed, binary_id keys',
    [
      { ...user, primary_key: { type: 'binary_id' } },
      post([], {
        associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
      }),
    ],
    [
      { ...user, primary_key: { type: 'binary_id' } },
      post([], {
        associations: [
          { kind: 'belongs_to', name: 'author', target: 'Accounts.User', on_delete: 'delete_all' },
        ],
      }),
    ],
    1,
  ],
  [
    'belongs_to removed',
    [
      user,
      post([{ name: 't' }], {
        associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
      }),
    ],
    [user, post([{ name: 't' }])],
    1,
  ],
];

describe('renderAlterMigration', () => {
  it('adds, with null: false only where a default fills existing rows', () => {
    const d = evolveOne(CASES[0]![1], CASES[0]![2]);
    expect(alterMigrationName(d)).toBe('alter_posts');
    expect(render(d)).toBe(`defmodule MyApp.Repo.Migrations.AlterPosts do
  use Ecto.Migration

  def change do
    alter table(:posts) do
      add :subtitle, :string
      add :views, :integer, default: 0, null: false
      add :slug, :string
    end

    create unique_index(:posts, [:slug])
  end
end
`);
  });

  it('removes with type and options; NOT NULL only where a default lets a rollback fill rows', () => {
    const d = evolveOne(CASES[1]![1], CASES[1]![2]);
    expect(render(d)).toBe(`defmodule MyApp.Repo.Migrations.AlterPosts do
  use Ecto.Migration

  def change do
    alter table(:posts) do
      remove :views, :integer, default: 0, null: false
      remove :price, :decimal, precision: 10, scale: 2
      remove :body, :text
      remove :tags, {:array, :string}, default: ["a"], null: false
    end
  end
end
`);
  });

  it('modifies with from: holding the old value of everything it changes', () => {
    const d = evolveOne(CASES[2]![1], CASES[2]![2]);
    expect(render(d)).toContain(`    alter table(:posts) do
      modify :title, :string, size: 200, from: {:string, size: 100}
      modify :body, :text, null: true, from: {:text, null: false}
      modify :status, :string, default: "new", from: {:string, default: "draft"}
      modify :n, :bigint, from: :integer
    end`);
  });

  it('renames a column and its index outside the alter block', () => {
    const d = evolveOne(CASES[3]![1], CASES[3]![2]);
    expect(alterMigrationName(d)).toBe('rename_title_to_headline_in_posts');
    expect(render(d)).toBe(`defmodule MyApp.Repo.Migrations.RenameTitleToHeadlineInPosts do
  use Ecto.Migration

  def change do
    rename table(:posts), :title, to: :headline
    rename index(:posts, [:headline], name: :posts_title_index), to: :posts_headline_index
  end
end
`);
  });

  it('renames a table with its prefix, and its indexes', () => {
    const d = evolveOne(CASES[4]![1], CASES[4]![2]);
    expect(alterMigrationName(d)).toBe('rename_articles_to_posts');
    expect(render(d))
      .toContain(`    rename table(:articles, prefix: :blog), to: table(:posts, prefix: :blog)

    rename index(:posts, [:slug], name: :articles_slug_index, prefix: :blog),
      to: :posts_slug_index
`);
  });

  it('drops the old unique index before adding the new column and index', () => {
    const d = evolve(CASES[5]![1], CASES[5]![2])[1]!;
    expect(render(d)).toContain(`    drop unique_index(:posts, [:slug])

    alter table(:posts) do
      add :author_id, references(:users, on_delete: :nothing)
    end

    create index(:posts, [:author_id])`);
  });

  it('modifies a foreign key with the old reference in from:', () => {
    const d = evolve(CASES[6]![1], CASES[6]![2])[1]!;
    expect(render(d)).toContain(
      `modify :author_id, references(:users, on_delete: :delete_all, type: :binary_id),
        from: references(:users, on_delete: :nothing, type: :binary_id)`,
    );
  });

  itElixir(
    'every case parses and is exactly what mix format writes',
    async () => {
      const files = CASES.map(([name, before, after, i]) => {
        const d = evolve(before, after)[i]!;
        return {
          path: `priv/repo/migrations/${name.replace(/\W+/g, '_')}.exs`,
          content: render(d),
        };
      });
      await assertElixirClean(files);
    },
    60_000,
  );
});
