import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFiles, type PlannedFile } from '../../shared/workspace/index.js';
import { makeTempDir, removeDir, snapshotTree, writeTree } from './helpers.js';

let root: string;

beforeEach(async () => {
  root = await realpath(await makeTempDir());
  await writeTree(root, { 'mix.exs': 'mix' });
});
afterEach(() => removeDir(root));

/** A body big enough that a torn write would show. */
const body = (tag: string, file: string): string =>
  `# ${tag} ${file}\n` + `${tag}:${file};`.repeat(2000) + '\n';

describe('writeFiles: concurrency', () => {
  it('20 concurrent batches of distinct files all land intact', async () => {
    const batches: PlannedFile[][] = Array.from({ length: 20 }, (_, i) =>
      ['schema.ex', 'context.ex', 'test.exs'].map((f) => ({
        path: `lib/app/ctx_${i}/${f}`,
        content: body(`b${i}`, f),
      })),
    );
    const outcomes = await Promise.all(
      batches.map((files) => writeFiles(root, files, { onConflict: 'error' })),
    );
    for (const out of outcomes) {
      expect(out.written).toBe(true);
      expect(out.files.every((f) => f.action === 'created')).toBe(true);
    }
    for (const file of batches.flat()) {
      expect(await readFile(path.join(root, file.path), 'utf8')).toBe(file.content);
    }
    const tree = await snapshotTree(root);
    expect(Object.keys(tree).filter((k) => k.endsWith('.tmp'))).toEqual([]);
    expect(Object.values(tree).filter((v) => v.startsWith('file'))).toHaveLength(61);
  });

  it('overlapping batches with on_conflict=error: exactly one wins, the others conflict', async () => {
    // Every batch writes the same two files with its own content; batch 0 and 1 share content.
    const contentOf = (i: number): string => (i === 1 ? 'tag-0' : `tag-${i}`);
    const batches = Array.from({ length: 20 }, (_, i) => [
      { path: 'lib/app/shared.ex', content: body(contentOf(i), 'shared') },
      { path: 'lib/app/other.ex', content: body(contentOf(i), 'other') },
      { path: `lib/app/own_${i}.ex`, content: body(contentOf(i), 'own') },
    ]);
    const outcomes = await Promise.all(
      batches.map((files) => writeFiles(root, files, { onConflict: 'error' })),
    );
    const shared = await readFile(path.join(root, 'lib/app/shared.ex'), 'utf8');
    const winnerTag = /^# (\S+) /.exec(shared)?.[1];
    expect(winnerTag).toBeDefined();
    const sameAsWinner = (i: number): boolean => contentOf(i) === winnerTag;

    outcomes.forEach((out, i) => {
      if (sameAsWinner(i)) {
        // the winner, or a batch identical to it: applied (created or unchanged)
        expect(out.written).toBe(true);
        expect(out.conflicts).toEqual([]);
      } else {
        expect(out.written).toBe(false);
        expect(out.conflicts.map((c) => c.path)).toEqual(['lib/app/shared.ex', 'lib/app/other.ex']);
      }
    });
    const created = outcomes.filter((o) => o.files[0]?.action === 'created');
    expect(created).toHaveLength(1);
    expect(outcomes.filter((o) => o.written)).toHaveLength(winnerTag === 'tag-0' ? 2 : 1);

    // No file is partial or mixed: both shared files come from the same winning batch.
    expect(shared).toBe(body(winnerTag as string, 'shared'));
    expect(await readFile(path.join(root, 'lib/app/other.ex'), 'utf8')).toBe(
      body(winnerTag as string, 'other'),
    );
    // Losers wrote nothing, not even their own new file.
    for (let i = 0; i < 20; i++) {
      const own = await readFile(path.join(root, `lib/app/own_${i}.ex`), 'utf8').catch(() => null);
      expect(own).toBe(sameAsWinner(i) ? body(contentOf(i), 'own') : null);
    }
  });

  it('overlapping batches with overwrite never interleave: every file of the last batch wins', async () => {
    const files = ['a.ex', 'b.ex', 'c.ex', 'd.ex'];
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeFiles(
          root,
          files.map((f) => ({ path: `lib/${f}`, content: body(`t${i}`, f) })),
          { onConflict: 'overwrite' },
        ),
      ),
    );
    expect(outcomes.every((o) => o.written)).toBe(true);
    const contents = await Promise.all(
      files.map((f) => readFile(path.join(root, 'lib', f), 'utf8')),
    );
    const tags = contents.map((c) => /^# (\S+) /.exec(c)?.[1]);
    expect(new Set(tags).size).toBe(1);
    contents.forEach((c, k) => expect(c).toBe(body(tags[0] as string, files[k] as string)));
    // exactly one batch created the files; every other one updated all four
    expect(outcomes.filter((o) => o.files.every((f) => f.action === 'created'))).toHaveLength(1);
    expect(
      outcomes.filter((o) =>
        o.files.every((f) => f.action === 'updated' || f.action === 'unchanged'),
      ),
    ).toHaveLength(19);
  });
});
