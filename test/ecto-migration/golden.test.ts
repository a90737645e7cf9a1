/**
 * Golden cases of the migration planner (pure: no MCP, no writer). Each
 * test/golden/ecto-migration/<case>/ holds input.json (a tool input plus a fixed `clock`), an
 * optional project/ tree the planner reads as the existing project (earlier migrations), the
 * expected files under expected/<path> and the warnings in warnings.txt.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import { checkModel, normalizeModel, type Model } from '../../shared/model/index.js';
import { schemasFromInput } from '../../shared/pipeline/run.js';
import { projectReader, type ProjectReader } from '../../shared/plan/index.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';
import type { PlannedFile } from '../../shared/workspace/index.js';
import { caseConventions, normalizeOptions, planFor } from '../support/conventions.js';
import { assertElixirClean, itElixir } from '../support/elixir.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../golden/ecto-migration');
const cases = readdirSync(root)
  .filter((d) => statSync(path.join(root, d)).isDirectory())
  .sort();

function walk(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? walk(abs, base) : [path.relative(base, abs)];
  });
}

type CaseInput = GeneratorInput & { clock: string; migrations_path?: string };

async function run(name: string): Promise<{ files: PlannedFile[]; warnings: string[] }> {
  const dir = path.join(root, name);
  const { clock, ...args } = JSON.parse(
    readFileSync(path.join(dir, 'input.json'), 'utf8'),
  ) as CaseInput;
  const projectDir = path.join(dir, 'project');
  const project = projectReader(existsSync(projectDir) ? projectDir : null);
  const { app, conventions } = await caseConventions(args, project);
  const result = normalizeModel(
    { app: args.app ?? app ?? null, schemas: schemasFromInput(args) },
    normalizeOptions(conventions, args),
  );
  expect(result.errors).toEqual([]);
  const warnings = result.warnings.map((w) => `${w.path}: ${w.message}`);
  const files = await planFor(conventions, () =>
    planMigrations(result.model!, args, {
      project,
      clock: () => new Date(clock),
      warn: (m) => warnings.push(m),
      signal: new AbortController().signal,
      progress: async () => {},
    }),
  );
  return { files, warnings };
}

describe('ecto-migration goldens', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(10));

  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const { files, warnings } = await run(name);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      await expect(f.content).toMatchFileSnapshot(path.join(dir, 'expected', f.path));
    }
    // No stale goldens: expected/ holds exactly the planned files.
    expect(walk(path.join(dir, 'expected')).sort()).toEqual(files.map((f) => f.path).sort());
    await expect(warnings.map((w) => `${w}\n`).join('')).toMatchFileSnapshot(
      path.join(dir, 'warnings.txt'),
    );
  });

  itElixir(
    'every planned migration parses and is mix-format clean',
    async () => {
      const all: { path: string; content: string }[] = [];
      for (const name of cases) {
        const { files } = await run(name);
        all.push(...files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
      }
      await assertElixirClean(all);
    },
    60_000,
  );
});

describe('planner edge cases', () => {
  const APP = { otp_app: 'my_app', base_module: 'MyApp' };
  const model = (schemas: unknown[]): Model => {
    const r = checkModel({ app: APP, schemas });
    expect(r.errors).toEqual([]);
    return r.model!;
  };
  /** An in-memory project: path → content. */
  const memory = (files: Record<string, string>): ProjectReader => ({
    root: '/memory',
    read: async (rel) => files[rel] ?? null,
    list: async (dir) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir}/`))
        .sort(),
  });
  const plan = async (m: Model, clock: string, project: ProjectReader = projectReader(null)) => {
    const warnings: string[] = [];
    const files = await planMigrations(
      m,
      {},
      {
        project,
        clock: () => new Date(clock),
        warn: (w) => warnings.push(w),
        signal: new AbortController().signal,
        progress: async () => {},
      },
    );
    return { paths: files.map((f) => f.path), files, warnings };
  };

  it('versions roll over minutes, days and years', async () => {
    const { paths } = await plan(
      model([{ module: 'A.One' }, { module: 'A.Two' }, { module: 'A.Three' }]),
      '2024-12-31T23:59:58.750Z',
    );
    expect(paths).toEqual([
      'priv/repo/migrations/20241231235958_create_ones.exs',
      'priv/repo/migrations/20241231235959_create_twos.exs',
      'priv/repo/migrations/20250101000000_create_threes.exs',
    ]);
  });

  it('only embedded schemas: no file, one warning', async () => {
    const { files, warnings } = await plan(
      model([{ module: 'Shop.Address', embedded: true, fields: [{ name: 'city' }] }]),
      '2024-05-01T12:00:00Z',
    );
    expect(files).toEqual([]);
    expect(warnings).toEqual([
      'No migration generated: Shop.Address is an embedded schema (no table).',
    ]);
  });

  it('a file with the same migration name (another module) is the conflict target', async () => {
    // Ecto refuses two migrations with the same name ("migration name create_posts is duplicated").
    const existing = 'priv/repo/migrations/20230101000000_create_posts.exs';
    const { paths } = await plan(
      model([{ module: 'Blog.Post' }]),
      '2024-05-01T12:00:00Z',
      memory({ [existing]: 'defmodule MyApp.Repo.Migrations.CreatePostsTable do\nend\n' }),
    );
    expect(paths).toEqual([existing]);
  });

  it('reads migrations in subdirectories and ignores other modules', async () => {
    const { paths } = await plan(
      model([{ module: 'Blog.Post' }]),
      '2024-05-01T12:00:00Z',
      memory({
        'priv/repo/migrations/archive/20240501120000_create_users.exs':
          'defmodule MyApp.Repo.Migrations.CreateUsers do\nend\n',
        'priv/repo/other/20240501120001_create_posts.exs':
          'defmodule MyApp.Repo.Migrations.CreatePosts do\nend\n',
      }),
    );
    expect(paths).toEqual(['priv/repo/migrations/20240501120001_create_posts.exs']);
  });
});
