/**
 * Reads the repo settings of a Mix config file (`config/dev.exs`): each top-level
 * `config :app, Some.Repo, key: value, …` with its literal values. Only literals are read (strings
 * without interpolation, integers, atoms); anything computed (`System.get_env("…")`) is reported
 * as not literal, never evaluated. Parsed with tree-sitter-elixir.
 */
import { parseElixir, type Node } from './parser.js';

/** A literal value, or null for an expression that is not one. */
export type ConfigValue = string | number | boolean | null;

export interface RepoConfig {
  otp_app: string;
  /** The repo module as written, e.g. "MyApp.Repo". */
  repo: string;
  /** 1-based line of the `config` call. */
  line: number;
  values: Record<string, ConfigValue>;
}

const named = (n: Node): Node[] => n.namedChildren.filter((c) => c.type !== 'comment');

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  s: ' ',
  e: '\x1b',
  '0': '\0',
};

function literal(node: Node): ConfigValue {
  switch (node.type) {
    case 'string': {
      let out = '';
      for (const part of named(node)) {
        if (part.type === 'quoted_content') out += part.text;
        else if (part.type === 'escape_sequence' && part.text.length === 2) {
          const ch = part.text[1]!;
          out += ESCAPES[ch] ?? ch;
        } else return null; // interpolation or a long escape: not read
      }
      return out;
    }
    case 'integer':
      return /^\d[\d_]*$/.test(node.text) ? Number(node.text.replace(/_/g, '')) : null;
    case 'boolean':
      return node.text === 'true';
    case 'atom':
      return node.text.slice(1);
    default:
      return null;
  }
}

/** Every `config :app, Module, keyword…` of `source` whose module ends in "Repo" (or is `repo`). */
export async function readRepoConfigs(source: string, repo?: string): Promise<RepoConfig[]> {
  const tree = await parseElixir(source);
  try {
    const out: RepoConfig[] = [];
    for (const call of named(tree.rootNode)) {
      if (call.type !== 'call' || call.childForFieldName('target')?.text !== 'config') continue;
      const args = named(call).find((n) => n.type === 'arguments');
      const [app, mod, kw] = args ? named(args) : [];
      if (app?.type !== 'atom' || mod?.type !== 'alias' || kw?.type !== 'keywords') continue;
      if (repo ? mod.text !== repo : !/Repo$/.test(mod.text)) continue;
      const values: Record<string, ConfigValue> = {};
      for (const pair of named(kw)) {
        const [k, v] = named(pair);
        if (pair.type !== 'pair' || k?.type !== 'keyword' || !v) continue;
        values[k.text.trim().replace(/:$/, '')] = literal(v);
      }
      out.push({
        otp_app: app.text.slice(1),
        repo: mod.text,
        line: call.startPosition.row + 1,
        values,
      });
    }
    return out;
  } finally {
    tree.delete();
  }
}
