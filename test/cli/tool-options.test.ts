/**
 * `generate` takes every argument of the tools it drives, under the same names, validated by the
 * tools' own schemas; and the umbrella error speaks of --project, not of project_root.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerateReport } from '../../cli/generate.js';
import { main } from '../../cli/main.js';
import { CLI_OWNED_ARGS, toolOptions } from '../../cli/tool-options.js';
import { generateEctoMigration } from '../../servers/ecto-migration/tools/generate-ecto-migration.js';
import { generateEctoSchema } from '../../servers/ecto-schema/tools/generate-ecto-schema.js';
import { generatePhoenixContext } from '../../servers/phoenix-context/tools/generate-phoenix-context.js';
import { parseGenSpecTool } from '../../servers/schema-understanding/tools/parse-gen-spec.js';
import { itElixir } from '../support/elixir.js';
import { tempProject } from '../support/mcp.js';
import { runCli } from './helpers.js';

async function inProcess(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const projects: { cleanup(): Promise<void> }[] = [];
async function project(files: Record<string, string> = {}) {
  const p = await tempProject(files);
  projects.push(p);
  return p.root;
}
afterAll(async () => {
  await Promise.all(projects.map((p) => p.cleanup()));
});

describe.concurrent('generate: the tools’ options', () => {
  it('every tool argument is an option of the same name in --help', async () => {
    const { code, out } = await inProcess(['generate', '--help']);
    expect(code).toBe(0);
    const keys = new Set(
      [parseGenSpecTool, generateEctoSchema, generateEctoMigration, generatePhoenixContext]
        .flatMap((t) => Object.keys(t.input.shape))
        .filter((k) => !CLI_OWNED_ARGS.has(k)),
    );
    expect([...keys].sort()).toEqual(
      toolOptions()
        .map((o) => o.key)
        .sort(),
    );
    for (const key of keys) {
      expect(out).toMatch(new RegExp(`^  --(\\[no-\\])?${key.replace(/_/g, '-')}\\b`, 'm'));
    }
    for (const flag of ['--[no-]verify', '--migrations-path', '--app', '--no-timestamps']) {
      expect(out).toContain(flag);
    }
    expect(out).toContain('--[no-]with-tests');
  });

  it('bad values are usage errors naming the option, checked by the tools’ schemas', async () => {
    const cases: [string[], string][] = [
      [['--migrations-path', '../out'], '--migrations-path "../out": migrations_path "../out" has'],
      [['--app', 'Shop'], '--app "Shop": otp_app must be lowercase snake_case'],
      [['--app', '{"otp_app":'], '--app "{\\"otp_app\\":" is not valid JSON'],
      [['--format', 'pretty'], '--format must be one of auto, mix, none; got "pretty"'],
      [['--with-tests', '--no-with-tests'], '--with-tests and --no-with-tests contradict'],
      [['--scope', 'user', '--no-scope'], '--scope and --no-scope contradict'],
      [['--scope', 'User'], '--scope "User":'],
    ];
    for (const [options, message] of cases) {
      const r = await inProcess(['generate', '--project', '.', ...options, 'Blog Tag tags name']);
      expect(r.code, message).toBe(2);
      expect(r.err).toContain(message);
    }
  });

  it('passes each option to the tools that take it (--app, --no-with-tests, --migrations-path, --no-timestamps)', async () => {
    const root = await project();
    const r = await runCli([
      'generate',
      '--project',
      root,
      '--dry-run',
      '--json',
      '--app',
      'shop',
      '--no-with-tests',
      '--migrations-path',
      'priv/repo/other',
      '--no-timestamps',
      'Catalog Product products name:string',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as GenerateReport;
    const files = report.steps.flatMap((s) => s.output.files);
    expect(files.map((f) => f.path)).toEqual([
      'lib/shop/catalog/product.ex',
      expect.stringMatching(/^priv\/repo\/other\/\d{14}_create_products\.exs$/),
      'lib/shop/catalog.ex',
    ]);
    expect(files[0]!.content).toContain('defmodule Shop.Catalog.Product do');
    expect(files[0]!.content).not.toContain('timestamps()');
    expect(files[2]!.content).toContain('alias Shop.Repo');
  }, 60_000);

  it('--scope NAME and --no-scope choose the Phoenix 1.8 scope; the default scope applies otherwise', async () => {
    const root = await project({
      'mix.exs':
        'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :my_app, version: "0.1.0", deps: deps()]\n\n  defp deps, do: [{:phoenix, "~> 1.8.1"}, {:ecto_sql, "~> 3.13"}]\nend\n',
      'config/config.exs':
        'import Config\n\nconfig :my_app, :scopes,\n  user: [default: true, module: MyApp.Accounts.Scope, access_path: [:user, :id], schema_key: :user_id, schema_type: :id, schema_table: :users, test_data_fixture: MyApp.AccountsFixtures]\n',
    });
    const run = (...options: string[]) =>
      runCli([
        'generate',
        '--project',
        root,
        '--dry-run',
        '--json',
        ...options,
        'Blog Note notes body:text',
      ]);
    const contextOf = (stdout: string) =>
      (JSON.parse(stdout) as GenerateReport).steps
        .flatMap((s) => s.output.files)
        .find((f) => f.path === 'lib/my_app/blog.ex')!.content!;
    const scoped = await run();
    expect(scoped.code, scoped.stderr).toBe(0);
    expect(contextOf(scoped.stdout)).toContain('def list_notes(%Scope{} = scope) do');
    const report = JSON.parse(scoped.stdout) as GenerateReport;
    expect(report.steps.at(-1)!.output.conventions).toContain(
      'scoped by :user: Blog.Note (scope false or --no-scope for unscoped functions)',
    );
    const unscoped = await run('--no-scope');
    expect(unscoped.code, unscoped.stderr).toBe(0);
    expect(contextOf(unscoped.stdout)).toContain('def list_notes do');
    const unknown = await run('--scope', 'team');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'scope "team" is not configured; config/config.exs configures :user (default)',
    );
  }, 240_000);

  itElixir(
    '--verify compiles the project once, after the last generator',
    async () => {
      const root = await project({
        'mix.exs':
          'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :my_app, version: "0.1.0", deps: []]\nend\n',
      });
      const r = await runCli([
        'generate',
        '--project',
        root,
        '--json',
        '--verify',
        '--format',
        'none',
        'Blog Tag tags name',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as GenerateReport;
      expect(report.steps.map((s) => s.output.compile?.status)).toEqual([
        undefined,
        undefined,
        // no Ecto in this project: the compile fails, with mix's diagnostics
        'failed',
      ]);
      expect(report.steps[2]!.output.compile?.diagnostics.length).toBeGreaterThan(0);
    },
    90_000,
  );

  it('an umbrella root: the error names --project with the app directory, before any server', async () => {
    const root = await project({
      'mix.exs':
        'defmodule Shop.Umbrella.MixProject do\n  use Mix.Project\n\n  def project, do: [apps_path: "apps", version: "0.1.0", deps: []]\nend\n',
      'apps/shop/mix.exs':
        'defmodule Shop.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :shop, version: "0.1.0"]\nend\n',
    });
    const r = await inProcess(['generate', '--project', root, 'Blog Tag tags name']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is an umbrella project');
    expect(r.err).toContain(`--project ${path.join(root, 'apps', 'shop')}`);
    expect(r.err).not.toContain('project_root');
    expect(r.err).not.toContain('Starting');
  });

  it('mix.exs without app: the error says --app', async () => {
    const root = await project();
    await writeFile(
      path.join(root, 'mix.exs'),
      'defmodule Odd.MixProject do\n  use Mix.Project\n\n  def project, do: [version: "0.1.0"]\nend\n',
    );
    const r = await inProcess(['generate', '--project', root, 'Blog Tag tags name']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--app my_app');
    expect(r.err).not.toContain('Starting');
  });
});
