import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_ROOT_MESSAGE, combineRoots, dirsFromRootUris } from '../../shared/mcp/index.js';
import { makeTempDir, removeDir, writeTree } from '../workspace/helpers.js';
import { captureStderr, connect, type Harness, type RootsBehaviour } from './harness.js';
import { probeRoots } from './probe-tools.js';

let tmp: string;
let work: string;
let app1: string;
let app2: string;
let app3: string;
let stderr: ReturnType<typeof captureStderr>;
const open: Harness[] = [];

beforeEach(async () => {
  tmp = await realpath(await makeTempDir('phx-roots-'));
  work = path.join(tmp, 'work');
  app1 = path.join(work, 'app1');
  app2 = path.join(work, 'app2');
  app3 = path.join(tmp, 'other', 'app3');
  for (const app of [app1, app2, app3]) await writeTree(app, { 'mix.exs': 'mix' });
  stderr = captureStderr();
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  stderr.restore();
  await removeDir(tmp);
});

async function start(
  roots: RootsBehaviour,
  cliRoots: string[],
  extra: { era?: 'legacy' | 'modern'; rootsTimeoutMs?: number } = {},
): Promise<Harness> {
  const h = await connect({
    tools: [probeRoots],
    deps: { cliRoots, rootsTimeoutMs: extra.rootsTimeoutMs },
    roots,
    era: extra.era,
  });
  open.push(h);
  return h;
}

async function probe(
  h: Harness,
  args: Record<string, unknown> = { optional: true },
): Promise<{ allowed: string[]; project_root: string | null } | string> {
  const r = await h.client.callTool({ name: 'probe_roots', arguments: args });
  if (r.isError) return (r.content as { text: string }[])[0]?.text ?? '';
  return r.structuredContent as { allowed: string[]; project_root: string | null };
}

describe('client roots (2025 era)', () => {
  it('uses the roots a client answers with', async () => {
    const h = await start({ kind: 'answer', dirs: [app1] }, []);
    expect(await probe(h, {})).toEqual({ allowed: [app1], project_root: app1 });
  });

  it('caches the answer and asks again after notifications/roots/list_changed', async () => {
    const h = await start({ kind: 'answer', dirs: [app1] }, []);
    expect(await probe(h)).toEqual({ allowed: [app1], project_root: app1 });
    expect(await probe(h)).toEqual({ allowed: [app1], project_root: app1 });
    expect(h.rootsRequests()).toBe(1);

    h.setRootDirs([app2, app3]);
    expect(await probe(h)).toMatchObject({ allowed: [app1] }); // still cached
    await h.client.sendRootsListChanged();
    expect(await probe(h, { resolve: false })).toEqual({
      allowed: [app2, app3],
      project_root: null,
    });
    expect(await probe(h, {})).toBe(
      `Several allowed directories contain a mix.exs: ${app2}, ${app3}. ` +
        'Pass project_root to choose one of them.\n\nDetails: ' +
        JSON.stringify({ allowed_dirs: [app2, app3], candidates: [app2, app3] }, null, 2),
    );
    expect(h.rootsRequests()).toBe(2);
  });

  it('without the roots capability uses the --root dirs and never asks', async () => {
    const h = await start({ kind: 'none' }, [app1, path.join(tmp, 'missing')]);
    expect(await probe(h, {})).toEqual({ allowed: [app1], project_root: app1 });
    expect(h.rootsRequests()).toBe(0);
  });

  it('without any root refuses with the configuration hint, or gives null for dry runs', async () => {
    const h = await start({ kind: 'none' }, []);
    expect(await probe(h, {})).toBe(`${NO_ROOT_MESSAGE}\n\nDetails: {\n  "allowed_dirs": []\n}`);
    expect(await probe(h, { optional: true })).toEqual({ allowed: [], project_root: null });
  });

  it.each([
    ['client root inside a cli root → the client root', () => [[app1], [work], [app1]]],
    ['cli root inside a client root → the cli root', () => [[work], [app1], [app1]]],
    ['disjoint → nothing', () => [[app3], [work], []]],
    [
      'several, partly overlapping',
      () => [
        [app3, app1, work],
        [app2, app3],
        [app3, app2],
      ],
    ],
    ['client gives no roots → the cli roots', () => [[], [app1], [app1]]],
  ])('intersection: %s', async (_label, dirs) => {
    const [client, cli, expected] = dirs() as [string[], string[], string[]];
    const h = await start({ kind: 'answer', dirs: client }, cli);
    expect(await probe(h, { resolve: false })).toEqual({ allowed: expected, project_root: null });
  });

  it('disjoint client roots and --root dirs: the error names both sides and the fix', async () => {
    const h = await start({ kind: 'answer', dirs: [app3] }, [work]);
    const text = await probe(h, {});
    expect(text).not.toContain('Start the server with --root');
    expect(text).toContain(
      `No project root is allowed: the operator's --root dirs (${work}) and the client's MCP ` +
        `roots (${app3}) do not overlap`,
    );
    expect(text).toContain(
      `restart the server with --root set to the project, e.g. --root ${app3}`,
    );
    expect(text).toContain(`"operator_roots": [\n    "${work}"\n  ]`);
    expect(text).toContain(`"client_roots": [\n    "${app3}"\n  ]`);
    // the same for an explicit project_root
    expect(await probe(h, { project_root: app3 })).toContain(
      `project_root ${JSON.stringify(app3)} cannot be used. No project root is allowed: the operator's`,
    );
    expect(stderr.text()).toContain('do not overlap, so no directory is allowed.');
  });

  it('a roots/list that never answers falls back to the --root dirs after the timeout', async () => {
    const h = await start({ kind: 'never' }, [app1], { rootsTimeoutMs: 150 });
    const t0 = Date.now();
    expect(await probe(h, {})).toEqual({ allowed: [app1], project_root: app1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(stderr.text()).toMatch(
      /roots\/list failed \(.*(timed out|timeout).*\); using the --root dirs/i,
    );

    // the failure is cached: the next call does not wait again
    const t1 = Date.now();
    expect(await probe(h, {})).toMatchObject({ allowed: [app1] });
    expect(Date.now() - t1).toBeLessThan(140);
    expect(h.rootsRequests()).toBe(1);

    await h.client.sendRootsListChanged();
    expect(await probe(h, {})).toMatchObject({ allowed: [app1] });
    expect(h.rootsRequests()).toBe(2);
  });
});

describe('client roots (2026 era, input_required)', () => {
  it('gets the roots through an input_required round, on every call', async () => {
    const h = await start({ kind: 'answer', dirs: [app1] }, [work], { era: 'modern' });
    expect(h.client.getProtocolEra()).toBe('modern');
    expect(await probe(h, {})).toEqual({ allowed: [app1], project_root: app1 });
    expect(h.rootsRequests()).toBe(1);
    h.setRootDirs([app2]);
    expect(await probe(h, {})).toEqual({ allowed: [app2], project_root: app2 });
    expect(h.rootsRequests()).toBe(2);
  });

  it('a modern client without roots gets the --root dirs', async () => {
    const h = await start({ kind: 'none' }, [app2], { era: 'modern' });
    expect(await probe(h, {})).toEqual({ allowed: [app2], project_root: app2 });
  });
});

describe('combineRoots', () => {
  it('follows the intersection policy', () => {
    expect(combineRoots(undefined, ['/a'], 'linux')).toEqual(['/a']);
    expect(combineRoots([], ['/a'], 'linux')).toEqual(['/a']);
    expect(combineRoots(['/a'], [], 'linux')).toEqual(['/a']);
    expect(combineRoots(undefined, [], 'linux')).toEqual([]);
    expect(combineRoots(['/a/b'], ['/a'], 'linux')).toEqual(['/a/b']);
    expect(combineRoots(['/a'], ['/a/b', '/a/c'], 'linux')).toEqual(['/a/b', '/a/c']);
    expect(combineRoots(['/a'], ['/a'], 'linux')).toEqual(['/a']);
    expect(combineRoots(['/a-evil'], ['/a'], 'linux')).toEqual([]);
    expect(combineRoots(['/x', '/a/b'], ['/a', '/a/b'], 'linux')).toEqual(['/a/b']);
  });

  it('compares case-insensitively on win32 and darwin', () => {
    expect(combineRoots(['c:\\Users\\me\\app'], ['C:\\Users\\Me'], 'win32')).toEqual([
      'c:\\Users\\me\\app',
    ]);
    expect(combineRoots(['/Users/me/App'], ['/users/me'], 'darwin')).toEqual(['/Users/me/App']);
    expect(combineRoots(['/Users/me/App'], ['/users/me'], 'linux')).toEqual([]);
  });
});

describe('dirsFromRootUris', () => {
  it('keeps existing file:// directories only', async () => {
    const spaced = path.join(tmp, 'with space');
    await mkdir(spaced);
    expect(
      await dirsFromRootUris([
        { uri: pathToFileURL(spaced).href },
        { uri: 'https://example.com/project' },
        { uri: pathToFileURL(path.join(tmp, 'missing')).href },
        { uri: pathToFileURL(path.join(app1, 'mix.exs')).href },
        { uri: 'file://remote-host/share' },
        { uri: pathToFileURL(spaced).href },
      ]),
    ).toEqual([spaced]);
    expect(stderr.text()).toContain('Ignoring client root "https://example.com/project"');
  });
});
