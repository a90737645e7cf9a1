import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkElixirSources,
  describeElixir,
  describeElixirFailures,
  elixirSpawnCount,
  elixirTestMode,
  firstDifference,
  isCi,
  MISSING_ELIXIR_MESSAGE,
  mixFormatCheck,
  requireElixirInCi,
} from './elixir.js';
import type { ElixirSource } from './elixir.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const SCHEMA = `defmodule Blog.Posts.Post do
  use Ecto.Schema
  import Ecto.Changeset

  schema "posts" do
    field :title, :string
    field :body, :string
    field :views, :integer, default: 0
    field :tags, {:array, :string}, default: []
    belongs_to :author, Blog.Accounts.User
    has_many :comments, Blog.Posts.Comment
    many_to_many :labels, Blog.Posts.Label, join_through: "posts_labels"
    embeds_one :meta, Blog.Posts.Meta, on_replace: :update

    timestamps(type: :utc_datetime)
  end

  @doc false
  def changeset(post, attrs) do
    post
    |> cast(attrs, [:title, :body, :views, :author_id])
    |> validate_required([:title, :body])
    |> unique_constraint(:title)
  end
end
`;

const MIGRATION = `defmodule Blog.Repo.Migrations.CreatePosts do
  use Ecto.Migration

  def change do
    create table(:posts) do
      add :title, :string, null: false
      add :author_id, references(:users, on_delete: :nothing)

      timestamps(type: :utc_datetime)
    end

    create index(:posts, [:author_id])
    create unique_index(:posts, [:title])
  end
end
`;

/** One module per case: [name, source, expected verdict]. */
const BAD_SPACING = SCHEMA.replace('field :title, :string', 'field :title,:string');
const EXTRA_SPACES = SCHEMA.replace('    |> validate_required', '    |>  validate_required');
const NOT_IN_LIST = 'defmodule A do\n  foo :bar\nend\n';
const NO_FINAL_NEWLINE = 'defmodule A do\nend';
const TRAILING_SPACE = 'defmodule A do  \nend\n';
const CRLF = 'defmodule A do\r\nend\r\n';
// The formatter never removes parentheses: `field(:title, :string)` IS mix-format clean.
const EXPLICIT_PARENS = SCHEMA.replace('field :title, :string', 'field(:title, :string)');

describe('CI rule', () => {
  const noElixir = { PATH: '/nonexistent-phx-gen-mcp' };

  it('reads CI the way CI services set it', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({})).toBe(false);
  });

  it('skips without elixir locally, fails without it under CI', () => {
    expect(elixirTestMode(noElixir)).toBe('skip');
    expect(elixirTestMode({ ...noElixir, CI: 'true' })).toBe('fail');
    expect(requireElixirInCi(noElixir)).toBe(false);
    expect(() => requireElixirInCi({ ...noElixir, CI: 'true' })).toThrow(MISSING_ELIXIR_MESSAGE);
  });

  // A child vitest runs gate.fixture.spec.ts (2 gated tests + 1 plain) with a PATH without Elixir.
  const runGate = async (env: Record<string, string>) => {
    const r = await execa(
      process.execPath,
      [
        path.resolve(here, '../../node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        path.join(here, 'elixir'),
        '--config',
        path.join(here, 'elixir', 'gate.vitest.config.ts'),
        '--reporter=json',
      ],
      { env, extendEnv: false, reject: false, stdin: 'ignore' },
    );
    const json = JSON.parse(r.stdout) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
    };
    return {
      exitCode: r.exitCode,
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests,
    };
  };

  it('describeElixir/itElixir: skipped locally, failing under CI, without elixir', async () => {
    const [local, ci] = await Promise.all([
      runGate(noElixir),
      runGate({ ...noElixir, CI: 'true' }),
    ]);
    expect(local).toEqual({ exitCode: 0, passed: 1, failed: 0, skipped: 2 });
    expect(ci).toEqual({ exitCode: 1, passed: 1, failed: 2, skipped: 0 });
  });
});

it('firstDifference names the first differing line, null past the end', () => {
  expect(firstDifference('a\nb\n', 'a\nb\n')).toBeNull();
  expect(firstDifference('a\nb\n', 'a\nc\n')).toEqual({ line: 2, expected: 'b', actual: 'c' });
  expect(firstDifference('a\n', 'a')).toEqual({ line: 2, expected: '', actual: null });
});

describeElixir('checkElixirSources (one elixir process)', () => {
  it('passes a well-formed Ecto schema and migration (Ecto/Ecto SQL locals_without_parens)', async () => {
    const results = await checkElixirSources([
      { path: 'lib/blog/posts/post.ex', content: SCHEMA },
      { path: 'priv/repo/migrations/20240101000000_create_posts.exs', content: MIGRATION },
      { path: 'lib/empty.ex', content: '' },
    ]);
    expect(describeElixirFailures(results)).toBe('');
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('reports broken syntax with the file and line, and keeps going', async () => {
    const [broken, unclosed, fine] = await checkElixirSources([
      {
        path: 'lib/broken.ex',
        content: 'defmodule Broken do\n  def f(x) do\n    foo(,)\n  end\nend\n',
      },
      { path: 'lib/unclosed.ex', content: 'defmodule Unclosed do\n  def f do\n    :ok\n' },
      { path: 'lib/fine.ex', content: 'defmodule Fine do\nend\n' },
    ]);
    expect(broken?.ok).toBe(false);
    expect(broken?.syntaxError?.line).toBe(3);
    expect(broken?.syntaxError?.message).toContain('lib/broken.ex:3');
    expect(unclosed?.syntaxError?.message).toContain('lib/unclosed.ex');
    expect(unclosed?.syntaxError?.message).toMatch(/missing terminator: end/);
    expect(fine?.ok).toBe(true);
    expect(describeElixirFailures([broken!])).toMatch(/^lib\/broken\.ex:3: does not parse: /);
  });

  it('flags what mix format would change, with the first differing line', async () => {
    const results = await checkElixirSources([
      { path: 'spacing.ex', content: BAD_SPACING },
      { path: 'extra.ex', content: EXTRA_SPACES },
      { path: 'parens.ex', content: NOT_IN_LIST },
      { path: 'eof.ex', content: NO_FINAL_NEWLINE },
      { path: 'trailing.ex', content: TRAILING_SPACE },
      { path: 'crlf.ex', content: CRLF },
      { path: 'explicit.ex', content: EXPLICIT_PARENS },
    ]);
    const diffs = Object.fromEntries(results.map((r) => [r.path, r.formatDiff]));
    expect(diffs['spacing.ex']).toEqual({
      line: 6,
      expected: '    field :title, :string',
      actual: '    field :title,:string',
    });
    expect(diffs['extra.ex']?.line).toBe(22);
    expect(diffs['parens.ex']).toEqual({ line: 2, expected: '  foo(:bar)', actual: '  foo :bar' });
    expect(diffs['eof.ex']).toEqual({ line: 3, expected: '', actual: null });
    expect(diffs['trailing.ex']?.line).toBe(1);
    expect(diffs['crlf.ex']).toEqual({
      line: 1,
      expected: 'defmodule A do',
      actual: 'defmodule A do\r',
    });
    expect(results.find((r) => r.path === 'explicit.ex')?.ok).toBe(true);
    expect(results.find((r) => r.path === 'spacing.ex')?.formatted).toBe(SCHEMA);
    expect(describeElixirFailures(results)).toContain(
      'spacing.ex:6: not mix-format clean\n' +
        '  mix format: "    field :title, :string"\n' +
        '  file:       "    field :title,:string"',
    );
  });

  it('checks 60 files with one elixir process, results in input order', async () => {
    const files: ElixirSource[] = Array.from({ length: 60 }, (_, i) => ({
      path: `lib/m${i}.ex`,
      content: i % 3 === 0 ? BAD_SPACING : SCHEMA.replace('Blog.Posts.Post', `Blog.M${i}`),
    }));
    const before = elixirSpawnCount();
    const results = await checkElixirSources(files);
    expect(elixirSpawnCount() - before).toBe(1);
    expect(results.map((r) => r.path)).toEqual(files.map((f) => f.path));
    expect(results.map((r) => r.ok)).toEqual(files.map((_, i) => i % 3 !== 0));
  });

  describe('agrees with the real mix format --check-formatted', () => {
    let dir = '';
    const cases: [string, string][] = [
      ['lib/blog/posts/post.ex', SCHEMA],
      ['priv/repo/migrations/1_create_posts.exs', MIGRATION],
      ['lib/spacing.ex', BAD_SPACING],
      ['lib/extra.ex', EXTRA_SPACES],
      ['lib/parens.ex', NOT_IN_LIST],
      ['lib/eof.ex', NO_FINAL_NEWLINE],
      ['lib/trailing.ex', TRAILING_SPACE],
      ['lib/crlf.ex', CRLF],
      ['lib/explicit.ex', EXPLICIT_PARENS],
    ];

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-fmt-'));
      for (const [rel, content] of cases) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), content);
      }
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('lists exactly the files checkElixirSources flags', async () => {
      const ours = await checkElixirSources(cases.map(([p, content]) => ({ path: p, content })));
      const mix = await mixFormatCheck(dir);
      const flagged = ours.filter((r) => !r.ok).map((r) => r.path);
      expect(mix.ok).toBe(false);
      expect(mix.unformatted).toEqual(flagged.sort());
      expect(flagged).toHaveLength(6);
    });
  });
});
