/**
 * Line diffs in the unified format of `diff -u` / `git diff`: what a dry run would change in a
 * file. Pure (no I/O); the shortest edit script by Myers' O(ND) algorithm, after trimming the
 * common head and tail.
 */

export type DiffOp = { kind: 'same' | 'del' | 'add'; line: string };

export interface UnifiedDiffOptions {
  /** Lines of context around each change (default 3). */
  context?: number;
}

/** Marks a last line without a newline, so that it differs from the same text with one. */
const NO_EOL = '\u0000';

/** Lines of a text, each without its newline; a last line without one ends with NO_EOL. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** The edit script turning `a` into `b`, line by line: deletions before additions in a change. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const same = (line: string): DiffOp => ({ kind: 'same', line });
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...a.slice(0, head).map(same),
    ...deletionsFirst(middle),
    ...a.slice(a.length - tail).map(same),
  ];
}

/** Within each run of changed lines, the deletions before the additions (as git prints them). */
function deletionsFirst(ops: readonly DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let dels: DiffOp[] = [];
  let adds: DiffOp[] = [];
  const flushRun = () => {
    out.push(...dels, ...adds);
    dels = [];
    adds = [];
  };
  for (const op of ops) {
    if (op.kind === 'del') dels.push(op);
    else if (op.kind === 'add') adds.push(op);
    else {
      flushRun();
      out.push(op);
    }
  }
  flushRun();
  return out;
}

/**
 * Myers' greedy shortest edit script. Step d keeps only the diagonals -d..d of the
 * furthest-reaching x per diagonal, so memory grows with the number of edits, not the file size.
 */
function myers(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    return [
      ...a.map((line): DiffOp => ({ kind: 'del', line })),
      ...b.map((line): DiffOp => ({ kind: 'add', line })),
    ];
  }
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: x per diagonal k (index k + d + 1) before step d.
  const trace: Int32Array[] = [];
  const picksDown = (at: (k: number) => number, k: number, d: number) =>
    k === -d || (k !== d && at(k - 1) < at(k + 1));
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    const before = trace[d]!;
    const at = (k: number) => before[k + d + 1]!;
    for (let k = -d; k <= d; k += 2) {
      let x = picksDown(at, k, d) ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break search;
    }
  }
  // Walk back from (n, m) through the saved steps.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d + 1]!;
    const k = x - y;
    const down = picksDown(at, k, d);
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'same', line: a[x]! });
    }
    if (down) ops.push({ kind: 'add', line: b[--y]! });
    else ops.push({ kind: 'del', line: a[--x]! });
  }
  while (x > 0) ops.push({ kind: 'same', line: a[--x]! });
  return ops.reverse();
}

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * The unified diff from `before` to `after` for `file` (relative, `/`-separated), '' when they are
 * equal. `before: null` is a new file (`--- /dev/null`), `after: null` a deleted one.
 */
export function unifiedDiff(
  file: string,
  before: string | null,
  after: string | null,
  options: UnifiedDiffOptions = {},
): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const rows = numberOps(diffLines(splitLines(before ?? ''), splitLines(after ?? '')));
  const changed = rows.map((r, i) => (r.op.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  const out = [
    `--- ${before === null ? '/dev/null' : `a/${file}`}`,
    `+++ ${after === null ? '/dev/null' : `b/${file}`}`,
  ];
  if (changed.length === 0) return `${out.join('\n')}\n`;
  let start = Math.max(0, changed[0]! - context);
  let end = Math.min(rows.length - 1, changed[0]! + context);
  for (const i of changed.slice(1)) {
    if (i - context > end + 1) {
      out.push(...hunk(rows.slice(start, end + 1)));
      start = i - context;
    }
    end = Math.min(rows.length - 1, i + context);
  }
  out.push(...hunk(rows.slice(start, end + 1)));
  return `${out.join('\n')}\n`;
}

interface Row {
  op: DiffOp;
  /** 1-based line number in the old text (the next one for an added line), and in the new. */
  aLine: number;
  bLine: number;
}

function numberOps(ops: readonly DiffOp[]): Row[] {
  let aLine = 1;
  let bLine = 1;
  return ops.map((op) => {
    const row = { op, aLine, bLine };
    if (op.kind !== 'add') aLine++;
    if (op.kind !== 'del') bLine++;
    return row;
  });
}

/** `start,count` of a hunk header; an empty side names the line before it. */
function range(startLine: number, count: number): string {
  const start = count === 0 ? startLine - 1 : startLine;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function hunk(rows: readonly Row[]): string[] {
  const aCount = rows.filter((r) => r.op.kind !== 'add').length;
  const bCount = rows.filter((r) => r.op.kind !== 'del').length;
  const lines = [`@@ -${range(rows[0]!.aLine, aCount)} +${range(rows[0]!.bLine, bCount)} @@`];
  for (const { op } of rows) {
    const sign = op.kind === 'same' ? ' ' : op.kind === 'del' ? '-' : '+';
    if (op.line.endsWith(NO_EOL)) lines.push(`${sign}${op.line.slice(0, -1)}`, NO_NEWLINE);
    else lines.push(`${sign}${op.line}`);
  }
  return lines;
}
