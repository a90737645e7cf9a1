import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  descendantsIn,
  parsePs,
  findMix,
  liveMixProcessCount,
  runMix,
  spawnCommand,
} from '../../shared/mix/index.js';
import { procTable } from '../../shared/host/probe.js';
import { describeElixir } from '../support/elixir.js';
import { newMixProject, processesMatching, uniqueMarker } from './helpers.js';

describe('spawnCommand', () => {
  it('spawns mix directly on POSIX and for a win32 .exe', () => {
    expect(spawnCommand('/usr/bin/mix', ['format', '--', 'a b.ex'], 'linux')).toEqual({
      file: '/usr/bin/mix',
      args: ['format', '--', 'a b.ex'],
      windowsVerbatimArguments: false,
    });
    expect(spawnCommand('C:\\x\\mix.exe', ['compile'], 'win32').file).toBe('C:\\x\\mix.exe');
  });

  it('wraps a win32 .bat in cmd.exe with every argument quoted', () => {
    expect(
      spawnCommand('C:\\Elixir (x86)\\bin\\mix.bat', ['format', '--', 'lib/a&b.ex'], 'win32'),
    ).toEqual({
      file: 'cmd.exe',
      args: [
        '/d',
        '/v:off',
        '/s',
        '/c',
        '""C:\\Elixir (x86)\\bin\\mix.bat" "format" "--" "lib/a&b.ex""',
      ],
      windowsVerbatimArguments: true,
    });
  });

  it('refuses what cmd.exe would still interpret inside quotes', () => {
    for (const bad of ['a"b.ex', '%PATH%.ex', 'a\nb', 'dir\\']) {
      expect(() => spawnCommand('mix.cmd', ['format', bad], 'win32')).toThrow(/cmd\.exe/);
    }
  });
});

it('descendantsIn walks the whole tree below a pid, from ps output', () => {
  const ps = [
    '  1     0',
    ' 10     1',
    ' 11    10',
    ' 12    11',
    ' 13    10',
    ' 20     1',
    '',
  ].join('\n');
  expect(descendantsIn(parsePs(ps), 10).sort()).toEqual([11, 12, 13]);
  expect(descendantsIn(parsePs(ps), 20)).toEqual([]);
});

it.runIf(process.platform === 'linux')('procTable reads pid → ppid from /proc', () => {
  const table = procTable();
  expect(table).not.toBeNull();
  expect(table).toContainEqual([process.pid, process.ppid]);
});

it('reports a spawn error for a bogus mix path instead of throwing', async () => {
  const r = await runMix(['--version'], { cwd: process.cwd(), mixPath: '/nonexistent/bin/mix' });
  expect(r).toMatchObject({ exitCode: -1, timedOut: false, aborted: false });
  expect(r.spawnError).toMatch(/ENOENT/);
});

it('does not start mix when the signal is already aborted', async () => {
  const ac = new AbortController();
  ac.abort();
  const r = await runMix(['--version'], {
    cwd: process.cwd(),
    mixPath: '/nonexistent/bin/mix',
    signal: ac.signal,
  });
  expect(r).toMatchObject({ aborted: true, exitCode: -1, durationMs: 0 });
  expect(r.spawnError).toBeUndefined();
});

describeElixir('runMix with real mix', () => {
  let root = '';
  let mixPath = '';
  let cleanup = async () => {};
  beforeAll(async () => {
    ({ root, cleanup } = await newMixProject());
    mixPath = (await findMix({})) ?? '';
    // Compile once so each `mix run` below starts in ~0.3 s.
    await runMix(['compile'], { cwd: root, mixPath });
  });
  afterAll(() => cleanup());

  it('captures stdout/stderr and passes only the allowlisted environment', async () => {
    const r = await runMix(
      [
        'run',
        '-e',
        'IO.puts(System.get_env("PHX_SECRET") || "no secret"); IO.puts(System.get_env("MIX_ENV")); ' +
          'IO.puts(:stderr, "to stderr"); IO.puts(:file.native_name_encoding())',
      ],
      {
        cwd: root,
        mixPath,
        baseEnv: { ...process.env, PHX_SECRET: 'leaked', MIX_ENV: 'test', LANG: '', LC_ALL: '' },
      },
    );
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, aborted: false });
    expect(r.stdout.split('\n').slice(-3)).toEqual(['no secret', 'test', 'utf8']);
    expect(r.stderr).toBe('to stderr');
  });

  // The sleep is a port program: erl_child_setup setsid()s it, so it is in neither our process
  // group nor the BEAM's, and it holds our stderr pipe. Only a tree kill gets rid of it.
  describe.concurrent('kills the whole tree', () => {
    const assertNothingLeft = async (marker: string) => {
      const left = await processesMatching(marker);
      for (const line of left) process.kill(Number(line.split(/\s+/)[0]), 'SIGKILL');
      expect(left).toEqual([]);
    };

    it('on timeout: timedOut, quickly, no leftover beam or port process', async () => {
      const marker = uniqueMarker();
      const started = Date.now();
      const r = await runMix(['run', '-e', `System.cmd("sleep", ["${marker}"])`], {
        cwd: root,
        mixPath,
        timeoutMs: 1_200,
        killGraceMs: 500,
      });
      expect(r.timedOut).toBe(true);
      expect(r.aborted).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
      await assertNothingLeft(marker);
    });

    it('on abort: aborted, no leftover beam process', async () => {
      const marker = uniqueMarker();
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), 800);
      const r = await runMix(['run', '-e', `:timer.sleep(:infinity) # ${marker}`], {
        cwd: root,
        mixPath,
        signal: ac.signal,
        killGraceMs: 500,
      }).finally(() => clearTimeout(timer));
      expect(r).toMatchObject({ aborted: true, timedOut: false });
      await assertNothingLeft(marker);
    });

    it('kills a running mix tree when the server process exits', async () => {
      const marker = uniqueMarker();
      const fixture = fileURLToPath(new URL('./fixtures/exit-while-mix-runs.ts', import.meta.url));
      const r = await execa(process.execPath, ['--import', 'tsx', fixture, root, mixPath, marker], {
        reject: false,
        stdin: 'ignore',
      });
      expect(r.exitCode).toBe(0);
      await assertNothingLeft(marker);
    });
  });

  it('forgets finished children', () => {
    expect(liveMixProcessCount()).toBe(0);
  });
});
