import { describe, expect, it } from 'vitest';
import { hasChanges, type ColumnChange, type TableDiff } from '../../shared/evolve/diff.js';
import type { SchemaDef, TableState } from '../../shared/model/index.js';
import { evolve, evolveOne, post, stateOf } from './helpers.js';

const user: SchemaDef = { module: 'Accounts.User', fields: [{ name: 'email', unique: true }] };
const tag: SchemaDef = { module: 'Blog.Tag', fields: [{ name: 'name' }] };

/** A batch exercising most of the model: keys, references, join tables, prefixes, defaults. */
const rich: SchemaDef[] = [
  { ...user, primary_key: { type: 'binary_id' } },
  tag,
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title', size: 120 },
      { name: 'body', type: 'text', required: false },
      { name: 'views', type: 'integer', default: 0 },
      { name: 'price', type: 'decimal', precision: 10, scale: 2, required: false },
      { name: 'labels', type: 'array', inner: 'string', default: ['a', 'b'] },
      { name: 'status', type: 'enum', values: ['draft', 'live'], default: 'draft' },
      { name: 'meta', type: 'map', default: { a: 1 } },
      { name: 'published_at', type: 'utc_datetime', required: false },
    ],
    associations: [
      { kind: 'belongs_to', name: 'author', target: 'Accounts.User', on_delete: 'delete_all' },
      { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag' },
    ],
    indexes: [{ columns: ['title', 'views'], unique: true }],
  },
  { module: 'Billing.Invoice', prefix: 'billing', fields: [{ name: 'number', unique: true }] },
];

const kinds = (d: TableDiff) => d.columns.map((c) => `${c.kind}:${columnName(c)}`);
function columnName(c: ColumnChange): string {
  switch (c.kind) {
    case 'rename':
      return `${c.from}->${c.to}`;
    case 'add':
      return c.column.name;
    case 'remove':
      return c.column.name;
    case 'modify':
      return `${c.to.name}(${c.changed.join(',')})`;
  }
}

describe('diffModel: nothing to do', () => {
  it('finds no change between a model and the state its migrations made', () => {
    const diffs = evolve(rich, rich);
    expect(diffs.map((d) => d.table)).toEqual(['users', 'tags', 'posts', 'invoices', 'posts_tags']);
    for (const d of diffs) {
      expect(hasChanges(d), d.table).toBe(false);
      expect(d.destructive).toEqual([]);
      expect(d.notes).toEqual([]);
      expect(d.unsupported).toEqual([]);
    }
  });

  it('never touches a table outside the batch', () => {
    const diffs = evolve(rich, [tag]);
    expect(diffs.map((d) => d.table)).toEqual(['tags']);
    expect(hasChanges(diffs[0]!)).toBe(false);
  });

  it('treats a type with the same SQL type as unchanged (utc_datetime → naive_datetime)', () => {
    const d = evolveOne(
      [post([{ name: 'at', type: 'utc_datetime' }])],
      [post([{ name: 'at', type: 'naive_datetime' }])],
    );
    expect(hasChanges(d)).toBe(false);
  });

  it('a new table is a create', () => {
    const d = evolve([tag], [tag, post([{ name: 'title' }])]);
    expect(d.map((x) => [x.table, x.kind])).toEqual([
      ['tags', 'alter'],
      ['posts', 'create'],
    ]);
  });
});

describe('diffModel: columns', () => {
  it('adds an optional field', () => {
    const d = evolveOne(
      [post([{ name: 'title' }])],
      [post([{ name: 'title' }, { name: 'slug', required: false }])],
    );
    expect(kinds(d)).toEqual(['add:slug']);
    expect(d.destructive).toEqual([]);
    expect(d.notes).toEqual([]);
  });

  it('adds a required field with a default as NOT NULL', () => {
    const d = evolveOne(
      [post([{ name: 'title' }])],
      [post([{ name: 'title' }, { name: 'views', type: 'integer', default: 0 }])],
    );
    const add = d.columns[0] as Extract<ColumnChange, { kind: 'add' }>;
    expect(add.deferred_not_null).toBe(false);
    expect(add.column).toMatchObject({ null: false, default: '0' });
  });

  it('adds a required field without a default as nullable, and says so', () => {
    const d = evolveOne([post([{ name: 'title' }])], [post([{ name: 'title' }, { name: 'slug' }])]);
    const add = d.columns[0] as Extract<ColumnChange, { kind: 'add' }>;
    expect(add.deferred_not_null).toBe(true);
    expect(add.column.null).toBe(true);
    expect(d.notes).toEqual([expect.stringContaining('posts.slug is required but has no default')]);
  });

  it('adds a required unique field with a default as nullable without the default', () => {
    const d = evolveOne(
      [post([{ name: 'title' }])],
      [post([{ name: 'title' }, { name: 'code', unique: true, default: 'x' }])],
    );
    const add = d.columns[0] as Extract<ColumnChange, { kind: 'add' }>;
    expect(add.column).toMatchObject({ null: true, default: null });
    expect(d.notes[0]).toContain('required and unique');
    expect(d.indexes).toEqual([
      {
        kind: 'create',
        index: expect.objectContaining({ name: 'posts_code_index', unique: true }),
      },
    ]);
  });

  it('removes a field as a destructive change with its consequence', () => {
    const d = evolveOne(
      [post([{ name: 'title' }, { name: 'views', type: 'integer' }])],
      [post([{ name: 'title' }])],
    );
    expect(kinds(d)).toEqual(['remove:views']);
    expect(d.destructive).toEqual([
      {
        table: 'posts',
        column: 'views',
        change: 'drop column views',
        consequence:
          'every value of posts.views is deleted; a rollback re-adds the column as nullable but not its values',
      },
    ]);
  });

  it('renames a field with renamed_from instead of dropping it', () => {
    const d = evolveOne(
      [post([{ name: 'title', unique: true }])],
      [post([{ name: 'headline', unique: true, renamed_from: 'title' }])],
    );
    expect(kinds(d)).toEqual(['rename:title->headline']);
    expect(d.destructive).toEqual([]);
    expect(d.indexes).toEqual([
      {
        kind: 'rename',
        index: expect.objectContaining({ name: 'posts_title_index', columns: ['headline'] }),
        to: 'posts_headline_index',
      },
    ]);
  });

  it('ignores a rename that already ran', () => {
    const now = [post([{ name: 'headline', renamed_from: 'title' }])];
    expect(hasChanges(evolveOne([post([{ name: 'headline' }])], now))).toBe(false);
  });

  it('without renamed_from, a vanished column and a new one are a drop and an add', () => {
    const d = evolveOne([post([{ name: 'title' }])], [post([{ name: 'headline' }])]);
    expect(kinds(d)).toEqual(['remove:title', 'add:headline']);
    expect(d.destructive.map((x) => x.change)).toEqual(['drop column title']);
  });

  it('widens a type safely and keeps the other attributes', () => {
    const d = evolveOne(
      [
        post([
          { name: 'title', size: 100 },
          { name: 'n', type: 'integer' },
        ]),
      ],
      [
        post([
          { name: 'title', type: 'text' },
          { name: 'n', type: 'decimal' },
        ]),
      ],
    );
    expect(kinds(d)).toEqual(['modify:title(type)', 'modify:n(type)']);
    expect(d.destructive).toEqual([]);
  });

  it('narrows a type as a destructive change', () => {
    const d = evolveOne(
      [post([{ name: 'title', type: 'text' }])],
      [post([{ name: 'title', size: 80 }])],
    );
    expect(kinds(d)).toEqual(['modify:title(type)']);
    expect(d.destructive).toEqual([
      {
        table: 'posts',
        column: 'title',
        change: 'title: text → varchar(80)',
        consequence: 'values longer than 80 characters make the migration fail',
      },
    ]);
  });

  it('refuses a conversion PostgreSQL cannot make, as unsupported', () => {
    const d = evolveOne([post([{ name: 'n' }])], [post([{ name: 'n', type: 'integer' }])]);
    expect(d.columns).toEqual([]);
    expect(d.unsupported).toEqual([
      expect.stringContaining('posts.n: varchar(255) → integer: PostgreSQL cannot convert'),
    ]);
  });

  it('NOT NULL on a nullable column is destructive; the reverse is not', () => {
    const on = evolveOne(
      [post([{ name: 'body', required: false }])],
      [post([{ name: 'body', required: true }])],
    );
    expect(kinds(on)).toEqual(['modify:body(null)']);
    expect(on.destructive[0]).toMatchObject({
      change: 'body: nullable → NOT NULL',
      consequence:
        'the migration fails while any row of posts holds NULL in body; fill those rows first',
    });
    const off = evolveOne(
      [post([{ name: 'body', required: true }])],
      [post([{ name: 'body', required: false }])],
    );
    expect(kinds(off)).toEqual(['modify:body(null)']);
    expect(off.destructive).toEqual([]);
  });

  it('honours the null key: a required field may keep a nullable column (as phx.gen does)', () => {
    const same = evolveOne(
      [post([{ name: 'body', required: true, null: true }])],
      [post([{ name: 'body', required: true, null: true }])],
    );
    expect(hasChanges(same)).toBe(false);
    const off = evolveOne(
      [post([{ name: 'body', required: true }])],
      [post([{ name: 'body', required: true, null: true }])],
    );
    expect(kinds(off)).toEqual(['modify:body(null)']);
    expect(off.destructive).toEqual([]);
    const on = evolveOne(
      [post([{ name: 'body', required: true, null: true }])],
      [post([{ name: 'body', required: true }])],
    );
    expect(on.destructive[0]).toMatchObject({ change: 'body: nullable → NOT NULL' });
  });

  it('changes a default without a destructive change', () => {
    const d = evolveOne(
      [post([{ name: 'views', type: 'integer', default: 0 }])],
      [post([{ name: 'views', type: 'integer', default: 1 }])],
    );
    expect(kinds(d)).toEqual(['modify:views(default)']);
    expect(d.destructive).toEqual([]);
  });
});

describe('diffModel: associations and indexes', () => {
  it('adds a belongs_to: a foreign key column and its index', () => {
    const d = evolve(
      [user, post([{ name: 'title' }])],
      [
        user,
        post([{ name: 'title' }], {
          associations: [
            { kind: 'belongs_to', name: 'author', target: 'Accounts.User', required: false },
          ],
        }),
      ],
    )[1]!;
    expect(kinds(d)).toEqual(['add:author_id']);
    const add = d.columns[0] as Extract<ColumnChange, { kind: 'add' }>;
    expect(add.column.references).toMatchObject({ table: 'users', on_delete: 'nothing' });
    expect(d.indexes).toEqual([
      { kind: 'create', index: expect.objectContaining({ name: 'posts_author_id_index' }) },
    ]);
  });

  it('changes on_delete as a reference change', () => {
    const with_ = (on_delete: 'nothing' | 'delete_all'): SchemaDef[] => [
      user,
      post([], {
        associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User', on_delete }],
      }),
    ];
    const d = evolve(with_('nothing'), with_('delete_all'))[1]!;
    expect(kinds(d)).toEqual(['modify:author_id(references)']);
  });

  it('removes a belongs_to: drops its index first, then the column (destructive)', () => {
    const d = evolve(
      [
        user,
        post([{ name: 't' }], {
          associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
        }),
      ],
      [user, post([{ name: 't' }])],
    )[1]!;
    expect(kinds(d)).toEqual(['remove:author_id']);
    expect(d.indexes).toEqual([
      { kind: 'drop', index: expect.objectContaining({ name: 'posts_author_id_index' }) },
    ]);
    expect(d.destructive).toHaveLength(1);
  });

  it('turns unique on and off', () => {
    const on = evolveOne([post([{ name: 'slug' }])], [post([{ name: 'slug', unique: true }])]);
    expect(on.indexes.map((i) => [i.kind, i.index.name, i.index.unique])).toEqual([
      ['create', 'posts_slug_index', true],
    ]);
    const off = evolveOne([post([{ name: 'slug', unique: true }])], [post([{ name: 'slug' }])]);
    expect(off.indexes.map((i) => [i.kind, i.index.name, i.index.unique])).toEqual([
      ['drop', 'posts_slug_index', true],
    ]);
  });

  it('keeps an index the model cannot express, and says so', () => {
    const state = stateOf([post([{ name: 'title' }])]);
    const posts = state.tables[0] as TableState;
    posts.indexes.push({
      name: 'posts_title_trgm',
      columns: ['title'],
      unique: false,
      where: null,
      using: 'gin',
    });
    const d = evolveOne(state, [post([{ name: 'title' }])]);
    expect(d.indexes).toEqual([]);
    expect(d.notes).toEqual([
      'posts: index posts_title_trgm (title) is not part of the model and is kept.',
    ]);
  });

  it('renames a table with renamed_from, and its default-named indexes', () => {
    const before = [{ module: 'Blog.Article', fields: [{ name: 'slug', unique: true }] }];
    const d = evolveOne(before, [
      post([{ name: 'slug', unique: true }], { renamed_from: 'articles' }),
    ]);
    expect(d.kind).toBe('alter');
    expect(d.renamed_from).toBe('articles');
    expect(d.columns).toEqual([]);
    expect(d.indexes).toEqual([
      {
        kind: 'rename',
        index: expect.objectContaining({ name: 'articles_slug_index' }),
        to: 'posts_slug_index',
      },
    ]);
  });

  it('reports a primary key change as unsupported', () => {
    const d = evolveOne(
      [post([{ name: 't' }])],
      [post([{ name: 't' }], { primary_key: { name: 'uid' } })],
    );
    expect(d.unsupported).toEqual([
      expect.stringContaining('the primary key is (id) in the database and (uid) in the model'),
    ]);
  });
});
