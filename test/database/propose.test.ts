/** The proposed model for constructed states: conventions, and every gap reported as a warning. */
import { describe, expect, it } from 'vitest';
import { literalDefault } from '../../shared/database/propose-fields.js';
import { proposeModel } from '../../shared/database/propose.js';
import type { ColumnState, DatabaseState, TableState } from '../../shared/model/database.js';
import { checkModel } from '../../shared/model/index.js';

function col(name: string, pg: string, type: string, over: Partial<ColumnState> = {}): ColumnState {
  return {
    name,
    type,
    pg_type: pg,
    null: false,
    default: null,
    size: null,
    precision: null,
    scale: null,
    primary_key: false,
    references: null,
    ...over,
  };
}
const id = () => col('id', 'bigint', ':bigserial', { primary_key: true });
const fk = (name: string, table: string, over: Partial<ColumnState> = {}) =>
  col(name, 'bigint', ':bigint', {
    references: {
      table,
      column: 'id',
      prefix: null,
      name: null,
      on_delete: 'nothing',
      on_update: 'nothing',
    },
    ...over,
  });
function table(name: string, columns: ColumnState[], over: Partial<TableState> = {}): TableState {
  return {
    name,
    prefix: null,
    primary_key: ['id'],
    columns: [id(), ...columns],
    indexes: [],
    check_constraints: [],
    ...over,
  };
}
const state = (tables: TableState[], enums: DatabaseState['enums'] = []): DatabaseState => ({
  source: 'database',
  tables,
  enums,
  warnings: [],
});
const valid = (schemas: unknown) =>
  checkModel({ app: { otp_app: 'my_app', base_module: 'MyApp' }, schemas }).errors;

describe('proposeModel', () => {
  it('names inverses so that two keys to the same table do not clash', () => {
    const p = proposeModel(
      state([
        table('users', [col('email', 'text', ':text')]),
        table('messages', [fk('sender_id', 'users'), fk('recipient_id', 'users')]),
      ]),
    );
    expect(p.schemas.find((s) => s.table === 'messages')!.associations).toEqual([
      { kind: 'belongs_to', name: 'sender', target: 'Data.User', required: true },
      {
        kind: 'belongs_to',
        name: 'recipient',
        target: 'Data.User',
        required: true,
        inverse_name: 'recipient_messages',
      },
    ]);
    expect(valid(p.schemas)).toEqual([]);
  });

  it('keeps a foreign key whose name does not end in _id, or points outside, as a field with a warning', () => {
    const p = proposeModel(
      state([
        table('users', []),
        table('posts', [
          fk('owner', 'users'),
          fk('team_id', 'teams', {
            references: {
              table: 'teams',
              column: 'id',
              prefix: 'hr',
              name: null,
              on_delete: 'nothing',
              on_update: 'nothing',
            },
          }),
        ]),
      ]),
    );
    const posts = p.schemas.find((s) => s.table === 'posts')!;
    expect(posts.fields).toEqual([
      { name: 'owner', type: 'integer', required: true },
      { name: 'team_id', type: 'integer', required: true },
    ]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'posts.owner references users but its name does not end in _id (or the association name is taken by a column); kept as a plain field',
      'posts.team_id references hr.teams, which is not among the tables read (or is a join table); kept as a plain field',
    ]);
    expect(valid(p.schemas)).toEqual([]);
  });

  it('reports tables without a key, columns of unknown types, SQL defaults and odd names', () => {
    const p = proposeModel(
      state([
        table(
          'events',
          [
            col('span', 'interval', ':interval'),
            col('at', 'timestamp with time zone', ':timestamptz', { default: 'now()' }),
            col('Weird', 'text', ':text'),
          ],
          {
            primary_key: [],
            columns: [
              col('span', 'interval', ':interval'),
              col('at', 'timestamp with time zone', ':timestamptz', { default: 'now()' }),
              col('Weird', 'text', ':text'),
            ],
          },
        ),
        table('Bad Table', []),
      ]),
    );
    expect(p.schemas).toEqual([
      {
        module: 'Data.Event',
        table: 'events',
        primary_key: false,
        timestamps: false,
        fields: [{ name: 'at', type: 'utc_datetime_usec', required: true }],
        associations: [],
        indexes: [],
      },
    ]);
    expect(p.warnings.map((w) => [w.table, w.column])).toEqual([
      ['events', null],
      ['Bad Table', null],
      ['events', 'span'],
      ['events', 'at'],
      ['events', 'Weird'],
    ]);
    expect(p.warnings[2]!.message).toBe(
      'events.span is left out of the model: its type interval has no Ecto type in the model',
    );
    expect(valid(p.schemas)).toEqual([]);
  });

  it("turns plain indexes into unique fields and indexes, keeps names that differ from Ecto's", () => {
    const p = proposeModel(
      state([
        table(
          'users',
          [
            col('email', 'text', ':text'),
            col('slug', 'text', ':text'),
            col('org', 'integer', ':integer'),
          ],
          {
            indexes: [
              {
                name: 'users_email_index',
                columns: ['email'],
                unique: true,
                where: null,
                using: null,
              },
              { name: 'users_slug_key', columns: ['slug'], unique: true, where: null, using: null },
              {
                name: 'users_org_email_index',
                columns: ['org', 'email'],
                unique: false,
                where: null,
                using: null,
              },
              {
                name: 'users_lower_email',
                columns: ['lower(email)'],
                unique: true,
                where: null,
                using: null,
              },
              {
                name: 'users_email_trgm',
                columns: ['email'],
                unique: false,
                where: null,
                using: 'gin',
              },
            ],
          },
        ),
      ]),
    );
    const users = p.schemas[0]!;
    expect(users.fields![0]).toMatchObject({ name: 'email', unique: true });
    expect(users.indexes).toEqual([
      { columns: ['slug'], unique: true, name: 'users_slug_key' },
      { columns: ['org', 'email'] },
    ]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      'users has the index users_lower_email (lower(email)), on expressions, which the model cannot hold; a generated migration would not create it',
      'users has the index users_email_trgm (email), using gin, which the model cannot hold; a generated migration would not create it',
    ]);
    expect(valid(p.schemas)).toEqual([]);
  });

  it('names a second table of the same module by its table', () => {
    const p = proposeModel(state([table('people', []), table('person', [])]));
    expect(p.schemas.map((s) => s.module)).toEqual(['Data.Person', 'Data.PersonTable']);
  });

  it('recognises a join table only when it is just two conventional keys', () => {
    const tables = [
      table('posts', []),
      table('tags', []),
      table('posts_tags', [fk('post_id', 'posts'), fk('tag_id', 'tags')], {
        primary_key: [],
        columns: [fk('post_id', 'posts'), fk('tag_id', 'tags')],
      }),
      table('post_likes', [
        fk('post_id', 'posts'),
        fk('tag_id', 'tags'),
        col('weight', 'integer', ':integer'),
      ]),
    ];
    const p = proposeModel(state(tables));
    expect(p.join_tables).toEqual(['posts_tags']);
    expect(p.schemas.map((s) => s.table)).toEqual(['posts', 'tags', 'post_likes']);
    expect(p.schemas[0]!.associations).toContainEqual({
      kind: 'many_to_many',
      name: 'tags',
      target: 'Data.Tag',
    });
    expect(valid(p.schemas)).toEqual([]);
  });
});

describe('literalDefault', () => {
  it('reads SQL literals as JSON values of the field type, and nothing else', () => {
    expect(literalDefault("'it''s'::character varying", { name: 'a', type: 'string' })).toBe(
      "it's",
    );
    expect(literalDefault('42', { name: 'a', type: 'integer' })).toBe(42);
    expect(literalDefault("'1.50'::numeric", { name: 'a', type: 'decimal' })).toBe('1.50');
    expect(literalDefault('true', { name: 'a', type: 'boolean' })).toBe(true);
    expect(literalDefault(`'{"a": 1}'::jsonb`, { name: 'a', type: 'map' })).toEqual({ a: 1 });
    expect(literalDefault("'{}'::text[]", { name: 'a', type: 'array', inner: 'text' })).toEqual([]);
    expect(literalDefault("'x'::mood", { name: 'a', type: 'enum', values: ['y'] })).toBeUndefined();
    expect(literalDefault('now()', { name: 'a', type: 'naive_datetime' })).toBeUndefined();
    expect(literalDefault("upper('x')", { name: 'a', type: 'string' })).toBeUndefined();
  });
});
