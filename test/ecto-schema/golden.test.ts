/**
 * Golden files of the ecto-schema generator: each test/golden/ecto-schema/<case>/input.json (a
 * generate_ecto_schema input: schemas or specs, app) goes through the model and the PURE planner
 * (no MCP, no disk writes) and every planned file is compared with
 * <case>/expected/<path> (`npx vitest run -u test/ecto-schema/golden.test.ts` rewrites them).
 * Warnings are pinned in <case>/expected/warnings.txt. A <case>/project/ folder, when present, is
 * the project the planner may read (mix.exs). All generated files are then checked by Elixir:
 * they parse and are exactly `mix format` output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { appFromDef, normalizeModel } from '../../shared/model/index.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';
import { DEFAULT_APP, schemasFromInput } from '../../shared/pipeline/run.js';
import { type ProjectReader } from '../../shared/plan/index.js';
import { caseConventions, normalizeOptions, planFor } from '../support/conventions.js';
import { assertElixirClean, describeElixir, itElixir } from '../support/elixir.js';

const casesDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'golden',
  'ecto-schema',
);
const cases = readdirSync(casesDir).filter((d) => existsSync(path.join(casesDir, d, 'input.json')));

function listFiles(dir: string, rel = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)],
  );
}

function projectOf(dir: string): ProjectReader {
  const root = path.join(dir, 'project');
  if (!existsSync(root)) return { root: null, read: async () => null, list: async () => [] };
  return {
    root,
    read: async (rel) => {
      const abs = path.join(root, rel);
      return existsSync(abs) ? readFileSync(abs, 'utf8') : null;
    },
    list: async () => [],
  };
}

async function generate(name: string) {
  const dir = path.join(casesDir, name);
  const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as GeneratorInput;
  const project = projectOf(dir);
  const { app: detected, conventions } = await caseConventions(input, project);
  const app = input.app ? appFromDef(input.app) : (detected ?? DEFAULT_APP);
  const { model, errors } = normalizeModel(
    { app, schemas: schemasFromInput(input) },
    normalizeOptions(conventions, input),
  );
  expect(errors).toEqual([]);
  const warnings: string[] = [];
  const files = await planFor(conventions, () =>
    planEctoSchemas(model!, input, {
      project,
      warn: (m) => warnings.push(m),
      // As the pipeline passes it: Phoenix read from the case's mix.exs, never without a project.
      phoenix: project.root !== null && conventions.phoenix,
    }),
  );
  return { dir, files, warnings };
}

describe('ecto-schema goldens', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases)('%s', async (name) => {
    const { dir, files, warnings } = await generate(name);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      await expect(f.content).toMatchFileSnapshot(path.join(dir, 'expected', f.path));
    }
    const expected = listFiles(path.join(dir, 'expected')).filter((f) => f !== 'warnings.txt');
    expect(expected.sort(), `${name}: stale files in expected/`).toEqual(
      files.map((f) => f.path).sort(),
    );
    const warningsFile = path.join(dir, 'expected', 'warnings.txt');
    if (warnings.length > 0) {
      await expect(warnings.join('\n') + '\n').toMatchFileSnapshot(warningsFile);
    } else {
      expect(existsSync(warningsFile), `${name}: stale warnings.txt`).toBe(false);
    }
  });
});

describeElixir('ecto-schema goldens in Elixir', () => {
  itElixir(
    'every generated module parses and is mix-format clean',
    async () => {
      const all = [];
      for (const name of cases) {
        const { files } = await generate(name);
        all.push(...files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
      }
      await assertElixirClean(all);
    },
    60_000,
  );
});
