/**
 * Owned records on day two, through the real SDK client: a belongs_to whose foreign key the
 * changeset does not cast reads back as `owner: true`, the project round-trips to `unchanged`,
 * and evolving the model (a new field, a new many_to_many) updates the owner-shaped context
 * functions, fixtures and tests as generated pieces, each file equal to a fresh generation of
 * the new model; unscoped and scoped (Phoenix 1.8).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SchemaDef } from '../../shared/model/index.js';
import { tempProject } from '../support/mcp.js';
import {
  regenerate,
  useScopedAuthConfig,
  servers,
  type ReadBackOutput,
  type Servers,
} from '../read-back/helpers.js';

const post: SchemaDef = { module: 'Blog.Post', fields: [{ name: 'title' }] };
const tag: SchemaDef = { module: 'Blog.Tag', fields: [{ name: 'name' }] };
const V1: SchemaDef[] = [
  post,
  {
    module: 'Blog.Comment',
    fields: [{ name: 'body', type: 'text' }],
    associations: [{ kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: true }],
  },
  tag,
];
/** The same schemas, the belongs_to an ordinary (cast) key. */
const PLAIN: SchemaDef[] = V1.map((x) => ({
  ...x,
  ...(x.associations === undefined
    ? {}
    : { associations: x.associations.map((a) => ({ ...a, owner: false })) }),
}));
/** Comment gains a rating and tags (create_/update_ change shape). */
const V2: SchemaDef[] = [
  post,
  {
    module: 'Blog.Comment',
    fields: [
      { name: 'body', type: 'text' },
      { name: 'rating', type: 'integer', required: false },
    ],
    associations: [
      { kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: true },
      { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag' },
    ],
  },
  tag,
];

const FILES = [
  'lib/my_app/blog/post.ex',
  'lib/my_app/blog/comment.ex',
  'lib/my_app/blog/tag.ex',
  'lib/my_app/blog.ex',
  'test/my_app/blog_test.exs',
  'test/support/fixtures/blog_fixtures.ex',
];

type Project = { root: string; cleanup(): Promise<void> };
const open: { project: Project; s: Servers }[] = [];

async function start(scoped: boolean): Promise<{ project: Project; s: Servers }> {
  const project = await tempProject();
  if (scoped) await useScopedAuthConfig(project.root);
  const s = await servers(project.root);
  open.push({ project, s });
  return { project, s };
}

afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.s.close();
    await o.project.cleanup();
  }
});

const generate = (s: Servers, schemas: unknown[]) => regenerate(s, schemas, 'update');

const read = (root: string, rel: string) => readFile(path.join(root, rel), 'utf8');

describe.each([
  ['unscoped', false],
  ['scoped', true],
])('owner belongs_to on day two (%s)', (_name, scoped) => {
  it('reads back as owner: true and round-trips to unchanged', async () => {
    const { s } = await start(scoped);
    await generate(s, V1);
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    expect(back.modules.flatMap((m) => m.unsupported)).toEqual([]);
    expect(back.modules.flatMap((m) => m.disagreements)).toEqual([]);
    const comment = back.schemas.find((x) => x['module'] === 'Blog.Comment')!;
    expect(comment['associations']).toEqual([
      expect.objectContaining({ kind: 'belongs_to', name: 'post', owner: true, required: true }),
    ]);
    for (const [tool, out] of Object.entries(await generate(s, back.schemas))) {
      expect(
        out.files.filter((f) => f.action !== 'unchanged'),
        tool,
      ).toEqual([]);
    }
  });

  it('evolves: owner-shaped functions, fixtures and tests are updated like a fresh generation', async () => {
    const { project, s } = await start(scoped);
    await generate(s, V1);
    const back = await s.call<ReadBackOutput>('list_ecto_schemas', {});
    const edited = structuredClone(back.schemas) as unknown as SchemaDef[];
    const comment = edited.find((x) => x.module === 'Blog.Comment')!;
    comment.fields!.push({ name: 'rating', type: 'integer', required: false });
    comment.associations!.push({ kind: 'many_to_many', name: 'tags', target: 'Blog.Tag' });
    const r = await generate(s, edited);
    const all = Object.values(r).flatMap((o) => o.warnings);
    expect(all.filter((w) => /changed by the user|left as is|edited/.test(w))).toEqual([]);
    expect(r['generate_phoenix_context']!.files.map((f) => [f.path, f.action]).sort()).toEqual([
      ['lib/my_app/blog.ex', 'updated'],
      ['test/my_app/blog_test.exs', 'updated'],
      ['test/support/fixtures/blog_fixtures.ex', 'updated'],
    ]);

    const fresh = await start(scoped);
    await generate(fresh.s, V2);
    for (const rel of FILES.filter((f) => f !== 'lib/my_app/blog.ex')) {
      expect(await read(project.root, rel), rel).toBe(await read(fresh.project.root, rel));
    }
    // The context's functions are those of a fresh generation; where the patcher appends the
    // new many_to_many helper is not about owners, so only the owner's functions are compared.
    const ctx = await read(project.root, 'lib/my_app/blog.ex');
    const fn = (name: string, text: string) =>
      new RegExp(`\\n  def ${name}\\(.*?\\n  end\\n`, 's').exec(text)?.[0];
    const freshCtx = await read(fresh.project.root, 'lib/my_app/blog.ex');
    for (const name of ['create_comment', 'update_comment', 'change_comment']) {
      expect(fn(name, freshCtx), name).toBeDefined();
      expect(fn(name, ctx), name).toBe(fn(name, freshCtx));
    }
    // The appended many_to_many helper names the target by its alias, as a fresh file does.
    const helper = (text: string) => /\n {2}defp put_comment_tags\(.*?\n {2}end\n/s.exec(text)?.[0];
    expect(helper(freshCtx)).toBeDefined();
    expect(helper(ctx)).toBe(helper(freshCtx));
    expect(fn('create_comment', ctx)).toContain('%Comment{post_id: post.id}');
    expect(fn('create_comment', ctx)).toContain('|> put_comment_tags(attrs)');
  });

  it.each([
    ['marked owner later', PLAIN, V1],
    ['no longer the owner', V1, PLAIN],
  ])("a belongs_to %s: every piece is the tool's and follows the model", async (_n, from, to) => {
    const { project, s } = await start(scoped);
    await generate(s, from);
    const r = await generate(s, to);
    const all = Object.values(r).flatMap((o) => o.warnings);
    expect(all.filter((w) => /changed by the user|left as is|differs/.test(w))).toEqual([]);
    // create_ changed arity: its callers must change too, and the answer says so.
    const n = scoped ? 2 : 1;
    const [was, now] = from === PLAIN ? [n, n + 1] : [n + 1, n];
    expect(all.filter((w) => w.includes('Update its callers'))).toEqual([
      expect.stringContaining(`MyApp.Blog.create_comment/${was} is now create_comment/${now}`),
    ]);
    expect(r['generate_phoenix_context']!.files.map((f) => f.action)).toEqual([
      'updated',
      'updated',
      'updated',
    ]);
    expect(r['generate_ecto_migration']!.files.filter((f) => f.action !== 'unchanged')).toEqual([]);
    const fresh = await start(scoped);
    await generate(fresh.s, to);
    for (const rel of FILES) {
      expect(await read(project.root, rel), rel).toBe(await read(fresh.project.root, rel));
    }
  });

  it('an owner fixture the user edited is reported and kept', async () => {
    const { project, s } = await start(scoped);
    await generate(s, V1);
    const rel = 'test/support/fixtures/blog_fixtures.ex';
    const edited = (await read(project.root, rel)).replace(
      '      |> Map.pop_lazy(:post,',
      '      |> Map.put(:body, "mine")\n      |> Map.pop_lazy(:post,',
    );
    expect(edited).toContain('"mine"');
    await writeFile(path.join(project.root, rel), edited);
    const r = await generate(s, V2);
    expect(r['generate_phoenix_context']!.warnings.join('\n')).toMatch(
      /comment_fixture\/[12] was changed by the user: left as is/,
    );
    expect(await read(project.root, rel)).toContain('|> Map.put(:body, "mine")');
  });
});
