import { describe, expect, it } from 'vitest';
import {
  checkModel,
  modelJsonSchema,
  normalizeModel,
  parseGenSpec,
  type SchemaDef,
} from '../../shared/model/index.js';

const app = { otp_app: 'my_app', base_module: 'MyApp' };

function errorsOf(schemas: SchemaDef[]) {
  const r = normalizeModel({ app, schemas });
  expect(r.model).toBeNull();
  return r.errors;
}

function ok(schemas: SchemaDef[]) {
  const r = normalizeModel({ app, schemas });
  expect(r.errors).toEqual([]);
  return r;
}

describe('normalizeModel: defaults', () => {
  it('fills every default of a phx.gen-style schema', () => {
    const { model } = ok(
      parseGenSpec([
        'Blog Post posts title body:text views:integer:optional published:boolean meta:map',
      ]),
    );
    const [s] = model!.schemas;
    expect(s).toMatchObject({
      module: 'Blog.Post',
      context: 'Blog',
      table: 'posts',
      embedded: false,
      primary_key: { name: 'id', type: 'id' },
      timestamps: { type: 'naive_datetime' },
      prefix: null,
    });
    expect(s!.fields.map((f) => [f.name, f.required, f.default])).toEqual([
      ['title', true, undefined],
      ['body', true, undefined],
      ['views', false, undefined],
      ['published', true, false],
      ['meta', false, undefined],
    ]);
    expect(model!.app).toEqual({ otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' });
  });

  it('strips the base module from fully qualified names', () => {
    const { model } = ok([{ module: 'MyApp.Blog.Post', fields: [{ name: 'title' }] }]);
    expect(model!.schemas[0]!.module).toBe('Blog.Post');
    expect(model!.schemas[0]!.context).toBe('Blog');
  });

  it('embedded schemas have no timestamps and a binary_id key by default', () => {
    const { model } = ok(parseGenSpec(['phx.gen.embedded Blog.Meta views:integer']));
    expect(model!.schemas[0]).toMatchObject({
      embedded: true,
      timestamps: false,
      primary_key: { type: 'binary_id' },
      indexes: [],
    });
  });
});

describe('normalizeModel: associations across the batch', () => {
  const batch = parseGenSpec(
    [
      'Blog Post posts title author:belongs_to:Accounts.User tags:many_to_many:Blog.Tag',
      'Accounts User users email:string:unique',
      'Blog Tag tags name',
    ],
    {},
  );

  it('resolves the FK type from the target key, adds the inverse has_many and the FK index', () => {
    const users = { ...batch[1]!, primary_key: { name: 'id', type: 'binary_id' as const } };
    const { model } = ok([batch[0]!, users, batch[2]!]);
    const post = model!.schemas[0]!;
    expect(post.associations[0]).toMatchObject({
      kind: 'belongs_to',
      foreign_key: 'author_id',
      type: 'binary_id',
      target_index: 1,
      target_table: 'users',
      on_delete: 'nothing',
      required: true,
    });
    expect(post.associations[1]).toMatchObject({
      kind: 'many_to_many',
      join_table: 'posts_tags',
      join_keys: ['post_id', 'tag_id'],
      key_types: ['id', 'id'],
    });
    expect(post.indexes).toEqual([
      { columns: ['author_id'], unique: false, name: 'posts_author_id_index' },
    ]);
    const user = model!.schemas[1]!;
    expect(user.associations).toEqual([
      {
        kind: 'has_many',
        name: 'posts',
        target: 'Blog.Post',
        target_index: 0,
        inferred: true,
        foreign_key: 'author_id',
      },
    ]);
    expect(user.indexes).toEqual([{ columns: ['email'], unique: true, name: 'users_email_index' }]);
  });

  it('a unique belongs_to gets a has_one inverse and a unique index', () => {
    const { model } = ok(
      parseGenSpec([
        'Accounts Profile profiles bio user:belongs_to:Accounts.User:unique',
        'Accounts User users email',
      ]),
    );
    expect(model!.schemas[1]!.associations[0]).toMatchObject({
      kind: 'has_one',
      name: 'profile',
      foreign_key: 'user_id',
    });
    expect(model!.schemas[0]!.indexes[0]).toMatchObject({ columns: ['user_id'], unique: true });
  });

  it('warns on a target outside the batch and the project, and not when the project knows it', () => {
    const r = normalizeModel({
      app,
      schemas: parseGenSpec(['Blog Post posts author:belongs_to:Accounts.User']),
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings[0]!.path).toBe('schemas[0].associations[0].target');
    expect(r.warnings[0]!.message).toContain('Accounts.User is not in this batch');
    const k = normalizeModel(
      { app, schemas: parseGenSpec(['Blog Post posts author:belongs_to:Accounts.User']) },
      {
        known: [
          {
            module: 'MyApp.Accounts.User',
            table: 'accounts_users',
            primary_key: { name: 'id', type: 'binary_id' },
          },
        ],
      },
    );
    expect(k.warnings).toEqual([]);
    expect(k.model!.schemas[0]!.associations[0]).toMatchObject({
      type: 'binary_id',
      target_table: 'accounts_users',
    });
  });

  it('warns when a has_many target lacks the foreign key', () => {
    const r = normalizeModel({
      app,
      schemas: parseGenSpec([
        'Blog Post posts comments:has_many:Blog.Comment',
        'Blog Comment comments body',
      ]),
    });
    expect(r.warnings.map((w) => w.message).join()).toContain(
      'expects a "post_id" column on Blog.Comment',
    );
  });

  it('resolves references: types from the referenced table in the batch', () => {
    const { model } = ok(
      parseGenSpec([
        'Blog Post posts user_id:references:users',
        'Accounts User users email --binary-id',
      ]),
    );
    expect(model!.schemas[0]!.fields[0]!.references).toEqual({
      table: 'users',
      on_delete: 'nothing',
      type: 'binary_id',
    });
  });
});

describe('normalizeModel: errors beyond Phoenix', () => {
  it.each([
    [
      'a reserved word as field name',
      [{ module: 'Blog.Post', fields: [{ name: 'end' }] }],
      'fields[0].name',
      'reserved word',
    ],
    [
      'a special atom as field name',
      [{ module: 'Blog.Post', fields: [{ name: '__meta__' }] }],
      'fields[0].name',
      'reserved word or special name',
    ],
    [
      'duplicate fields',
      [{ module: 'Blog.Post', fields: [{ name: 'title' }, { name: 'title' }] }],
      'fields[1].name',
      '"title" is used twice',
    ],
    [
      'a field named like the primary key',
      [{ module: 'Blog.Post', fields: [{ name: 'id', type: 'integer' }] }],
      'fields[0].name',
      'the primary key',
    ],
    [
      'a field named like a timestamp',
      [{ module: 'Blog.Post', fields: [{ name: 'inserted_at', type: 'date' }] }],
      'fields[0].name',
      'the timestamps',
    ],
    [
      'a field clashing with an association FK',
      [
        {
          module: 'Blog.Post',
          fields: [{ name: 'author_id', type: 'integer' }],
          associations: [{ kind: 'belongs_to', name: 'author', target: 'Blog.Author' }],
        },
        { module: 'Blog.Author' },
      ],
      'associations[0].foreign_key',
      'used twice',
    ],
    [
      'a field named like a custom timestamp',
      [
        {
          module: 'Blog.Post',
          timestamps: { inserted_at: 'created_at' },
          fields: [{ name: 'created_at', type: 'date' }],
        },
      ],
      'fields[0].name',
      'the timestamps',
    ],
    [
      'both timestamps under one name',
      [{ module: 'Blog.Post', timestamps: { updated_at: 'inserted_at' } }],
      'timestamps',
      'both named "inserted_at"',
    ],
    [
      'two fields on one column',
      [{ module: 'Blog.Post', fields: [{ name: 'title' }, { name: 'head', source: 'title' }] }],
      'fields[1].source',
      'both use the column "title"',
    ],
    [
      'a source on a references field',
      [{ module: 'Blog.Post', fields: [{ name: 'user_id', type: 'references', source: 'u_id' }] }],
      'fields[0].source',
      'remove source',
    ],
    [
      'an on_replace its association kind does not have',
      [
        {
          module: 'Blog.Post',
          associations: [
            { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag', on_replace: 'nilify' },
          ],
        },
        { module: 'Blog.Tag' },
      ],
      'associations[0].on_replace',
      'valid: raise, mark_as_invalid, delete',
    ],
    [
      'context equal to the schema',
      [{ module: 'Blog.Post', context: 'Post' }],
      'context',
      'different names',
    ],
    [
      'context equal to the app',
      [{ module: 'Blog.Post', context: 'MyApp' }],
      'context',
      'same name as the application',
    ],
    [
      'schema module repeating the app',
      [{ module: 'MyApp' }],
      'module',
      'repeats the application name',
    ],
    [
      'an enum without values',
      [{ module: 'Blog.Post', fields: [{ name: 's', type: 'enum' }] }],
      'fields[0].values',
      'enum without values',
    ],
    [
      'an array without inner type',
      [{ module: 'Blog.Post', fields: [{ name: 's', type: 'array' }] }],
      'fields[0].inner',
      'without an element type',
    ],
    [
      'a default that does not fit',
      [{ module: 'Blog.Post', fields: [{ name: 'n', type: 'integer', default: 'x' }] }],
      'fields[0].default',
      'whole number',
    ],
    [
      'an enum default outside the values',
      [{ module: 'Blog.Post', fields: [{ name: 's', type: 'enum', values: ['a'], default: 'b' }] }],
      'fields[0].default',
      'not one of the enum values',
    ],
    [
      'scale without precision',
      [{ module: 'Blog.Post', fields: [{ name: 'p', type: 'decimal', scale: 2 }] }],
      'fields[0].scale',
      'needs precision',
    ],
    [
      'size on an integer',
      [{ module: 'Blog.Post', fields: [{ name: 'p', type: 'integer', size: 2 }] }],
      'fields[0].size',
      'string and binary fields only',
    ],
    [
      'nilify_all on a required belongs_to',
      [
        {
          module: 'Blog.Post',
          associations: [
            { kind: 'belongs_to', name: 'a', target: 'Blog.A', on_delete: 'nilify_all' },
          ],
        },
        { module: 'Blog.A' },
      ],
      'associations[0].on_delete',
      'required association forbids',
    ],
    [
      'an index on a missing column',
      [
        {
          module: 'Blog.Post',
          fields: [{ name: 'a' }],
          indexes: [{ columns: ['a', 'b'], unique: true }],
        },
      ],
      'indexes[0].columns',
      '"b" is not a column of posts',
    ],
    [
      'a duplicate module',
      [{ module: 'Blog.Post' }, { module: 'Blog.Post' }],
      'module',
      'appears twice',
    ],
    [
      'a duplicate table',
      [{ module: 'Blog.Post' }, { module: 'Cms.Post' }],
      'table',
      'is used by both',
    ],
    [
      'associations on an embedded schema',
      [
        {
          module: 'Blog.Meta',
          embedded: true,
          associations: [{ kind: 'has_many', name: 'x', target: 'Blog.Post' }],
        },
      ],
      'associations',
      'embedded',
    ],
    [
      'a join table name clash',
      [
        {
          module: 'Blog.Post',
          associations: [
            { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag', join_table: 'links' },
          ],
        },
        { module: 'Blog.Tag' },
        {
          module: 'Blog.Page',
          associations: [
            { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag', join_table: 'links' },
          ],
        },
      ],
      'join_table',
      'different pair of tables',
    ],
    [
      'a join table named like a schema table',
      [
        {
          module: 'Blog.Post',
          associations: [
            { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag', join_table: 'tags' },
          ],
        },
        { module: 'Blog.Tag' },
      ],
      'join_table',
      'same name as the table',
    ],
    [
      'a context colliding with a schema module',
      [{ module: 'Blog', context: null }, { module: 'Blog.Post' }],
      'context',
      'files would collide',
    ],
  ] as [string, SchemaDef[], string, string][])('%s', (_name, schemas, path, text) => {
    const errors = errorsOf(schemas);
    const hit = errors.find((e) => e.path.endsWith(path) && e.message.includes(text));
    expect(hit, JSON.stringify(errors, null, 1)).toBeDefined();
  });
});

describe('checkModel: shape errors with paths', () => {
  it('reports bad module and table names and unknown types', () => {
    const r = checkModel({
      schemas: [{ module: 'blog.post', table: 'Posts', fields: [{ name: 'x', type: 'strng' }] }],
    });
    expect(r.model).toBeNull();
    const paths = r.errors.map((e) => e.path);
    expect(paths).toContain('schemas[0].module');
    expect(paths).toContain('schemas[0].table');
    expect(paths).toContain('schemas[0].fields[0].type');
    expect(r.errors.find((e) => e.path === 'schemas[0].module')!.message).toContain(
      'Elixir module name',
    );
  });

  it('publishes a JSON Schema with descriptions', () => {
    const js = modelJsonSchema() as { properties: { schemas: { description: string } } };
    expect(js.properties.schemas.description).toContain('parse_gen_spec');
    expect(JSON.stringify(js)).toContain('"belongs_to"');
  });
});
