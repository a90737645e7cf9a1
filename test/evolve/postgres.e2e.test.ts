/**
 * Opt-in end to end: an evolution on a populated PostgreSQL database. The create migrations of a
 * model run, rows are inserted, the alter migrations of the evolved model run on those rows, the
 * data is checked (renamed columns keep their values, no row lost), then every migration is
 * rolled back and run again.
 *
 * Needs a Mix project whose deps (ecto_sql, postgrex) are compiled and whose repo MyApp.Repo
 * reaches a PostgreSQL server, with `database:` taking HARNESS_DB_SUFFIX (as
 * /work/harness/template of the development machine does). Runs only when
 * PHX_GEN_MCP_EVOLVE_TEMPLATE names that project; it is copied to a temp dir, never changed.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alterMigrationName, renderAlterMigration } from '../../shared/evolve/alter-migration.js';
import { hasChanges } from '../../shared/evolve/diff.js';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import type { SchemaDef } from '../../shared/model/index.js';
import { projectReader } from '../../shared/plan/index.js';
import { migrationVersion } from '../../shared/view/ecto-migration/migration.exs.js';
import { app, evolve, model } from './helpers.js';

const TEMPLATE = process.env.PHX_GEN_MCP_EVOLVE_TEMPLATE;

const user = (fields: SchemaDef['fields']): SchemaDef => ({ module: 'Accounts.User', fields });

const BEFORE: SchemaDef[] = [
  user([{ name: 'email', unique: true }, { name: 'name' }]),
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title', size: 100 },
      { name: 'body', type: 'text' },
      { name: 'views', type: 'integer', default: 0 },
      { name: 'status', default: 'draft' },
      { name: 'slug', unique: true },
      { name: 'subtitle', required: false },
    ],
    associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
  },
  { module: 'Blog.Tag', fields: [{ name: 'name' }] },
];

const AFTER: SchemaDef[] = [
  user([{ name: 'email' }, { name: 'full_name', renamed_from: 'name' }]),
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title', size: 200 },
      { name: 'body', type: 'text', required: false },
      { name: 'status', default: 'new' },
      { name: 'handle', unique: true, renamed_from: 'slug' },
      { name: 'subtitle' },
      { name: 'rating', type: 'integer', default: 3 },
      { name: 'summary' },
    ],
    associations: [
      { kind: 'belongs_to', name: 'author', target: 'Accounts.User', on_delete: 'delete_all' },
      { kind: 'belongs_to', name: 'editor', target: 'Accounts.User', required: false },
    ],
  },
  { module: 'Blog.Label', renamed_from: 'tags', fields: [{ name: 'name', unique: true }] },
];

const SEED = `
q = fn sql -> Ecto.Adapters.SQL.query!(MyApp.Repo, sql, []) end
q.("INSERT INTO users (email, name, inserted_at, updated_at) VALUES ('a@x', 'Ann', now(), now()), ('b@x', 'Bob', now(), now())")
q.("INSERT INTO posts (title, body, slug, subtitle, author_id, inserted_at, updated_at) SELECT 'T' || id, 'B', 's' || id, 'sub', id, now(), now() FROM users")
q.("INSERT INTO posts (title, body, slug, subtitle, author_id, inserted_at, updated_at) SELECT 'U' || id, 'B', 'u' || id, 'sub', id, now(), now() FROM users WHERE email = 'a@x'")
q.("INSERT INTO tags (name, inserted_at, updated_at) VALUES ('x', now(), now()), ('y', now(), now())")
`;

const CHECK = `
q = fn sql -> Ecto.Adapters.SQL.query!(MyApp.Repo, sql, []).rows end
IO.puts("users=" <> inspect(q.("SELECT email, full_name FROM users ORDER BY email")))
IO.puts("posts=" <> inspect(q.("SELECT handle, rating, summary, status FROM posts ORDER BY handle")))
IO.puts("labels=" <> inspect(q.("SELECT count(*) FROM labels")))
IO.puts("columns=" <> inspect(q.("SELECT column_name || ':' || data_type || ':' || is_nullable FROM information_schema.columns WHERE table_name = 'posts' ORDER BY column_name")))
IO.puts("indexes=" <> inspect(q.("SELECT indexname FROM pg_indexes WHERE tablename IN ('users', 'posts', 'labels') ORDER BY indexname")))
`;

/** What PostgreSQL reports after the evolution. */
const LIST: Record<string, string[][]> = {
  columns: [
    'author_id:bigint:NO',
    'body:text:YES',
    'editor_id:bigint:YES',
    'handle:character varying:NO',
    'id:bigint:NO',
    'inserted_at:timestamp without time zone:NO',
    'rating:integer:NO',
    'status:character varying:NO',
    'subtitle:character varying:NO',
    'summary:character varying:YES',
    'title:character varying:NO',
    'updated_at:timestamp without time zone:NO',
  ].map((c) => [c]),
  indexes: [
    'labels_name_index',
    'posts_author_id_index',
    'posts_editor_id_index',
    'posts_handle_index',
    'posts_pkey',
    'tags_pkey',
    'users_pkey',
  ].map((c) => [c]),
};

let work: string;
let suffix: string;
beforeAll(async () => {
  if (!TEMPLATE) return;
  work = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-evolve-'));
  suffix = `_evolve_${process.pid}`;
  await cp(TEMPLATE, work, { recursive: true });
});
afterAll(async () => {
  if (!work) return;
  await mix(['ecto.drop', '--quiet']).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

async function mix(args: string[]) {
  const r = await execa('mix', args, {
    cwd: work,
    env: { MIX_ENV: 'dev', HARNESS_DB_SUFFIX: suffix, LANG: 'C.UTF-8' },
    reject: false,
    stdin: 'ignore',
    timeout: 300_000,
  });
  expect(r.exitCode, `mix ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

async function write(rel: string, content: string) {
  await mkdir(path.dirname(path.join(work, rel)), { recursive: true });
  await writeFile(path.join(work, rel), content);
}

describe.skipIf(!TEMPLATE)('an evolution on a populated PostgreSQL database', () => {
  it('migrates with the rows in place, keeps renamed data, rolls back and migrates again', async () => {
    const ctx = {
      project: projectReader(work),
      clock: () => new Date('2026-01-01T00:00:00Z'),
      warn: () => {},
      signal: new AbortController().signal,
      progress: async () => {},
    };
    for (const f of await planMigrations(model(BEFORE), {}, ctx)) await write(f.path, f.content);
    await mix(['ecto.drop', '--quiet']);
    await mix(['ecto.create', '--quiet']);
    await mix(['ecto.migrate', '--quiet']);
    await mix(['run', '-e', SEED]);

    let at = Date.parse('2026-02-01T00:00:00Z');
    const diffs = evolve(BEFORE, AFTER).filter(hasChanges);
    expect(diffs.map((d) => d.table)).toEqual(['users', 'posts', 'labels']);
    for (const d of diffs) {
      const name = alterMigrationName(d);
      const version = migrationVersion(new Date((at += 1000)));
      await write(
        `priv/repo/migrations/${version}_${name}.exs`,
        renderAlterMigration(app, name, d),
      );
    }
    await mix(['ecto.migrate', '--quiet']);
    const out = await mix(['run', '-e', CHECK]);
    expect(out).toContain('users=[["a@x", "Ann"], ["b@x", "Bob"]]');
    // Renamed columns keep their values; the new NOT NULL column got its default in every row;
    // the required column without a default was added nullable.
    expect(out).toMatch(
      /posts=\[\["s\d+", 3, nil, "draft"\], \["s\d+", 3, nil, "draft"\], \["u\d+", 3, nil, "draft"\]\]/,
    );
    expect(out).toContain('labels=[[2]]');
    const rows = (key: string) =>
      JSON.stringify(LIST[key]).replaceAll('","', '", "').replaceAll('],[', '], [');
    expect(out).toContain(`columns=${rows('columns')}`);
    // PostgreSQL keeps a renamed table's primary key name (tags_pkey).
    expect(out).toContain(`indexes=${rows('indexes')}`);

    await mix(['ecto.rollback', '--all', '--quiet']);
    await mix(['ecto.migrate', '--quiet']);
  }, 600_000);
});
