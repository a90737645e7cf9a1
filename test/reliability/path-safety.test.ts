/**
 * Path safety (issue 9): whatever paths a generator plans and whatever project_root a client
 * asks for, nothing is ever written outside the root. Property-based over requested paths built
 * from `..`, encoded and look-alike dots, backslashes, NUL, doubled/trailing slashes, absolute
 * and drive prefixes, case variants, and symlinks inside the project that point out; then the
 * same through each generator tool over a real MCP client with roots.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceError, nodeFsOps, writeFiles } from '../../shared/workspace/index.js';
import { connect, errorText, tempProject } from '../support/mcp.js';
import {
  generatorServers,
  recordFigures,
  snapshotTree,
  treeDiff,
  type TreeEntry,
} from './support.js';

const SEED = 4242;
const RUNS = Number(process.env.RELIABILITY_PATH_RUNS ?? 1500);

let base: string;
let root: string;
let outside: string;
let outsideBefore: Map<string, TreeEntry>;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-paths-')));
  root = path.join(base, 'proj');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'lib'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, 'secret.txt'), 'do not touch\n');
  await mkdir(path.join(outside, 'lib'), { recursive: true });
  await writeFile(path.join(root, 'mix.exs'), 'defmodule X.MixProject do\nend\n');
  // Symlinks inside the project that lead out of it, relative and absolute, dir and file.
  await symlink('../outside', path.join(root, 'link-out'));
  await symlink(outside, path.join(root, 'lib', 'abs-out'));
  await symlink('../outside/secret.txt', path.join(root, 'file-link'));
  await symlink('../outside/nope', path.join(root, 'dangling'));
  await symlink('..', path.join(root, 'lib', 'up'));
  // A sibling whose name extends the root's: /proj-evil is not inside /proj.
  await mkdir(path.join(base, 'proj-evil'));
  outsideBefore = await snapshotTree(outside);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const SEGMENTS = [
  '..',
  '.',
  '',
  '%2e%2e',
  '%2E%2E%2F',
  '..%2f',
  '．．',
  '\u2025',
  '\u2024\u2024',
  '。。',
  '..\\..',
  '\\',
  'a\\..\\..',
  'C:',
  'c:\\',
  '~',
  '\0',
  'x\0y',
  '%00',
  '\n',
  'link-out',
  'LINK-OUT',
  'Link-Out',
  'lib',
  'LIB',
  'abs-out',
  'up',
  'file-link',
  'dangling',
  'secret.txt',
  'x',
  'x.ex',
  'proj',
  'outside',
  '..proj-evil',
  ' ',
];

const PLAIN = [
  'link-out',
  'LINK-OUT',
  'lib',
  'abs-out',
  'up',
  'file-link',
  'dangling',
  'x',
  'x.ex',
  'secret.txt',
  'outside',
  'proj',
];

const requestedPath = fc.oneof(
  fc.array(fc.constantFrom(...PLAIN), { minLength: 1, maxLength: 5 }).map((s) => s.join('/')),
  fc
    .tuple(
      fc.constantFrom('', '/', '//', './', '../', '/../', `${'/tmp'}/`),
      fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('', '/', '//'),
    )
    .map(([pre, segs, post]) => pre + segs.join('/') + post),
);

/** The real path a successful write went to must be inside the real root. */
async function landedInside(rel: string): Promise<boolean> {
  const real = await realpath(path.join(root, rel));
  return real === root || real.startsWith(root + path.sep);
}

describe('writeFiles never writes outside the root', () => {
  it('property: any requested path is written inside the root or refused clearly', async () => {
    const stats = { runs: 0, written: 0, refused: 0, codes: {} as Record<string, number> };
    const bad: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        requestedPath,
        fc.constantFrom('error', 'skip', 'overwrite'),
        async (rel, onConflict) => {
          stats.runs++;
          try {
            const out = await writeFiles(root, [{ path: rel, content: 'x\n' }], {
              onConflict: onConflict as 'error' | 'skip' | 'overwrite',
            });
            stats.written++;
            if (out.written && out.files[0]!.action !== 'conflict' && !(await landedInside(rel))) {
              bad.push(`escaped: ${JSON.stringify(rel)}`);
            }
          } catch (e) {
            if (!(e instanceof WorkspaceError) || e.message.trim() === '') {
              bad.push(`unclear refusal of ${JSON.stringify(rel)}: ${String(e)}`);
            } else {
              stats.refused++;
              stats.codes[e.code] = (stats.codes[e.code] ?? 0) + 1;
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The same with the bad path hidden in a batch of good ones: nothing of the batch is written.
    const good = { path: 'lib/batch_ok.ex', content: 'ok\n' };
    for (const rel of [
      'link-out/x.ex',
      'lib/abs-out/y.ex',
      '../outside/z',
      'file-link',
      'dangling',
    ]) {
      await expect(
        writeFiles(root, [good, { path: rel, content: 'x' }], { onConflict: 'overwrite' }),
      ).rejects.toBeInstanceOf(WorkspaceError);
    }
    await expect(realpath(path.join(root, good.path))).rejects.toThrow();

    const diff = treeDiff(outsideBefore, await snapshotTree(outside));
    await recordFigures('path-safety', {
      writer_seed: SEED,
      writer_cases: stats.runs,
      writer_written_inside: stats.written,
      writer_refused: stats.refused,
      writer_refusal_codes: stats.codes,
      writer_escapes: bad.filter((b) => b.startsWith('escaped')).length + diff.length,
    });
    expect(bad).toEqual([]);
    expect(diff).toEqual([]);
  }, 60_000);
});

describe('a directory swapped for a symlink during the write', () => {
  it('is caught before anything is written through it', async () => {
    const before = await snapshotTree(outside);
    // The attacker wins the race at mkdir: lib/race becomes a symlink to outside.
    const err = await writeFiles(root, [{ path: 'lib/race/new.ex', content: 'x\n' }], {
      onConflict: 'error',
      fsOps: {
        ...nodeFsOps,
        mkdir: async (dir) => {
          if (dir.endsWith(`${path.sep}race`)) await symlink(outside, dir);
          else await nodeFsOps.mkdir(dir);
        },
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).message).toMatch(/race/);
    expect(treeDiff(before, await snapshotTree(outside))).toEqual([]);
    await rm(path.join(root, 'lib', 'race'), { force: true });
  });
});

describe('generator tools refuse a project_root outside the allowlist', () => {
  const REQUESTS = (): string[] => [
    outside,
    '../outside',
    path.join(root, '..', 'outside'),
    path.join(root, 'link-out'),
    'link-out',
    'lib/abs-out',
    'lib/up',
    path.join(base, 'proj-evil'),
    '/',
    os.tmpdir(),
    `${root}/%2e%2e`,
    `${root}\0`,
    root.toUpperCase(),
    `${root}/../outside/`,
    '~',
    '..',
  ];

  it('every generator: isError with a clear message and nothing written anywhere', async () => {
    const servers = await generatorServers();
    expect(servers.length).toBeGreaterThan(0);
    const project = await tempProject();
    // The project root is the one allowed dir (both --root and client roots); `root` above is
    // reused as an "outside" with symlinks leading further out.
    await symlink(outside, path.join(project.root, 'lib', 'out'));
    const projBefore = await snapshotTree(project.root);
    const rootBefore = await snapshotTree(root);
    let calls = 0;
    const problems: string[] = [];
    try {
      for (const g of servers) {
        const c = await connect(g.createServer({ cliRoots: [project.root] }), {
          roots: [project.root, outside],
        });
        try {
          for (const project_root of [
            ...REQUESTS(),
            'lib/out',
            path.join(project.root, 'lib/out'),
          ]) {
            for (const dry_run of [false, true]) {
              calls++;
              const r = await c.client.callTool({
                name: g.tool,
                arguments: {
                  specs: ['Blog Post posts title:string'],
                  project_root,
                  dry_run,
                  format: 'none',
                },
              });
              if (!r.isError) {
                problems.push(`${g.tool} accepted project_root ${JSON.stringify(project_root)}`);
                continue;
              }
              const text = errorText(r);
              if (!/project_root|allowed|not a directory|does not exist|NUL/i.test(text)) {
                problems.push(`${g.tool} ${JSON.stringify(project_root)}: unclear error ${text}`);
              }
            }
          }
          if (g.tool === 'generate_ecto_migration') {
            for (const migrations_path of [
              '../outside',
              '/tmp/x',
              'lib/out',
              'priv/../../x',
              'a\\..\\..',
            ]) {
              calls++;
              const r = await c.client.callTool({
                name: g.tool,
                arguments: {
                  specs: ['Blog Post posts title:string'],
                  migrations_path,
                  format: 'none',
                },
              });
              if (!r.isError)
                problems.push(`migrations_path ${JSON.stringify(migrations_path)} accepted`);
            }
          }
        } finally {
          await c.close();
        }
      }
      const diffs = [
        ...treeDiff(outsideBefore, await snapshotTree(outside)).map((d) => `outside ${d}`),
        ...treeDiff(rootBefore, await snapshotTree(root)).map((d) => `other ${d}`),
        ...treeDiff(projBefore, await snapshotTree(project.root)).map((d) => `project ${d}`),
      ];
      await recordFigures('path-safety', {
        mcp_generators: servers.map((s) => s.tool),
        mcp_refusal_calls: calls,
        mcp_problems: problems.length,
        mcp_writes_outside: diffs.length,
      });
      expect(problems).toEqual([]);
      expect(diffs).toEqual([]);
    } finally {
      await project.cleanup();
    }
  }, 60_000);
});
