/**
 * Introspection against a real PostgreSQL (test/global-setup.ts starts a private cluster, or CI
 * gives PHX_GEN_MCP_TEST_DATABASE_URL): the legacy fixture read into the state, read-only
 * enforcement, and the errors a person meets.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../shared/database/introspect.js';
import { assertReadOnlyStatement, withReadOnlySession } from '../../shared/database/session.js';
import { targetFromUrl } from '../../shared/database/target.js';
import type { DatabaseState, TableState } from '../../shared/model/database.js';
import { ADMIN_URL, createDatabase, dropDatabase, fixture, urlFor } from './helpers.js';

const read = (url: string, schemas = ['public', 'billing']) =>
  withReadOnlySession(targetFromUrl(url, 'the test'), (s) => introspect(s, { schemas }));

describe.skipIf(!ADMIN_URL)('introspecting the legacy fixture', () => {
  let url: string;
  let state: DatabaseState;
  const t = (name: string, prefix: string | null = null): TableState =>
    state.tables.find((x) => x.name === name && x.prefix === prefix)!;
  const c = (table: TableState, name: string) => table.columns.find((x) => x.name === name)!;

  beforeAll(async () => {
    url = await createDatabase('introspect', await fixture('legacy.sql'));
    state = await read(url);
  });
  afterAll(async () => {
    if (url) await dropDatabase(url);
  });

  it('reads every table of both schemas, ordered, without schema_migrations', () => {
    expect(state.source).toBe('database');
    expect(state.tables.map((x) => (x.prefix ? `${x.prefix}.${x.name}` : x.name))).toEqual([
      'categories',
      'groups',
      'groups_users',
      'order_lines',
      'orders',
      'products',
      'users',
      'billing.invoices',
    ]);
    expect(state.warnings).toEqual([]);
  });

  it('reads columns with Ecto and PostgreSQL types, null, defaults, size, precision, scale', () => {
    expect(c(t('users'), 'id')).toMatchObject({
      type: ':bigserial',
      pg_type: 'bigint',
      null: false,
      default: null,
      primary_key: true,
    });
    expect(c(t('users'), 'name')).toMatchObject({
      type: ':string',
      pg_type: 'character varying(100)',
      size: 100,
      null: true,
    });
    expect(c(t('users'), 'admin')).toMatchObject({
      type: ':boolean',
      default: 'false',
      null: false,
    });
    expect(c(t('users'), 'inserted_at')).toMatchObject({
      type: ':naive_datetime',
      pg_type: 'timestamp(0) without time zone',
      precision: null,
    });
    expect(c(t('products'), 'price')).toMatchObject({
      type: ':decimal',
      pg_type: 'numeric(10,2)',
      precision: 10,
      scale: 2,
    });
    expect(c(t('products'), 'tags')).toMatchObject({
      type: '{:array, :text}',
      pg_type: 'text[]',
      default: "'{}'::text[]",
    });
    expect(c(t('products'), 'deleted_at')).toMatchObject({
      type: ':naive_datetime_usec',
      pg_type: 'timestamp without time zone',
    });
    expect(c(t('products'), 'metadata')).toMatchObject({ type: ':map', pg_type: 'jsonb' });
    expect(c(t('orders'), 'status')).toMatchObject({
      type: ':order_status',
      pg_type: 'order_status',
      default: "'pending'::order_status",
    });
    expect(c(t('invoices', 'billing'), 'currency')).toMatchObject({
      type: ':currency',
      pg_type: 'billing.currency',
    });
    expect(c(t('categories'), 'id')).toMatchObject({ type: ':uuid', default: 'gen_random_uuid()' });
  });

  it('reads composite, non-id and UUID primary keys', () => {
    expect(t('order_lines').primary_key).toEqual(['order_id', 'line_no']);
    expect(t('products').primary_key).toEqual(['sku']);
    expect(t('groups').primary_key).toEqual(['id']);
    expect(c(t('order_lines'), 'line_no').primary_key).toBe(true);
    expect(c(t('order_lines'), 'quantity').primary_key).toBe(false);
  });

  it('reads foreign keys with their actions, across schemas and to the same table', () => {
    expect(c(t('orders'), 'user_id').references).toEqual({
      table: 'users',
      column: 'id',
      prefix: null,
      name: 'orders_user_id_fkey',
      on_delete: 'restrict',
      on_update: 'update_all',
    });
    expect(c(t('categories'), 'parent_id').references).toMatchObject({
      table: 'categories',
      on_delete: 'delete_all',
    });
    expect(c(t('products'), 'category_id').references).toMatchObject({
      on_delete: 'nilify_all',
      on_update: 'nothing',
    });
    expect(c(t('order_lines'), 'product_sku').references).toMatchObject({
      table: 'products',
      column: 'sku',
    });
    expect(c(t('invoices', 'billing'), 'order_id').references).toMatchObject({
      table: 'orders',
      prefix: null,
      on_delete: 'nothing',
    });
  });

  it('reads indexes (partial ones with their WHERE, not the primary key) and check constraints', () => {
    expect(t('products').indexes).toEqual([
      {
        name: 'products_title_live_index',
        columns: ['title'],
        unique: true,
        where: 'deleted_at IS NULL',
        using: null,
      },
    ]);
    expect(t('orders').indexes.map((i) => [i.name, i.columns, i.unique])).toEqual([
      ['orders_user_id_index', ['user_id'], false],
      ['orders_user_id_placed_at_index', ['user_id', 'placed_at'], false],
    ]);
    expect(t('products').check_constraints).toEqual([
      { name: 'price_not_negative', expression: 'price >= 0::numeric' },
    ]);
  });

  it('reads enum types of the schemas read, values in order', () => {
    expect(state.enums).toEqual([
      { name: 'currency', prefix: 'billing', values: ['eur', 'usd'] },
      { name: 'order_status', prefix: null, values: ['pending', 'paid', 'shipped'] },
    ]);
  });

  it('reads only the schemas asked for', async () => {
    const billing = await read(url, ['billing']);
    expect(billing.tables.map((x) => x.name)).toEqual(['invoices']);
    expect(billing.enums.map((e) => e.name)).toEqual(['currency']);
  });

  it('names the schemas that exist when one asked for does not', async () => {
    await expect(read(url, ['public', 'nope'])).rejects.toThrow(
      'The database has no schema "nope"; its schemas are "billing", "public".',
    );
  });

  it('keeps what the state cannot hold as warnings naming the table', async () => {
    const odd = await createDatabase(
      'odd',
      `CREATE TABLE a (x int, y int, PRIMARY KEY (x, y));
       CREATE TABLE b (id serial PRIMARY KEY, x int, y int, FOREIGN KEY (x, y) REFERENCES a (x, y),
         z int GENERATED ALWAYS AS (x + 1) STORED);`,
    );
    try {
      const s = await read(odd, ['public']);
      expect(s.warnings.map((w) => [w.tables, w.message])).toEqual([
        [
          ['b'],
          'b: foreign key b_x_y_fkey (x, y) → public.a(x, y) has several columns; the state keeps single-column references only.',
        ],
        [['b'], 'b: column z is generated ((x + 1)); its expression is kept as the default.'],
      ]);
      expect(s.tables[1]!.columns[0]).toMatchObject({
        name: 'id',
        type: ':serial',
        pg_type: 'integer',
      });
    } finally {
      await dropDatabase(odd);
    }
  });
});

describe.skipIf(!ADMIN_URL)('a read-only session', () => {
  let url: string;
  beforeAll(async () => {
    url = await createDatabase('readonly', 'CREATE TABLE t (id int); CREATE SEQUENCE s');
  });
  afterAll(async () => {
    if (url) await dropDatabase(url);
  });

  it('refuses any statement but SELECT/WITH/SHOW before sending it', async () => {
    for (const sql of [
      'CREATE TABLE x (id int)',
      'INSERT INTO t VALUES (1)',
      'SELECT 1; DROP TABLE t',
      'delete from t',
    ]) {
      expect(() => assertReadOnlyStatement(sql)).toThrow('Refusing to send');
    }
    expect(() => assertReadOnlyStatement("SELECT ';' AS semicolon")).not.toThrow();
    await expect(
      withReadOnlySession(targetFromUrl(url, 'the test'), (s) => s.query('DROP TABLE t')),
    ).rejects.toThrow('Refusing to send a statement that is not a single SELECT/WITH/SHOW');
  });

  it('runs in a read-only transaction: even a writing function fails in the server', async () => {
    const result = withReadOnlySession(targetFromUrl(url, 'the test'), async (s) => {
      const [ro] = await s.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
      expect(ro!.transaction_read_only).toBe('on');
      // A SELECT that writes (through a function) is still refused by PostgreSQL.
      return s.query("SELECT nextval('s')");
    });
    await expect(result).rejects.toThrow('cannot execute nextval() in a read-only transaction');
    const tables = await withReadOnlySession(targetFromUrl(url, 'the test'), (s) =>
      s.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_class WHERE relname = 'x'"),
    );
    expect(tables[0]!.n).toBe('0');
  });

  it('applies the statement timeout', async () => {
    await expect(
      withReadOnlySession(targetFromUrl(url, 'the test'), (s) => s.query('SELECT pg_sleep(2)'), {
        statementTimeoutMs: 100,
      }),
    ).rejects.toThrow(/took longer than the statement timeout \(100 ms\)/);
  });
});

describe.skipIf(!ADMIN_URL)('connection errors are clear and never show the password', () => {
  const password = new URL(ADMIN_URL ?? 'postgres://x@y/z').password;
  const failWith = async (url: string, opts = {}) => {
    const err = await withReadOnlySession(targetFromUrl(url, 'the test'), async () => 1, opts).then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as Error & { kind: string },
    );
    expect(err.message).not.toContain(password);
    expect(err.message).not.toMatch(/postgres:\/\/[^*]/);
    return err;
  };

  it('an unreachable server', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await failWith(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(
      `Cannot reach PostgreSQL at 127.0.0.1:${port}/postgres (ECONNREFUSED). Check that the server is running and that host and port are right (from the test).`,
    );
  });

  it('a server that accepts the connection and never answers', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const err = await failWith(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, {
        connectTimeoutMs: 300,
      });
      expect(err.kind).toBe('unreachable');
      expect(err.message).toBe(
        `No answer from PostgreSQL at 127.0.0.1:${port}/postgres within 300 ms. Check host, port and firewalls (from the test).`,
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('bad credentials', async () => {
    const url = new URL(ADMIN_URL!);
    url.password = 'wrong-password';
    const err = await failWith(url.href);
    expect(err.kind).toBe('authentication');
    expect(err.message).toContain('refused the credentials from the test (authentication failed)');
    expect(err.message).not.toContain('wrong-password');
  });

  it('a missing database', async () => {
    const err = await failWith(urlFor('no_such_db'));
    expect(err.kind).toBe('missing_database');
    expect(err.message).toMatch(
      /^The database "no_such_db" does not exist on the server at 127\.0\.0\.1:\d+\. Create it/,
    );
  });

  it('a server older than the oldest supported', async () => {
    const err = await failWith(ADMIN_URL!, { minServerVersion: 990000 });
    expect(err.kind).toBe('old_server');
    expect(err.message).toMatch(/is version \d+\.\d+; introspection needs PostgreSQL 99 or newer/);
  });
});
