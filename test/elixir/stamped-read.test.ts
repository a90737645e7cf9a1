/**
 * readDirectory answers unchanged files from memory, and reads a file again as soon as its size
 * or mtime changes; memoizedReader remembers one call's reads.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readDirectory } from '../../shared/elixir/stamped-read.js';
import { memoizedReader, projectReader, type ProjectReader } from '../../shared/plan/index.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-stamped-'));
  await mkdir(path.join(root, 'priv'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The project reader, counting the reads that reach the disk (one by one or in a walk). */
function counting(): { reader: ProjectReader; reads: string[] } {
  const base = projectReader(root);
  const reads: string[] = [];
  return {
    reads,
    reader: {
      ...base,
      read: (rel) => (reads.push(rel), base.read(rel)),
      readFiles: async (dir, opts) => {
        const files = await base.readFiles!(dir, opts);
        for (const f of files) if (f.content !== undefined) reads.push(f.path);
        return files;
      },
    },
  };
}

it('reads a file once while its stamp stays, and again once it changes', async () => {
  const file = path.join(root, 'priv/1_a.exs');
  await writeFile(file, 'one');
  const a = counting();
  expect(await readDirectory(a.reader, 'priv', ['.exs'])).toEqual([
    { file: 'priv/1_a.exs', content: 'one' },
  ]);
  const b = counting();
  expect(await readDirectory(b.reader, 'priv', ['.exs'])).toEqual([
    { file: 'priv/1_a.exs', content: 'one' },
  ]);
  expect([a.reads, b.reads]).toEqual([['priv/1_a.exs'], []]);

  // Same size, new mtime: read again.
  await writeFile(file, 'two');
  await utimes(file, new Date(), new Date(Date.now() + 5000));
  const c = counting();
  expect(await readDirectory(c.reader, 'priv', ['.exs'])).toEqual([
    { file: 'priv/1_a.exs', content: 'two' },
  ]);
  expect(c.reads).toEqual(['priv/1_a.exs']);
});

it('notices a deleted file and a new one, and reads every file afresh without the cache', async () => {
  await writeFile(path.join(root, 'priv/1_a.exs'), 'one');
  await writeFile(path.join(root, 'priv/2_b.exs'), 'two');
  await readDirectory(counting().reader, 'priv', ['.exs']);
  await rm(path.join(root, 'priv/1_a.exs'));
  await writeFile(path.join(root, 'priv/3_c.exs'), 'three');
  const a = counting();
  expect(await readDirectory(a.reader, 'priv', ['.exs'])).toEqual([
    { file: 'priv/2_b.exs', content: 'two' },
    { file: 'priv/3_c.exs', content: 'three' },
  ]);
  expect(a.reads).toEqual(['priv/3_c.exs']);
  const b = counting();
  await readDirectory(b.reader, 'priv', ['.exs'], { cache: false });
  expect(b.reads).toEqual(['priv/2_b.exs', 'priv/3_c.exs']);
});

it('reads one by one with a reader that cannot read a directory in one walk', async () => {
  await writeFile(path.join(root, 'priv/1_a.exs'), 'one');
  await writeFile(path.join(root, 'priv/2_b.exs'), 'two');
  const a = counting();
  const { readFiles: _, ...plain } = a.reader;
  expect(await readDirectory(plain, 'priv', ['.exs'], { readAtMost: 1 })).toEqual([
    { file: 'priv/1_a.exs', content: 'one' },
    { file: 'priv/2_b.exs', content: undefined },
  ]);
  expect(a.reads).toEqual(['priv/1_a.exs']);
});

it('memoizedReader reads each file once per call, a new one reads again', async () => {
  await writeFile(path.join(root, 'mix.exs'), 'x');
  const a = counting();
  const memo = memoizedReader(a.reader);
  expect([await memo.read('mix.exs'), await memo.read('mix.exs')]).toEqual(['x', 'x']);
  expect(a.reads).toEqual(['mix.exs']);
  await writeFile(path.join(root, 'mix.exs'), 'y');
  expect(await memoizedReader(a.reader).read('mix.exs')).toBe('y');
});
