/**
 * Day two of a Phoenix 1.8 app with phx.gen.auth scopes, through the real SDK client: scoped
 * schemas (changeset/3 putting the scope key) read back as `scope`, round-trip to `unchanged`,
 * and evolve like unscoped ones — the schema patched in place (new fields before the scope key,
 * one put_change), scoped fixtures and describe blocks recognised as generated and brought to the
 * model, each file equal to what a fresh project gets for the new model.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SchemaDef } from '../../shared/model/index.js';
import { tempProject } from '../support/mcp.js';
import {
  regenerate,
  useScopedAuthConfig,
  servers,
  type GenOutput,
  type ReadBackOutput,
  type Servers,
} from '../read-back/helpers.js';

const V1: SchemaDef[] = [
  { module: 'Blog.Post', fields: [{ name: 'title' }] },
  {
    module: 'Blog.Comment',
    fields: [{ name: 'body', type: 'text' }],
    associations: [{ kind: 'belongs_to', name: 'post', target: 'Blog.Post' }],
  },
  { module: 'Blog.Tag', fields: [{ name: 'name', unique: true }], scope: false },
];
/** Post gains a body, Comment a rating; Tag stays unscoped. */
const V2: SchemaDef[] = [
  { module: 'Blog.Post', fields: [{ name: 'title' }, { name: 'body', type: 'text' }] },
  {
    module: 'Blog.Comment',
    fields: [
      { name: 'body', type: 'text' },
      { name: 'rating', type: 'integer', required: false },
    ],
    associations: [{ kind: 'belongs_to', name: 'post', target: 'Blog.Post' }],
  },
  V1[2]!,
];

const FILES = [
  'lib/my_app/blog/post.ex',
  'lib/my_app/blog/comment.ex',
  'lib/my_app/blog/tag.ex',
  'lib/my_app/blog.ex',
  'test/my_app/blog_test.exs',
  'test/support/fixtures/blog_fixtures.ex',
];

let project: { root: string; cleanup(): Promise<void> };
let s: Servers;
const spare: { root: string; cleanup(): Promise<void> }[] = [];

async function scopedProject(): Promise<{ root: string; cleanup(): Promise<void> }> {
  const p = await tempProject();
  await useScopedAuthConfig(p.root);
  return p;
}

beforeEach(async () => {
  project = await scopedProject();
  s = await servers(project.root);
});
afterEach(async () => {
  await s.close();
  await project.cleanup();
  for (const p of spare.splice(0)) await p.cleanup();
});

/** Each generator with on_conflict "update" (the default). */
const generate = (schemas: unknown[]) => regenerate(s, schemas, 'update');

const read = (root: string, rel: string) => readFile(path.join(root, rel), 'utf8');

describe('scoped schemas (Phoenix 1.8 scopes) on day two', () => {
  it('read back as scope, without the key field, and round-trip to unchanged', async () => {
    await generate(V1);
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    expect(back.modules.flatMap((m) => m.unsupported)).toEqual([]);
    expect(back.modules.flatMap((m) => m.disagreements)).toEqual([]);
    const byModule = new Map(back.schemas.map((x) => [x['module'], x]));
    expect(byModule.get('Blog.Post')).toMatchObject({ scope: 'user' });
    expect(byModule.get('Blog.Comment')).toMatchObject({ scope: 'user' });
    expect(byModule.get('Blog.Tag')).toMatchObject({ scope: false });
    const names = (m: string) =>
      (byModule.get(m)!['fields'] as { name: string }[]).map((f) => f.name);
    expect(names('Blog.Post')).toEqual(['title']);
    expect(names('Blog.Comment')).toEqual(['body']);
    // The scope key's index is the scope's, not an index of the model.
    expect(byModule.get('Blog.Post')!['indexes']).toBeUndefined();

    const migrations = await s.call<GenOutput>('generate_ecto_migration', {
      schemas: back.schemas,
      format: 'none',
      dry_run: true,
    });
    expect(migrations.files.filter((f) => f.action !== 'unchanged')).toEqual([]);
    for (const [tool, out] of Object.entries(await generate(back.schemas))) {
      expect(
        out.files.filter((f) => f.action !== 'unchanged'),
        tool,
      ).toEqual([]);
    }
  });

  it('evolve: the schema, fixtures and tests follow the model like a fresh generation', async () => {
    await generate(V1);
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    const edited = structuredClone(back.schemas) as unknown as SchemaDef[];
    edited.find((x) => x.module === 'Blog.Post')!.fields!.push({ name: 'body', type: 'text' });
    edited
      .find((x) => x.module === 'Blog.Comment')!
      .fields!.push({ name: 'rating', type: 'integer', required: false });
    const r = await generate(edited);
    const all = Object.values(r).flatMap((o) => o.warnings);
    expect(all.filter((w) => /changed by the user|left as is|no changeset/.test(w))).toEqual([]);
    expect(r['generate_ecto_schema']!.files.map((f) => [f.path, f.action]).sort()).toEqual([
      ['lib/my_app/blog/comment.ex', 'updated'],
      ['lib/my_app/blog/post.ex', 'updated'],
      ['lib/my_app/blog/tag.ex', 'unchanged'],
    ]);
    expect(r['generate_phoenix_context']!.files.map((f) => [f.path, f.action]).sort()).toEqual([
      ['lib/my_app/blog.ex', 'unchanged'],
      ['test/my_app/blog_test.exs', 'updated'],
      ['test/support/fixtures/blog_fixtures.ex', 'updated'],
    ]);
    const alters = r['generate_ecto_migration']!.files.filter((f) => f.action === 'created');
    expect(alters.map((f) => path.basename(f.path).replace(/^\d+_/, '')).sort()).toEqual([
      'add_body_to_posts.exs',
      'add_rating_to_comments.exs',
    ]);

    // A fresh project given the new model writes the same schema and context files.
    const other = await scopedProject();
    spare.push(other);
    const t = await servers(other.root);
    try {
      await regenerate(t, V2, 'update');
    } finally {
      await t.close();
    }
    for (const rel of FILES) {
      expect(await read(project.root, rel), rel).toBe(await read(other.root, rel));
    }
    const post = await read(project.root, 'lib/my_app/blog/post.ex');
    expect(post.match(/put_change\(:user_id, user_scope\.user\.id\)/g)).toHaveLength(1);
    expect(post).toContain('def changeset(post, attrs, user_scope) do');
  });

  it('a scoped changeset whose key matches no configured scope is reported, not guessed', async () => {
    await generate(V1);
    const config = path.join(project.root, 'config', 'config.exs');
    await writeFile(
      config,
      (await readFile(config, 'utf8')).replace(
        'access_path: [:user, :id]',
        'access_path: [:account, :id]',
      ),
    );
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    const post = back.modules.find((m) => m.module === 'MyApp.Blog.Post')!;
    expect(post.unsupported).toEqual([
      expect.objectContaining({
        what: 'put_change',
        reason: expect.stringContaining(
          'changeset/3 puts :user_id from user_scope.user.id, but no usable scope',
        ),
      }),
    ]);
    expect(post.unsupported[0]!.reason).toContain(
      ':user (schema_key :user_id, access_path [:account, :id])',
    );
    expect(post.model).not.toHaveProperty('scope');
  });

  it('an existing unscoped module is not silently turned into a scoped one', async () => {
    await generate([{ ...V1[0]!, scope: false }]);
    const r = await s.call<GenOutput>('generate_ecto_schema', {
      schemas: [{ module: 'Blog.Post', fields: [{ name: 'title' }, { name: 'body' }] }],
      format: 'none',
    });
    const post = await read(project.root, 'lib/my_app/blog/post.ex');
    expect(post).toContain('def changeset(post, attrs) do');
    expect(post).not.toContain('put_change');
    expect(r.warnings.join('\n')).toMatch(
      /changeset\/2 was left as is: the model's changeset is changeset\/3 \(scoped/,
    );
  });
});
