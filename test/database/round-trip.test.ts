/**
 * Round trip: a live database → introspection → the proposed model → the real schema generator
 * → the generated modules parsed back (tree-sitter, and real Elixir where installed) → their
 * model equals what the database says. The expectation is derived from the database state by
 * this test's own small rules, not from the proposal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../shared/database/introspect.js';
import { proposeModel } from '../../shared/database/propose.js';
import { withReadOnlySession } from '../../shared/database/session.js';
import { targetFromUrl } from '../../shared/database/target.js';
import { readSchemasFromSources, type ProjectSchema } from '../../shared/elixir/schemas.js';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { planPhoenixContexts } from '../../shared/generate/phoenix-context.js';
import type { ColumnState, DatabaseState, TableState } from '../../shared/model/database.js';
import { normalizeModel } from '../../shared/model/index.js';
import { projectReader } from '../../shared/plan/context.js';
import { assertElixirClean, itElixir } from '../support/elixir.js';
import { ADMIN_URL, createDatabase, dropDatabase, fixture } from './helpers.js';

const APP = { otp_app: 'shop', base_module: 'Shop', repo: 'Shop.Repo' };

/** The Ecto schema type a column should get, by PostgreSQL type alone. */
function expectedType(c: ColumnState, state: DatabaseState): string {
  const t = c.pg_type!;
  const e = state.enums.find((x) => (x.prefix ? `${x.prefix}.${x.name}` : x.name) === t);
  if (e) return 'Ecto.Enum';
  if (t.endsWith('[]'))
    return `{:array, ${expectedType({ ...c, pg_type: t.slice(0, -2) }, state)}}`;
  if (/^(character varying|text)/.test(t)) return ':string';
  if (/^(integer|bigint|smallint)$/.test(t)) return ':integer';
  if (t.startsWith('numeric')) return ':decimal';
  if (t === 'timestamp(0) without time zone') return ':naive_datetime';
  if (t === 'timestamp without time zone') return ':naive_datetime_usec';
  const simple: Record<string, string> = { boolean: ':boolean', jsonb: ':map', uuid: 'Ecto.UUID' };
  return simple[t] ?? `unexpected ${t}`;
}

const isKeyTable = (t: TableState) =>
  t.primary_key.length === 1 &&
  /^(bigint|integer|uuid)$/.test(t.columns.find((c) => c.name === t.primary_key[0])!.pg_type!);

describe.skipIf(!ADMIN_URL)('database → model → generated schemas → model', () => {
  let url: string;
  let state: DatabaseState;
  let files: { path: string; content: string }[];
  let contexts: { path: string; content: string }[];
  let read: ProjectSchema[];
  const tableOf = (s: ProjectSchema) => state.tables.find((t) => t.name === s.table)!;
  const moduleOf = (table: string) => read.find((s) => s.table === table)?.module;

  beforeAll(async () => {
    url = await createDatabase('roundtrip', await fixture('legacy.sql'));
    state = await withReadOnlySession(targetFromUrl(url, 'the test'), (s) =>
      introspect(s, { schemas: ['public', 'billing'] }),
    );
    const proposal = proposeModel(state, { context: 'Catalog' });
    const normalized = normalizeModel({ app: APP, schemas: proposal.schemas });
    expect(normalized.errors).toEqual([]);
    files = await planEctoSchemas(
      normalized.model!,
      {},
      { project: projectReader(null), warn: () => {} },
    );
    contexts = await planPhoenixContexts(
      normalized.model!,
      {},
      {
        project: projectReader(null),
        clock: () => new Date('2026-01-01T00:00:00Z'),
        warn: () => {},
        signal: new AbortController().signal,
        progress: async () => {},
      },
    );
    const parsed = await readSchemasFromSources(
      files.map((f) => ({ file: f.path, content: f.content })),
    );
    expect(parsed.skipped).toEqual([]);
    read = parsed.schemas;
  });
  afterAll(async () => {
    if (url) await dropDatabase(url);
  });

  it('generates one schema module per table but the join table, on its table and prefix', () => {
    expect(read.map((s) => [s.module, s.table, s.prefix ?? null]).sort()).toEqual([
      ['Shop.Billing.Invoice', 'invoices', 'billing'],
      ['Shop.Catalog.Category', 'categories', null],
      ['Shop.Catalog.Group', 'groups', null],
      ['Shop.Catalog.Order', 'orders', null],
      ['Shop.Catalog.OrderLine', 'order_lines', null],
      ['Shop.Catalog.Product', 'products', null],
      ['Shop.Catalog.User', 'users', null],
    ]);
  });

  it('gives each schema the primary key of its table, or none when the model has no such key', () => {
    for (const s of read) {
      const t = tableOf(s);
      if (!isKeyTable(t)) {
        expect(s.primary_key, s.module).toBe(false);
        continue;
      }
      const pk = t.columns.find((c) => c.name === t.primary_key[0])!;
      // The read-back also carries the key's literal options (autogenerate: true); name and type
      // are what the table decides.
      expect(s.primary_key, s.module).toMatchObject({
        name: pk.name,
        type: pk.pg_type === 'uuid' ? ':binary_id' : ':id',
      });
    }
  });

  it('maps every other column to a field of the right type or to its belongs_to', () => {
    for (const s of read) {
      const t = tableOf(s);
      const fields = new Map(s.fields.map((f) => [f.name, f]));
      const belongs = new Map(
        s.associations.filter((a) => a.kind === 'belongs_to').map((a) => [a.foreign_key, a]),
      );
      for (const c of t.columns) {
        if (isKeyTable(t) && c.name === t.primary_key[0]) continue;
        const ref = c.references;
        const target =
          ref && state.tables.find((x) => x.name === ref.table && x.prefix === ref.prefix);
        if (target && isKeyTable(target) && target.primary_key[0] === ref!.column) {
          expect(belongs.get(c.name)?.target, `${s.table}.${c.name}`).toBe(moduleOf(target.name));
          // belongs_to defines the key field, typed like the target's key.
          const keyType = target.columns.find((x) => x.name === ref!.column)!.pg_type;
          expect(fields.get(c.name)?.type).toBe(keyType === 'uuid' ? ':binary_id' : ':id');
          continue;
        }
        const f = fields.get(c.name);
        expect(f?.type, `${s.table}.${c.name}`).toBe(expectedType(c, state));
        if (f?.type === 'Ecto.Enum') {
          expect(f.values).toEqual(state.enums.find((e) => c.pg_type!.endsWith(e.name))!.values);
        }
      }
      const columns = t.columns.map((c) => c.name);
      expect(s.fields.filter((f) => !columns.includes(f.name))).toEqual([]);
    }
  });

  it('adds the inverse has_many/has_one of each foreign key and many_to_many for the join table', () => {
    const user = read.find((s) => s.table === 'users')!;
    const group = read.find((s) => s.table === 'groups')!;
    const order = read.find((s) => s.table === 'orders')!;
    const category = read.find((s) => s.table === 'categories')!;
    const kindNameTarget = ({ kind, name, target }: ProjectSchema['associations'][number]) => ({
      kind,
      name,
      target,
    });
    expect(user.associations.filter((a) => a.kind === 'many_to_many').map(kindNameTarget)).toEqual([
      { kind: 'many_to_many', name: 'groups', target: 'Shop.Catalog.Group' },
    ]);
    expect(group.associations.filter((a) => a.kind === 'many_to_many').map(kindNameTarget)).toEqual(
      [{ kind: 'many_to_many', name: 'users', target: 'Shop.Catalog.User' }],
    );
    expect(order.associations.map((a) => [a.kind, a.name, a.target])).toEqual(
      expect.arrayContaining([
        ['belongs_to', 'user', 'Shop.Catalog.User'],
        ['has_many', 'order_lines', 'Shop.Catalog.OrderLine'],
        ['has_one', 'invoice', 'Shop.Billing.Invoice'],
      ]),
    );
    expect(category.associations.map((a) => [a.kind, a.name, a.target])).toEqual(
      expect.arrayContaining([
        ['belongs_to', 'parent', 'Shop.Catalog.Category'],
        ['has_many', 'categories', 'Shop.Catalog.Category'],
        ['has_many', 'products', 'Shop.Catalog.Product'],
      ]),
    );
  });

  it('also gives the contexts, their tests and fixtures', () => {
    expect(contexts.map((f) => f.path).sort()).toEqual([
      'lib/shop/billing.ex',
      'lib/shop/catalog.ex',
      'test/shop/billing_test.exs',
      'test/shop/catalog_test.exs',
      'test/support/fixtures/billing_fixtures.ex',
      'test/support/fixtures/catalog_fixtures.ex',
    ]);
    expect(contexts.find((f) => f.path === 'lib/shop/catalog.ex')!.content).toContain(
      'def list_orders do',
    );
  });

  itElixir('the generated modules are valid, formatted Elixir', async () => {
    await assertElixirClean([...files, ...contexts]);
  });
});
