import { describe, expect, it } from 'vitest';
import { ProjectError, detectProject } from '../../shared/project/index.js';

type Files = Record<string, string>;

const reader =
  (files: Files) =>
  async (rel: string): Promise<string | null> =>
    files[rel] ?? null;

const lister =
  (files: Files) =>
  async (dir: string): Promise<string[]> =>
    Object.keys(files).filter((f) => f.startsWith(`${dir}/`));

/** What `mix phx.new my_app` (Phoenix 1.7) writes. */
const PHX_NEW_MIX_EXS = `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [
      app: :my_app,
      version: "0.1.0",
      elixir: "~> 1.14",
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env() == :prod,
      aliases: aliases(),
      deps: deps()
    ]
  end

  # Configuration for the OTP application.
  #
  # Type \`mix help compile.app\` for more information.
  def application do
    [
      mod: {MyApp.Application, []},
      extra_applications: [:logger, :runtime_tools]
    ]
  end

  # Specifies which paths to compile per environment.
  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  # Specifies your project dependencies.
  #
  # Type \`mix help deps\` for examples and options.
  defp deps do
    [
      {:phoenix, "~> 1.7.10"},
      {:phoenix_ecto, "~> 4.4"},
      {:ecto_sql, "~> 3.10"},
      {:postgrex, ">= 0.0.0"},
      {:heroicons,
       github: "tailwindlabs/heroicons",
       tag: "v2.1.1",
       sparse: "optimized",
       app: false,
       compile: false,
       depth: 1},
      {:jason, "~> 1.2"}
    ]
  end

  defp aliases do
    [
      setup: ["deps.get", "ecto.setup", "assets.setup", "assets.build"],
      "ecto.setup": ["ecto.create", "ecto.migrate", "run priv/repo/seeds.exs"],
      test: ["ecto.create --quiet", "ecto.migrate --quiet", "test"]
    ]
  end
end
`;

const PHX_NEW_CONFIG = `# This file is responsible for configuring your application
# and its dependencies with the aid of the Config module.
import Config

config :my_app,
  ecto_repos: [MyApp.Repo],
  generators: [timestamp_type: :utc_datetime]

# Configures the endpoint
config :my_app, MyAppWeb.Endpoint,
  url: [host: "localhost"],
  adapter: Phoenix.Endpoint.Cowboy2Adapter

import_config "#{config_env()}.exs"
`;

describe('detectProject', () => {
  it('reads a phx.new project', async () => {
    const files = { 'mix.exs': PHX_NEW_MIX_EXS, 'config/config.exs': PHX_NEW_CONFIG };
    expect(await detectProject(reader(files))).toEqual({
      otp_app: 'my_app',
      base_module: 'MyApp',
      repo: 'MyApp.Repo',
      repos: ['MyApp.Repo'],
      notes: [],
    });
  });

  it('tolerates comments, odd spacing, strings and entries in any order', async () => {
    const mixExs = `# app: :commented_out
defmodule Acme.Shop.Mixfile do
  use   Mix.Project
  @moduledoc """
  def project do [app: :in_a_heredoc] end
  """
  def project,
    do: [ version: "1.0.0",   description: "app: :in_a_string # not a comment",
      start_permanent: Mix.env() == :prod, char: ?#,
      # app: :commented_out_too
          app:      :shop_core ,  deps: deps()]

  def application, do: [extra_applications: [:logger]]
  defp deps, do: [{:dep, "~> 1.0", app: :not_this_one}]
end
`;
    const config = `import Config
# config :shop_core, ecto_repos: [Commented.Repo]
config(:other_app, ecto_repos: [Other.Repo])
config :shop_core,
  ecto_repos: [
    Acme.Shop.Repo,   # the main one
    Acme.Shop.ReadOnlyRepo
  ]
`;
    const info = await detectProject(reader({ 'mix.exs': mixExs, 'config/config.exs': config }));
    expect(info).toEqual({
      otp_app: 'shop_core',
      base_module: 'Acme.Shop',
      repo: 'Acme.Shop.Repo',
      repos: ['Acme.Shop.Repo', 'Acme.Shop.ReadOnlyRepo'],
      notes: [
        'ecto_repos lists Acme.Shop.Repo, Acme.Shop.ReadOnlyRepo; using Acme.Shop.Repo. Pass app.repo to use another one.',
      ],
    });
  });

  it('camelizes the app when the mix module has no usable prefix, and defaults the repo', async () => {
    const mixExs = `defmodule MixProject do
  use Mix.Project
  def project, do: [app: :blog_api_v2, version: "0.1.0"]
end
`;
    const info = await detectProject(reader({ 'mix.exs': mixExs }));
    expect(info).toEqual({
      otp_app: 'blog_api_v2',
      base_module: 'BlogApiV2',
      repo: 'BlogApiV2.Repo',
      repos: [],
      notes: ['No config/config.exs found; assuming the repo is BlogApiV2.Repo.'],
    });
  });

  it('uses a custom repo and says when ecto_repos is missing', async () => {
    const files = {
      'mix.exs': PHX_NEW_MIX_EXS,
      'config/config.exs': 'import Config\nconfig :my_app, ecto_repos: [MyApp.Data.PostgresRepo]\n',
    };
    expect((await detectProject(reader(files))).repo).toBe('MyApp.Data.PostgresRepo');

    const noRepos = { 'mix.exs': PHX_NEW_MIX_EXS, 'config/config.exs': 'import Config\n' };
    const info = await detectProject(reader(noRepos));
    expect(info.repo).toBe('MyApp.Repo');
    expect(info.notes).toEqual([
      'No ecto_repos for :my_app in config/config.exs; assuming the repo is MyApp.Repo.',
    ]);
  });

  it('recognizes an app inside an umbrella and reads the umbrella config when allowed', async () => {
    const mixExs = `defmodule Core.MixProject do
  use Mix.Project

  def project do
    [
      app: :core,
      version: "0.1.0",
      build_path: "../../_build",
      config_path: "../../config/config.exs",
      deps_path: "../../deps",
      lockfile: "../../mix.lock",
      elixir: "~> 1.14"
    ]
  end
end
`;
    const files = {
      'mix.exs': mixExs,
      '../../config/config.exs': 'import Config\nconfig :core, ecto_repos: [Core.Repo]\n',
    };
    expect(await detectProject(reader(files))).toEqual({
      otp_app: 'core',
      base_module: 'Core',
      repo: 'Core.Repo',
      repos: ['Core.Repo'],
      umbrella: { config_path: '../../config/config.exs' },
      notes: [],
    });
    // a containment-checked reader refuses ../..: defaults, no crash
    const refusing = async (rel: string): Promise<string | null> => {
      if (rel.startsWith('..')) throw new Error('outside the root');
      return rel === 'mix.exs' ? mixExs : null;
    };
    const info = await detectProject(refusing);
    expect(info.repo).toBe('Core.Repo');
    expect(info.notes).toEqual([
      'No ../../config/config.exs found; assuming the repo is Core.Repo.',
    ]);
  });

  it('refuses an umbrella root and names its apps', async () => {
    const files = {
      'mix.exs': `defmodule Platform.MixProject do
  use Mix.Project
  def project do
    [apps_path: "apps", version: "0.1.0", start_permanent: Mix.env() == :prod, deps: deps()]
  end
  defp deps, do: []
end
`,
      'apps/core/mix.exs': 'defmodule Core.MixProject do end',
      'apps/core/lib/core.ex': 'defmodule Core do end',
      'apps/core_web/mix.exs': 'defmodule CoreWeb.MixProject do end',
      'apps/README.md': 'notes',
    };
    const err = await detectProject(reader(files), lister(files)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectError);
    expect((err as ProjectError).code).toBe('umbrella_root');
    expect((err as ProjectError).message).toBe(
      'The project root is an umbrella project (apps_path: "apps"); generators work on one app of it. ' +
        'Pass project_root: "apps/core" (apps found: apps/core, apps/core_web).',
    );
    expect((err as ProjectError).details).toEqual({
      apps_path: 'apps',
      apps: ['core', 'core_web'],
    });

    // a lister that only returns top-level names still works (apps are confirmed by mix.exs)
    const names = async (): Promise<string[]> => ['core', 'core_web', 'README.md'];
    const err2 = (await detectProject(reader(files), names).catch(
      (e: unknown) => e,
    )) as ProjectError;
    expect(err2.details).toEqual({ apps_path: 'apps', apps: ['core', 'core_web'] });

    // without a lister
    const err3 = (await detectProject(reader(files)).catch((e: unknown) => e)) as ProjectError;
    expect(err3.message).toBe(
      'The project root is an umbrella project (apps_path: "apps"); generators work on one app of it. ' +
        'Pass project_root: "apps/<app>" with the app that owns your schemas (no apps were found under apps/).',
    );
  });

  it('says when the directory is not a Mix project', async () => {
    const err = await detectProject(reader({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectError);
    expect((err as ProjectError).code).toBe('not_a_mix_project');
    expect((err as ProjectError).message).toBe(
      'The project root is not a Mix project: it has no mix.exs. Pass project_root pointing at the ' +
        'directory of your Phoenix app (the one with mix.exs), or create the app with `mix phx.new`.',
    );
  });

  it('says when mix.exs has no app', async () => {
    const err = await detectProject(
      reader({
        'mix.exs': 'defmodule X.MixProject do\n  def project, do: [version: "1.0.0"]\nend\n',
      }),
    ).catch((e: unknown) => e);
    expect((err as ProjectError).code).toBe('unreadable_mix_exs');
    expect((err as ProjectError).message).toMatch(/Pass app: \{ otp_app, base_module, repo \}/);
  });
});
