/**
 * Disk faults during the write (issue 9). The writer's fsOps seam fails the k-th primitive
 * (open, write — after writing half the bytes, chmod, close, rename, unlink, mkdir, rmdir) with
 * ENOSPC / EROFS / EACCES / EIO, for every k of random batches (new files in new directories,
 * replacements, unchanged files), optionally failing the rollback too. After each call, either
 * the batch is fully applied, or the project is byte-for-byte as before, or the error lists
 * every file left changed (ROLLBACK_FAILED). A "partial write" is any other outcome.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  WorkspaceError,
  nodeFsOps,
  writeFiles,
  type FsOps,
  type PlannedFile,
  type WritableHandle,
} from '../../shared/workspace/index.js';
import { isTempName, recordFigures, snapshotTree, treeDiff } from './support.js';

const SEED = 777;
const RUNS = Number(process.env.RELIABILITY_WRITE_FAULT_RUNS ?? 160);
const ERRNOS = ['ENOSPC', 'EROFS', 'EACCES', 'EIO'] as const;

function fsError(code: string, op: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: simulated failure, ${op}`) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

/** Fails primitive number `failAt` (0-based) and, in `rollbackFails` mode, every one after it. */
function faultyOps(
  failAt: number,
  code: string,
  rollbackFails: boolean,
): FsOps & { count(): number } {
  let n = 0;
  let failed = false;
  const check = (op: string) => {
    const i = n++;
    if (i === failAt || (rollbackFails && failed && i % 2 === 0)) {
      failed = true;
      throw fsError(code, op);
    }
  };
  return {
    count: () => n,
    async open(file, flags, mode) {
      check('open');
      const h = await nodeFsOps.open(file, flags, mode);
      const wrapped: WritableHandle = {
        async writeFile(data) {
          const i = n;
          try {
            check('write');
          } catch (e) {
            // A real ENOSPC leaves a short file behind.
            await h.writeFile(data.subarray(0, Math.floor(data.length / 2)));
            void i;
            throw e;
          }
          await h.writeFile(data);
        },
        async chmod(m) {
          check('chmod');
          await h.chmod(m);
        },
        async close() {
          await h.close();
          check('close');
        },
      };
      return wrapped;
    },
    async rename(a, b) {
      check('rename');
      await nodeFsOps.rename(a, b);
    },
    async unlink(f) {
      check('unlink');
      await nodeFsOps.unlink(f);
    },
    async mkdir(d) {
      check('mkdir');
      await nodeFsOps.mkdir(d);
    },
    async rmdir(d) {
      check('rmdir');
      await nodeFsOps.rmdir(d);
    },
  };
}

const EXISTING: Record<string, string> = {
  'mix.exs': 'defmodule X.MixProject do\nend\n',
  'lib/a.ex': 'old a\n',
  'lib/b.ex': 'old b\n',
  'lib/deep/c.ex': 'old c\n',
};

const CANDIDATES = [
  'lib/a.ex',
  'lib/b.ex',
  'lib/deep/c.ex',
  'lib/new.ex',
  'lib/n1/n2/new.ex',
  'lib/n1/other.ex',
  'priv/repo/migrations/1_create.exs',
  'test/support/f.ex',
];

const batch = fc.subarray(CANDIDATES, { minLength: 1 }).chain((paths) =>
  fc.tuple(
    ...paths.map((p) =>
      fc.constantFrom('new', 'same', 'big').map((kind): PlannedFile => ({
        path: p,
        content:
          kind === 'same' && EXISTING[p]
            ? EXISTING[p]
            : kind === 'big'
              ? `${p}\n`.repeat(5000)
              : `new ${p}\n`,
      })),
    ),
  ),
);

it('a failing disk leaves the project as it was, or reports every file left written', async () => {
  const started = performance.now();
  const stats = {
    cases: 0,
    applied: 0,
    rolled_back: 0,
    rollback_failed_reported: 0,
    partial_writes: 0,
    temp_files_left_and_reported: 0,
  };
  const problems: string[] = [];
  const base = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-faults-'));
  let caseNo = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        batch,
        fc.nat(40),
        fc.constantFrom(...ERRNOS),
        fc.boolean(),
        async (files, failAt, code, rollbackFails) => {
          stats.cases++;
          const root = path.join(base, `p${caseNo++}`);
          for (const [rel, content] of Object.entries(EXISTING)) {
            await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
            await writeFile(path.join(root, rel), content);
          }
          const before = await snapshotTree(root);
          const ops = faultyOps(failAt, code, rollbackFails);
          let error: unknown = null;
          try {
            await writeFiles(root, files, { onConflict: 'overwrite', fsOps: ops });
          } catch (e) {
            error = e;
          }
          const after = await snapshotTree(root);
          const changed = treeDiff(before, after);
          const temps = [...after.keys()].filter(isTempName);
          if (error === null) {
            stats.applied++;
            for (const f of files) {
              const e = after.get(f.path);
              if (e?.kind !== 'file') problems.push(`applied but ${f.path} missing`);
            }
            if (temps.length > 0)
              problems.push(`temp files left after success: ${temps.join(', ')}`);
            return;
          }
          if (!(error instanceof WorkspaceError)) {
            problems.push(`non-workspace error: ${String(error)}`);
            return;
          }
          expect(error.message).toContain(code);
          if (error.code === 'WRITE_FAILED') {
            stats.rolled_back++;
            if (changed.length > 0) {
              stats.partial_writes++;
              problems.push(`WRITE_FAILED but changed: ${changed.join(', ')} (${error.message})`);
            }
          } else if (error.code === 'ROLLBACK_FAILED') {
            stats.rollback_failed_reported++;
            const reported = new Set(error.written ?? []);
            // Every changed file must be reported; leftover directories are named in the message.
            const unreported = changed.filter((d) => {
              const rel = d.slice(2);
              if (reported.has(rel)) return false;
              const entry = after.get(rel) ?? before.get(rel);
              if (entry?.kind === 'dir' && error.message.includes(rel)) return false;
              return true;
            });
            if (unreported.length > 0) {
              stats.partial_writes++;
              problems.push(
                `ROLLBACK_FAILED left unreported changes: ${unreported.join(', ')} — ${error.message}`,
              );
            }
          } else {
            problems.push(`unexpected code ${error.code}: ${error.message}`);
          }
          if (temps.length > 0) stats.temp_files_left_and_reported++;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  } finally {
    await rm(base, { recursive: true, force: true });
  }
  await recordFigures('faults-write', {
    seed: SEED,
    ...stats,
    ms: Math.round(performance.now() - started),
  });
  expect(problems.slice(0, 5)).toEqual([]);
  expect(stats.rolled_back).toBeGreaterThan(RUNS / 5);
  expect(stats.rollback_failed_reported).toBeGreaterThan(0);
}, 60_000);

it('a temp file that cannot be removed is reported, not silently left (regression)', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-faults-'));
  try {
    await mkdir(path.join(root, 'lib'));
    await writeFile(path.join(root, 'lib/a.ex'), 'old\n');
    const ops: FsOps = {
      ...nodeFsOps,
      async open(file, flags, mode) {
        const h = await nodeFsOps.open(file, flags, mode);
        return {
          writeFile: (d) => h.writeFile(d),
          close: () => h.close(),
          chmod: async () => {
            throw fsError('EIO', 'chmod');
          },
        };
      },
      unlink: async () => {
        throw fsError('EROFS', 'unlink');
      },
    };
    const err = await writeFiles(root, [{ path: 'lib/a.ex', content: 'new\n' }], {
      onConflict: 'overwrite',
      fsOps: ops,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkspaceError);
    const we = err as WorkspaceError;
    const after = await snapshotTree(root);
    const temps = [...after.keys()].filter(isTempName);
    expect(temps).toHaveLength(1);
    expect(we.code).toBe('ROLLBACK_FAILED');
    expect(we.written).toEqual(temps);
    expect(we.message).toContain('Temporary files that could not be removed');
    expect(after.get('lib/a.ex')).toMatchObject({ kind: 'file' });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
