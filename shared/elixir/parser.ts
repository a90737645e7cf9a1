/**
 * A real Elixir parser: tree-sitter-elixir (its published WASM build) through web-tree-sitter.
 * Loaded lazily, once per process, so servers that never read Elixir pay nothing at start-up.
 * Used to read existing projects (list_ecto_schemas) and to patch context files safely.
 */
import { createRequire } from 'node:module';
import type { Node, Parser, Tree } from 'web-tree-sitter';

export type { Node, Tree };

let loading: Promise<Parser> | undefined;

function wasmPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('tree-sitter-elixir/tree-sitter-elixir.wasm');
}

/** The shared parser (created on first use). */
export function elixirParser(): Promise<Parser> {
  loading ??= (async () => {
    // The module itself is imported here too, not at the top: even its JS costs start-up time.
    const { Language, Parser } = await import('web-tree-sitter');
    await Parser.init();
    const language = await Language.load(wasmPath());
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/** Parses Elixir source. The caller must `tree.delete()` when done with a large tree. */
export async function parseElixir(source: string): Promise<Tree> {
  const parser = await elixirParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** True when the tree has a syntax error anywhere. */
export function hasSyntaxError(tree: Tree): boolean {
  return tree.rootNode.hasError;
}
