import { rmSync, symlinkSync } from 'node:fs';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exists, listFiles, readText, rootReader } from '../../shared/workspace/index.js';
import { makeTempDir, removeDir, writeTree } from './helpers.js';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await makeTempDir());
  root = path.join(base, 'proj');
  outside = path.join(base, 'outside');
  await writeTree(root, {
    'mix.exs': 'defmodule MyApp.MixProject do\nend\n',
    'lib/my_app.ex': 'defmodule MyApp do\nend\n',
    'lib/my_app/accounts/user.ex': 'user',
    'lib/my_app/accounts/notes.txt': 'n',
    'lib/my_app/repo.exs': 'repo',
  });
  await writeTree(outside, { 'secret.ex': 'secret', 'dir/x.ex': 'x' });
});
afterEach(() => removeDir(base));

describe('readText / exists', () => {
  it('reads files inside the root and returns null when missing', async () => {
    expect(await readText(root, 'lib/my_app.ex')).toBe('defmodule MyApp do\nend\n');
    expect(await readText(root, 'lib/nope.ex')).toBeNull();
    expect(await readText(root, 'nope/deeper/x.ex')).toBeNull();
    expect(await readText(root, 'mix.exs/x')).toBeNull();
    expect(await exists(root, 'lib')).toBe(true);
    expect(await exists(root, 'lib/my_app.ex')).toBe(true);
    expect(await exists(root, 'lib/nope.ex')).toBe(false);
  });

  it('refuses a directory', async () => {
    await expect(readText(root, 'lib')).rejects.toMatchObject({ code: 'NOT_A_FILE' });
  });

  it.each(['../outside/secret.ex', '/etc/passwd', 'lib/\0x', 'lib\\my_app.ex', ''])(
    'refuses the invalid path %j before touching the disk',
    async (rel) => {
      await expect(readText(root, rel)).rejects.toMatchObject({ code: 'INVALID_PATH' });
      await expect(exists(root, rel)).rejects.toMatchObject({ code: 'INVALID_PATH' });
    },
  );

  it('refuses file and directory symlinks leading outside, follows those inside', async () => {
    await symlink(path.join(outside, 'secret.ex'), path.join(root, 'lib', 'leak.ex'));
    await symlink(outside, path.join(root, 'lib', 'out'));
    await symlink(path.join(root, 'lib', 'my_app.ex'), path.join(root, 'alias.ex'));
    await expect(readText(root, 'lib/leak.ex')).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
    await expect(readText(root, 'lib/out/secret.ex')).rejects.toMatchObject({
      code: 'OUTSIDE_ROOT',
    });
    await expect(exists(root, 'lib/out/nothing.ex')).rejects.toMatchObject({
      code: 'OUTSIDE_ROOT',
    });
    expect(await readText(root, 'alias.ex')).toBe('defmodule MyApp do\nend\n');
  });

  it('refuses a dangling symlink', async () => {
    await symlink(path.join(root, 'gone'), path.join(root, 'dangling.ex'));
    await expect(readText(root, 'dangling.ex')).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
  });

  it('requires an existing absolute root', async () => {
    await expect(readText('relative/root', 'a')).rejects.toMatchObject({ code: 'INVALID_ROOT' });
    await expect(readText(path.join(base, 'none'), 'a')).rejects.toMatchObject({
      code: 'INVALID_ROOT',
    });
  });
});

describe('listFiles', () => {
  it('lists one level or recursively, filtered by extension, as root-relative posix paths', async () => {
    expect(await listFiles(root, '')).toEqual(['mix.exs']);
    expect(await listFiles(root, 'lib')).toEqual(['lib/my_app.ex']);
    expect(await listFiles(root, 'lib/', { recursive: true })).toEqual([
      'lib/my_app.ex',
      'lib/my_app/accounts/notes.txt',
      'lib/my_app/accounts/user.ex',
      'lib/my_app/repo.exs',
    ]);
    expect(await listFiles(root, '.', { recursive: true, extensions: ['ex'] })).toEqual([
      'lib/my_app.ex',
      'lib/my_app/accounts/user.ex',
    ]);
    expect(await listFiles(root, 'lib', { recursive: true, extensions: ['.exs', '.txt'] })).toEqual(
      ['lib/my_app/accounts/notes.txt', 'lib/my_app/repo.exs'],
    );
  });

  it('gives [] for a missing dir and refuses a file or an escaping dir', async () => {
    expect(await listFiles(root, 'priv/repo/migrations')).toEqual([]);
    await expect(listFiles(root, 'mix.exs')).rejects.toMatchObject({ code: 'NOT_A_DIRECTORY' });
    await expect(listFiles(root, '../outside')).rejects.toMatchObject({ code: 'INVALID_PATH' });
    await symlink(outside, path.join(root, 'out'));
    await expect(listFiles(root, 'out')).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
  });

  it('does not follow symlinks out of the root, nor into directories', async () => {
    await symlink(outside, path.join(root, 'lib', 'out'));
    await symlink(path.join(outside, 'secret.ex'), path.join(root, 'lib', 'leak.ex'));
    await symlink(path.join(root, 'lib', 'my_app.ex'), path.join(root, 'lib', 'inside.ex'));
    await symlink(path.join(root, 'lib'), path.join(root, 'lib', 'loop'));
    expect(await listFiles(root, 'lib', { recursive: true, extensions: ['.ex'] })).toEqual([
      'lib/inside.ex',
      'lib/my_app.ex',
      'lib/my_app/accounts/user.ex',
    ]);
  });

  it('is bounded', async () => {
    await mkdir(path.join(root, 'many'));
    for (let i = 0; i < 12; i++) await writeFile(path.join(root, 'many', `f${i}.ex`), '');
    expect(await listFiles(root, 'many', { limit: 12 })).toHaveLength(12);
    await expect(listFiles(root, 'many', { limit: 11 })).rejects.toMatchObject({
      code: 'TOO_MANY_FILES',
    });
  });
});

describe('rootReader', () => {
  it('reads and lists like readText/listFiles, checking containment on every read', async () => {
    const r = rootReader(root);
    expect(await r.readText('lib/my_app/accounts/user.ex')).toBe('user');
    expect(await r.readText('lib/nope.ex')).toBeNull();
    expect(await r.listFiles('lib', { recursive: true, extensions: ['.ex'] })).toEqual(
      await listFiles(root, 'lib', { recursive: true, extensions: ['.ex'] }),
    );
    // A symlink created after the root was resolved is still refused.
    await symlink(path.join(outside, 'secret.ex'), path.join(root, 'lib', 'leak.ex'));
    await expect(r.readText('lib/leak.ex')).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
    await writeFile(path.join(root, 'lib/my_app/accounts/user.ex'), 'user v2');
    expect(await r.readText('lib/my_app/accounts/user.ex')).toBe('user v2');
  });

  it('readFiles lists, stamps and reads in one walk what listFiles lists', async () => {
    const r = rootReader(root);
    const files = await r.readFiles('lib', { recursive: true, extensions: ['.ex'] });
    expect(files.map((f) => f.path)).toEqual(
      await listFiles(root, 'lib', { recursive: true, extensions: ['.ex'] }),
    );
    expect(files.map((f) => f.content)).toEqual(['defmodule MyApp do\nend\n', 'user']);
    expect(files.map((f) => f.size)).toEqual([23, 4]);
    expect(await r.listStamps('lib', { recursive: true, extensions: ['.ex'] })).toEqual(
      files.map(({ content: _, ...stamp }) => stamp),
    );
    // `reuse` and `readAtMost` leave files stamped but unread.
    const some = await r.readFiles('lib', {
      recursive: true,
      extensions: ['.ex'],
      reuse: (st) => st.path === 'lib/my_app.ex',
    });
    expect(some.map((f) => f.content)).toEqual([undefined, 'user']);
    const first = await r.readFiles('lib', { recursive: true, extensions: ['.ex'], readAtMost: 1 });
    expect(first.map((f) => f.content)).toEqual(['defmodule MyApp do\nend\n', undefined]);
  });

  it('readFiles never reads through a symlink leading outside, in the walked dirs or below', async () => {
    // The checked directory holds a file symlink and a directory symlink leading outside, and a
    // file symlink to a file inside: only the last is read (from its checked target).
    await symlink(path.join(outside, 'secret.ex'), path.join(root, 'lib', 'my_app', 'leak.ex'));
    await symlink(path.join(outside, 'dir'), path.join(root, 'lib', 'my_app', 'out'));
    await symlink(path.join(root, 'lib', 'my_app.ex'), path.join(root, 'lib', 'my_app', 'in.ex'));
    const r = rootReader(root);
    const files = await r.readFiles('lib', { recursive: true });
    expect(files.map((f) => [f.path, f.content])).toEqual([
      ['lib/my_app.ex', 'defmodule MyApp do\nend\n'],
      ['lib/my_app/accounts/notes.txt', 'n'],
      ['lib/my_app/accounts/user.ex', 'user'],
      ['lib/my_app/in.ex', 'defmodule MyApp do\nend\n'],
      ['lib/my_app/repo.exs', 'repo'],
    ]);
    expect(JSON.stringify(files)).not.toContain('secret');
    // A directory leading outside is refused as with readText.
    await symlink(outside, path.join(root, 'out'));
    await expect(r.readFiles('out', { recursive: true })).rejects.toMatchObject({
      code: 'OUTSIDE_ROOT',
    });
    await expect(r.readFiles('lib/my_app/out')).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
  });

  it('readFiles does not follow a file swapped for a symlink after the walk looked at it', async () => {
    // `reuse` runs between the stat of a file and its read: swap the file for a link to outside.
    const victim = path.join(root, 'lib', 'my_app', 'accounts', 'user.ex');
    const files = await rootReader(root).readFiles('lib', {
      recursive: true,
      extensions: ['.ex'],
      reuse: (st) => {
        if (st.path === 'lib/my_app/accounts/user.ex') {
          rmSync(victim);
          symlinkSync(path.join(outside, 'secret.ex'), victim);
        }
        return false;
      },
    });
    const swapped = files.find((f) => f.path === 'lib/my_app/accounts/user.ex');
    expect(swapped).toBeDefined();
    expect(swapped!.content).toBeUndefined();
    // The checked read the caller falls back to refuses it.
    await expect(readText(root, swapped!.path)).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
  });

  it('reports an invalid root on use', async () => {
    await expect(rootReader(path.join(base, 'missing')).readText('mix.exs')).rejects.toMatchObject({
      code: 'INVALID_ROOT',
    });
  });
});
