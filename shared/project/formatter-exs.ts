/** Reads a project's `.formatter.exs` (its literal keyword list, parsed with tree-sitter). */
import { atomValue, keywordGet, termOf, withElixirTree, type Term } from '../elixir/terms.js';

/** The keyword list a `.formatter.exs` evaluates to (its last expression), or null. */
export async function formatterConfig(source: string): Promise<Term | null> {
  return withElixirTree(source, (root) => {
    const exprs = root.namedChildren.filter((n) => n !== null && n.type !== 'comment');
    const last = exprs[exprs.length - 1];
    return last === undefined || last === null ? null : termOf(last);
  });
}

/** Whether `import_deps` lists `:ecto` (so mix format knows Ecto's macros without parens). */
export async function formatterImportsEcto(source: string): Promise<boolean> {
  const deps = keywordGet(await formatterConfig(source), 'import_deps');
  return deps?.kind === 'list' && deps.items.some((t) => atomValue(t) === 'ecto');
}
