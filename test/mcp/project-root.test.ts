import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NO_ROOT_MESSAGE,
  ToolError,
  resolveProjectRoot,
  tryResolveProjectRoot,
} from '../../shared/mcp/index.js';
import { makeTempDir, removeDir, writeTree } from '../workspace/helpers.js';

let tmp: string;
let work: string;
let app1: string;
let app2: string;
let plain: string;
let outside: string;

beforeEach(async () => {
  tmp = await realpath(await makeTempDir('phx-proot-'));
  work = path.join(tmp, 'work');
  app1 = path.join(work, 'app1');
  app2 = path.join(tmp, 'app2');
  plain = path.join(tmp, 'plain');
  outside = path.join(tmp, 'outside');
  await writeTree(app1, { 'mix.exs': 'mix', 'apps/web/mix.exs': 'mix' });
  await writeTree(app2, { 'mix.exs': 'mix' });
  await mkdir(plain);
  await writeTree(outside, { 'mix.exs': 'mix' });
});
afterEach(() => removeDir(tmp));

async function errorOf(p: Promise<unknown>): Promise<ToolError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ToolError);
  return err as ToolError;
}

describe('resolveProjectRoot without project_root', () => {
  it('picks the single allowed dir that contains mix.exs', async () => {
    expect(await resolveProjectRoot([plain, app1])).toBe(app1);
    expect(await resolveProjectRoot([path.join(work, '..', 'work', 'app1')])).toBe(app1);
  });

  it('refuses when none or several qualify, listing them and asking for project_root', async () => {
    const none = await errorOf(resolveProjectRoot([plain, work]));
    expect(none.message).toBe(
      `None of the allowed directories contains a mix.exs: ${plain}, ${work}. ` +
        'Pass project_root with the path of your Phoenix project (inside an allowed directory).',
    );
    const many = await errorOf(resolveProjectRoot([app1, app2, plain]));
    expect(many.message).toBe(
      `Several allowed directories contain a mix.exs: ${app1}, ${app2}. ` +
        'Pass project_root to choose one of them.',
    );
    expect(many.details).toEqual({ allowed_dirs: [app1, app2, plain], candidates: [app1, app2] });
  });

  it('with no allowed dir says how to configure one; optional gives undefined', async () => {
    expect((await errorOf(resolveProjectRoot([]))).message).toBe(NO_ROOT_MESSAGE);
    expect(NO_ROOT_MESSAGE).toBe(
      'No project root is allowed. Start the server with --root <dir> (or PHX_GEN_MCP_ROOTS) ' +
        'or use a client that supports MCP roots.',
    );
    expect(await tryResolveProjectRoot([])).toBeUndefined();
    expect(await tryResolveProjectRoot([plain])).toBeUndefined();
    expect(await resolveProjectRoot([], undefined, { optional: true })).toBeUndefined();
    await expect(tryResolveProjectRoot([app1, app2])).rejects.toBeInstanceOf(ToolError);
  });
});

describe('resolveProjectRoot with project_root', () => {
  it('accepts an absolute path inside an allowed dir (realpath’d)', async () => {
    expect(await resolveProjectRoot([work, app2], app1)).toBe(app1);
    expect(await resolveProjectRoot([work], path.join(app1, 'apps', 'web'))).toBe(
      path.join(app1, 'apps', 'web'),
    );
    expect(await resolveProjectRoot([app1], app1)).toBe(app1);
  });

  it('resolves a relative path against the single allowed dir only', async () => {
    expect(await resolveProjectRoot([work], 'app1')).toBe(app1);
    const err = await errorOf(resolveProjectRoot([work, app2], 'app1'));
    expect(err.message).toBe(
      `project_root "app1" is relative, but there are 2 allowed directories (${work}, ${app2}). ` +
        'Pass an absolute path inside one of them.',
    );
  });

  it('refuses paths outside the allowed dirs, naming both', async () => {
    const err = await errorOf(resolveProjectRoot([work], outside));
    expect(err.message).toBe(
      `project_root ${JSON.stringify(outside)} (${outside}) is outside the allowed directories: ` +
        `${work}. Pass a project_root inside one of them, or ask the operator to start the ` +
        `server with --root ${outside}.`,
    );
    expect(err.details).toEqual({ project_root: outside, allowed_dirs: [work] });
    await expect(resolveProjectRoot([work], '../outside')).rejects.toThrow(/is outside/);
    await expect(resolveProjectRoot([work], `${work}-evil`)).rejects.toThrow(/does not exist/);
  });

  it('refuses a symlink inside an allowed dir that leads outside', async () => {
    await symlink(outside, path.join(work, 'sneaky'));
    await expect(resolveProjectRoot([work], path.join(work, 'sneaky'))).rejects.toThrow(
      `project_root ${JSON.stringify(path.join(work, 'sneaky'))} (${outside}) is outside`,
    );
  });

  it('refuses missing dirs, files, NUL, and any project_root when nothing is allowed', async () => {
    await expect(resolveProjectRoot([work], path.join(work, 'nope'))).rejects.toThrow(
      /does not exist or is not a directory\. Allowed directories: /,
    );
    await expect(resolveProjectRoot([work], path.join(app1, 'mix.exs'))).rejects.toThrow(
      /is not a directory/,
    );
    await expect(resolveProjectRoot([work], `${app1}\0`)).rejects.toThrow(/NUL/);
    await expect(tryResolveProjectRoot([], app1)).rejects.toThrow(
      `project_root ${JSON.stringify(app1)} cannot be used. ${NO_ROOT_MESSAGE}`,
    );
  });
});
