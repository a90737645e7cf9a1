import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatFiles } from '../../shared/mix/index.js';
import { describeElixir } from '../support/elixir.js';
import { newMixProject } from './helpers.js';

const UGLY = 'defmodule  App.Ugly do\n  def f( x ),do:   x\nend';
const PRETTY = 'defmodule App.Ugly do\n  def f(x), do: x\nend\n';
const BROKEN = 'defmodule App.Broken do\n  def f(x) do\n    foo(,)\n  end\nend\n';

it('skips, with the reason, when the explicit mix does not exist', async () => {
  const r = await formatFiles(process.cwd(), ['lib/a.ex'], { mixPath: '/nonexistent/bin/mix' });
  expect(r).toEqual({
    status: 'skipped',
    reason: 'mix not found: --mix=/nonexistent/bin/mix is not an executable file',
  });
});

it('skips when mix is not on PATH', async () => {
  const r = await formatFiles(process.cwd(), ['lib/a.ex'], { env: { PATH: '/nonexistent' } });
  expect(r.status).toBe('skipped');
  expect(r.status === 'skipped' && r.reason).toMatch(
    /mix not found on PATH=\/nonexistent; pass --mix/,
  );
});

it('skips an empty file list without looking for mix', async () => {
  expect(await formatFiles('/nonexistent', [], { mixPath: '/nonexistent/mix' })).toEqual({
    status: 'skipped',
    reason: 'no files to format',
  });
});

describeElixir('formatFiles with real mix', () => {
  let root = '';
  let cleanup = async () => {};
  beforeAll(async () => {
    ({ root, cleanup } = await newMixProject());
  });
  afterAll(() => cleanup());

  it('skips a directory without mix.exs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-nomix-'));
    try {
      const r = await formatFiles(dir, ['a.ex']);
      expect(r).toEqual({
        status: 'skipped',
        reason: `${dir} has no mix.exs, so it is not a mix project`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('formats badly formatted files in a mix project, in one call', async () => {
    await writeFile(path.join(root, 'lib/ugly.ex'), UGLY);
    await writeFile(path.join(root, 'lib/ugly2.ex'), UGLY.replace('Ugly', 'Ugly2'));
    const r = await formatFiles(root, ['lib/ugly.ex', 'lib/ugly2.ex']);
    expect(r).toMatchObject({ status: 'formatted', files: ['lib/ugly.ex', 'lib/ugly2.ex'] });
    expect(await readFile(path.join(root, 'lib/ugly.ex'), 'utf8')).toBe(PRETTY);
    expect(await readFile(path.join(root, 'lib/ugly2.ex'), 'utf8')).toBe(
      PRETTY.replace('Ugly', 'Ugly2'),
    );
  });

  it('fails with mix’s message on a syntax error and leaves that file untouched', async () => {
    await writeFile(path.join(root, 'lib/broken.ex'), BROKEN);
    const r = await formatFiles(root, ['lib/broken.ex']);
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.reason).toBe('mix format exited with code 1');
    expect(r.message).toMatch(/^mix format failed for file: lib\/broken\.ex\n/);
    expect(r.message).toContain('lib/broken.ex:3:9');
    expect(await readFile(path.join(root, 'lib/broken.ex'), 'utf8')).toBe(BROKEN);
  });

  it('fails (does not hang or throw) when mix exceeds the timeout', async () => {
    await writeFile(path.join(root, 'lib/ugly3.ex'), UGLY);
    const r = await formatFiles(root, ['lib/ugly3.ex'], { timeoutMs: 30 });
    expect(r).toMatchObject({
      status: 'failed',
      reason: 'mix format timed out after 30 ms and was killed',
    });
  });
});
