/**
 * The migrations of an evolution, read back: create migrations of a model, replayed by the
 * issue-18 reader (shared/elixir/migrations.ts), diff to nothing against that model; the alter
 * migrations of an evolved model, replayed after them, diff to nothing against the evolved model.
 * So what the diff writes is exactly what the reader reads, and re-running an evolution writes
 * nothing.
 */
import { describe, expect, it } from 'vitest';
import { alterMigrationName, renderAlterMigration } from '../../shared/evolve/alter-migration.js';
import { diffModel, hasChanges } from '../../shared/evolve/diff.js';
import { replaySources, type MigrationSource } from '../../shared/elixir/migrations.js';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import { collectRenames, type DatabaseState, type SchemaDef } from '../../shared/model/index.js';
import { projectReader } from '../../shared/plan/index.js';
import { migrationVersion } from '../../shared/view/ecto-migration/migration.exs.js';
import { app, evolve, model } from './helpers.js';

async function createSources(schemas: SchemaDef[]): Promise<MigrationSource[]> {
  const files = await planMigrations(
    model(schemas),
    {},
    {
      project: projectReader(null),
      clock: () => new Date('2026-01-01T00:00:00Z'),
      warn: () => {},
      signal: new AbortController().signal,
      progress: async () => {},
    },
  );
  return files.map((f) => ({ file: f.path, content: f.content }));
}

function alterSources(state: DatabaseState, now: SchemaDef[], at: number): MigrationSource[] {
  const diffs = evolve(state, now).filter(hasChanges);
  return diffs.map((d, i) => {
    const name = alterMigrationName(d);
    const v = migrationVersion(new Date(at + i * 1000));
    return {
      file: `priv/repo/migrations/${v}_${name}.exs`,
      content: renderAlterMigration(app, name, d),
    };
  });
}

function remaining(state: DatabaseState, now: SchemaDef[]) {
  const m = model(now);
  return diffModel(state, m, collectRenames(now, m).renames)
    .filter(hasChanges)
    .map((d) => ({ table: d.table, columns: d.columns, indexes: d.indexes, kind: d.kind }));
}

const user: SchemaDef = { module: 'Accounts.User', fields: [{ name: 'email', unique: true }] };
const post = (fields: SchemaDef['fields'], extra: Partial<SchemaDef> = {}): SchemaDef => ({
  module: 'Blog.Post',
  fields,
  ...extra,
});

const EVOLUTIONS: [string, SchemaDef[], SchemaDef[]][] = [
  [
    'fields added, removed, renamed, retyped, null and defaults changed',
    [
      user,
      post([
        { name: 'title', size: 100 },
        { name: 'body', type: 'text' },
        { name: 'views', type: 'integer', default: 0 },
        { name: 'status', default: 'draft' },
        { name: 'price', type: 'decimal', precision: 8, scale: 2 },
        { name: 'tags', type: 'array', inner: 'string', default: [] },
        { name: 'at', type: 'utc_datetime', required: false },
      ]),
    ],
    [
      user,
      post([
        { name: 'headline', size: 200, renamed_from: 'title' },
        { name: 'body', type: 'text', required: false },
        { name: 'status', default: 'new' },
        { name: 'price', type: 'decimal', precision: 12, scale: 2 },
        { name: 'tags', type: 'array', inner: 'string', default: ['x'] },
        { name: 'at', type: 'utc_datetime_usec', required: false },
        { name: 'rating', type: 'integer', default: 3 },
        { name: 'meta', type: 'map', required: false },
      ]),
    ],
  ],
  [
    'associations added, removed, on_delete changed; unique on and off',
    [
      user,
      { module: 'Blog.Tag', fields: [{ name: 'name' }] },
      post([{ name: 'slug', unique: true }, { name: 'code' }], {
        associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
      }),
    ],
    [
      user,
      { module: 'Blog.Tag', fields: [{ name: 'name', unique: true }] },
      post([{ name: 'slug' }, { name: 'code', unique: true, required: false }], {
        associations: [
          { kind: 'belongs_to', name: 'editor', target: 'Accounts.User', required: false },
        ],
      }),
    ],
  ],
  // Renaming a table renames its default-named indexes too (rename index(...), to: ...).
  [
    'binary_id keys, a prefix, a table renamed',
    [
      { ...user, primary_key: { type: 'binary_id' } },
      {
        module: 'Blog.Article',
        prefix: 'blog',
        primary_key: { type: 'binary_id' },
        fields: [{ name: 'slug', unique: true }],
        associations: [
          { kind: 'belongs_to', name: 'author', target: 'Accounts.User', required: false },
        ],
      },
    ],
    [
      { ...user, primary_key: { type: 'binary_id' } },
      post([{ name: 'handle', unique: true, renamed_from: 'slug' }], {
        prefix: 'blog',
        primary_key: { type: 'binary_id' },
        renamed_from: 'articles',
        associations: [
          {
            kind: 'belongs_to',
            name: 'author',
            target: 'Accounts.User',
            required: false,
            on_delete: 'nilify_all',
          },
        ],
      }),
    ],
  ],
];

async function roundTrip(before: SchemaDef[], after: SchemaDef[]) {
  const creates = await createSources(before);
  const state = await replaySources(creates);
  expect(state.warnings).toEqual([]);
  expect(remaining(state, before)).toEqual([]);

  const alters = alterSources(state, after, Date.parse('2026-02-01T00:00:00Z'));
  expect(alters.length).toBeGreaterThan(0);
  const evolved = await replaySources([...creates, ...alters]);
  expect(evolved.warnings).toEqual([]);
  expect(remaining(evolved, after)).toEqual([]);
  // Re-running the evolution writes nothing.
  expect(alterSources(evolved, after, Date.parse('2026-03-01T00:00:00Z'))).toEqual([]);
}

describe('evolution round trip through the migration reader', () => {
  it.each(EVOLUTIONS)('%s', (_name, before, after) => roundTrip(before, after));
});
