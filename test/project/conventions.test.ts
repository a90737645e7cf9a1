import { describe, expect, it } from 'vitest';
import {
  elixirForFormatting,
  hasRepoAllBy,
  lockedVersions,
  projectVersions,
  readConfigCalls,
  readConventions,
  readProject,
  requirementFloor,
  supportsScopes,
} from '../../shared/project/index.js';
import { formatterImportsEcto } from '../../shared/project/formatter-exs.js';
import { projectConventions } from '../../shared/pipeline/conventions.js';

/** What `mix phx.new my_app --binary-id` (1.8) and `mix phx.gen.auth` write, trimmed. */
export const PHX18_CONFIG = `import Config

config :my_app, :scopes,
  user: [
    default: true,
    module: MyApp.Accounts.Scope,
    assign_key: :current_scope,
    access_path: [:user, :id],
    schema_key: :user_id,
    schema_type: :binary_id,
    schema_table: :users,
    test_data_fixture: MyApp.AccountsFixtures,
    test_setup_helper: :register_and_log_in_user
  ]

config :my_app,
  ecto_repos: [MyApp.Repo],
  generators: [timestamp_type: :utc_datetime, binary_id: true]

# config :my_app, :generators, binary_id: false
config :my_app, MyAppWeb.Endpoint, url: [host: "localhost"]

import_config "#{config_env()}.exs"
`;

export const PHX18_MIX_EXS = `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [app: :my_app, version: "0.1.0", elixir: "~> 1.15", deps: deps()]
  end

  defp deps do
    [
      {:phoenix, "~> 1.8.1"},
      {:phoenix_ecto, "~> 4.5"},
      {:ecto_sql, "~> 3.13"},
      {:postgrex, ">= 0.0.0"},
      {:heroicons, github: "tailwindlabs/heroicons", tag: "v2.2.0", app: false}
    ]
  end
end
`;

const LOCK = `%{
  "ecto": {:hex, :ecto, "3.12.5", "4a312960ce612e17337e7cefcf9be45b95a3be6b36b6f94dfb3d8c361d631866", [:mix], [{:decimal, "~> 2.0", [hex: :decimal, repo: "hexpm", optional: false]}], "hexpm", "6eb18e80bef8bb57e17f5a7f068a1719fbda384d40fc37acb8eb8aeca493b6ea"},
  "heroicons": {:git, "https://github.com/tailwindlabs/heroicons.git", "88ab3a0d790e6a47404cba02800a6b25d2afae50", [tag: "v2.2.0", sparse: "optimized"]},
  "phoenix": {:hex, :phoenix, "1.7.21", "14ca4f1071a5f65121217d6b57ac5712d1857e40a0833aff7a691b7870fc9a3b", [:mix], [], "hexpm", "336dce4f86cba56fed312a7d280bf2282c720abb6074bdb1b61ec8095bdd0bc9"},
}
`;

const reader =
  (files: Record<string, string>) =>
  async (rel: string): Promise<string | null> =>
    files[rel] ?? null;

describe('project conventions', () => {
  it('reads generators (both config forms, merged) and phx.gen.auth scopes', async () => {
    const configs = await readConfigCalls(
      PHX18_CONFIG +
        'config :my_app, :generators, sample_binary_id: "AAAAAAAA-1111-1111-1111-111111111111"\n',
    );
    const c = readConventions(configs, 'my_app', 'config/config.exs');
    expect(c.generators).toEqual({
      timestamp_type: 'utc_datetime',
      binary_id: true,
      sample_binary_id: 'aaaaaaaa-1111-1111-1111-111111111111',
    });
    expect(c.scopes).toEqual([
      {
        name: 'user',
        default: true,
        module: 'MyApp.Accounts.Scope',
        assign_key: 'current_scope',
        access_path: ['user', 'id'],
        schema_key: 'user_id',
        schema_type: 'binary_id',
        schema_table: 'users',
        test_data_fixture: 'MyApp.AccountsFixtures',
        test_setup_helper: 'register_and_log_in_user',
      },
    ]);
    expect(c.ignored).toEqual([]);
    // another app's config is not ours
    expect(readConventions(configs, 'other', 'config/config.exs').generators).toEqual({});
  });

  it('says what it cannot use instead of guessing', async () => {
    const configs = await readConfigCalls(
      'import Config\nconfig :my_app, generators: [binary_id: System.get_env("X") == "1", timestamp_type: :datetime]\n',
    );
    const c = readConventions(configs, 'my_app', 'config/config.exs');
    expect(c.generators).toEqual({});
    expect(c.ignored).toEqual([
      'generators binary_id in config/config.exs is not a literal boolean',
      'generators timestamp_type in config/config.exs must be one of :naive_datetime, :naive_datetime_usec, :utc_datetime, :utc_datetime_usec',
    ]);
  });

  it('reads versions from mix.lock, else the requirements in mix.exs', async () => {
    expect(await lockedVersions(LOCK)).toEqual(
      new Map([
        ['ecto', '3.12.5'],
        ['phoenix', '1.7.21'],
      ]),
    );
    const { sources } = await readProject(reader({ 'mix.exs': PHX18_MIX_EXS }));
    const fromMixExs = await projectVersions(sources.project, sources.deps, null);
    expect(fromMixExs.phoenix).toEqual({ present: true, requirement: '~> 1.8.1' });
    expect(supportsScopes(fromMixExs)).toBe(true);
    expect(hasRepoAllBy(fromMixExs)).toBe(true);
    const locked = await projectVersions(sources.project, sources.deps, LOCK);
    expect(locked.phoenix).toEqual({ present: true, locked: '1.7.21', requirement: '~> 1.8.1' });
    expect(supportsScopes(locked)).toBe(false);
    expect(hasRepoAllBy(locked)).toBe(false);
    // deps listed inline in project/0 instead of a deps/0
    const inline = await readProject(
      reader({
        'mix.exs': `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [app: :my_app, version: "0.1.0", deps: [{:phoenix, "~> 1.8.1"}, {:ecto_sql, "~> 3.13"}]]
  end
end
`,
      }),
    );
    const fromInline = await projectVersions(inline.sources.project, inline.sources.deps, null);
    expect(fromInline.phoenix).toEqual({ present: true, requirement: '~> 1.8.1' });
    expect(supportsScopes(fromInline)).toBe(true);
    expect(elixirForFormatting(locked)).toEqual([1, 15, 0]);
    expect(
      elixirForFormatting({ ...locked, elixir: { requirement: '~> 1.15', installed: '1.18.4' } }),
    ).toEqual([1, 18, 4]);
    // an installed Elixir older than the project allows is not the one that formats it
    expect(
      elixirForFormatting({ ...locked, elixir: { requirement: '~> 1.18', installed: '1.14.0' } }),
    ).toEqual([1, 18, 0]);
  });

  it('takes the lowest version a requirement allows', () => {
    expect(requirementFloor('~> 1.15')).toEqual([1, 15, 0]);
    expect(requirementFloor('>= 1.14.2 and < 2.0.0')).toEqual([1, 14, 2]);
    expect(requirementFloor('~> 1.18 or ~> 1.17.1')).toEqual([1, 17, 1]);
    expect(requirementFloor('== 1.16.3')).toEqual([1, 16, 3]);
    expect(requirementFloor('< 2.0.0')).toBeUndefined();
  });

  it('merges the project into the defaults; explicit arguments win and are not reported', async () => {
    const files = { 'mix.exs': PHX18_MIX_EXS, 'config/config.exs': PHX18_CONFIG };
    const { info, sources } = await readProject(reader(files));
    const c = await projectConventions(sources, info.otp_app, {}, null, '1.18.4');
    expect(c.defaults).toEqual({ binary_id: true, timestamp_type: 'utc_datetime' });
    expect(c.scopes.map((s) => s.name)).toEqual(['user']);
    expect(c.ignored).toEqual([]);
    expect(c.scope_options.where).toBe('config/config.exs');
    expect(c.scope_options.available.map((s) => [s.name, s.default])).toEqual([['user', true]]);
    expect(c.repo_all_by).toBe(true);
    expect(c.elixir).toEqual([1, 18, 4]);
    expect(c.from_project).toEqual([
      'binary_id: true (generators config in config/config.exs)',
      'timestamp_type: :utc_datetime (generators config in config/config.exs)',
      'scopes: :user (default) (config/config.exs)',
      'versions: phoenix ~> 1.8.1 (mix.exs), ecto_sql ~> 3.13 (mix.exs)',
      'formatting: as mix format of Elixir 1.18 (installed elixir 1.18.4)',
    ]);
    const explicit = await projectConventions(
      sources,
      info.otp_app,
      { binary_id: false, timestamp_type: 'naive_datetime' },
      null,
    );
    expect(explicit.defaults).toEqual({ binary_id: false, timestamp_type: 'naive_datetime' });
    expect(explicit.from_project.some((l) => l.startsWith('binary_id'))).toBe(false);
  });

  it('a project without Phoenix gets plain Ecto conventions and no scopes', async () => {
    const mixExs = PHX18_MIX_EXS.replace('{:phoenix, "~> 1.8.1"},', '').replace(
      '{:phoenix_ecto, "~> 4.5"},',
      '',
    );
    const { info, sources } = await readProject(
      reader({ 'mix.exs': mixExs, 'config/config.exs': PHX18_CONFIG }),
    );
    const c = await projectConventions(sources, info.otp_app, {}, null);
    expect(c.phoenix).toBe(false);
    expect(c.scopes).toEqual([]);
    expect(c.ignored).toEqual([
      'the scopes in config/config.exs are not used: phoenix is not a dependency in mix.exs',
    ]);
    expect(c.from_project).toContain('no phoenix dependency in mix.exs: plain Ecto conventions');
    expect(c.scope_options.available).toEqual([]);
    expect(c.scope_options.unavailable).toBe(c.ignored[0]);
  });

  it('reads import_deps of .formatter.exs as data, not text', async () => {
    expect(
      await formatterImportsEcto('[import_deps: [:ecto, :ecto_sql, :phoenix], inputs: ["*.exs"]]'),
    ).toBe(true);
    expect(await formatterImportsEcto('# import_deps: [:ecto]\n[inputs: ["*.exs"]]')).toBe(false);
    expect(await formatterImportsEcto('[import_deps: [:ecto_sql], plugins: [Foo]]')).toBe(false);
  });
});
