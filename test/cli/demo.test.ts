/**
 * `phx-gen-mcp demo` (what `npm start` runs) in a temp folder: the sample project and the
 * generated domain exist, every Elixir file parses and is exactly what `mix format` writes, and
 * the migrations come out in dependency order even though the specs are not.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../cli/args.js';
import { chooseDemoDir, renderTree } from '../../cli/demo.js';
import { DEMO_FILES, DEMO_MARKER } from '../../cli/demo-project.js';
import { checkElixirSources, describeElixirFailures, itElixir } from '../support/elixir.js';
import { elixirSources, filesUnder, runCli, type CliRun } from './helpers.js';

let tmp: string;
let run: CliRun;
let demo: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-demo-'));
  run = await runCli(['demo', 'shop'], { cwd: tmp });
  demo = path.join(tmp, 'shop');
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const GENERATED = [
  'lib/demo_app/accounts.ex',
  'lib/demo_app/accounts/user.ex',
  'lib/demo_app/blog.ex',
  'lib/demo_app/blog/comment.ex',
  'lib/demo_app/blog/post.ex',
  'lib/demo_app/blog/tag.ex',
];

describe('phx-gen-mcp demo', () => {
  it('exits 0 and prints the tree, the summary and the next steps', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('shop/');
    expect(run.stdout).toMatch(/user\.ex\s+← ecto-schema/);
    expect(run.stdout).toMatch(/blog\.ex\s+← phoenix-context/);
    expect(run.stdout).toMatch(/4 schemas .* in 2 contexts \(Accounts, Blog\)/);
    for (const step of ['mix deps.get', 'mix ecto.migrate', 'mix test']) {
      expect(run.stdout).toContain(step);
    }
    expect(run.stdout).not.toContain('Warnings:');
    // progress notifications from the servers reached the client and were printed on stderr
    expect(run.stderr).toMatch(/\[ecto-schema\] +\d+% /);
    expect(run.stderr).toMatch(/\[ecto-migration\] info: Wrote \d+ file\(s\)/);
  });

  it('writes the sample project and the generated domain', () => {
    const files = filesUnder(demo);
    for (const f of [...Object.keys(DEMO_FILES), ...GENERATED]) expect(files).toContain(f);
    expect(files.some((f) => /^test\/demo_app\/blog_test\.exs$/.test(f))).toBe(true);
    expect(files.some((f) => /^test\/support\/fixtures\/blog_fixtures\.ex$/.test(f))).toBe(true);
    const migrations = files
      .filter((f) => f.startsWith('priv/repo/migrations/') && f.endsWith('.exs'))
      .filter((f) => !f.endsWith('.formatter.exs'))
      .map((f) => path.basename(f).replace(/^\d+_/, ''));
    expect(migrations).toHaveLength(5);
    const at = (name: string) => migrations.indexOf(name);
    expect(at('create_posts.exs')).toBeGreaterThan(at('create_users.exs'));
    expect(at('create_posts.exs')).toBeGreaterThan(at('create_tags.exs'));
    expect(at('create_comments.exs')).toBeGreaterThan(at('create_posts.exs'));
    expect(at('create_posts_tags.exs')).toBeGreaterThan(at('create_posts.exs'));
  });

  itElixir('every Elixir file parses and is exactly what mix format writes', async () => {
    const results = await checkElixirSources(elixirSources(demo));
    expect(results.length).toBeGreaterThan(20);
    expect(describeElixirFailures(results)).toBe('');
  });

  it('refuses a non-empty folder that is not a previous demo, writing nothing', async () => {
    const dir = path.join(tmp, 'busy');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
    const r = await runCli(['demo', dir], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not empty and is not a previous demo');
    expect(filesUnder(dir)).toEqual(['notes.txt']);
  });

  it('usage errors exit 2', async () => {
    const r = await runCli(['demo', 'a', 'b'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unexpected argument "b"');
    expect((await runCli(['demo', '--bogus'], { cwd: tmp })).stderr).toContain("'--bogus'");
  });
});

describe('chooseDemoDir', () => {
  it('uses a missing or empty folder, and the next free name next to a previous demo', async () => {
    expect(chooseDemoDir(path.join(tmp, 'fresh'))).toEqual({ dir: path.join(tmp, 'fresh') });
    const again = chooseDemoDir(demo);
    expect(again.dir).toBe(`${demo}-2`);
    expect(again.note).toContain('previous demo');
    await mkdir(`${demo}-2`);
    await writeFile(path.join(`${demo}-2`, 'mix.exs'), `${DEMO_MARKER}\n`);
    expect(chooseDemoDir(demo).dir).toBe(`${demo}-3`);
    expect(existsSync(`${demo}-3`)).toBe(false);
  });

  it('refuses a file', async () => {
    const file = path.join(tmp, 'a-file');
    await writeFile(file, '');
    expect(() => chooseDemoDir(file)).toThrow(CliError);
  });
});

describe('renderTree', () => {
  it('draws nested folders and tags generated files in one column', () => {
    const tree = renderTree(
      'app',
      ['mix.exs', 'lib/app/blog.ex', 'lib/app/blog/post.ex'],
      new Map([['lib/app/blog/post.ex', 'ecto-schema']]),
    );
    expect(tree).toBe(
      [
        'app/',
        '├── lib/',
        '│   └── app/',
        '│       ├── blog/',
        '│       │   └── post.ex  ← ecto-schema',
        '│       └── blog.ex',
        '└── mix.exs',
      ].join('\n'),
    );
  });
});
