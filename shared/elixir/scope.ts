/** Module names as a schema module writes them: aliases, `__MODULE__`, `:"Elixir.X"`. */
import { atomName, callArgs, keywordOpts, named, oneLine, positional } from './ast.js';
import type { Node } from './parser.js';
import type { Scope } from './schema-types.js';

function resolveAlias(text: string, scope: Scope): string {
  const [head, ...rest] = text.split('.');
  const full = head === undefined ? undefined : scope.aliases.get(head);
  if (full === undefined) return text.replace(/^Elixir\./, '');
  return [full, ...rest].join('.');
}

/** A module reference: `Foo.Bar` (aliases expanded), `__MODULE__`, `__MODULE__.Foo`, `:"Elixir.Foo"`. */
export function moduleRef(node: Node | null | undefined, scope: Scope): string | null {
  if (!node) return null;
  if (node.type === 'alias') return resolveAlias(node.text, scope);
  if (node.type === 'identifier' && node.text === '__MODULE__') return scope.module;
  if (node.type === 'dot') {
    const [left, right] = named(node);
    const base = moduleRef(left, scope);
    if (base !== null && right?.type === 'alias') return `${base}.${right.text}`;
    return null;
  }
  const atom = atomName(node);
  if (atom !== null && /^Elixir\.[A-Z]/.test(atom)) return atom.slice('Elixir.'.length);
  return null;
}

/** `alias A.B`, `alias A.B, as: C`, `alias A.{B, C}`, `alias __MODULE__.B`. */
export function addAlias(call: Node, scope: Scope): void {
  const args = callArgs(call);
  const [first] = positional(args);
  if (!first) return;
  const as = keywordOpts(args).get('as');
  if (first.type === 'dot') {
    const [left, right] = named(first);
    if (right?.type === 'tuple') {
      const base = moduleRef(left, scope);
      if (base === null) return;
      for (const item of named(right)) {
        if (item.type !== 'alias') continue;
        scope.aliases.set(item.text.split('.').pop()!, `${base}.${item.text}`);
      }
      return;
    }
  }
  const full = moduleRef(first, scope);
  if (full === null) return;
  const short = as?.type === 'alias' ? as.text : full.split('.').pop()!;
  scope.aliases.set(short, full);
}

/** A type or value as one-line text, with module aliases expanded (`{:array, Ecto.Enum}`). */
export function typeText(node: Node, scope: Scope): string {
  const mod = moduleRef(node, scope);
  if (mod !== null && node.type !== 'atom' && node.type !== 'quoted_atom') return mod;
  if (node.type === 'tuple') {
    return `{${named(node)
      .map((n) => typeText(n, scope))
      .join(', ')}}`;
  }
  return oneLine(node.text);
}
