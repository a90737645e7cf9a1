/**
 * The phoenix-context server through the real SDK client (in-memory transport), with the
 * client's roots pointing at a temp Phoenix-shaped project.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/phoenix-context/server.js';
import { tools } from '../../servers/phoenix-context/tools/index.js';
import { planPhoenixContexts } from '../../shared/generate/phoenix-context.js';
import { normalizeModel, type SchemaDef } from '../../shared/model/index.js';
import { projectReader } from '../../shared/plan/index.js';
import { writeFiles } from '../../shared/workspace/index.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

interface Output {
  project_root: string | null;
  dry_run: boolean;
  files: { path: string; action: string; content?: string; reason?: string }[];
  warnings: string[];
}

const golden = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../golden/phoenix-context/new-context',
);
const INPUT = JSON.parse(await readFile(path.join(golden, 'input.json'), 'utf8')) as {
  clock: string;
  schemas: SchemaDef[];
};
const FILES = [
  'lib/my_app/blog.ex',
  'test/my_app/blog_test.exs',
  'test/support/fixtures/blog_fixtures.ex',
];
const CLOCK = new Date(INPUT.clock);

let project: { root: string; cleanup(): Promise<void> };
let c: Connected;

const generate = (args: Record<string, unknown>) =>
  c.client.callTool({
    name: 'generate_phoenix_context',
    arguments: { format: 'none', schemas: INPUT.schemas, ...args },
  });
const read = (rel: string) => readFile(path.join(project.root, rel), 'utf8');
const exists = (rel: string) =>
  stat(path.join(project.root, rel)).then(
    () => true,
    () => false,
  );
async function put(rel: string, content: string) {
  await mkdir(path.dirname(path.join(project.root, rel)), { recursive: true });
  await writeFile(path.join(project.root, rel), content);
}

beforeEach(async () => {
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [], clock: () => CLOCK }), { roots: [project.root] });
});
afterEach(async () => {
  await c.close();
  await project.cleanup();
});

describe('generate_phoenix_context', () => {
  it('is listed with its hints and the with_tests option', async () => {
    const { tools: listed } = await c.client.listTools();
    const t = listed.find((x) => x.name === 'generate_phoenix_context');
    expect(t?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(Object.keys(t?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['schemas', 'specs', 'with_tests', 'dry_run', 'on_conflict']),
    );
    expect(tools.map((x) => x.name)).toEqual(['generate_phoenix_context']);
  });

  it('writes the context, its tests and fixtures where Phoenix puts them', async () => {
    const out = structured<Output>(await generate({}));
    expect(out.files.map((f) => [f.path, f.action])).toEqual(FILES.map((f) => [f, 'created']));
    for (const f of FILES) {
      expect(await read(f), f).toBe(await readFile(path.join(golden, 'expected', f), 'utf8'));
    }
  });

  it('a dry run returns the files and writes nothing', async () => {
    const result = await generate({ dry_run: true });
    const out = structured<Output>(result);
    expect(out.dry_run).toBe(true);
    expect(out.files.map((f) => f.path)).toEqual(FILES);
    expect(out.files[0]!.content).toContain('def list_posts do');
    for (const f of FILES) expect(await exists(f)).toBe(false);
  });

  it('with_tests false writes only the context', async () => {
    const out = structured<Output>(await generate({ with_tests: false }));
    expect(out.files.map((f) => f.path)).toEqual(['lib/my_app/blog.ex']);
    expect(await exists('test/my_app/blog_test.exs')).toBe(false);
  });

  it('a re-run with the same input reports every file unchanged', async () => {
    structured<Output>(await generate({}));
    const again = structured<Output>(await generate({}));
    expect(again.files.map((f) => f.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.warnings).toEqual([]);
  });

  it('accepts specs instead of schemas', async () => {
    const out = structured<Output>(
      await c.client.callTool({
        name: 'generate_phoenix_context',
        arguments: { format: 'none', specs: ['Shop Order orders total:decimal'] },
      }),
    );
    expect(out.files.map((f) => f.path)).toEqual([
      'lib/my_app/shop.ex',
      'test/my_app/shop_test.exs',
      'test/support/fixtures/shop_fixtures.ex',
    ]);
    expect(await read('test/my_app/shop_test.exs')).toContain(
      'assert order.total == Decimal.new("120.5")',
    );
  });

  it('shows, in a dry run, a unified diff of each file an update would change', async () => {
    const mine = `defmodule MyApp.Blog do
  @moduledoc "Posts."
end
`;
    await put('lib/my_app/blog.ex', mine);
    const out = structured<{ files: { path: string; action: string; diff?: string }[] }>(
      await generate({ with_tests: false, dry_run: true }),
    );
    const [file] = out.files;
    expect(file).toMatchObject({ path: 'lib/my_app/blog.ex', action: 'updated' });
    const diff = file!.diff!.split('\n');
    expect(diff.slice(0, 2)).toEqual(['--- a/lib/my_app/blog.ex', '+++ b/lib/my_app/blog.ex']);
    expect(diff[2]).toMatch(/^@@ -1,3 \+1,\d+ @@$/);
    expect(diff).toContain('   @moduledoc "Posts."');
    expect(diff).toContain('+  def list_posts do');
    expect(diff.filter((l) => l.startsWith('-'))).toEqual(['--- a/lib/my_app/blog.ex']);
    expect(await read('lib/my_app/blog.ex')).toBe(mine);
  });

  it('extends a context written by hand, keeping its bytes and the user version of a function', async () => {
    const mine = `defmodule MyApp.Blog do
  @moduledoc "Posts and comments."

  alias MyApp.Repo
  alias MyApp.Blog.Post

  # Newest first, by hand.
  def list_posts do
    Repo.all(Post)
    |> Enum.reverse()
  end
end
`;
    await put('lib/my_app/blog.ex', mine);
    const out = structured<Output>(await generate({ with_tests: false }));
    expect(out.files).toEqual([{ path: 'lib/my_app/blog.ex', action: 'updated' }]);
    expect(out.warnings).toEqual([
      'MyApp.Blog.list_posts/0 already exists in lib/my_app/blog.ex and differs from the generated one; yours was kept and the generated list_posts was not added.',
    ]);
    const now = await read('lib/my_app/blog.ex');
    // Everything the user wrote is still there, byte for byte, in front of the additions.
    const head = mine.slice(0, mine.lastIndexOf('end\n'));
    expect(now.replace('  alias MyApp.Blog.Comment\n', '').startsWith(head)).toBe(true);
    expect(now.match(/def list_posts/g)).toHaveLength(1);
    expect(now).toContain('def get_post!(id), do: Repo.get!(Post, id)');
    expect(now).toContain('def change_comment(%Comment{} = comment, attrs \\\\ %{}) do');
    expect(now.endsWith('    Comment.changeset(comment, attrs)\n  end\nend\n')).toBe(true);
    // And the next run leaves it alone (the warning stays: the function still differs).
    const again = structured<Output>(await generate({ with_tests: false }));
    expect(again.files).toEqual([{ path: 'lib/my_app/blog.ex', action: 'unchanged' }]);
  });

  it('never re-aliases a name the existing code already uses for another module', async () => {
    const mine = `defmodule MyApp.Calendar do
  alias MyApp.Repo

  def today, do: Date.utc_today()
end
`;
    await put('lib/my_app/calendar.ex', mine);
    const out = structured<Output>(
      await generate({
        with_tests: false,
        schemas: [{ module: 'Calendar.Date', table: 'dates', fields: [{ name: 'label' }] }],
      }),
    );
    expect(out.files).toEqual([{ path: 'lib/my_app/calendar.ex', action: 'updated' }]);
    const now = await read('lib/my_app/calendar.ex');
    expect(now).not.toContain('alias MyApp.Calendar.Date');
    expect(now).toContain('def list_dates do\n    Repo.all(MyApp.Calendar.Date)\n  end');
    expect(now).toContain('def today, do: Date.utc_today()');
  });

  it('adds a describe and fixtures for a new schema to existing test files', async () => {
    structured<Output>(await generate({ schemas: [INPUT.schemas[0]] }));
    const before = await read('test/my_app/blog_test.exs');
    // error: only additions (update would also bring the posts block to its new children).
    const out = structured<Output>(await generate({ on_conflict: 'error' }));
    expect(out.files.map((f) => f.action)).toEqual(['updated', 'updated', 'updated']);
    const after = await read('test/my_app/blog_test.exs');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('end\n')))).toBe(true);
    expect(after.match(/describe "posts"/g)).toHaveLength(1);
    expect(after).toContain('describe "comments" do');
    expect(await read('test/support/fixtures/blog_fixtures.ex')).toContain(
      '|> Map.put_new_lazy(:post_id, fn -> post_fixture().id end)',
    );
  });

  it('refuses to patch a file it cannot read, writing nothing (on_conflict error)', async () => {
    const broken = 'defmodule MyApp.Blog do\n  def list_posts(\nend\n';
    await put('lib/my_app/blog.ex', broken);
    const text = errorText(await generate({}));
    expect(text).toContain('lib/my_app/blog.ex has a syntax error near line');
    expect(text).toContain('on_conflict "skip"');
    expect(await read('lib/my_app/blog.ex')).toBe(broken);
    expect(await exists('test/my_app/blog_test.exs')).toBe(false);
  });

  it('on_conflict skip leaves such a file and writes the others', async () => {
    await put('lib/my_app/blog.ex', 'defmodule MyApp.Other do\nend\n');
    const out = structured<Output>(await generate({ on_conflict: 'skip' }));
    expect(out.files.map((f) => [f.path, f.action])).toEqual([
      ['lib/my_app/blog.ex', 'skipped'],
      ['test/my_app/blog_test.exs', 'created'],
      ['test/support/fixtures/blog_fixtures.ex', 'created'],
    ]);
    expect(out.warnings.join('\n')).toContain('does not define the module MyApp.Blog');
    expect(await read('lib/my_app/blog.ex')).toBe('defmodule MyApp.Other do\nend\n');
  });

  it('on_conflict overwrite replaces such a file with a fresh one', async () => {
    await put('lib/my_app/blog.ex', 'defmodule MyApp.Other do\nend\n');
    const out = structured<Output>(await generate({ on_conflict: 'overwrite', with_tests: false }));
    expect(out.files).toEqual([{ path: 'lib/my_app/blog.ex', action: 'updated' }]);
    expect(await read('lib/my_app/blog.ex')).toBe(
      await readFile(path.join(golden, 'expected/lib/my_app/blog.ex'), 'utf8'),
    );
  });

  it('reports a schema without context and refuses a batch with nothing to generate', async () => {
    const text = errorText(
      await generate({ schemas: [{ module: 'Post', fields: [{ name: 'title' }] }] }),
    );
    expect(text).toContain('Post has no context');
    expect(text).toContain('set "context" on the schema');
  });
});

describe('a file changed between planning and writing', () => {
  it('is a conflict and nothing is written', async () => {
    const mine = 'defmodule MyApp.Blog do\n  alias MyApp.Repo\nend\n';
    await put('lib/my_app/blog.ex', mine);
    const { model } = normalizeModel({
      app: { otp_app: 'my_app', base_module: 'MyApp' },
      schemas: INPUT.schemas,
    });
    const planned = await planPhoenixContexts(
      model!,
      {},
      {
        project: projectReader(project.root),
        clock: () => CLOCK,
        warn: () => {},
        signal: new AbortController().signal,
        progress: async () => {},
      },
    );
    expect(planned[0]!.expected).toBe(mine);
    await put('lib/my_app/blog.ex', `${mine}# edited meanwhile\n`);
    const result = await writeFiles(project.root, planned, { onConflict: 'overwrite' });
    expect(result.written).toBe(false);
    expect(result.conflicts.map((f) => f.path)).toEqual(['lib/my_app/blog.ex']);
    expect(await read('lib/my_app/blog.ex')).toBe(`${mine}# edited meanwhile\n`);
    expect(await exists('test/my_app/blog_test.exs')).toBe(false);
  });
});
