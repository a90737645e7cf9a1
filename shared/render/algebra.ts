/**
 * A faithful port of the document algebra of Elixir 1.14's `Inspect.Algebra` (the part the
 * code formatter uses): strings, concatenation, nesting, strict and flex breaks, groups,
 * `next_break_fits`, `force_unfit` and mandatory lines, with the same `fits?/4` and `format/3`
 * rules. `layout.ts` builds documents the way `Code.Formatter` does and renders them here, so
 * line breaking matches `mix format` exactly.
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

type Mode = 'flat' | 'flat_no_break' | 'break' | 'break_no_flat';

interface Entry {
  readonly i: number;
  readonly m: Mode;
  readonly d: Doc;
}

/** The `[{i, m, doc} | t]` lists of algebra.ex, with `{:tail, b?, t}` markers for `fits?`. */
type Stack =
  | null
  | { readonly e: Entry; readonly next: Stack }
  | { readonly tail: true; readonly b: boolean; readonly next: Stack };

const push = (i: number, m: Mode, d: Doc, next: Stack): Stack => ({ e: { i, m, d }, next });

function applyNesting(i: number, k: number, j: number | 'cursor' | 'reset'): number {
  if (j === 'cursor') return k;
  if (j === 'reset') return 0;
  return i + j;
}

function isBreakLike(d: Doc): boolean {
  return typeof d !== 'string' && (d.t === 'break' || d.t === 'line');
}

/** `fits?/4` of Inspect.Algebra, clause by clause. */
function fits(w: number, k0: number, b0: boolean, stack0: Stack): boolean {
  let k = k0;
  let b = b0;
  let stack = stack0;
  for (;;) {
    if (k > w && b) return false;
    if (stack === null) return true;
    if ('tail' in stack) {
      b = stack.b;
      stack = stack.next;
      continue;
    }
    const { i, m, d } = stack.e;
    const rest = stack.next;
    if (typeof d === 'string') {
      k += Buffer.byteLength(d, 'utf8');
      stack = rest;
      continue;
    }
    if (d.t === 'fits' && !d.enabled) {
      stack = push(i, 'flat_no_break', d.doc, rest);
      continue;
    }
    if (m === 'flat_no_break' && d.t === 'fits') {
      stack = push(i, 'flat_no_break', d.doc, rest);
      continue;
    }
    if (d.t === 'fits' && d.enabled) {
      stack = push(i, 'break_no_flat', d.doc, rest);
      continue;
    }
    if (m === 'break_no_flat' && d.t === 'force') {
      stack = push(i, 'break_no_flat', d.doc, rest);
      continue;
    }
    if (m === 'break_no_flat' && isBreakLike(d)) return true;
    if (m === 'break' && isBreakLike(d)) return true;
    if (m === 'break' && d.t === 'group') {
      stack = push(i, 'flat', d.doc, { tail: true, b, next: rest });
      continue;
    }
    switch (d.t) {
      case 'line':
        k = i;
        b = false;
        stack = rest;
        break;
      case 'nil':
        stack = rest;
        break;
      case 'str':
        k += d.len;
        stack = rest;
        break;
      case 'force':
        return false;
      case 'break':
        k += Buffer.byteLength(d.s, 'utf8');
        b = true;
        stack = rest;
        break;
      case 'nest':
        stack = d.always
          ? push(applyNesting(i, k, d.indent), m, d.doc, rest)
          : push(i, m, d.doc, rest);
        break;
      case 'cons':
        stack = push(i, m, d.a, push(i, m, d.b, rest));
        break;
      case 'group':
        stack = push(i, m, d.doc, { tail: true, b, next: rest });
        break;
      case 'fits':
        // unreachable: handled above
        stack = push(i, m, d.doc, rest);
        break;
    }
  }
}

/**
 * `Inspect.Algebra.format/2` starting at column `column` with nesting `indent` (the position
 * of an expression inside already-indented code) and the given mode of the enclosing doc.
 */
export function render(
  doc: Doc,
  width: number,
  opts: { column?: number; indent?: number; mode?: 'flat' | 'break' } = {},
): string {
  const w = width;
  let k = opts.column ?? 0;
  let stack: Stack = push(opts.indent ?? 0, opts.mode ?? 'flat', doc, null);
  const out: string[] = [];
  const newline = (i: number): void => {
    out.push('\n' + ' '.repeat(i));
    k = i;
  };
  while (stack !== null) {
    if ('tail' in stack) {
      stack = stack.next;
      continue;
    }
    const { i, m, d } = stack.e;
    const rest: Stack = stack.next;
    if (typeof d === 'string') {
      out.push(d);
      k += Buffer.byteLength(d, 'utf8');
      stack = rest;
      continue;
    }
    switch (d.t) {
      case 'nil':
        stack = rest;
        break;
      case 'line':
        newline(i);
        stack = rest;
        break;
      case 'cons':
        stack = push(i, m, d.a, push(i, m, d.b, rest));
        break;
      case 'str':
        out.push(d.s);
        k += d.len;
        stack = rest;
        break;
      case 'force':
      case 'fits':
        stack = push(i, m, d.doc, rest);
        break;
      case 'break':
        if (d.flex) {
          const k2 = k + Buffer.byteLength(d.s, 'utf8');
          if (m === 'flat' || fits(w, k2, true, rest)) {
            out.push(d.s);
            k = k2;
          } else {
            newline(i);
          }
        } else if (m === 'break') {
          newline(i);
        } else {
          out.push(d.s);
          k += Buffer.byteLength(d.s, 'utf8');
        }
        stack = rest;
        break;
      case 'nest':
        stack =
          d.always || m === 'break'
            ? push(applyNesting(i, k, d.indent), m, d.doc, rest)
            : push(i, m, d.doc, rest);
        break;
      case 'group':
        if (m === 'break' && d.inherit) {
          stack = push(i, 'break', d.doc, rest);
        } else {
          const flat = fits(w, k, false, push(i, 'flat', d.doc, null));
          stack = push(i, flat ? 'flat' : 'break', d.doc, rest);
        }
        break;
    }
  }
  return out.join('');
}
