/**
 * Opt-in end to end: the generated tests pass in a phx.new-shaped project (DataCase with the SQL
 * sandbox) against PostgreSQL, with no compiler warnings. Schemas, migrations and contexts are
 * generated for golden cases with the three generators, then `mix test --warnings-as-errors`.
 *
 * Needs what hex.pm would give (unreachable here), so it runs only when both are set:
 *   PHX_GEN_MCP_ECTO_DEPS  a directory holding ecto, ecto_sql, postgrex, db_connection,
 *                          decimal, telemetry and jason sources (path dependencies);
 *   PHX_GEN_MCP_PG         host:port of a PostgreSQL server (user postgres, PGPASSWORD if any).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import { planPhoenixContexts } from '../../shared/generate/phoenix-context.js';
import { appFromDef, normalizeModel, type SchemaDef } from '../../shared/model/index.js';
import { schemasFromInput } from '../../shared/pipeline/run.js';
import { projectReader } from '../../shared/plan/index.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';

const DEPS = process.env.PHX_GEN_MCP_ECTO_DEPS;
const PG = process.env.PHX_GEN_MCP_PG;
const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), '../golden/phoenix-context');

/** Cases and the schemas they assume already exist (generated as schema + migration only). */
const CASES: [string, SchemaDef[]][] = [
  ['new-context', []],
  ['belongs-to-across-contexts', []],
  ['binary-id', []],
  ['every-type', []],
  ['custom-pk-optional-fields', []],
  ['long-names', []],
  [
    'add-schema',
    [
      {
        module: 'Blog.Post',
        fields: [
          { name: 'title' },
          { name: 'body', type: 'text' },
          { name: 'published', type: 'boolean' },
          { name: 'views', type: 'integer', required: false },
        ],
      },
    ],
  ],
];

function skeleton(
  app: { otp_app: string; base_module: string; repo: string },
  db: string,
): Record<string, string> {
  const [host, port] = (PG ?? 'localhost:5432').split(':');
  const M = app.base_module;
  const R = app.repo;
  const repoFile = R.split('.')
    .pop()!
    .replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase());
  return {
    'mix.exs': `defmodule ${M}.MixProject do
  use Mix.Project

  def project do
    [
      app: :${app.otp_app},
      version: "0.1.0",
      elixir: "~> 1.14",
      elixirc_paths: elixirc_paths(Mix.env()),
      deps: deps(),
      aliases: [test: ["ecto.drop --quiet", "ecto.create --quiet", "ecto.migrate --quiet", "test"]]
    ]
  end

  def application, do: [mod: {${M}.Application, []}, extra_applications: [:logger]]

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp deps do
    for d <- ~w(ecto ecto_sql postgrex db_connection decimal telemetry jason)a do
      {d, path: Path.join(${JSON.stringify(DEPS)}, Atom.to_string(d)), override: true}
    end
  end
end
`,
    'config/config.exs': `import Config
config :${app.otp_app}, ecto_repos: [${R}]

config :${app.otp_app}, ${R},
  database: ${JSON.stringify(db)},
  username: "postgres",
  password: ${JSON.stringify(process.env.PGPASSWORD ?? 'postgres')},
  hostname: ${JSON.stringify(host)},
  port: ${Number(port ?? 5432)},
  pool: Ecto.Adapters.SQL.Sandbox

config :logger, level: :warning
`,
    [`lib/${app.otp_app}/${repoFile}.ex`]: `defmodule ${R} do
  use Ecto.Repo, otp_app: :${app.otp_app}, adapter: Ecto.Adapters.Postgres
end
`,
    [`lib/${app.otp_app}/application.ex`]: `defmodule ${M}.Application do
  use Application

  @impl true
  def start(_type, _args) do
    Supervisor.start_link([${R}], strategy: :one_for_one, name: ${M}.Supervisor)
  end
end
`,
    'test/support/data_case.ex': `defmodule ${M}.DataCase do
  use ExUnit.CaseTemplate

  using do
    quote do
      alias ${R}, as: Repo
      import Ecto.Changeset
      import ${M}.DataCase
    end
  end

  setup tags do
    pid = Ecto.Adapters.SQL.Sandbox.start_owner!(${R}, shared: not tags[:async])
    on_exit(fn -> Ecto.Adapters.SQL.Sandbox.stop_owner(pid) end)
    :ok
  end
end
`,
    'test/test_helper.exs': `ExUnit.start()\nEcto.Adapters.SQL.Sandbox.mode(${R}, :manual)\n`,
  };
}

let work: string;
beforeAll(async () => {
  if (DEPS && PG) work = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-pg-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!DEPS || !PG)('generated tests pass on PostgreSQL', () => {
  it.each(CASES)(
    '%s',
    async (name, before) => {
      const dir = path.join(golden, name);
      const input = JSON.parse(
        await readFile(path.join(dir, 'input.json'), 'utf8'),
      ) as GeneratorInput & {
        app: { otp_app: string; base_module: string; repo?: string };
        clock: string;
      };
      const app = appFromDef(input.app);
      const root = path.join(work, name);
      for (const [rel, content] of Object.entries(
        skeleton(app, `phx_gen_mcp_${name.replaceAll('-', '_')}`),
      )) {
        await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await writeFile(path.join(root, rel), content);
      }
      await cp(path.join(dir, 'existing'), root, { recursive: true }).catch(() => undefined);
      const schemas = schemasFromInput(input);
      const ctx = {
        project: projectReader(root),
        clock: () => new Date(input.clock),
        warn: () => {},
        signal: new AbortController().signal,
        progress: async () => {},
      };
      const all = normalizeModel({ app, schemas: [...before, ...schemas] }).model!;
      const batch = normalizeModel({ app, schemas }).model!;
      const files = [
        ...(await planEctoSchemas(all, {}, ctx)),
        ...(await planMigrations(all, {}, ctx)),
        ...(await planPhoenixContexts(batch, input, ctx)),
      ];
      for (const f of files) {
        await mkdir(path.dirname(path.join(root, f.path)), { recursive: true });
        await writeFile(path.join(root, f.path), f.content);
      }
      const env = { MIX_ENV: 'test', LANG: 'C.UTF-8' };
      const compile = await execa('mix', ['compile', '--warnings-as-errors'], {
        cwd: root,
        env,
        reject: false,
        stdin: 'ignore',
      });
      expect(compile.exitCode, `${compile.stdout}\n${compile.stderr}`).toBe(0);
      const test = await execa('mix', ['test', '--warnings-as-errors'], {
        cwd: root,
        env,
        reject: false,
        stdin: 'ignore',
      });
      expect(test.exitCode, `${test.stdout}\n${test.stderr}`).toBe(0);
      expect(test.stdout).toMatch(/\d+ tests, 0 failures/);
    },
    300_000,
  );
});
