import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WorkspaceError,
  expandHome,
  isInside,
  relativePathProblem,
  resolveRealDirs,
  splitRelativePath,
} from '../../shared/workspace/index.js';
import { makeTempDir, removeDir } from './helpers.js';

describe('isInside', () => {
  it('is separator-aware on posix', () => {
    expect(isInside('/proj', '/proj', 'linux')).toBe(true);
    expect(isInside('/proj', '/proj/lib/a.ex', 'linux')).toBe(true);
    expect(isInside('/proj/', '/proj/lib', 'linux')).toBe(true);
    expect(isInside('/proj', '/proj-evil/x', 'linux')).toBe(false);
    expect(isInside('/proj', '/projx', 'linux')).toBe(false);
    expect(isInside('/proj', '/', 'linux')).toBe(false);
    expect(isInside('/', '/anything', 'linux')).toBe(true);
    expect(isInside('/proj', '/proj/../etc', 'linux')).toBe(false);
  });

  it('rejects relative inputs and NUL', () => {
    expect(isInside('/proj', 'proj/x', 'linux')).toBe(false);
    expect(isInside('proj', '/proj/x', 'linux')).toBe(false);
    expect(isInside('/proj', '/proj/a\0b', 'linux')).toBe(false);
  });

  it('is case-sensitive on linux, case-insensitive on darwin and win32', () => {
    expect(isInside('/Proj', '/proj/x', 'linux')).toBe(false);
    expect(isInside('/Proj', '/proj/x', 'darwin')).toBe(true);
    expect(isInside('C:\\Users\\Me\\App', 'c:\\users\\me\\app\\lib\\a.ex', 'win32')).toBe(true);
    expect(isInside('C:\\App', 'C:\\App-evil\\x', 'win32')).toBe(false);
    expect(isInside('C:\\', 'C:\\x', 'win32')).toBe(true);
    expect(isInside('C:\\App', 'D:\\App\\x', 'win32')).toBe(false);
  });
});

describe('relative path rules', () => {
  it.each([
    ['', 'is empty'],
    ['/etc/passwd', 'is absolute'],
    ['C:/x', 'is absolute'],
    ['c:x', 'is absolute'],
    ['../x', '".." segment'],
    ['lib/../../x', '".." segment'],
    ['lib/..', '".." segment'],
    ['./lib', '"." segment'],
    ['lib//a.ex', 'empty segment'],
    ['lib/', 'empty segment'],
    ['lib\\a.ex', 'backslash'],
    ['..\\x', 'backslash'],
    ['lib/a\0.ex', 'NUL'],
    ['lib/a\n.ex', 'control character'],
  ])('refuses %j', (rel, problem) => {
    expect(relativePathProblem(rel)).toContain(problem);
    expect(() => splitRelativePath(rel)).toThrow(WorkspaceError);
  });

  it('accepts ordinary relative posix paths', () => {
    expect(splitRelativePath('lib/my_app/accounts/user.ex')).toEqual([
      'lib',
      'my_app',
      'accounts',
      'user.ex',
    ]);
    expect(relativePathProblem('.formatter.exs')).toBeUndefined();
    expect(relativePathProblem('a..b/c')).toBeUndefined();
  });

  it('names the path and the problem in the error', () => {
    try {
      splitRelativePath('../secret');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(WorkspaceError);
      expect((err as WorkspaceError).code).toBe('INVALID_PATH');
      expect((err as WorkspaceError).message).toBe('Path "../secret" has a ".." segment.');
    }
  });
});

describe('resolveRealDirs', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await realpath(await makeTempDir());
  });
  afterEach(() => removeDir(tmp));

  it('realpaths, keeps existing directories, de-duplicates in order', async () => {
    await mkdir(path.join(tmp, 'a'));
    await mkdir(path.join(tmp, 'b'));
    await writeFile(path.join(tmp, 'file'), 'x');
    await symlink(path.join(tmp, 'a'), path.join(tmp, 'link-to-a'));
    const got = await resolveRealDirs([
      path.join(tmp, 'b'),
      path.join(tmp, 'link-to-a'),
      path.join(tmp, 'a'),
      path.join(tmp, 'a', '..', 'b'),
      path.join(tmp, 'missing'),
      path.join(tmp, 'file'),
      '',
      `${tmp}/a\0`,
    ]);
    expect(got).toEqual([path.join(tmp, 'b'), path.join(tmp, 'a')]);
  });

  it('expands ~', async () => {
    expect(expandHome('~')).toBe(homedir());
    expect(expandHome('~/x')).toBe(path.join(homedir(), 'x'));
    expect(expandHome('a/~')).toBe('a/~');
    expect(await resolveRealDirs(['~'])).toEqual([await realpath(homedir())]);
  });
});
