/**
 * Literal helpers over tree-sitter-elixir nodes, shared by the readers of schema modules
 * (./schemas.ts) and migrations (./migrations.ts). They read only what is written literally:
 * anything dynamic gives null, never a guess.
 */
import type { Node } from './parser.js';

/**
 * Named children without comments. Crossing into the WASM tree is what reading costs, so the
 * children of each node are kept for the tree being read (see {@link forgetChildren}), and each
 * kept child's `type` is fixed on it as a plain property: web-tree-sitter's getter asks the WASM
 * tree on every read, and a node's type never changes in a tree nobody edits (these trees are
 * read, never edited).
 */
let childrenOf = new Map<number, Node[]>();
let callNames = new Map<number, string | null>();
let childrenTree: unknown = null;

function sameTree(node: Node): void {
  if (node.tree !== childrenTree) {
    childrenOf = new Map();
    callNames = new Map();
    childrenTree = node.tree;
  }
}

export function named(node: Node): Node[] {
  sameTree(node);
  let kids = childrenOf.get(node.id);
  if (!kids) {
    kids = [];
    for (const n of node.namedChildren) {
      const type = n.type;
      if (type === 'comment') continue;
      Object.defineProperty(n, 'type', { value: type });
      kids.push(n);
    }
    childrenOf.set(node.id, kids);
  }
  return kids;
}

/** Drops the kept children (call before deleting a tree). */
export function forgetChildren(): void {
  childrenOf = new Map();
  callNames = new Map();
  childrenTree = null;
}

/** `name(...)` / `name ...` → "name"; null for anything else (remote calls included). */
export function callName(node: Node): string | null {
  if (node.type !== 'call') return null;
  sameTree(node);
  let name = callNames.get(node.id);
  if (name === undefined) {
    // The target is a call's first named child (its `target` field; a comment never comes first).
    const target = named(node)[0];
    name = target?.type === 'identifier' ? target.text : null;
    callNames.set(node.id, name);
  }
  return name;
}

export function callArgs(node: Node): Node[] {
  const args = named(node).find((n) => n.type === 'arguments');
  return args ? named(args) : [];
}

export function doBlock(node: Node): Node | null {
  return named(node).find((n) => n.type === 'do_block') ?? null;
}

/** 1-based line of a node. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** `@name value` → [name, value node | null]. */
export function moduleAttribute(node: Node): [string, Node | null] | null {
  if (node.type !== 'unary_operator' || !node.text.startsWith('@')) return null;
  const operand = named(node)[0]; // the `operand` field
  if (!operand) return null;
  if (operand.type === 'identifier') return [operand.text, null];
  const name = callName(operand);
  if (name === null) return null;
  const args = callArgs(operand);
  return [name, args.length === 1 ? args[0]! : null];
}

export function atomName(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'atom') return node.text.slice(1);
  if (node.type === 'quoted_atom') {
    const parts = named(node);
    if (parts.length === 1 && parts[0]!.type === 'quoted_content') return parts[0]!.text;
    if (parts.length === 0) return '';
  }
  return null;
}

export function stringValue(node: Node | null | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  const parts = named(node);
  if (parts.length === 0) return '';
  if (parts.length === 1 && parts[0]!.type === 'quoted_content') return parts[0]!.text;
  return null; // interpolation or escapes: not a plain literal
}

/** An atom or a plain string: `:posts` or `"posts"` → "posts". */
export function nameValue(node: Node | null | undefined): string | null {
  return atomName(node) ?? stringValue(node);
}

export function isTrue(node: Node | null | undefined): boolean {
  return node?.type === 'boolean' && node.text === 'true';
}

export function isFalse(node: Node | null | undefined): boolean {
  return node?.type === 'boolean' && node.text === 'false';
}

export function isNil(node: Node | null | undefined): boolean {
  return node?.type === 'nil';
}

export function intValue(node: Node | null | undefined): number | null {
  if (node?.type !== 'integer') return null;
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

export function keywordKey(pair: Node): string | null {
  const key = named(pair)[0]; // a pair's `key` field, then its `value`
  if (!key) return null;
  if (key.type === 'keyword') return key.text.trim().replace(/:$/, '');
  if (key.type === 'quoted_keyword') {
    const parts = named(key);
    return parts.length === 1 ? parts[0]!.text : null;
  }
  return null;
}

/** The pairs of a keyword list node (`k: v, …` or `[k: v, …]`); null when it is not one. */
export function keywordPairs(node: Node | null | undefined): Map<string, Node> | null {
  let kw = node;
  if (kw?.type === 'list') {
    const inner = named(kw);
    if (inner.length === 0) return new Map();
    kw = inner.length === 1 && inner[0]!.type === 'keywords' ? inner[0] : undefined;
  }
  if (kw?.type !== 'keywords') return null;
  const out = new Map<string, Node>();
  for (const pair of named(kw)) {
    if (pair.type !== 'pair') continue;
    const key = keywordKey(pair);
    const value = named(pair)[1];
    if (key !== null && value) out.set(key, value);
  }
  return out;
}

/** The trailing keyword list of a call's arguments (`a, b, k: v` or `a, [k: v]`). */
export function keywordOpts(args: Node[]): Map<string, Node> {
  return keywordPairs(args[args.length - 1]) ?? new Map();
}

/** Positional arguments (without the trailing keyword list). */
export function positional(args: Node[]): Node[] {
  const last = args[args.length - 1];
  if (!last) return args;
  if (last.type === 'keywords') return args.slice(0, -1);
  if (last.type === 'list') {
    const inner = named(last);
    if (inner.length === 1 && inner[0]!.type === 'keywords') return args.slice(0, -1);
  }
  return args;
}

/** `[:a, :b]`, `[a: 1, b: 2]` (the keys) or `~w(a b)a` → names; null otherwise. */
export function atomList(node: Node | null | undefined): string[] | null {
  if (!node) return null;
  if (node.type === 'list') {
    const items = named(node);
    if (items.length === 1 && items[0]!.type === 'keywords') {
      const keys = named(items[0]!).map((p) => keywordKey(p));
      return keys.every((k): k is string => k !== null) ? keys : null;
    }
    const names = items.map((i) => atomName(i));
    return names.every((n): n is string => n !== null) ? names : null;
  }
  if (node.type === 'sigil') {
    const parts = named(node);
    const name = parts.find((p) => p.type === 'sigil_name')?.text;
    const mods = parts.find((p) => p.type === 'sigil_modifiers')?.text ?? '';
    const content = parts.filter((p) => p.type === 'quoted_content');
    if ((name === 'w' || name === 'W') && mods.includes('a') && content.length <= 1) {
      return (content[0]?.text ?? '').split(/\s+/).filter((s) => s !== '');
    }
  }
  return null;
}

/** The source text on one line (newlines and their indentation collapsed). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Line of the first syntax error, 1-based. */
export function firstErrorLine(root: Node): number {
  const stack: Node[] = [root];
  let steps = 0;
  while (stack.length > 0 && steps++ < 1_000_000) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return n.startPosition.row + 1;
    if (!n.hasError) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return root.startPosition.row + 1;
}
