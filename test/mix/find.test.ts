import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateNames, findMix, locateMix } from '../../shared/mix/index.js';

// Real files in temp dirs: `a/mix` executable, `b/mix` executable, `noexec/mix` not executable.
let dir = '';
let a = '';
let b = '';
let noexec = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-find-'));
  a = path.join(dir, 'a');
  b = path.join(dir, 'b');
  noexec = path.join(dir, 'noexec');
  for (const d of [a, b, noexec]) {
    await mkdir(d);
    await writeFile(path.join(d, 'mix'), '#!/bin/sh\n');
  }
  await chmod(path.join(a, 'mix'), 0o755);
  await chmod(path.join(b, 'mix'), 0o755);
  await chmod(path.join(noexec, 'mix'), 0o644);
  await mkdir(path.join(dir, 'dironly', 'mix'), { recursive: true });
  await symlink(path.join(b, 'mix'), path.join(dir, 'link-to-b'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('PATH scan (no shell, no which)', () => {
  it('takes the first executable file on PATH, skipping non-executables and directories', async () => {
    const env = { PATH: [noexec, path.join(dir, 'dironly'), '', b, a].join(path.delimiter) };
    expect(await locateMix({ env })).toEqual({
      found: true,
      path: path.join(b, 'mix'),
      source: 'PATH',
    });
  });

  it('ignores relative PATH entries', async () => {
    const env = { PATH: path.relative(process.cwd(), a) };
    expect(await findMix({ env })).toBeNull();
  });

  it('says where it looked and how to configure mix', async () => {
    expect(await locateMix({ env: { PATH: noexec } })).toEqual({
      found: false,
      reason:
        `mix not found on PATH=${noexec}; ` +
        "pass --mix /path/to/mix or set PHX_GEN_MCP_MIX (or MIX_PATH) in the server's env",
    });
  });
});

describe('explicit settings', () => {
  it('--mix wins over PHX_GEN_MCP_MIX, which wins over MIX_PATH, which wins over PATH', async () => {
    const all = { PATH: a, PHX_GEN_MCP_MIX: path.join(b, 'mix'), MIX_PATH: path.join(a, 'mix') };
    expect(await locateMix({ env: all, mixPath: path.join(dir, 'link-to-b') })).toMatchObject({
      path: path.join(dir, 'link-to-b'),
      source: '--mix',
    });
    expect(await locateMix({ env: all })).toMatchObject({
      path: path.join(b, 'mix'),
      source: 'PHX_GEN_MCP_MIX',
    });
    expect(await locateMix({ env: { PATH: a, MIX_PATH: path.join(b, 'mix') } })).toMatchObject({
      path: path.join(b, 'mix'),
      source: 'MIX_PATH',
    });
  });

  it('does not fall back to PATH when the explicit mix is wrong', async () => {
    const env = { PATH: a };
    expect(await locateMix({ env, mixPath: path.join(noexec, 'mix') })).toEqual({
      found: false,
      reason: `mix not found: --mix=${path.join(noexec, 'mix')} is not an executable file`,
    });
    expect(await findMix({ env: { PATH: a, MIX_PATH: '/nonexistent/mix' } })).toBeNull();
  });

  it('looks a bare name up on PATH', async () => {
    expect(await locateMix({ env: { PATH: b }, mixPath: 'mix' })).toMatchObject({
      path: path.join(b, 'mix'),
      source: '--mix',
    });
  });
});

describe('win32 rules (injected probe)', () => {
  it('tries PATHEXT extensions, not the bare Elixir script', () => {
    expect(candidateNames('mix', 'win32', '.COM;.EXE;.BAT;.CMD')).toEqual([
      'mix.com',
      'mix.exe',
      'mix.bat',
      'mix.cmd',
    ]);
    expect(candidateNames('mix', 'win32', undefined)).toContain('mix.bat');
    expect(candidateNames('mix.bat', 'win32', undefined)).toEqual(['mix.bat']);
    expect(candidateNames('mix', 'linux', '.BAT')).toEqual(['mix']);
  });

  it('finds mix.bat through a case-insensitive Path variable', async () => {
    const existing = new Set(['C:\\Program Files\\Elixir\\bin\\mix.bat']);
    const r = await locateMix({
      platform: 'win32',
      env: { Path: 'C:\\Windows;C:\\Program Files\\Elixir\\bin', PATHEXT: '.EXE;.BAT' },
      isExecutable: async (f) => existing.has(f),
    });
    expect(r).toEqual({
      found: true,
      path: 'C:\\Program Files\\Elixir\\bin\\mix.bat',
      source: 'PATH',
    });
  });
});
