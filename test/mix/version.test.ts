import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedElixirVersion, parseElixirVersionOutput } from '../../shared/mix/index.js';
import { installedElixirAppVersion } from '../../shared/host/probe.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** An Elixir installation layout (bin/mix + lib/elixir/ebin/elixir.app) and a link to its mix. */
async function installation(vsn: string): Promise<{ mix: string; link: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'phx-gen-elixir-'));
  dirs.push(root);
  await mkdir(path.join(root, 'elixir', 'bin'), { recursive: true });
  await mkdir(path.join(root, 'elixir', 'lib', 'elixir', 'ebin'), { recursive: true });
  const mix = path.join(root, 'elixir', 'bin', 'mix');
  await writeFile(mix, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  await writeFile(
    path.join(root, 'elixir', 'lib', 'elixir', 'ebin', 'elixir.app'),
    `{application,elixir,\n             [{description,"elixir"},\n              {vsn,"${vsn}"},\n              {modules,[]}]}.\n`,
  );
  await mkdir(path.join(root, 'usr-bin'));
  const link = path.join(root, 'usr-bin', 'mix');
  await symlink(mix, link);
  return { mix, link };
}

describe('installed Elixir version', () => {
  it('is read from the installation behind mix, through links, without starting the BEAM', async () => {
    const { mix, link } = await installation('1.18.4');
    expect(await installedElixirAppVersion(mix)).toBe('1.18.4');
    expect(await installedElixirAppVersion(link)).toBe('1.18.4');
    expect(await installedElixirVersion({ mixPath: link })).toBe('1.18.4');
    expect(await installedElixirAppVersion(path.join(path.dirname(link), 'none'))).toBeUndefined();
  });

  it('parses `elixir --version` and `mix --version` output', () => {
    expect(
      parseElixirVersionOutput(
        'Erlang/OTP 25 [erts-13.1.5] [64-bit]\n\nElixir 1.18.4 (compiled with Erlang/OTP 25)\n',
      ),
    ).toBe('1.18.4');
    expect(
      parseElixirVersionOutput('Erlang/OTP 24\n\nMix 1.14.0 (compiled with Erlang/OTP 24)'),
    ).toBe('1.14.0');
    expect(parseElixirVersionOutput('command not found')).toBeUndefined();
  });
});
