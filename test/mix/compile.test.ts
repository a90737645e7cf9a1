import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileProject } from '../../shared/mix/index.js';
import type { MixDiagnostic } from '../../shared/mix/index.js';
import { describeElixir } from '../support/elixir.js';
import { newMixProject } from './helpers.js';

const WARNINGS = `defmodule App.W do
  @unused_attr 1

  def f(x) do
    y = 1
    x
  end

  def g, do: App.Nope.h()
  def k, do: App.Nope.h()
end
`;

const ERROR = `defmodule App.E do
  def f(x) do
    undefined_var() + x
  end
end
`;

const UNDEFINED_REMOTE =
  'App.Nope.h/0 is undefined (module App.Nope is not available or is yet to be defined)';

const expectedWarnings: MixDiagnostic[] = [
  {
    file: 'lib/w.ex',
    line: 5,
    severity: 'warning',
    message:
      'variable "y" is unused (if the variable is not meant to be used, prefix it with an underscore)',
  },
  {
    file: 'lib/w.ex',
    line: 2,
    severity: 'warning',
    message: 'module attribute @unused_attr was set but never used',
  },
  { file: 'lib/w.ex', line: 9, severity: 'warning', message: UNDEFINED_REMOTE },
  { file: 'lib/w.ex', line: 10, severity: 'warning', message: UNDEFINED_REMOTE },
];

it('skips with a reason when mix is missing', async () => {
  const r = await compileProject(process.cwd(), { mixPath: '/nonexistent/bin/mix' });
  expect(r).toEqual({
    ok: false,
    status: 'skipped',
    reason: 'mix not found: --mix=/nonexistent/bin/mix is not an executable file',
    diagnostics: [],
    output: '',
  });
});

describeElixir('compileProject with real mix (mix new project)', () => {
  let root = '';
  let cleanup = async () => {};
  beforeAll(async () => {
    ({ root, cleanup } = await newMixProject());
    await writeFile(path.join(root, 'lib/w.ex'), WARNINGS);
  });
  afterAll(() => cleanup());

  // Order matters: mix only reports warnings for files it compiles.
  it('--warnings-as-errors: not ok, every warning site parsed', async () => {
    const r = await compileProject(root, { warningsAsErrors: true });
    expect(r).toMatchObject({
      ok: false,
      status: 'failed',
      reason: 'mix compile exited with code 1',
    });
    expect(r.diagnostics).toEqual(expectedWarnings);
    expect(r.output).toContain('--warnings-as-errors');
  });

  it('warnings only: ok, warnings parsed', async () => {
    const r = await compileProject(root);
    expect(r).toMatchObject({ ok: true, status: 'compiled' });
    expect(r.reason).toBeUndefined();
    expect(r.diagnostics).toEqual(expectedWarnings);
  });

  it('a compile error: not ok, the error with file and line', async () => {
    await writeFile(path.join(root, 'lib/e.ex'), ERROR);
    const r = await compileProject(root);
    expect(r).toMatchObject({ ok: false, status: 'failed' });
    expect(r.diagnostics).toEqual([
      {
        file: 'lib/e.ex',
        line: 3,
        severity: 'error',
        message:
          'undefined function undefined_var/0 (expected App.E to define such a function or ' +
          'for it to be imported, but none are available)',
      },
    ]);
  });

  it('a syntax error: the error with file, line and column', async () => {
    await writeFile(
      path.join(root, 'lib/e.ex'),
      'defmodule App.E do\n  def f(x) do\n    foo(,)\n  end\nend\n',
    );
    const r = await compileProject(root);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      {
        file: 'lib/e.ex',
        line: 3,
        column: 9,
        severity: 'error',
        message: "syntax error before: ','",
      },
    ]);
  });

  it('skips a directory without mix.exs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-nomix-'));
    try {
      expect(await compileProject(dir)).toMatchObject({ ok: false, status: 'skipped' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
