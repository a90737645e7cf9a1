/**
 * mix-format-exact layout of the statements the context generator writes (definition heads,
 * one-line definitions, assertions, pipelines, `assert_raise`, blocks of statements). Calls,
 * maps and lists go through the shared formatter port (shared/render/layout.ts); the few
 * shapes it does not cover (binary operators after `assert`, anonymous functions as the last
 * argument, blank lines around multi-line statements) follow `Code.Formatter` as observed with
 * Elixir 1.14 and are pinned by the golden and long-name tests.
 */
import { textWidth } from '../../render/algebra.js';
import { LINE_LENGTH, ex, flatText, formatExpr, type Ex } from '../../render/index.js';

const sp = (n: number) => ' '.repeat(n);

/** Whether `text` (one line) fits when it starts at column `indent`. */
export function fits(indent: number, text: string): boolean {
  return !text.includes('\n') && indent + textWidth(text) <= LINE_LENGTH;
}

/** An expression statement at `indent` (first line indented). */
export function stmt(indent: number, node: Ex | string, prefix = ''): string {
  const n = typeof node === 'string' ? ex.raw(node) : node;
  return sp(indent) + formatExpr(n, { indent, prefix });
}

/** `name = expr` for an atomic or call `expr`; the right side moves down when too long. */
export function assign(indent: number, name: string, value: Ex | string): string {
  const v = typeof value === 'string' ? ex.raw(value) : value;
  const line = `${name} = ${flatText(v)}`;
  if (fits(indent, line)) return sp(indent) + line;
  return `${sp(indent)}${name} =\n${stmt(indent + 2, v)}`;
}

/** `def name(params) do` (or `def name do`), broken like the formatter when too long. */
export function defHead(indent: number, kind: string, name: string, params: string[]): string {
  if (params.length === 0) return `${sp(indent)}${kind} ${name} do`;
  const head =
    sp(indent) +
    formatExpr(ex.callNoParens(kind, [ex.call(name, params)]), { indent, doBlock: true });
  // A `%Struct{} = var` parameter that still does not fit breaks after `=` (Code.Formatter).
  return head
    .split('\n')
    .map((line) => {
      const m = /^( +)(%\S+\{\} =) (\S+,?)$/.exec(line);
      return m && !fits(0, line) ? `${m[1]}${m[2]}\n${m[1]}  ${m[3]}` : line;
    })
    .join('\n');
}

/** A definition with a do/end body (`body` lines are already indented by indent + 2). */
export function defBlock(
  indent: number,
  kind: string,
  name: string,
  params: string[],
  body: string,
): string {
  return `${defHead(indent, kind, name, params)}\n${body}\n${sp(indent)}end`;
}

/** `def name(params), do: expr` when it fits on one line, else the do/end form. */
export function defShort(
  indent: number,
  kind: string,
  name: string,
  params: string[],
  body: Ex,
): string {
  const head = params.length === 0 ? name : `${name}(${params.join(', ')})`;
  const flat = flatText(body);
  const line = `${kind} ${head}, do: ${flat}`;
  if (fits(indent, line)) return sp(indent) + line;
  return defBlock(indent, kind, name, params, stmt(indent + 2, body));
}

/**
 * `assert lhs op rhs`: one line when it fits; else the right side moves to the next line
 * (aligned two past the argument of `assert`), or, for a list, the list opens on the first line
 * and its elements go one per line. A left side that does not fit with the operator breaks its
 * own arguments first (aligned with the argument of `assert`).
 */
export function assertion(
  indent: number,
  lhs: Ex | string,
  op: '==' | '=',
  rhs: Ex | string,
): string {
  const l = typeof lhs === 'string' ? ex.raw(lhs) : lhs;
  const r = typeof rhs === 'string' ? ex.raw(rhs) : rhs;
  const flatLhs = flatText(l);
  const line = `assert ${flatLhs} ${op} ${flatText(r)}`;
  if (fits(indent, line)) return sp(indent) + line;
  const inner = indent + 9;
  const head = fits(indent, `assert ${flatLhs} ${op}`)
    ? `${sp(indent)}assert ${flatLhs} ${op}`
    : `${sp(indent)}assert ${formatExpr(l, { indent: indent + 7 })} ${op}`;
  if (r.kind === 'list' && r.items.length > 0 && !head.includes('\n') && fits(0, `${head} [`)) {
    const items = r.items.map((item, i) => {
      const text = stmt(inner, item);
      return i < r.items.length - 1 ? `${text},` : text;
    });
    return `${head} [\n${items.join('\n')}\n${sp(indent + 7)}]`;
  }
  return `${head}\n${stmt(inner, r)}`;
}

/** `assert_raise Exception, fn -> body end`, or its three-line form. */
export function assertRaise(indent: number, exception: string, body: Ex): string {
  const flat = flatText(body);
  const line = `assert_raise ${exception}, fn -> ${flat} end`;
  if (fits(indent, line)) return sp(indent) + line;
  return `${sp(indent)}assert_raise ${exception}, fn ->\n${stmt(indent + 2, body)}\n${sp(indent)}end`;
}

/** `head` then `|> step` lines, all at `indent`. */
export function pipeline(indent: number, head: string, steps: (Ex | string)[]): string {
  return [sp(indent) + head, ...steps.map((s) => stmt(indent, s, '|> '))].join('\n');
}

/** A pipeline step `|> name(args..., fn -> body end)`, broken after `fn ->` when too long. */
export function pipeWithFn(indent: number, name: string, args: string[], body: Ex): string {
  const flat = flatText(body);
  const open = `|> ${name}(${[...args, 'fn ->'].join(', ')}`;
  const line = `${open} ${flat} end)`;
  if (fits(indent, line)) return sp(indent) + line;
  return `${sp(indent)}${open}\n${stmt(indent + 2, body)}\n${sp(indent)}end)`;
}

/**
 * Whether the formatter treats a statement as multi-line: it spans lines, or a line of it is
 * too long to fit (even when nothing can be broken, e.g. a long alias).
 */
export function multiline(text: string): boolean {
  return text.includes('\n') || !fits(0, text);
}

export interface Statement {
  text: string;
  /** A blank line before it, by choice (the formatter keeps one). */
  blankBefore?: boolean;
  /** A module attribute (`@x …`): the formatter adds no blank line after it. */
  attribute?: boolean;
}

/**
 * Statements of one block joined as `mix format` leaves them: a blank line around every
 * statement that spans several lines (none after a module attribute), plus the chosen ones.
 */
export function block(statements: Statement[]): string {
  let out = '';
  statements.forEach((s, i) => {
    if (i > 0) {
      const prev = statements[i - 1]!;
      const blank =
        s.blankBefore === true ||
        multiline(s.text) ||
        (multiline(prev.text) && prev.attribute !== true);
      out += blank ? '\n\n' : '\n';
    }
    out += s.text;
  });
  return out;
}
