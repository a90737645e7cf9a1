/**
 * Golden files of the phoenix-context generator: test/golden/phoenix-context/<case>/input.json
 * (a tool input with `app` and a fixed `clock`) plus, optionally, `existing/<path>` files the
 * project already has → the pure planner → `expected/<path>` (real Elixir files) and
 * `warnings.txt`. Cases named `rerun-*` must plan every file unchanged.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planPhoenixContexts } from '../../shared/generate/phoenix-context.js';
import { normalizeModel } from '../../shared/model/index.js';
import { schemasFromInput } from '../../shared/pipeline/run.js';
import { type ProjectReader } from '../../shared/plan/index.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';
import type { PlannedFile } from '../../shared/workspace/index.js';
import { caseConventions, normalizeOptions, planFor } from '../support/conventions.js';
import { assertElixirClean, describeElixir, itElixir } from '../support/elixir.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../golden/phoenix-context');

interface CaseInput extends GeneratorInput {
  clock: string;
  with_tests?: boolean;
}

function walk(dir: string, base = dir): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out = out.concat(walk(abs, base));
    else out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out;
}

/** A ProjectReader over `<case>/existing/`. */
export function fixtureProject(dir: string): ProjectReader {
  const files = new Map(walk(dir).map((rel) => [rel, readFileSync(path.join(dir, rel), 'utf8')]));
  return {
    root: files.size > 0 ? dir : null,
    read: async (rel) => files.get(rel) ?? null,
    list: async (relDir) => [...files.keys()].filter((f) => f.startsWith(`${relDir}/`)),
  };
}

export async function runCase(
  name: string,
): Promise<{ files: PlannedFile[]; warnings: string[]; input: CaseInput }> {
  const dir = path.join(root, name);
  const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as CaseInput;
  const project = fixtureProject(path.join(dir, 'existing'));
  const { app, conventions } = await caseConventions(input, project);
  const { model, errors } = normalizeModel(
    { app: input.app ?? app, schemas: schemasFromInput(input) },
    normalizeOptions(conventions, input),
  );
  if (!model) throw new Error(`invalid model in ${name}: ${JSON.stringify(errors)}`);
  const warnings: string[] = [];
  const files = await planFor(conventions, () =>
    planPhoenixContexts(model, input, {
      project,
      clock: () => new Date(input.clock),
      warn: (m) => warnings.push(m),
      repoAllBy: conventions.repo_all_by,
      signal: new AbortController().signal,
      progress: async () => {},
    }),
  );
  return { files, warnings, input };
}

export const CASES = readdirSync(root).filter((n) => statSync(path.join(root, n)).isDirectory());

describe.each(CASES)('phoenix-context golden %s', (name) => {
  it('matches the expected files and warnings', async () => {
    const { files, warnings } = await runCase(name);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      await expect(f.content).toMatchFileSnapshot(path.join(root, name, 'expected', f.path));
    }
    await expect(warnings.map((w) => `- ${w}\n`).join('')).toMatchFileSnapshot(
      path.join(root, name, 'warnings.txt'),
    );
    if (name.startsWith('rerun')) {
      for (const f of files) expect(f.content, f.path).toBe(f.expected);
    }
  });
});

describeElixir('phoenix-context goldens in Elixir', () => {
  itElixir(
    'every planned file parses and is mix-format clean',
    async () => {
      const all: { path: string; content: string }[] = [];
      for (const name of CASES) {
        const { files } = await runCase(name);
        all.push(...files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
      }
      await assertElixirClean(all);
    },
    60_000,
  );
});
