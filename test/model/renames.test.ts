import { describe, expect, it } from 'vitest';
import {
  checkModel,
  collectRenames,
  normalizeModel,
  type Model,
  type SchemaDef,
} from '../../shared/model/index.js';

const app = { otp_app: 'my_app', base_module: 'MyApp' };

function renamesOf(schemas: SchemaDef[]) {
  const r = normalizeModel({ app, schemas });
  expect(r.errors).toEqual([]);
  return collectRenames(schemas, r.model as Model);
}

describe('renamed_from on the wire', () => {
  it('is accepted on fields and schemas, and checked as an identifier', () => {
    const good = checkModel({
      schemas: [
        {
          module: 'Blog.Post',
          renamed_from: 'articles',
          fields: [{ name: 'headline', renamed_from: 'title' }],
        },
      ],
    });
    expect(good.errors).toEqual([]);
    const bad = checkModel({
      schemas: [{ module: 'Blog.Post', fields: [{ name: 'headline', renamed_from: 'Title' }] }],
    });
    expect(bad.errors.map((e) => e.path)).toEqual(['schemas[0].fields[0].renamed_from']);
    expect(bad.errors[0]!.message).toContain('snake_case identifier');
  });
});

describe('collectRenames', () => {
  it('collects table and column renames keyed by the new names', () => {
    const { renames, errors } = renamesOf([
      {
        module: 'Blog.Post',
        renamed_from: 'articles',
        fields: [{ name: 'headline', renamed_from: 'title' }, { name: 'body' }],
      },
    ]);
    expect(errors).toEqual([]);
    expect([...renames.tables]).toEqual([['posts', 'articles']]);
    expect([...(renames.columns.get('posts') ?? [])]).toEqual([['headline', 'title']]);
  });

  it.each<[string, SchemaDef[], string, string]>([
    [
      'a field renamed from itself',
      [{ module: 'Blog.Post', fields: [{ name: 'title', renamed_from: 'title' }] }],
      'schemas[0].fields[0].renamed_from',
      "renamed_from is the field's own name",
    ],
    [
      'a field renamed from a column the model keeps',
      [
        {
          module: 'Blog.Post',
          fields: [{ name: 'title' }, { name: 'headline', renamed_from: 'title' }],
        },
      ],
      'schemas[0].fields[1].renamed_from',
      'renamed_from "title" is still a column of Blog.Post',
    ],
    [
      'a field renamed from a belongs_to key the model keeps',
      [
        { module: 'Accounts.User', fields: [{ name: 'name' }] },
        {
          module: 'Blog.Post',
          fields: [{ name: 'writer_id', type: 'integer', renamed_from: 'author_id' }],
          associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
        },
      ],
      'schemas[1].fields[0].renamed_from',
      'renamed_from "author_id" is still a column',
    ],
    [
      'two fields renamed from one column',
      [
        {
          module: 'Blog.Post',
          fields: [
            { name: 'a', renamed_from: 'title' },
            { name: 'b', renamed_from: 'title' },
          ],
        },
      ],
      'schemas[0].fields[1].renamed_from',
      '"title" is also renamed to a',
    ],
    [
      'a table renamed from itself',
      [{ module: 'Blog.Post', renamed_from: 'posts' }],
      'schemas[0].renamed_from',
      'is its own table',
    ],
    [
      'a table renamed from a table of the batch',
      [{ module: 'Blog.Post', renamed_from: 'tags' }, { module: 'Blog.Tag' }],
      'schemas[0].renamed_from',
      'is the table of Blog.Tag in this batch',
    ],
    [
      'two schemas taking over one table',
      [
        { module: 'Blog.Post', renamed_from: 'articles' },
        { module: 'Blog.Note', renamed_from: 'articles' },
      ],
      'schemas[1].renamed_from',
      'table "articles" is also renamed by Blog.Post',
    ],
    [
      'an embedded schema',
      [{ module: 'Blog.Meta', embedded: true, renamed_from: 'metas' }],
      'schemas[0].renamed_from',
      'is embedded and has no table',
    ],
  ])('refuses %s', (_name, schemas, path, message) => {
    const { errors } = renamesOf(schemas);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toContain(message);
  });
});
