/**
 * Static Elixir terms read from tree-sitter nodes: the literal data of `mix.exs`, `mix.lock`,
 * `config/*.exs` and `.formatter.exs` (atoms, strings, numbers, lists, keyword lists, tuples,
 * maps, aliases). Nothing is evaluated: a value that is not a literal (a function call, an
 * interpolated string, a module attribute) becomes `{ kind: 'other' }` with its source text,
 * and callers treat it as unknown rather than guess.
 */
import { parseElixir, type Node } from './parser.js';

export type Term =
  | { readonly kind: 'atom'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'alias'; readonly value: string }
  /** A list; keyword entries (`a: 1`) are 2-tuples `{:a, 1}`, as in Elixir. */
  | { readonly kind: 'list'; readonly items: readonly Term[] }
  | { readonly kind: 'tuple'; readonly items: readonly Term[] }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<readonly [Term, Term]> }
  | { readonly kind: 'other'; readonly text: string };

const MAX_DEPTH = 64;

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

/** `key: ` / `"quoted key": ` → the atom's name. */
function keywordName(node: Node): string {
  const t = node.text.trim().replace(/:$/, '');
  return t.startsWith('"') ? t.slice(1, -1) : t;
}

function atomText(node: Node): string {
  const t = node.text.slice(1);
  return t.startsWith('"') ? t.slice(1, -1) : t;
}

/** A string literal's content, or null when it interpolates or escapes (kept as unknown). */
function stringValue(node: Node): string | null {
  let out = '';
  for (const c of named(node)) {
    if (c.type !== 'quoted_content') return null;
    out += c.text;
  }
  return out;
}

function pairs(node: Node, depth: number): Term[] {
  return named(node).map((p) => {
    const key = p.childForFieldName('key');
    const value = p.childForFieldName('value');
    return {
      kind: 'tuple' as const,
      items: [
        { kind: 'atom' as const, value: key === null ? '' : keywordName(key) },
        value === null ? other(p) : termOf(value, depth + 1),
      ],
    };
  });
}

function other(node: Node): Term {
  return { kind: 'other', text: node.text };
}

/** The term a literal node denotes. */
export function termOf(node: Node, depth = 0): Term {
  if (depth > MAX_DEPTH) return other(node);
  switch (node.type) {
    case 'atom':
    case 'quoted_atom':
      return { kind: 'atom', value: atomText(node) };
    case 'boolean':
      return { kind: 'boolean', value: node.text === 'true' };
    case 'nil':
      return { kind: 'nil' };
    case 'integer': {
      const n = Number(node.text.replace(/_/g, ''));
      return Number.isSafeInteger(n) ? { kind: 'integer', value: n } : other(node);
    }
    case 'string': {
      const s = stringValue(node);
      return s === null ? other(node) : { kind: 'string', value: s };
    }
    case 'alias':
      return { kind: 'alias', value: node.text.replace(/\s+/g, '') };
    case 'list':
    case 'tuple': {
      const items: Term[] = [];
      for (const c of named(node)) {
        if (c.type === 'keywords') items.push(...pairs(c, depth));
        else items.push(termOf(c, depth + 1));
      }
      return { kind: node.type, items };
    }
    case 'map': {
      const content = named(node).find((c) => c.type === 'map_content');
      if (named(node).some((c) => c.type === 'struct')) return other(node);
      const entries: [Term, Term][] = [];
      for (const c of content === undefined ? [] : named(content)) {
        if (c.type === 'keywords') {
          for (const t of pairs(c, depth)) {
            if (t.kind === 'tuple') entries.push([t.items[0]!, t.items[1]!]);
          }
        } else if (c.type === 'binary_operator' && c.childForFieldName('operator')?.text === '=>') {
          const l = c.childForFieldName('left');
          const r = c.childForFieldName('right');
          if (l !== null && r !== null) entries.push([termOf(l, depth + 1), termOf(r, depth + 1)]);
        } else {
          return other(node);
        }
      }
      return { kind: 'map', entries };
    }
    case 'block': {
      const inner = named(node);
      return inner.length === 1 ? termOf(inner[0]!, depth + 1) : other(node);
    }
    default:
      return other(node);
  }
}

/** A keyword list (every item a `{:atom, value}` tuple) as ordered entries, else null. */
export function keywordEntries(term: Term | null | undefined): Array<[string, Term]> | null {
  if (!term || term.kind !== 'list') return null;
  const out: Array<[string, Term]> = [];
  for (const item of term.items) {
    if (item.kind !== 'tuple' || item.items.length !== 2 || item.items[0]!.kind !== 'atom') {
      return null;
    }
    out.push([item.items[0].value, item.items[1]!]);
  }
  return out;
}

/** `Keyword.get/2`: the first value under `key` of a keyword list term. */
export function keywordGet(term: Term | null | undefined, key: string): Term | undefined {
  return keywordEntries(term)?.find(([k]) => k === key)?.[1];
}

export function atomValue(term: Term | undefined): string | undefined {
  return term?.kind === 'atom' ? term.value : undefined;
}

export function stringTerm(term: Term | undefined): string | undefined {
  return term?.kind === 'string' ? term.value : undefined;
}

/** `Foo.Bar` or `:"Elixir.Foo.Bar"`-free module name of an alias term. */
export function aliasValue(term: Term | undefined): string | undefined {
  return term?.kind === 'alias' ? term.value : undefined;
}

export function booleanValue(term: Term | undefined): boolean | undefined {
  return term?.kind === 'boolean' ? term.value : undefined;
}

/** The identifier a call node calls (`config`, `def`), or null for remote/other calls. */
export function callName(node: Node): string | null {
  if (node.type !== 'call') return null;
  const target = node.childForFieldName('target');
  return target?.type === 'identifier' ? target.text : null;
}

/** The argument nodes of a call (a trailing `keywords` node is one argument). */
export function callArgs(node: Node): Node[] {
  const args = named(node).find((n) => n.type === 'arguments');
  return args === undefined ? [] : named(args);
}

/** The argument terms of a call; trailing keywords become one keyword-list term. */
export function callArgTerms(node: Node): Term[] {
  return callArgs(node).map((a) =>
    a.type === 'keywords' ? { kind: 'list', items: pairs(a, 0) } : termOf(a),
  );
}

/** Every call node in the tree, depth first (bounded: files of a project are small). */
export function allCalls(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'call') out.push(n);
    const kids = named(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * The literal a zero-arity `def`/`defp NAME` returns: `def project do [...] end` or
 * `def project, do: [...]` (the last expression of the body). Null when absent or not literal.
 */
export function definitionValue(root: Node, name: string): Term | null {
  for (const call of allCalls(root)) {
    const kind = callName(call);
    if (kind !== 'def' && kind !== 'defp') continue;
    const [head, kw] = callArgs(call);
    if (head === undefined) continue;
    const headName = head.type === 'identifier' ? head.text : callName(head);
    if (headName !== name || (head.type === 'call' && callArgs(head).length > 0)) continue;
    const block = named(call).find((n) => n.type === 'do_block');
    if (block !== undefined) {
      const body = named(block);
      const last = body[body.length - 1];
      if (last !== undefined) return termOf(last);
    } else if (kw?.type === 'keywords') {
      const body = keywordGet({ kind: 'list', items: pairs(kw, 0) }, 'do');
      if (body !== undefined) return body;
    }
  }
  return null;
}

/** Parses `source` and hands its root to `read`, freeing the tree after. */
export async function withElixirTree<T>(source: string, read: (root: Node) => T): Promise<T> {
  const tree = await parseElixir(source);
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}
