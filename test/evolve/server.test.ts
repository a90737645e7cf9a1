/**
 * generate_ecto_migration with on_conflict "update", through the real SDK client: the migrations
 * it wrote before are replayed, and only what changed gets a new migration; an existing migration
 * file is never rewritten; destructive changes are refused (no elicitation here) unless allowed.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-migration/server.js';
import type { SchemaDef } from '../../shared/model/index.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

interface Output {
  files: { path: string; action: string; content?: string }[];
  warnings: string[];
}

const DIR = 'priv/repo/migrations';
let now: number;
let project: { root: string; cleanup(): Promise<void> };
let c: Connected;

beforeEach(async () => {
  now = Date.parse('2024-05-01T12:00:00Z');
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [], clock: () => new Date(now) }), {
    roots: [project.root],
  });
});
afterEach(async () => {
  await c.close();
  await project.cleanup();
});

async function call(schemas: SchemaDef[], extra: Record<string, unknown> = {}) {
  now += 60_000;
  return c.client.callTool({
    name: 'generate_ecto_migration',
    arguments: { schemas, format: 'none', on_conflict: 'update', ...extra },
  });
}

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(path.join(project.root, DIR))).sort()) {
    out[f] = await readFile(path.join(project.root, DIR, f), 'utf8');
  }
  return out;
}

const V1: SchemaDef[] = [
  {
    module: 'Blog.Post',
    fields: [{ name: 'title' }, { name: 'views', type: 'integer', default: 0 }],
  },
];
const V2: SchemaDef[] = [
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title' },
      { name: 'views', type: 'integer', default: 0 },
      { name: 'slug', required: false, unique: true },
    ],
  },
];
const V3: SchemaDef[] = [{ module: 'Blog.Post', fields: [{ name: 'title' }] }];

describe('generate_ecto_migration on_conflict "update"', () => {
  it('creates, then writes nothing for the same model, then one migration per change', async () => {
    expect(structured<Output>(await call(V1)).files.map((f) => f.action)).toEqual(['created']);
    const first = await snapshot();

    expect(structured<Output>(await call(V1)).files).toEqual([]);
    expect(await snapshot()).toEqual(first);

    const r = structured<Output>(await call(V2));
    expect(r.files).toEqual([
      { path: `${DIR}/20240501120300_add_slug_to_posts.exs`, action: 'created' },
    ]);
    const second = await snapshot();
    for (const [f, content] of Object.entries(first)) expect(second[f]).toBe(content);
    expect(second['20240501120300_add_slug_to_posts.exs']).toBe(
      `defmodule MyApp.Repo.Migrations.AddSlugToPosts do
  use Ecto.Migration

  def change do
    alter table(:posts) do
      add :slug, :string
    end

    create unique_index(:posts, [:slug])
  end
end
`,
    );
    expect(structured<Output>(await call(V2)).files).toEqual([]);
  });

  it('refuses a destructive change, listing it, and writes nothing', async () => {
    await call(V1);
    const before = await snapshot();
    const r = await call(V3);
    expect(r.isError).toBe(true);
    expect(errorText(r)).toContain(
      '- posts.views: drop column views: every value of posts.views is deleted; a rollback re-adds the column but not its values',
    );
    expect(await snapshot()).toEqual(before);
    expect(c.logs?.()).toContain('Nothing was written: 1 destructive change(s) need confirmation');
  });

  it('applies it with allow_destructive, with a remove a rollback can undo', async () => {
    await call(V1);
    const r = structured<Output>(await call(V3, { allow_destructive: true }));
    expect(r.files.map((f) => f.path)).toEqual([
      `${DIR}/20240501120200_remove_views_from_posts.exs`,
    ]);
    const files = await snapshot();
    expect(files['20240501120200_remove_views_from_posts.exs']).toContain(
      'remove :views, :integer, default: 0, null: false',
    );
  });

  it('names the destructive changes in a dry run and writes nothing', async () => {
    await call(V1);
    const before = await snapshot();
    const r = structured<Output>(await call(V3, { dry_run: true }));
    expect(r.files.map((f) => [f.action, f.path])).toEqual([
      ['created', `${DIR}/20240501120200_remove_views_from_posts.exs`],
    ]);
    expect(r.warnings.join('\n')).toContain('Destructive changes');
    expect(await snapshot()).toEqual(before);
  });

  it('says when a required column is added nullable', async () => {
    await call(V1);
    const r = structured<Output>(
      await call([{ module: 'Blog.Post', fields: [...V1[0]!.fields!, { name: 'summary' }] }]),
    );
    expect(r.warnings).toEqual([
      expect.stringContaining(
        'posts.summary is required but has no default, so it is added as a nullable column',
      ),
    ]);
  });
});
