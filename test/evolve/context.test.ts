/**
 * generate_phoenix_context with on_conflict "update" (the default), through the real SDK client:
 * generated fixtures and describe blocks follow the model, hand-edited ones are kept and
 * reported, and the same model on another day changes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/phoenix-context/server.js';
import type { SchemaDef } from '../../shared/model/index.js';
import { connect, structured, tempProject, type Connected } from '../support/mcp.js';

interface Output {
  files: { path: string; action: string; content?: string; diff?: string }[];
  warnings: string[];
}

const TEST = 'test/my_app/blog_test.exs';
const FIXTURES = 'test/support/fixtures/blog_fixtures.ex';
const CONTEXT = 'lib/my_app/blog.ex';

const AUTHOR: SchemaDef = { module: 'Blog.Author', fields: [{ name: 'name' }] };
/** First in its context, so its fixture and functions follow the module's @moduledoc. */
const TAG: SchemaDef = { module: 'Blog.Tag', fields: [{ name: 'label' }] };
const V1: SchemaDef[] = [
  TAG,
  AUTHOR,
  {
    module: 'Blog.Post',
    fields: [
      { name: 'title' },
      { name: 'body', type: 'text' },
      { name: 'views', type: 'integer' },
      { name: 'published_on', type: 'date' },
    ],
  },
];
/** headline renamed from title, body optional, views gone, a unique slug, a required author. */
const V2: SchemaDef[] = [
  { module: 'Blog.Tag', fields: [{ name: 'label' }, { name: 'color', required: false }] },
  AUTHOR,
  {
    module: 'Blog.Post',
    fields: [
      { name: 'headline', renamed_from: 'title' },
      { name: 'body', type: 'text', required: false },
      { name: 'published_on', type: 'date' },
      { name: 'slug', unique: true },
    ],
    associations: [{ kind: 'belongs_to', name: 'author', target: 'Blog.Author' }],
  },
];

let now: Date;
let project: { root: string; cleanup(): Promise<void> };
let other: { root: string; cleanup(): Promise<void> } | null;
let c: Connected;

beforeEach(async () => {
  now = new Date('2024-05-01T12:00:00Z');
  project = await tempProject();
  other = null;
  c = await connect(createServer({ cliRoots: [], clock: () => now }), {
    roots: [project.root],
  });
});
afterEach(async () => {
  await c.close();
  await project.cleanup();
  await other?.cleanup();
});

const call = async (schemas: SchemaDef[], extra: Record<string, unknown> = {}) =>
  structured<Output>(
    await c.client.callTool({
      name: 'generate_phoenix_context',
      arguments: { schemas, format: 'none', ...extra },
    }),
  );
const read = (rel: string) => readFile(path.join(project.root, rel), 'utf8');
const actions = (o: Output) => Object.fromEntries(o.files.map((f) => [f.path, f.action]));

/** The files a fresh project gets for `schemas` at the same clock. */
async function fresh(schemas: SchemaDef[]): Promise<Record<string, string>> {
  other = await tempProject();
  const o = await connect(createServer({ cliRoots: [], clock: () => now }), {
    roots: [other.root],
  });
  try {
    const r = structured<Output>(
      await o.client.callTool({
        name: 'generate_phoenix_context',
        arguments: { schemas, format: 'none', dry_run: true },
      }),
    );
    return Object.fromEntries(r.files.map((f) => [f.path, f.content ?? '']));
  } finally {
    await o.close();
  }
}

describe('generate_phoenix_context on_conflict "update"', () => {
  it('writes nothing for the same model, even on another day (dates are kept)', async () => {
    await call(V1);
    const before = [await read(TEST), await read(FIXTURES)];
    now = new Date('2024-05-09T08:30:00Z');
    const again = await call(V1);
    expect(actions(again)).toEqual({
      [CONTEXT]: 'unchanged',
      [TEST]: 'unchanged',
      [FIXTURES]: 'unchanged',
    });
    expect([await read(TEST), await read(FIXTURES)]).toEqual(before);
  });

  it('brings generated fixtures and tests to the changed model', async () => {
    await call(V1);
    now = new Date('2024-05-01T12:05:00Z');
    const r = await call(V2);
    // Post's new belongs_to makes Author's delete refuse while posts point at it.
    expect(actions(r)).toEqual({
      [CONTEXT]: 'updated',
      [TEST]: 'updated',
      [FIXTURES]: 'updated',
    });
    expect(r.warnings.filter((w) => /changed by the user|differs/.test(w))).toEqual([]);
    const want = await fresh(V2);
    expect(await read(CONTEXT)).toBe(want[CONTEXT]);
    expect(await read(CONTEXT)).toContain('Ecto.Changeset.no_assoc_constraint(:posts)');
    expect(await read(TEST)).toBe(want[TEST]);
    expect(await read(FIXTURES)).toBe(want[FIXTURES]);
    const fixtures = await read(FIXTURES);
    expect(fixtures).toContain('slug: unique_post_slug()');
    expect(fixtures).toContain('Map.put_new_lazy(:author_id, fn -> author_fixture().id end)');
    expect(await read(TEST)).not.toContain('views');
    // Applied twice: nothing more to do.
    expect(Object.values(actions(await call(V2)))).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('leaves a describe block the user changed as it is and says where it is', async () => {
    await call(V1);
    const original = await read(TEST);
    const edited = original.replace(
      '    test "list_posts/0 returns all posts" do',
      '    test "my own check" do\n      assert true\n    end\n\n    test "list_posts/0 returns all posts" do',
    );
    expect(edited).not.toBe(original);
    await writeFile(path.join(project.root, TEST), edited);
    const line = edited.split('\n').findIndex((l) => l.includes('describe "posts"')) + 1;

    const r = await call(V2);
    expect(actions(r)[FIXTURES]).toBe('updated');
    // The posts block is the user's; the authors block (generated) gains its delete test.
    const posts = (text: string) => text.slice(text.indexOf('describe "posts"'));
    expect(posts(await read(TEST))).toBe(posts(edited));
    expect(await read(TEST)).toContain('delete_author/1 keeps the author while posts point at it');
    const notes = r.warnings.filter((w) => w.includes('changed by the user: left as is'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`${TEST}:${line}: describe "posts"`);
  });

  it('leaves a fixture the user changed as it is', async () => {
    await call(V1);
    const original = await read(FIXTURES);
    const edited = original.replace('title: "some title"', 'title: "my title"');
    expect(edited).not.toBe(original);
    await writeFile(path.join(project.root, FIXTURES), edited);

    const r = await call(V2, { dry_run: true });
    // Nothing is added for a fixture kept as the user's (not even its new unique helper); the
    // generated tag fixture next to it is brought to the model.
    const fx = r.files.find((f) => f.path === FIXTURES)!;
    const post = (text: string) => text.slice(text.indexOf('def post_fixture'));
    expect(post(fx.content!)).toBe(post(edited));
    expect(fx.content).not.toContain('unique_post_slug');
    expect(fx.content).toContain('color: "some color"');
    expect(r.warnings.join('\n')).toMatch(
      new RegExp(`${FIXTURES}:\\d+: post_fixture/1 was changed by the user: left as is`),
    );
    // The describe block was still generated: its update shows as a diff.
    const test = r.files.find((f) => f.path === TEST)!;
    expect(test.action).toBe('updated');
    expect(test.diff).toContain('+      assert post.headline == "some headline"');
  });

  it('keeps a describe block whose values the user changed consistently', async () => {
    await call(V1);
    const original = await read(TEST);
    const edited = original.replaceAll('"some title"', '"A real title"');
    expect(edited).not.toBe(original);
    await writeFile(path.join(project.root, TEST), edited);

    const r = await call(V2, { dry_run: true });
    expect(r.warnings.join('\n')).toContain('describe "posts" was changed by the user: left as is');
    const test = r.files.find((f) => f.path === TEST)!;
    expect(test.content).toContain('"A real title"');
  });
});
