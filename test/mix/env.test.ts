import { describe, expect, it } from 'vitest';
import { mixEnv } from '../../shared/mix/index.js';

describe('mixEnv (the child gets this and nothing else)', () => {
  const server = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/u',
    LANG: 'en_US.UTF-8',
    TMPDIR: '/tmp',
    MIX_ENV: 'test',
    MIX_HOME: '/home/u/.mix',
    HEX_HOME: '/home/u/.hex',
    ERL_AFLAGS: '-kernel shell_history enabled',
    ASDF_DATA_DIR: '/home/u/.asdf',
    MISE_DATA_DIR: '/home/u/.local/share/mise',
    MIX_QUIET: '1',
    MIX_PATH: '/usr/bin/mix',
    AWS_SECRET_ACCESS_KEY: 'secret',
    GITHUB_TOKEN: 'secret',
    NODE_OPTIONS: '--inspect',
  };

  it('passes the allowlist and mix/hex/erl/version-manager settings, drops the rest', () => {
    expect(mixEnv(server, {}, 'linux')).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/u',
      LANG: 'en_US.UTF-8',
      TMPDIR: '/tmp',
      MIX_ENV: 'test',
      MIX_HOME: '/home/u/.mix',
      HEX_HOME: '/home/u/.hex',
      ERL_AFLAGS: '-kernel shell_history enabled',
      ASDF_DATA_DIR: '/home/u/.asdf',
      MISE_DATA_DIR: '/home/u/.local/share/mise',
    });
  });

  it('forces a UTF-8 locale on Linux when the server has none', () => {
    expect(mixEnv({ PATH: '/bin' }, {}, 'linux')).toEqual({
      PATH: '/bin',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
    });
    expect(mixEnv({ PATH: '/bin', LANG: 'C' }, {}, 'linux')).toMatchObject({ LC_ALL: 'C.UTF-8' });
    expect(mixEnv({ PATH: '/bin', LC_ALL: 'de_DE.utf8' }, {}, 'linux')).toEqual({
      PATH: '/bin',
      LC_ALL: 'de_DE.utf8',
    });
    expect(mixEnv({ PATH: '/bin' }, {}, 'darwin')).toEqual({ PATH: '/bin' });
  });

  it('lets explicit extras win', () => {
    expect(mixEnv(server, { MIX_ENV: 'dev', FOO: 'bar' }, 'linux')).toMatchObject({
      MIX_ENV: 'dev',
      FOO: 'bar',
    });
  });

  it('keeps what Windows needs, whatever the case of the name', () => {
    const env = mixEnv(
      {
        Path: 'C:\\Windows',
        SystemRoot: 'C:\\Windows',
        PATHEXT: '.EXE',
        USERPROFILE: 'C:\\u',
        SECRET: 'x',
      },
      {},
      'win32',
    );
    expect(env).toEqual({
      PATH: 'C:\\Windows',
      PATHEXT: '.EXE',
      SystemRoot: 'C:\\Windows',
      USERPROFILE: 'C:\\u',
    });
  });
});
