import { writeFileSync } from 'node:fs';
import { chmod, lstat, readFile, readlink, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceError, writeFiles, type PlannedFile } from '../../shared/workspace/index.js';
import { faultyFs, makeTempDir, removeDir, snapshotTree, writeTree } from './helpers.js';

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await makeTempDir());
  root = path.join(base, 'proj');
  outside = path.join(base, 'outside');
  await writeTree(root, {
    'mix.exs': 'mix',
    'lib/my_app/accounts.ex': 'accounts v1',
    'lib/my_app/blog.ex': 'blog v1',
  });
  await writeTree(outside, { 'secret.ex': 'secret' });
});
afterEach(() => removeDir(base));

const read = (rel: string): Promise<string> => readFile(path.join(root, rel), 'utf8');

function noTempFiles(tree: Record<string, string>): void {
  expect(Object.keys(tree).filter((k) => k.endsWith('.tmp'))).toEqual([]);
}

describe('writeFiles: actions', () => {
  it('creates files and missing directories, reports unchanged', async () => {
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app/accounts/user.ex', content: 'user' },
        { path: 'priv/repo/migrations/20260101000000_create_users.exs', content: 'mig' },
        { path: 'mix.exs', content: 'mix' },
      ],
      { onConflict: 'error' },
    );
    expect(out).toEqual({
      written: true,
      conflicts: [],
      files: [
        { path: 'lib/my_app/accounts/user.ex', action: 'created' },
        { path: 'priv/repo/migrations/20260101000000_create_users.exs', action: 'created' },
        { path: 'mix.exs', action: 'unchanged' },
      ],
    });
    expect(await read('lib/my_app/accounts/user.ex')).toBe('user');
    expect(await read('priv/repo/migrations/20260101000000_create_users.exs')).toBe('mig');
    noTempFiles(await snapshotTree(root));
  });

  it('on a conflict with on_conflict=error writes nothing of the batch', async () => {
    const before = await snapshotTree(root);
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app/new.ex', content: 'new' },
        { path: 'lib/my_app/accounts.ex', content: 'accounts v2' },
        { path: 'lib/my_app/blog.ex', content: 'blog v1' },
      ],
      { onConflict: 'error' },
    );
    const conflict = {
      path: 'lib/my_app/accounts.ex',
      action: 'conflict',
      reason: 'exists with different content (on_conflict: error)',
    };
    expect(out).toEqual({
      written: false,
      conflicts: [conflict],
      files: [
        { path: 'lib/my_app/new.ex', action: 'created' },
        conflict,
        { path: 'lib/my_app/blog.ex', action: 'unchanged' },
      ],
    });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('skip keeps the existing file and writes the rest', async () => {
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app/new.ex', content: 'new' },
        { path: 'lib/my_app/accounts.ex', content: 'accounts v2' },
      ],
      { onConflict: 'skip' },
    );
    expect(out.written).toBe(true);
    expect(out.conflicts).toEqual([]);
    expect(out.files.map((f) => f.action)).toEqual(['created', 'skipped']);
    expect(await read('lib/my_app/accounts.ex')).toBe('accounts v1');
    expect(await read('lib/my_app/new.ex')).toBe('new');
  });

  it('overwrite replaces the file, keeps its mode and leaves no temp file', async () => {
    await chmod(path.join(root, 'lib/my_app/accounts.ex'), 0o640);
    const out = await writeFiles(
      root,
      [{ path: 'lib/my_app/accounts.ex', content: 'accounts v2' }],
      { onConflict: 'overwrite' },
    );
    expect(out.files).toEqual([{ path: 'lib/my_app/accounts.ex', action: 'updated' }]);
    expect(await read('lib/my_app/accounts.ex')).toBe('accounts v2');
    expect((await lstat(path.join(root, 'lib/my_app/accounts.ex'))).mode & 0o777).toBe(0o640);
    noTempFiles(await snapshotTree(root));
  });

  it('dry run reports the actions and writes nothing', async () => {
    const before = await snapshotTree(root);
    const out = await writeFiles(
      root,
      [
        { path: 'lib/a/b/new.ex', content: 'new' },
        { path: 'lib/my_app/accounts.ex', content: 'accounts v2' },
      ],
      { onConflict: 'overwrite', dryRun: true },
    );
    expect(out).toEqual({
      written: false,
      conflicts: [],
      files: [
        { path: 'lib/a/b/new.ex', action: 'created' },
        { path: 'lib/my_app/accounts.ex', action: 'updated' },
      ],
    });
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('a directory at the path, or a file where a directory must be, is a conflict', async () => {
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app', content: 'x' },
        { path: 'mix.exs/nested.ex', content: 'x' },
      ],
      { onConflict: 'overwrite' },
    );
    expect(out.written).toBe(false);
    expect(out.conflicts).toEqual([
      { path: 'lib/my_app', action: 'conflict', reason: 'a directory exists at this path' },
      {
        path: 'mix.exs/nested.ex',
        action: 'conflict',
        reason: 'mix.exs is a file, so it cannot be a directory',
      },
    ]);
  });
});

describe('writeFiles: expected (merge-style edits)', () => {
  it('updates when the disk still equals what was read', async () => {
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app/accounts.ex', content: 'accounts v2', expected: 'accounts v1' },
        { path: 'lib/my_app/blog.ex', content: 'blog v1', expected: 'blog v1' },
        { path: 'lib/my_app/fresh.ex', content: 'fresh', expected: null },
      ],
      { onConflict: 'error' },
    );
    expect(out.files.map((f) => f.action)).toEqual(['updated', 'unchanged', 'created']);
    expect(out.written).toBe(true);
    expect(await read('lib/my_app/accounts.ex')).toBe('accounts v2');
  });

  it('is a conflict, even with overwrite, when the file changed, appeared or vanished', async () => {
    const before = await snapshotTree(root);
    const out = await writeFiles(
      root,
      [
        { path: 'lib/my_app/accounts.ex', content: 'v3', expected: 'something else' },
        { path: 'lib/my_app/blog.ex', content: 'v3', expected: null },
        { path: 'lib/my_app/gone.ex', content: 'v3', expected: 'was here' },
        { path: 'lib/my_app/new.ex', content: 'new' },
      ],
      { onConflict: 'overwrite' },
    );
    expect(out.written).toBe(false);
    expect(out.conflicts).toEqual([
      {
        path: 'lib/my_app/accounts.ex',
        action: 'conflict',
        reason: 'the file changed after the generator read it',
      },
      {
        path: 'lib/my_app/blog.ex',
        action: 'conflict',
        reason: 'the file was created after the generator read the project',
      },
      {
        path: 'lib/my_app/gone.ex',
        action: 'conflict',
        reason: 'the file was deleted after the generator read it',
      },
    ]);
    expect(await snapshotTree(root)).toEqual(before);
  });
});

describe('writeFiles: path safety', () => {
  it.each([
    ['..', '../outside/evil.ex'],
    ['.. in the middle', 'lib/../../outside/evil.ex'],
    ['absolute', `${'/'}tmp/evil.ex`],
    ['NUL', 'lib/evil\0.ex'],
    ['backslash', 'lib\\evil.ex'],
    ['empty', ''],
  ])('refuses a %s path and writes nothing', async (_label, bad) => {
    const before = await snapshotTree(base);
    const err = await writeFiles(
      root,
      [
        { path: 'lib/ok.ex', content: 'ok' },
        { path: bad, content: 'evil' },
      ],
      { onConflict: 'overwrite' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceError);
    expect(err).toMatchObject({ code: 'INVALID_PATH', path: bad });
    expect(await snapshotTree(base)).toEqual(before);
  });

  it('refuses a directory symlink leading outside', async () => {
    await symlink(outside, path.join(root, 'lib', 'out'));
    const before = await snapshotTree(base);
    await expect(
      writeFiles(
        root,
        [
          { path: 'lib/ok.ex', content: 'ok' },
          { path: 'lib/out/evil.ex', content: 'evil' },
          { path: 'lib/out/deeper/evil.ex', content: 'evil' },
        ],
        { onConflict: 'overwrite' },
      ),
    ).rejects.toMatchObject({ code: 'OUTSIDE_ROOT', path: 'lib/out/evil.ex' });
    expect(await snapshotTree(base)).toEqual(before);
  });

  it('refuses a file symlink leading outside (no write through it)', async () => {
    await symlink(path.join(outside, 'secret.ex'), path.join(root, 'lib', 'leak.ex'));
    const before = await snapshotTree(base);
    await expect(
      writeFiles(root, [{ path: 'lib/leak.ex', content: 'pwned' }], { onConflict: 'overwrite' }),
    ).rejects.toMatchObject({ code: 'OUTSIDE_ROOT' });
    expect(await snapshotTree(base)).toEqual(before);
    expect(await readFile(path.join(outside, 'secret.ex'), 'utf8')).toBe('secret');
  });

  it('refuses a root that is itself reached through a symlink only if paths escape its realpath', async () => {
    await symlink(root, path.join(base, 'proj-link'));
    const out = await writeFiles(path.join(base, 'proj-link'), [{ path: 'a.ex', content: 'a' }], {
      onConflict: 'error',
    });
    expect(out.written).toBe(true);
    expect(await read('a.ex')).toBe('a');
  });

  it('writes through a symlink that stays inside, keeping the link', async () => {
    await symlink(path.join(root, 'lib/my_app/blog.ex'), path.join(root, 'blog-link.ex'));
    const out = await writeFiles(root, [{ path: 'blog-link.ex', content: 'blog v2' }], {
      onConflict: 'overwrite',
    });
    expect(out.files).toEqual([{ path: 'blog-link.ex', action: 'updated' }]);
    expect(await read('lib/my_app/blog.ex')).toBe('blog v2');
    expect(await readlink(path.join(root, 'blog-link.ex'))).toBe(
      path.join(root, 'lib/my_app/blog.ex'),
    );
  });

  it('refuses duplicate paths, aliases and file/dir clashes within a batch', async () => {
    const dup = (files: PlannedFile[]): Promise<unknown> =>
      writeFiles(root, files, { onConflict: 'overwrite' }).catch((e: unknown) => e);
    expect(
      await dup([
        { path: 'a.ex', content: '1' },
        { path: 'a.ex', content: '2' },
      ]),
    ).toMatchObject({ code: 'DUPLICATE_PATH', path: 'a.ex' });
    expect(
      await dup([
        { path: 'a', content: '1' },
        { path: 'a/b.ex', content: '2' },
      ]),
    ).toMatchObject({ code: 'DUPLICATE_PATH' });
    await symlink(path.join(root, 'lib'), path.join(root, 'lib-alias'));
    expect(
      await dup([
        { path: 'lib/my_app/blog.ex', content: '1' },
        { path: 'lib-alias/my_app/blog.ex', content: '2' },
      ]),
    ).toMatchObject({ code: 'DUPLICATE_PATH' });
    expect(await read('lib/my_app/blog.ex')).toBe('blog v1');
  });
});

describe('writeFiles: rollback on a disk fault', () => {
  const batch: PlannedFile[] = [
    { path: 'lib/my_app/accounts.ex', content: 'accounts v2' },
    { path: 'lib/my_app/accounts/user.ex', content: 'user' },
    { path: 'priv/repo/migrations/1_create_users.exs', content: 'mig' },
    { path: 'lib/my_app/blog.ex', content: 'blog v2' },
  ];

  it.each([
    ['ENOSPC', 'write', 2],
    ['ENOSPC', 'write', 3],
    ['EACCES', 'open', 1],
    ['EROFS', 'mkdir', 2],
    ['EACCES', 'rename', 1],
  ] as const)('%s on %s #%d leaves the tree exactly as before', async (code, failOp, failAt) => {
    await chmod(path.join(root, 'lib/my_app/accounts.ex'), 0o600);
    const before = await snapshotTree(base);
    const { fs, calls } = faultyFs((op, _file, n) =>
      op === failOp && n === failAt ? code : undefined,
    );
    const err = await writeFiles(root, batch, { onConflict: 'overwrite', fsOps: fs }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkspaceError);
    const wsErr = err as WorkspaceError;
    expect(wsErr.code).toBe('WRITE_FAILED');
    expect(wsErr.errno).toBe(code);
    expect(wsErr.message).toMatch(/^Writing \S+ failed \(/);
    expect(wsErr.message).toContain(code);
    expect(wsErr.message).toContain(wsErr.path as string);
    expect(calls.some((c) => c.op === 'unlink' || c.op === 'rmdir' || c.op === 'rename')).toBe(
      true,
    );
    expect(await snapshotTree(base)).toEqual(before);
  });

  it('names the failing path', async () => {
    const { fs } = faultyFs((op, file) =>
      op === 'write' && file.endsWith('1_create_users.exs') ? 'ENOSPC' : undefined,
    );
    await expect(
      writeFiles(root, batch, { onConflict: 'overwrite', fsOps: fs }),
    ).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      path: 'priv/repo/migrations/1_create_users.exs',
      message: expect.stringContaining(
        'Writing priv/repo/migrations/1_create_users.exs failed (ENOSPC',
      ) as unknown,
    });
  });

  it('when the rollback fails too, lists exactly the files left written', async () => {
    let accountsWrites = 0;
    const { fs } = faultyFs((op, file) => {
      if (op === 'write' && file.includes('.blog.ex.')) return 'ENOSPC';
      // the 2nd temp write of accounts.ex is its restore during the rollback
      if (op === 'write' && file.includes('.accounts.ex.') && ++accountsWrites === 2) return 'EIO';
      if (op === 'unlink' && file.endsWith('user.ex')) return 'EACCES';
      return undefined;
    });
    const err = (await writeFiles(root, batch, { onConflict: 'overwrite', fsOps: fs }).catch(
      (e: unknown) => e,
    )) as WorkspaceError;
    expect(err).toBeInstanceOf(WorkspaceError);
    expect(err.code).toBe('ROLLBACK_FAILED');
    expect(err.path).toBe('lib/my_app/blog.ex');
    expect(err.written).toEqual(['lib/my_app/accounts/user.ex', 'lib/my_app/accounts.ex']);
    expect(err.message).toContain(
      'These files were written by this call and could not be restored: ' +
        'lib/my_app/accounts/user.ex, lib/my_app/accounts.ex.',
    );
    expect(err.message).toContain(
      `Directories left behind: ${path.join(root, 'lib/my_app/accounts')}.`,
    );
    expect(err.message).toMatch(/Rollback errors: .*EACCES.*EIO/);
    // what the error claims is what is on disk
    expect(await read('lib/my_app/accounts/user.ex')).toBe('user');
    expect(await read('lib/my_app/accounts.ex')).toBe('accounts v2');
    expect(await read('lib/my_app/blog.ex')).toBe('blog v1');
    expect(
      await readFile(path.join(root, 'priv/repo/migrations/1_create_users.exs')).catch(() => null),
    ).toBeNull();
    noTempFiles(await snapshotTree(root));
  });

  it('a file changed by someone else during the batch aborts and rolls back', async () => {
    const before = await snapshotTree(base);
    const { fs } = faultyFs((op, file) => {
      if (op === 'mkdir' && file.endsWith(path.join('lib', 'my_app', 'accounts'))) {
        // another process edits blog.ex after our preflight read it; synchronous, so the edit
        // is on disk before the writer goes on (nothing is left running behind the test)
        writeFileSync(path.join(root, 'lib/my_app/blog.ex'), 'edited by a human');
      }
      return undefined;
    });
    const err = await writeFiles(root, batch, { onConflict: 'overwrite', fsOps: fs }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'WRITE_FAILED', path: 'lib/my_app/blog.ex' });
    expect((err as Error).message).toContain('changed on disk while the batch was being written');
    expect(await snapshotTree(base)).toEqual({
      ...before,
      'proj/lib/my_app/blog.ex': before['proj/lib/my_app/blog.ex']?.replace(
        'blog v1',
        'edited by a human',
      ),
    });
  });

  it('checks large batches in order: results in batch order, the first problem in batch order wins', async () => {
    const many: PlannedFile[] = Array.from({ length: 40 }, (_, i) => ({
      path: `lib/gen/f${String(i).padStart(2, '0')}.ex`,
      content: `${i}`,
    }));
    await writeTree(root, { 'lib/gen/f07.ex': '7', 'lib/gen/f09.ex': 'old' });
    const dry = await writeFiles(root, many, { onConflict: 'error', dryRun: true });
    expect(dry.files.map((f) => f.path)).toEqual(many.map((f) => f.path));
    expect(dry.files[7]).toEqual({ path: 'lib/gen/f07.ex', action: 'unchanged' });
    expect(dry.conflicts.map((c) => c.path)).toEqual(['lib/gen/f09.ex']);

    await symlink(outside, path.join(root, 'lib', 'out'));
    await symlink(path.join(root, 'lib'), path.join(root, 'lib-alias'));
    const before = await snapshotTree(base);
    const bad = [
      ...many.slice(0, 30),
      { path: 'lib-alias/gen/f03.ex', content: 'alias' },
      ...many.slice(30),
      { path: 'lib/out/evil.ex', content: 'evil' },
    ];
    await expect(writeFiles(root, bad, { onConflict: 'overwrite' })).rejects.toMatchObject({
      code: 'DUPLICATE_PATH',
      path: 'lib-alias/gen/f03.ex',
    });
    await expect(
      writeFiles(
        root,
        [...many.slice(0, 35), { path: 'lib/out/evil.ex', content: 'e' }, bad[30]!],
        {
          onConflict: 'overwrite',
        },
      ),
    ).rejects.toMatchObject({ code: 'OUTSIDE_ROOT', path: 'lib/out/evil.ex' });
    expect(await snapshotTree(base)).toEqual(before);
  });
});
