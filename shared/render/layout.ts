/**
 * mix-format-exact layout of the Elixir expressions we generate.
 *
 * An expression is described as a small tree (`Ex`) whose leaves are already-rendered literals
 * (`:title`, `"some title"`, `Ecto.Enum`, `attrs`); `formatExpr` builds the same algebra document
 * as Elixir 1.14's `Code.Formatter` for a single-line source of that expression and renders it
 * at 98 columns, with the line-breaking rules of the generation's Elixir (formatter.ts). What `mix format` does, in short:
 *
 * - a call whose last argument is a list/map (`cast(attrs, [...])`, `Enum.into(%{...})`) stays
 *   on one line when it fits; otherwise, if the text up to the opening bracket fits, the
 *   bracket stays there and the elements go one per line, indented two spaces from the line
 *   the call starts on, with `])` on its own line; otherwise the arguments go one per line;
 * - a call without parens and with a trailing keyword list (`field :s, Ecto.Enum, values: [...]`)
 *   keeps its positional arguments on the first line and moves the keywords, one per line,
 *   two spaces in; a keyword whose list value still does not fit breaks that list one element
 *   per line; when even the positional arguments do not fit, every argument goes on its own
 *   line aligned with the first one;
 * - a no-parens call around a call (`create unique_index(:t, [...])`) aligns continuation
 *   lines with its argument (`create ` + 2 more spaces for the list elements).
 */
import {
  type Doc,
  brk,
  concat,
  empty,
  flexGlue,
  glue,
  group,
  nest,
  nextBreakFits,
  render,
  str,
  textWidth,
} from './algebra.js';
import { currentElixirFormatter } from './formatter.js';

/** The line length `mix format` uses by default. */
export const LINE_LENGTH = 98;

export type Ex =
  /** An atomic, already-rendered literal or variable: never broken. */
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly Ex[] }
  | { readonly kind: 'tuple'; readonly items: readonly Ex[] }
  /** `%{...}` or `%Struct{...}`; entries are `pair`s. */
  | { readonly kind: 'map'; readonly struct?: string; readonly entries: readonly Pair[] }
  | Pair
  /**
   * A call. `name` is the rendered function name (`cast`, `Repo.insert`, `Enum.into`).
   * `keywords` is the trailing keyword list (written without brackets). `parens: false` is only
   * allowed for the outermost expression (a statement such as `field`, `add`, `create`).
   */
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Ex[];
      readonly keywords: readonly Pair[];
      readonly parens: boolean;
    };

/** `key: value` (key text includes the colon, e.g. from `exKey`) or `key => value`. */
export type Pair =
  | { readonly kind: 'kw'; readonly key: string; readonly value: Ex }
  | { readonly kind: 'arrow'; readonly key: Ex; readonly value: Ex };

/** Builders for `Ex` trees. Strings are taken as already-rendered literal text. */
export const ex = {
  raw: (text: string): Ex => ({ kind: 'raw', text }),
  list: (items: ReadonlyArray<Ex | string>): Ex => ({ kind: 'list', items: items.map(toEx) }),
  tuple: (items: ReadonlyArray<Ex | string>): Ex => ({ kind: 'tuple', items: items.map(toEx) }),
  map: (entries: readonly Pair[], struct?: string): Ex =>
    struct === undefined ? { kind: 'map', entries } : { kind: 'map', struct, entries },
  kw: (key: string, value: Ex | string): Pair => ({ kind: 'kw', key, value: toEx(value) }),
  arrow: (key: Ex | string, value: Ex | string): Pair => ({
    kind: 'arrow',
    key: toEx(key),
    value: toEx(value),
  }),
  call: (
    name: string,
    args: ReadonlyArray<Ex | string> = [],
    keywords: readonly Pair[] = [],
  ): Ex => ({
    kind: 'call',
    name,
    args: args.map(toEx),
    keywords,
    parens: true,
  }),
  /** A statement call without parens (`field`, `add`, `create`, `belongs_to`, …). */
  callNoParens: (
    name: string,
    args: ReadonlyArray<Ex | string> = [],
    keywords: readonly Pair[] = [],
  ): Ex => ({ kind: 'call', name, args: args.map(toEx), keywords, parens: false }),
};

function toEx(x: Ex | string): Ex {
  return typeof x === 'string' ? { kind: 'raw', text: x } : x;
}

// ---------------------------------------------------------------------------------------------
// Code.Formatter, for the constructs above

/** `concat_to_last_group/2`: append inside the last group of the right spine. */
function concatToLastGroup(doc: Doc, suffix: Doc): Doc {
  if (typeof doc !== 'string' && doc.t === 'cons') {
    return concat(doc.a, concatToLastGroup(doc.b, suffix));
  }
  if (typeof doc !== 'string' && doc.t === 'group') {
    return group(concat(doc.doc, suffix), doc.inherit ? 'inherit' : 'self');
  }
  return concat(doc, suffix);
}

function ungroupIfGroup(doc: Doc): Doc {
  return typeof doc !== 'string' && doc.t === 'group' ? doc.doc : doc;
}

/** `surround/3`. */
function surround(left: Doc, doc: Doc, right: Doc): Doc {
  if (doc === empty) return concat(left, right);
  return group(glue(nest(glue(left, doc, ''), 2, 'break'), right, ''));
}

type LastArgMode = 'none' | 'force_comma' | 'next_break_fits';

/** `args_to_algebra_with_comments/7` for arguments on one source line, joined with breaks. */
function argsToDoc(docs: readonly Doc[], lastArgMode: LastArgMode, flex = false): Doc {
  if (docs.length === 0) return empty;
  // Each argument ends up in its own group (`merge_algebra_with_comments/2`); it matters for
  // Elixir 1.18's next_break_fits rule, where a group around the last argument is measured alone.
  const withCommas = docs.map((doc, idx) => {
    if (idx < docs.length - 1) return group(concatToLastGroup(doc, ','));
    if (lastArgMode === 'force_comma') return group(concatToLastGroup(doc, ','));
    if (lastArgMode === 'next_break_fits') return group(nextBreakFits(doc, 'enabled'));
    return group(doc);
  });
  let acc = withCommas[0] as Doc;
  for (let i = 1; i < withCommas.length; i++) {
    const d = withCommas[i] as Doc;
    acc = flex ? flexGlue(acc, d) : glue(acc, d);
  }
  return acc;
}

/** `next_break_fits?/2`: lists, maps and structs as last argument/operand. */
function nextBreakFitsArg(node: Ex): boolean {
  return node.kind === 'list' || (node.kind === 'map' && node.entries.length > 0);
}

function nestedNoParens(name: string): Error {
  return new Error(
    `layout: a call without parens (${name}) is only supported as the outermost expression`,
  );
}

function exprToDoc(node: Ex, top: boolean, extra = ''): Doc {
  if (extra !== '' && node.kind !== 'call') return concat(exprToDoc(node, top), extra);
  switch (node.kind) {
    case 'raw':
      return str(node.text);
    case 'list':
      return surround(
        '[',
        argsToDoc(
          node.items.map((i) => exprToDoc(i, false)),
          'none',
        ),
        ']',
      );
    case 'tuple': {
      if (node.items.length === 0) return concat('{', '}');
      const args = argsToDoc(
        node.items.map((i) => exprToDoc(i, false)),
        'none',
        true,
      );
      return group(concat(nest(concat('{', args), 1), '}'));
    }
    case 'map': {
      const open = concat(concat('%', node.struct === undefined ? empty : node.struct), '{');
      return surround(
        open,
        argsToDoc(
          node.entries.map((e) => exprToDoc(e, false)),
          'none',
        ),
        '}',
      );
    }
    case 'kw':
    case 'arrow': {
      const left = node.kind === 'kw' ? str(node.key) : exprToDoc(node.key, false);
      const op = node.kind === 'kw' ? '' : ' =>';
      const nbf = nextBreakFitsArg(node.value);
      let right = exprToDoc(node.value, false);
      if (nbf) right = nextBreakFits(right, 'enabled');
      const doc = concat(group(left), group(nest(glue(op, group(right)), 2, 'break')));
      return nbf ? nextBreakFits(doc, 'disabled') : doc;
    }
    case 'call': {
      if (!node.parens && !top) throw nestedNoParens(node.name);
      return concat(str(node.name), callArgsToDoc(node, extra));
    }
  }
}

/**
 * `last_arg_to_keyword/4`: a literal keyword list as the last argument loses its brackets
 * (`foo(a, [b: 1])` is formatted `foo(a, b: 1)`).
 */
function lastListToKeywords(node: Extract<Ex, { kind: 'call' }>): Extract<Ex, { kind: 'call' }> {
  const last = node.args[node.args.length - 1];
  if (node.keywords.length > 0 || last === undefined || last.kind !== 'list') return node;
  if (last.items.length === 0 || !last.items.every((i) => i.kind === 'kw')) return node;
  return { ...node, args: node.args.slice(0, -1), keywords: last.items as Pair[] };
}

/** `call_args_to_algebra/6` + `call_args_to_algebra_no_blocks/6` (no do-blocks, one line). */
function callArgsToDoc(call: Extract<Ex, { kind: 'call' }>, extra: string): Doc {
  const node = lastListToKeywords(call);
  const skipParens = !node.parens;
  const keyword = node.keywords.length > 0;
  if (node.args.length === 0 && !keyword) {
    return concat(skipParens ? empty : concat('(', ')'), extra);
  }
  const left = keyword ? node.args : node.args.slice(0, -1);
  const right: readonly Ex[] = keyword ? node.keywords : node.args.slice(-1);
  let argsDoc: Doc;
  let nbf: boolean;
  // Elixir ≥ 1.15 puts the `)` inside the argument document (in the keywords' group).
  let closed = false;
  if (left.length > 0 && keyword) {
    const leftDoc = argsToDoc(
      left.map((a) => exprToDoc(a, false)),
      'force_comma',
    );
    const rightDoc = concat(
      brk(),
      argsToDoc(
        right.map((a) => exprToDoc(a, false)),
        'none',
      ),
    );
    if (skipParens) {
      argsDoc = nest(
        concat(leftDoc, nextBreakFits(group(rightDoc, 'inherit'), 'enabled')),
        'cursor',
        'break',
      );
    } else {
      const close = currentElixirFormatter().parenInKeywordGroup;
      const inner = concat(nest(rightDoc, 2, 'break'), brk(''));
      const r = nextBreakFits(group(close ? concat(inner, ')') : inner, 'inherit'), 'enabled');
      argsDoc = concat(nest(leftDoc, 2, 'break'), r);
      if (close) closed = true;
    }
    nbf = true;
  } else {
    const all = [...left, ...right];
    const last = all[all.length - 1] as Ex;
    nbf = !keyword && nextBreakFitsArg(last);
    argsDoc = argsToDoc(
      all.map((a) => exprToDoc(a, false)),
      nbf ? 'next_break_fits' : 'none',
    );
    argsDoc = ungroupIfGroup(argsDoc);
    argsDoc = skipParens
      ? nest(argsDoc, 'cursor', 'break')
      : concat(nest(argsDoc, 2, 'break'), brk(''));
  }
  const close = skipParens || closed ? empty : str(')');
  let doc: Doc;
  if (left.length > 0 && keyword && skipParens) {
    doc = group(concat(nest(concat(' ', argsDoc), 2), extra));
  } else if (skipParens) {
    doc = group(concat(concat(' ', argsDoc), extra));
  } else {
    doc = group(
      concat(concat(concat(nest(concat('(', brk('')), 2, 'break'), argsDoc), close), extra),
    );
  }
  return nbf ? nextBreakFits(doc, 'disabled') : doc;
}

export interface FormatOptions {
  /** Column of the first character (the statement's indentation). */
  indent: number;
  /** Text before the expression on its first line, e.g. `"|> "` for a pipeline step. */
  prefix?: string;
  /**
   * The call opens a do-block: ` do` is appended inside the call's group, as the formatter
   * does (`create table(:posts, ...) do`, `schema "posts" do`). Only the head line is laid out.
   */
  doBlock?: boolean;
  width?: number;
}

/**
 * Lay out `node` as `mix format` would, for an expression starting at column `indent` on its
 * own line (a statement in a block, or a pipeline step when `prefix` is `"|> "`).
 * Returns the text without the leading indentation of the first line and without a
 * trailing newline; continuation lines carry their full indentation.
 */
export function formatExpr(node: Ex, opts: FormatOptions): string {
  const prefix = opts.prefix ?? '';
  const extra = opts.doBlock === true ? ' do' : '';
  // Most statements fit on their line. Every break of a document built here sits inside a
  // group, and no document forces a break, so when the one-line text fits, every group is laid
  // out flat and the result is that text: skip building and rendering the document (most of
  // the allocation of a generation otherwise). test/render/layout.test.ts checks both paths agree.
  const flat = prefix + flatText(node, true) + extra;
  if (opts.indent + textWidth(flat) <= (opts.width ?? LINE_LENGTH)) return flat;
  return layoutExpr(node, opts);
}

/** {@link formatExpr} always through the algebra document (no one-line shortcut). */
export function layoutExpr(node: Ex, opts: FormatOptions): string {
  const extra = opts.doBlock === true ? ' do' : '';
  const doc = concat(str(opts.prefix ?? ''), exprToDoc(node, true, extra));
  return render(doc, opts.width ?? LINE_LENGTH, {
    column: opts.indent,
    indent: opts.indent,
    mode: 'break',
    strictNextBreakFits: currentElixirFormatter().strictNextBreakFits,
  });
}

/** `formatExpr` with the first line indented too (a complete block of lines). */
export function formatLines(node: Ex, opts: FormatOptions): string {
  return ' '.repeat(opts.indent) + formatExpr(node, opts);
}

// ---------------------------------------------------------------------------------------------
// String-level conveniences

const CALL_HEAD = /^(\|> )?(?:([a-z_][A-Za-z0-9_]*[?!]?) )?([A-Za-z_][A-Za-z0-9_.]*[?!]?)\((.*)$/s;

/**
 * Walks `s` outside double-quoted strings, calling `visit(char, index, depth)` with the bracket
 * depth after an opening and before a closing bracket is counted; `visit` returning false stops.
 * Returns the final depth.
 */
function walkBrackets(
  s: string,
  visit: (c: string, i: number, depth: number) => boolean | void,
): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (visit(c, i, depth) === false) return NaN;
  }
  return depth;
}

/** Split `a, b(c, d), [e]` at top-level commas (brackets and double-quoted strings aware). */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkBrackets(s, (c, i, depth) => {
    if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  });
  const last = s.slice(start).trim();
  if (last !== '') parts.push(last);
  return parts;
}

/**
 * `head[items]tail` laid out like `mix format`, e.g.
 * `formatCallWithTrailingList(4, '|> cast(attrs, ', [':title', ':body'])` gives
 * `    |> cast(attrs, [:title, :body])` or the broken form. `head` is
 * `[|> ][outer ]name(arg, ..., ` where `outer` is an optional no-parens wrapper call such as
 * `create`; the earlier arguments and the items are atomic rendered literals. `tail` is `)`
 * (the default). Returns the full lines (first line indented), no trailing newline.
 */
export function formatCallWithTrailingList(
  indent: number,
  head: string,
  items: readonly string[],
  tail = ')',
): string {
  const m = CALL_HEAD.exec(head);
  if (m === null || tail !== ')') {
    throw new Error(
      `formatCallWithTrailingList: expected head "[|> ][outer ]name(args, " and tail ")", got ${JSON.stringify(head)} / ${JSON.stringify(tail)}`,
    );
  }
  const pipe = m[1];
  const outer = m[2];
  const name = m[3] as string;
  const argText = m[4] as string;
  const trimmed = argText.trim();
  if (trimmed !== '' && !argText.trimEnd().endsWith(',')) {
    throw new Error(
      `formatCallWithTrailingList: head must end with "(" or ", ": ${JSON.stringify(head)}`,
    );
  }
  const args = splitTopLevel(trimmed.replace(/,$/, ''));
  let node: Ex = ex.call(name, [...args, ex.list(items)]);
  if (outer !== undefined) node = ex.callNoParens(outer, [node]);
  return formatLines(node, { indent, prefix: pipe ?? '' });
}

/**
 * A no-parens statement call with a trailing keyword list, laid out like `mix format`:
 * `formatKeywordCall(4, 'field', [':status', 'Ecto.Enum'], [['values:', [':a', ':b']]])`.
 * Keyword values are a rendered literal or a list of rendered items.
 */
export function formatKeywordCall(
  indent: number,
  name: string,
  positional: readonly string[],
  keywords: ReadonlyArray<readonly [key: string, value: string | readonly string[]]>,
): string {
  const node = ex.callNoParens(
    name,
    positional,
    keywords.map(([k, v]) => ex.kw(k, typeof v === 'string' ? v : ex.list(v))),
  );
  return formatLines(node, { indent });
}

/**
 * The expression on a single line (the unformatted source `mix format` starts from), through the
 * algebra document: the reference the tests hold {@link flatText} to (the generators use that).
 */
export function exToString(node: Ex): string {
  return render(exprToDoc(node, true), Number.POSITIVE_INFINITY, { mode: 'flat' });
}

/**
 * {@link exToString} without building a document: the text every group of `exprToDoc` gives
 * when laid out flat (breaks as their space, `[b: 1]` as a last argument without brackets).
 */
export function flatText(node: Ex, top = true): string {
  switch (node.kind) {
    case 'raw':
      return node.text;
    case 'list':
      return `[${joinFlat(node.items)}]`;
    case 'tuple':
      return `{${joinFlat(node.items)}}`;
    case 'map':
      return `%${node.struct ?? ''}{${joinFlat(node.entries)}}`;
    case 'kw':
      return `${node.key} ${flatText(node.value, false)}`;
    case 'arrow':
      return `${flatText(node.key, false)} => ${flatText(node.value, false)}`;
    case 'call': {
      if (!node.parens && !top) throw nestedNoParens(node.name);
      const call = lastListToKeywords(node);
      const args = call.keywords.length > 0 ? [...call.args, ...call.keywords] : call.args;
      if (args.length === 0) return call.parens ? `${call.name}()` : call.name;
      return call.parens ? `${call.name}(${joinFlat(args)})` : `${call.name} ${joinFlat(args)}`;
    }
  }
}

function joinFlat(nodes: readonly Ex[]): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) out += (i === 0 ? '' : ', ') + flatText(nodes[i]!, false);
  return out;
}

/**
 * A rendered literal as a layout tree: a list literal (`["a", "b"]`, also nested) becomes an
 * `ex.list` of its elements, so it breaks one element per line like `mix format`; anything
 * else stays atomic.
 */
export function literalEx(text: string): Ex {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']') || !outerBracketsMatch(t)) return ex.raw(text);
  return ex.list(splitTopLevel(t.slice(1, -1)).map(literalEx));
}

/** Whether the `[` at the start of `t` is closed by its last character. */
function outerBracketsMatch(t: string): boolean {
  const closes = (c: string) => c === ')' || c === ']' || c === '}';
  return walkBrackets(t, (c, i, depth) => !(closes(c) && depth === 0 && i < t.length - 1)) === 0;
}
