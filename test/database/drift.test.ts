import { describe, expect, it } from 'vitest';
import {
  compareStates,
  normalizeDefault,
  normalizePgType,
  normalizeSql,
} from '../../shared/database/drift.js';
import type { ColumnState, DatabaseState, TableState } from '../../shared/model/database.js';

function col(name: string, over: Partial<ColumnState> = {}): ColumnState {
  return {
    name,
    type: ':string',
    pg_type: 'character varying(255)',
    null: true,
    default: null,
    size: null,
    precision: null,
    scale: null,
    primary_key: false,
    references: null,
    ...over,
  };
}

function table(name: string, columns: ColumnState[], over: Partial<TableState> = {}): TableState {
  return {
    name,
    prefix: null,
    primary_key: ['id'],
    columns: [
      col('id', { type: ':bigserial', pg_type: 'bigint', null: false, primary_key: true }),
      ...columns,
    ],
    indexes: [],
    check_constraints: [],
    ...over,
  };
}

function state(
  source: DatabaseState['source'],
  tables: TableState[],
  enums: DatabaseState['enums'] = [],
): DatabaseState {
  return { source, tables, enums, warnings: [] };
}

const users = () =>
  table(
    'users',
    [col('email', { null: false }), col('age', { type: ':integer', pg_type: 'integer' })],
    {
      indexes: [
        { name: 'users_email_index', columns: ['email'], unique: true, where: null, using: null },
      ],
    },
  );

describe('compareStates', () => {
  it('finds nothing between equal states, whatever their source', () => {
    expect(compareStates(state('migrations', [users()]), state('database', [users()]))).toEqual([]);
  });

  it('lists missing and extra tables with both sides', () => {
    const drift = compareStates(
      state('migrations', [users(), table('posts', [])]),
      state('database', [users(), table('audit', [], { prefix: 'ops' })]),
    );
    expect(drift.map((d) => [d.kind, d.table, d.expected, d.actual])).toEqual([
      ['missing_table', 'posts', 'table', null],
      ['extra_table', 'ops.audit', null, 'table'],
    ]);
    expect(drift[0]!.message).toBe('table posts is in the migrations but not in the database');
  });

  it('lists missing and extra columns, and type, null and default mismatches', () => {
    const live = users();
    live.columns = [
      live.columns[0]!,
      col('email', { null: true, pg_type: 'character varying(100)', size: 100 }),
      col('phone', { pg_type: 'text', type: ':text' }),
    ];
    const expected = users();
    expected.columns[2] = col('age', { type: ':integer', pg_type: 'integer', default: '0' });
    const drift = compareStates(state('migrations', [expected]), state('database', [live]));
    expect(drift.map((d) => [d.kind, d.name, d.expected, d.actual])).toEqual([
      ['column_type', 'email', 'character varying(255)', 'character varying(100)'],
      ['column_null', 'email', 'NOT NULL', 'NULL'],
      ['missing_column', 'age', 'integer', null],
      ['extra_column', 'phone', null, 'text'],
    ]);
  });

  it('compares types on pg_type when both know it, else on the Ecto type and its facets', () => {
    const a = table('t', [col('c', { type: ':string', pg_type: 'character varying(255)' })]);
    const b = table('t', [col('c', { type: ':varchar', pg_type: 'varchar(255)' })]);
    expect(compareStates(state('migrations', [a]), state('database', [b]))).toEqual([]);
    const unknown = table('t', [col('c', { type: ':my_type', pg_type: null, size: 3 })]);
    const other = table('t', [col('c', { type: ':my_type', pg_type: 'my_type', size: 4 })]);
    expect(
      compareStates(state('migrations', [unknown]), state('database', [other])).map((d) => d.kind),
    ).toEqual(['column_type']);
  });

  it('reads a migration default and a catalog default of the same literal as equal', () => {
    const m = table('t', [
      col('s', { default: '"draft"' }),
      col('n', { type: ':integer', pg_type: 'integer', default: '0' }),
      col('b', { type: ':boolean', pg_type: 'boolean', default: 'false' }),
      col('at', {
        type: ':naive_datetime',
        pg_type: 'timestamp(0) without time zone',
        default: 'fragment("now()")',
      }),
    ]);
    const d = table('t', [
      col('s', { default: "'draft'::character varying" }),
      col('n', { type: ':integer', pg_type: 'integer', default: '0' }),
      col('b', { type: ':boolean', pg_type: 'boolean', default: 'false' }),
      col('at', {
        type: ':naive_datetime',
        pg_type: 'timestamp(0) without time zone',
        default: 'now()',
      }),
    ]);
    expect(compareStates(state('migrations', [m]), state('database', [d]))).toEqual([]);
    d.columns[2]!.default = '1'; // n (columns[0] is id)
    expect(compareStates(state('migrations', [m]), state('database', [d]))).toMatchObject([
      { kind: 'column_default', name: 'n', expected: '0', actual: '1' },
    ]);
  });

  it('compares foreign keys: target and actions', () => {
    const ref = {
      table: 'users',
      column: 'id',
      prefix: null,
      name: null,
      on_delete: 'nothing',
      on_update: 'nothing',
    } as const;
    const m = table('posts', [
      col('user_id', { type: ':bigint', pg_type: 'bigint', references: ref }),
    ]);
    const d = table('posts', [
      col('user_id', {
        type: ':bigint',
        pg_type: 'bigint',
        references: { ...ref, name: 'posts_user_id_fkey', on_delete: 'delete_all' },
      }),
    ]);
    expect(compareStates(state('migrations', [m]), state('database', [d]))).toMatchObject([
      {
        kind: 'foreign_key',
        name: 'user_id',
        expected: 'users(id) on_delete: nothing, on_update: nothing',
        actual: 'users(id) on_delete: delete_all, on_update: nothing',
      },
    ]);
  });

  it('compares primary keys, indexes by name and check constraints', () => {
    const m = users();
    m.indexes.push({
      name: 'users_age_index',
      columns: ['age'],
      unique: false,
      where: null,
      using: null,
    });
    m.check_constraints.push({ name: 'age_positive', expression: 'age > 0' });
    const d = users();
    d.primary_key = ['id', 'email'];
    d.indexes = [
      {
        name: 'users_email_index',
        columns: ['email'],
        unique: true,
        where: 'deleted_at IS NULL',
        using: null,
      },
      {
        name: 'users_lower_email',
        columns: ['lower(email::text)'],
        unique: false,
        where: null,
        using: 'hash',
      },
    ];
    d.check_constraints.push(
      { name: 'age_positive', expression: '(age > 0)' },
      { name: 'x', expression: 'true' },
    );
    const drift = compareStates(state('migrations', [m]), state('database', [d]));
    expect(drift.map((x) => [x.kind, x.name])).toEqual([
      ['primary_key', null],
      ['index_changed', 'users_email_index'],
      ['missing_index', 'users_age_index'],
      ['extra_index', 'users_lower_email'],
      ['extra_check', 'x'],
    ]);
    expect(drift[0]!.expected).toBe('(id)');
    expect(drift[0]!.actual).toBe('(id, email)');
    expect(drift[1]!.actual).toBe('unique (email) where deleted_at IS NULL');
    expect(drift[3]!.actual).toBe('(lower(email::text)) using hash');
  });

  it('reports a changed check constraint', () => {
    const m = table('t', [], { check_constraints: [{ name: 'c', expression: 'a > 0' }] });
    const d = table('t', [], { check_constraints: [{ name: 'c', expression: 'a > 1' }] });
    expect(
      compareStates(state('migrations', [m]), state('database', [d])).map((x) => x.kind),
    ).toEqual(['check_changed']);
  });

  it('compares enum types', () => {
    const drift = compareStates(
      state(
        'migrations',
        [],
        [
          { name: 'mood', prefix: null, values: ['happy', 'sad'] },
          { name: 'gone', prefix: null, values: ['a'] },
        ],
      ),
      state(
        'database',
        [],
        [
          { name: 'mood', prefix: null, values: ['happy', 'sad', 'meh'] },
          { name: 'currency', prefix: 'billing', values: ['eur'] },
        ],
      ),
    );
    expect(drift.map((x) => [x.kind, x.table])).toEqual([
      ['enum_values', 'mood'],
      ['missing_enum', 'gone'],
      ['extra_enum', 'billing.currency'],
    ]);
  });

  it('compares enum columns of another schema by their qualified type name', () => {
    const currency = { name: 'currency', prefix: 'billing', values: ['eur', 'usd'] };
    const invoices = (c: Partial<ColumnState>) =>
      table('invoices', [col('currency', { null: false, ...c })], { prefix: 'billing' });
    const live = state(
      'database',
      [invoices({ type: ':currency', pg_type: 'billing.currency' })],
      [currency],
    );
    // `add :currency, :currency` (replayed as "currency") and `:"billing.currency"` (no pg_type).
    for (const migrated of [
      invoices({ type: ':currency', pg_type: 'currency' }),
      invoices({ type: ':"billing.currency"', pg_type: null }),
    ]) {
      expect(compareStates(state('migrations', [migrated], [currency]), live)).toEqual([]);
    }
    // The enum of the default schema wins for an unqualified name, as on PostgreSQL's search path.
    const publicCurrency = { name: 'currency', prefix: null, values: ['eur'] };
    const drift = compareStates(
      state(
        'migrations',
        [invoices({ type: ':currency', pg_type: 'currency' })],
        [currency, publicCurrency],
      ),
      state(
        'database',
        [invoices({ type: ':currency', pg_type: 'billing.currency' })],
        [currency, publicCurrency],
      ),
    );
    expect(drift.map((x) => [x.kind, x.expected, x.actual])).toEqual([
      ['column_type', 'currency', 'billing.currency'],
    ]);
  });

  it('names the states as asked', () => {
    const drift = compareStates(state('database', []), state('database', [users()]), {
      expected: 'staging',
      actual: 'production',
    });
    expect(drift[0]!.message).toBe('table users is in production but not in staging');
  });
});

describe('normalisation', () => {
  it('spells PostgreSQL type aliases one way', () => {
    expect(normalizePgType('varchar(20)')).toBe('character varying(20)');
    expect(normalizePgType('timestamptz')).toBe('timestamp with time zone');
    expect(normalizePgType('timestamp(0)')).toBe('timestamp(0) without time zone');
    expect(normalizePgType('int8')).toBe('bigint');
    expect(normalizePgType('public.mood')).toBe('mood');
    expect(normalizePgType('text')).toBe('text');
  });

  it('reads literal defaults in both spellings, and SQL as SQL', () => {
    expect(normalizeDefault('"it\'s"')).toBe(normalizeDefault("'it''s'::text"));
    expect(normalizeDefault("'5'::integer")).toBe('5');
    expect(normalizeDefault('(-1)')).toBe('-1');
    expect(normalizeDefault('TRUE')).toBe('true');
    expect(normalizeDefault('nil')).toBeNull();
    expect(normalizeDefault('CURRENT_TIMESTAMP')).toBe('now()');
    expect(normalizeDefault('gen_random_uuid()')).toBe('gen_random_uuid()');
    expect(normalizeDefault("'a'::text")).not.toBe(normalizeDefault("'b'::text"));
  });

  it('ignores case, spaces and outer parentheses outside string literals', () => {
    expect(normalizeSql('( Price >= 0 )')).toBe('price>=0');
    expect(normalizeSql("name = 'A B'")).toBe("name='A B'");
  });
});
