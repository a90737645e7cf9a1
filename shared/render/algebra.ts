/**
 * A faithful port of the document algebra of Elixir's `Inspect.Algebra` (the part the code
 * formatter uses): strings, concatenation, nesting, strict and flex breaks, groups,
 * `next_break_fits`, `force_unfit` and mandatory lines, with the same `fits/4` and `format/3`
 * rules. `layout.ts` builds documents the way `Code.Formatter` does and renders them here, so
 * line breaking matches `mix format` exactly.
 *
 * Two behaviours, chosen per render (`strictNextBreakFits`):
 * - Elixir 1.14 to 1.17: a group whose measuring reaches a break inside `next_break_fits`
 *   content fits, whatever follows (`foo(%{…})` stays on one line when `foo(%{…}` fits, even
 *   if the closing `)` passes the line length);
 * - Elixir 1.18 (elixir-lang/elixir#13792): measuring goes on past that break as if flat; when
 *   the rest does not fit, the group is laid out "flat, but break the next_break_fits content"
 *   (`foo(%{` then the entries one per line).
 */

export type Doc =
  | string
  | { readonly t: 'nil' }
  | { readonly t: 'line' }
  | { readonly t: 'str'; readonly s: string; readonly len: number }
  | { readonly t: 'cons'; readonly a: Doc; readonly b: Doc }
  | {
      readonly t: 'nest';
      readonly doc: Doc;
      readonly indent: number | 'cursor' | 'reset';
      readonly always: boolean;
    }
  | { readonly t: 'break'; readonly s: string; readonly flex: boolean }
  | { readonly t: 'group'; readonly doc: Doc; readonly inherit: boolean }
  | { readonly t: 'fits'; readonly doc: Doc; readonly enabled: boolean }
  | { readonly t: 'force'; readonly doc: Doc };

export const empty: Doc = { t: 'nil' };
export const line: Doc = { t: 'line' };

// Created on the first non-ASCII text: constructing it loads ICU's break data, ~10-30 ms that
// every server would otherwise pay at start-up.
let segmenter: Intl.Segmenter | undefined;

/** `String.length/1`: the number of grapheme clusters. */
export function textWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s.length;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** `Inspect.Algebra.string/1`: text measured in graphemes. */
export function str(s: string): Doc {
  return { t: 'str', s, len: textWidth(s) };
}

export function concat(a: Doc, b: Doc): Doc {
  return { t: 'cons', a, b };
}

/** `concat/1`: folds from the right, like `fold_doc/2`. */
export function concatAll(docs: readonly Doc[]): Doc {
  if (docs.length === 0) return empty;
  let acc = docs[docs.length - 1] as Doc;
  for (let i = docs.length - 2; i >= 0; i--) acc = concat(docs[i] as Doc, acc);
  return acc;
}

export function nest(
  doc: Doc,
  indent: number | 'cursor' | 'reset',
  mode: 'always' | 'break' = 'always',
): Doc {
  if (indent === 0) return doc;
  return { t: 'nest', doc, indent, always: mode === 'always' };
}

export function brk(s = ' '): Doc {
  return { t: 'break', s, flex: false };
}

export function flexBreak(s = ' '): Doc {
  return { t: 'break', s, flex: true };
}

export function glue(a: Doc, b: Doc, s = ' '): Doc {
  return concat(a, concat(brk(s), b));
}

export function flexGlue(a: Doc, b: Doc, s = ' '): Doc {
  return concat(a, concat(flexBreak(s), b));
}

export function group(doc: Doc, mode: 'self' | 'inherit' = 'self'): Doc {
  return { t: 'group', doc, inherit: mode === 'inherit' };
}

export function nextBreakFits(doc: Doc, mode: 'enabled' | 'disabled' = 'enabled'): Doc {
  return { t: 'fits', doc, enabled: mode === 'enabled' };
}

export function forceUnfit(doc: Doc): Doc {
  return { t: 'force', doc };
}

export function lineJoin(a: Doc, b: Doc): Doc {
  return concat(a, concat(line, b));
}

// ---------------------------------------------------------------------------------------------
// Rendering
//
// algebra.ex keeps its work lists as linked lists of `{indent, mode, doc}` tuples. Here they are
// arrays used as stacks (three parallel arrays, reused across calls), so laying out a statement
// allocates nothing per step: a 200-schema phoenix-context call pushes a few million entries,
// and as objects they were a third of everything the call allocated.

const FLAT = 0;
const FLAT_NO_BREAK = 1;
const BREAK = 2;
const BREAK_NO_FLAT = 3;
type Mode = typeof FLAT | typeof FLAT_NO_BREAK | typeof BREAK | typeof BREAK_NO_FLAT;

/** A `{:tail, b?, t}` marker of `fits?`: restores `b` when the group it closes is done. */
const TAIL: Doc = { t: 'nil' };

/** A stack of `{indent, mode, doc}` entries; `tailB` holds the `b?` of TAIL entries. */
class Stack {
  i: number[] = [];
  m: Mode[] = [];
  d: Doc[] = [];
  tailB: boolean[] = [];
  n = 0;
  /** Entries used since the last clear (the ones that may still hold a doc). */
  private used = 0;

  push(i: number, m: Mode, d: Doc): void {
    const n = this.n++;
    if (n >= this.used) this.used = n + 1;
    this.i[n] = i;
    this.m[n] = m;
    this.d[n] = d;
  }

  pushTail(b: boolean): void {
    const n = this.n++;
    if (n >= this.used) this.used = n + 1;
    this.d[n] = TAIL;
    this.tailB[n] = b;
  }

  /** Drops every doc reference (the arrays are reused; they must not keep documents alive). */
  clear(): void {
    this.d.fill(empty, 0, this.used);
    this.n = 0;
    this.used = 0;
  }
}

// Neither render nor fits calls back into user code, so one pair of stacks serves every call.
const renderStack = new Stack();
const fitsStack = new Stack();

function applyNesting(i: number, k: number, j: number | 'cursor' | 'reset'): number {
  if (j === 'cursor') return k;
  if (j === 'reset') return 0;
  return i + j;
}

function isBreakLike(d: Doc): boolean {
  return typeof d !== 'string' && (d.t === 'break' || d.t === 'line');
}

/**
 * `fits?/4` of Inspect.Algebra, clause by clause. The work list is `{seedIndent, flat,
 * seedDoc}` when a group is measured (nothing after it counts), else the first `rest` entries of
 * `renderStack`, top first (a flex break measures what follows it).
 */
const FIT = 0;
const NO_FIT = 1;
const BREAK_NEXT = 2;
type Fit = typeof FIT | typeof NO_FIT | typeof BREAK_NEXT;

function fits(
  w: number,
  k0: number,
  b0: boolean,
  rest: number,
  strict: boolean,
  seedIndent = 0,
  seedDoc?: Doc,
): Fit {
  const local = fitsStack;
  const outer = renderStack;
  if (seedDoc !== undefined) local.push(seedIndent, FLAT, seedDoc);
  let k = k0;
  let b = b0;
  let r = rest;
  // 1.18: once measuring went past a next_break_fits break, "does not fit" means "break next".
  let passedNextBreak = false;
  try {
    for (;;) {
      if (k > w && b) return passedNextBreak ? BREAK_NEXT : NO_FIT;
      let i: number;
      let m: Mode;
      let d: Doc;
      if (local.n > 0) {
        const n = --local.n;
        d = local.d[n] as Doc;
        if (d === TAIL) {
          b = local.tailB[n] as boolean;
          continue;
        }
        i = local.i[n] as number;
        m = local.m[n] as Mode;
      } else if (r > 0) {
        r--;
        i = outer.i[r] as number;
        m = outer.m[r] as Mode;
        d = outer.d[r] as Doc;
      } else {
        return FIT;
      }
      if (typeof d === 'string') {
        k += Buffer.byteLength(d, 'utf8');
        continue;
      }
      if (d.t === 'fits' && !d.enabled) {
        local.push(i, FLAT_NO_BREAK, d.doc);
        continue;
      }
      if (m === FLAT_NO_BREAK && d.t === 'fits') {
        local.push(i, FLAT_NO_BREAK, d.doc);
        continue;
      }
      if (d.t === 'fits' && d.enabled) {
        local.push(i, BREAK_NO_FLAT, d.doc);
        continue;
      }
      if (m === BREAK_NO_FLAT && d.t === 'force') {
        local.push(i, BREAK_NO_FLAT, d.doc);
        continue;
      }
      if (m === BREAK_NO_FLAT && isBreakLike(d)) {
        if (!strict) return FIT;
        passedNextBreak = true;
        m = FLAT;
      }
      if (m === BREAK && isBreakLike(d)) return FIT;
      if (m === BREAK && d.t === 'group') {
        local.pushTail(b);
        local.push(i, FLAT, d.doc);
        continue;
      }
      switch (d.t) {
        case 'line':
          k = i;
          b = false;
          break;
        case 'nil':
          break;
        case 'str':
          k += d.len;
          break;
        case 'force':
          return passedNextBreak ? BREAK_NEXT : NO_FIT;
        case 'break':
          k += Buffer.byteLength(d.s, 'utf8');
          b = true;
          break;
        case 'nest':
          local.push(d.always ? applyNesting(i, k, d.indent) : i, m, d.doc);
          break;
        case 'cons':
          local.push(i, m, d.b);
          local.push(i, m, d.a);
          break;
        case 'group':
          local.pushTail(b);
          local.push(i, m, d.doc);
          break;
        case 'fits':
          // unreachable: handled above
          local.push(i, m, d.doc);
          break;
      }
    }
  } finally {
    local.clear();
  }
}

/**
 * `Inspect.Algebra.format/2` starting at column `column` with nesting `indent` (the position
 * of an expression inside already-indented code) and the given mode of the enclosing doc.
 */
export function render(
  doc: Doc,
  width: number,
  opts: {
    column?: number;
    indent?: number;
    mode?: 'flat' | 'break';
    /** Elixir 1.18's rule: next_break_fits content respects the line length. */
    strictNextBreakFits?: boolean;
  } = {},
): string {
  const w = width;
  const strict = opts.strictNextBreakFits === true;
  const stack = renderStack;
  let k = opts.column ?? 0;
  stack.push(opts.indent ?? 0, opts.mode === 'break' ? BREAK : FLAT, doc);
  let out = '';
  try {
    while (stack.n > 0) {
      const n = --stack.n;
      const i = stack.i[n] as number;
      const m = stack.m[n] as Mode;
      const d = stack.d[n] as Doc;
      if (typeof d === 'string') {
        out += d;
        k += Buffer.byteLength(d, 'utf8');
        continue;
      }
      switch (d.t) {
        case 'nil':
          break;
        case 'line':
          out += '\n' + ' '.repeat(i);
          k = i;
          break;
        case 'cons':
          stack.push(i, m, d.b);
          stack.push(i, m, d.a);
          break;
        case 'str':
          out += d.s;
          k += d.len;
          break;
        case 'force':
          stack.push(i, m, d.doc);
          break;
        case 'fits':
          stack.push(i, m === FLAT_NO_BREAK && d.enabled ? BREAK_NO_FLAT : m, d.doc);
          break;
        case 'break':
          if (d.flex) {
            const k2 = k + Buffer.byteLength(d.s, 'utf8');
            if (m === FLAT || fits(w, k2, true, stack.n, strict) !== NO_FIT) {
              out += d.s;
              k = k2;
            } else {
              out += '\n' + ' '.repeat(i);
              k = i;
            }
          } else if (m === BREAK) {
            out += '\n' + ' '.repeat(i);
            k = i;
          } else {
            out += d.s;
            k += Buffer.byteLength(d.s, 'utf8');
          }
          break;
        case 'nest':
          stack.push(d.always || m === BREAK ? applyNesting(i, k, d.indent) : i, m, d.doc);
          break;
        case 'group':
          if ((m === BREAK && d.inherit) || m === BREAK_NO_FLAT) {
            stack.push(i, BREAK, d.doc);
          } else {
            const f = fits(w, k, false, 0, strict, i, d.doc);
            stack.push(i, f === FIT ? FLAT : f === NO_FIT ? BREAK : FLAT_NO_BREAK, d.doc);
          }
          break;
      }
    }
    return out;
  } finally {
    stack.clear();
  }
}
