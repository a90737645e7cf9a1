/**
 * The unified diff: exact output for known cases, and for random texts, GNU patch turns the old
 * text into the new one with it, with as few changed lines as GNU diff --minimal finds.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../shared/diff/unified.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-diff-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('unifiedDiff', () => {
  it('a new file: every line added, from /dev/null', () => {
    expect(unifiedDiff('lib/a.ex', null, 'defmodule A do\nend\n')).toBe(
      '--- /dev/null\n+++ b/lib/a.ex\n@@ -0,0 +1,2 @@\n+defmodule A do\n+end\n',
    );
  });

  it('equal texts: no diff', () => {
    expect(unifiedDiff('a', 'x\n', 'x\n')).toBe('');
    expect(unifiedDiff('a', '', '')).toBe('');
  });

  it('a change in a long file: one hunk with three lines of context each side', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 10\n', 'line ten\nline 10.5\n');
    expect(unifiedDiff('f.txt', before, after)).toBe(
      [
        '--- a/f.txt',
        '+++ b/f.txt',
        '@@ -7,7 +7,8 @@',
        ' line 7',
        ' line 8',
        ' line 9',
        '-line 10',
        '+line ten',
        '+line 10.5',
        ' line 11',
        ' line 12',
        ' line 13',
        '',
      ].join('\n'),
    );
  });

  it('changes far apart get their own hunks; near ones share one', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const after = [...lines];
    after[1] = 'X';
    after[25] = 'Y';
    const far = unifiedDiff('f', `${lines.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(far.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -23,7 +23,7 @@']);
    after[25] = 'l26';
    after[8] = 'Z';
    const near = unifiedDiff('f', `${lines.join('\n')}\n`, `${after.join('\n')}\n`);
    expect(near.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,12 +1,12 @@']);
  });

  it('a missing final newline is a change, marked as git does', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nb\n')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    );
  });

  it('diffLines puts deletions before additions within a change', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'y', 'c']).map((o) => o.kind)).toEqual([
      'same',
      'del',
      'add',
      'add',
      'same',
    ]);
  });

  it('GNU patch applies it, and it changes no more lines than diff --minimal', async () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', 'c', 'end', '', '  x = 1'), { maxLength: 14 })
      .chain((lines) =>
        fc.boolean().map((eol) => (lines.length === 0 ? '' : lines.join('\n') + (eol ? '\n' : ''))),
      );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, text, async (before, after) => {
        const dir = path.join(tmp, String(n++));
        const file = path.join(dir, 'f');
        const beforeFile = path.join(dir, 'before');
        await mkdir(dir);
        await writeFile(file, before);
        await writeFile(beforeFile, before);
        const diff = unifiedDiff('f', before, after);
        if (before === after) {
          expect(diff).toBe('');
          return;
        }
        await writeFile(path.join(dir, 'p.diff'), diff);
        const r = await execa('patch', ['-s', '-p1', '-i', 'p.diff'], { cwd: dir, reject: false });
        expect(r.exitCode, `${r.stdout}${r.stderr}\n${diff}`).toBe(0);
        expect(await readFile(file, 'utf8')).toBe(after);
        await writeFile(path.join(dir, 'after'), after);
        const gnu = await execa('diff', ['--minimal', '-u', 'before', 'after'], {
          cwd: dir,
          reject: false,
        });
        const changes = (d: string) =>
          d.split('\n').filter((l) => /^[-+](?!--|\+\+)/.test(l)).length;
        expect(changes(diff)).toBe(changes(gnu.stdout));
      }),
      { numRuns: 30 },
    );
  });
});
