/**
 * Reading back what a generated fixture function or `describe` block says, with tree-sitter:
 * the attrs maps, the parents a fixture creates, the assertions and imports of the tests. The
 * phoenix-context generator rebuilds the piece from these facts and compares: a piece that comes
 * out the same is one it wrote (for the model the project had then), anything else was edited.
 * Only the literal shapes the generator prints are read; the values stay source text.
 */
import { parseElixir, type Node } from './parser.js';

/** `key: value` of a keyword map, the value as written. */
export interface KeyValue {
  key: string;
  value: string;
}

export interface FixtureFacts {
  /** The defaults map of `Enum.into(%{…})`. */
  attrs: KeyValue[];
  /**
   * `Map.put_new_lazy(:key, fn -> [Module.]fixture(scope_arg).pk end)`, in order; `scopeArg` is
   * the fixture's argument as written (`scope`, `user_scope_fixture()`), null when it has none.
   */
  parents: {
    key: string;
    module: string | null;
    fixture: string;
    pk: string;
    scopeArg: string | null;
  }[];
}

export interface TestFacts {
  name: string;
  /** `var = expression` statements, in order (maps included, as text). */
  assigns: { name: string; value: string }[];
  /** `var = %{…}` statements, read as keyword pairs. */
  maps: Map<string, KeyValue[]>;
  /** `assert left == right`. */
  equals: { left: string; right: string }[];
}

export interface DescribeFacts {
  /** `@invalid_attrs %{…}`, null when the block has none. */
  invalid: KeyValue[] | null;
  /** `import Module, only: [f: 0, …]`: fixture name → module. */
  importedFrom: Map<string, string>;
  tests: TestFacts[];
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function callArgs(node: Node): Node[] {
  const args = named(node).find((c) => c.type === 'arguments');
  return args ? named(args) : [];
}

/** The called name: `f` for `f(…)`, `Map.put_new_lazy` for a remote call; null otherwise. */
function callee(node: Node): string | null {
  if (node.type !== 'call') return null;
  const target = node.childForFieldName('target') ?? named(node)[0];
  if (!target) return null;
  if (target.type === 'identifier') return target.text;
  if (target.type === 'dot') return target.text.replace(/\s+/g, '');
  return null;
}

/** A keyword key's name (`title: ` → title, `"a b": ` → a b), or null. */
function keyName(keyword: Node): string | null {
  const m = /^(?:([A-Za-z_][\w]*[?!]?)|"([^"\\#]*)"):\s*$/.exec(keyword.text);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The pairs of `%{k: v, …}` (or null when it is not such a map). */
function mapPairs(node: Node | undefined): KeyValue[] | null {
  if (!node || node.type !== 'map') return null;
  if (named(node).some((c) => c.type === 'struct')) return null;
  const content = named(node).find((c) => c.type === 'map_content');
  if (!content) return [];
  const parts = named(content);
  if (parts.length !== 1 || parts[0]!.type !== 'keywords') return null;
  const out: KeyValue[] = [];
  for (const pair of named(parts[0]!)) {
    const [k, v] = named(pair);
    const key = k ? keyName(k) : null;
    if (key === null || !v) return null;
    out.push({ key, value: v.text });
  }
  return out;
}

function plainString(node: Node | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  const parts = named(node);
  if (parts.some((p) => p.type !== 'quoted_content')) return null;
  return parts.map((p) => p.text).join('');
}

function doBody(node: Node): Node[] {
  const block = named(node).find((c) => c.type === 'do_block');
  return block ? named(block).filter((c) => c.type !== 'comment') : [];
}

function isOperator(node: Node, op: string): boolean {
  return node.type === 'binary_operator' && node.childForFieldName('operator')?.text === op;
}

/** The facts of one `def <singular>_fixture(attrs \\ %{}) do … end`, or null (not parsable). */
export async function readFixture(defText: string): Promise<FixtureFacts | null> {
  const tree = await parseElixir(defText);
  try {
    if (tree.rootNode.hasError) return null;
    let attrs: KeyValue[] | null = null;
    const parents: FixtureFacts['parents'] = [];
    for (const call of tree.rootNode.descendantsOfType('call')) {
      if (!call) continue;
      const name = callee(call);
      if (name === 'Enum.into') {
        // Piped (`attrs |> Enum.into(%{…})`) or not (`Enum.into(attrs, %{…})`): the map is last.
        const args = callArgs(call);
        attrs = mapPairs(args[args.length - 1]);
        if (attrs === null) return null;
      } else if (name === 'Map.put_new_lazy') {
        const [key, fn] = callArgs(call);
        const body = fn?.type === 'anonymous_function' ? fn.text.replace(/\s+/g, ' ') : '';
        const m = /^fn -> (?:([A-Z][\w.]*)\.)?([a-z_]\w*)\((.*)\)\.([a-z_]\w*) end$/.exec(body);
        if (key?.type !== 'atom' || !m) return null;
        parents.push({
          key: key.text.slice(1),
          module: m[1] ?? null,
          fixture: m[2]!,
          pk: m[4]!,
          scopeArg: m[3] === '' ? null : m[3]!,
        });
      }
    }
    return attrs === null ? null : { attrs, parents };
  } finally {
    tree.delete();
  }
}

function readTest(node: Node): TestFacts | null {
  const name = plainString(callArgs(node)[0]);
  if (name === null) return null;
  const facts: TestFacts = { name, assigns: [], maps: new Map(), equals: [] };
  for (const st of doBody(node)) {
    if (isOperator(st, '=')) {
      const left = st.childForFieldName('left');
      const right = st.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        facts.assigns.push({ name: left.text, value: right.text });
        const pairs = mapPairs(right);
        if (pairs) facts.maps.set(left.text, pairs);
      }
    } else if (callee(st) === 'assert') {
      const [cond] = callArgs(st);
      if (cond && isOperator(cond, '==')) {
        const left = cond.childForFieldName('left');
        const right = cond.childForFieldName('right');
        if (left && right) facts.equals.push({ left: left.text, right: right.text });
      }
    }
  }
  return facts;
}

/** The facts of one `describe "…" do … end` block, or null (not parsable). */
export async function readDescribe(describeText: string): Promise<DescribeFacts | null> {
  const tree = await parseElixir(describeText);
  try {
    if (tree.rootNode.hasError) return null;
    const [describe] = named(tree.rootNode);
    if (!describe || callee(describe) !== 'describe') return null;
    const facts: DescribeFacts = { invalid: null, importedFrom: new Map(), tests: [] };
    for (const st of doBody(describe)) {
      const name = callee(st);
      if (name === 'test') {
        const t = readTest(st);
        if (t) facts.tests.push(t);
      } else if (name === 'import') {
        const [mod, opts] = callArgs(st);
        const only = opts ? named(opts).find((p) => /^only:/.test(p.text)) : undefined;
        const list = only ? named(only)[1] : undefined;
        const kws = list?.type === 'list' ? named(list).find((c) => c.type === 'keywords') : null;
        for (const pair of kws ? named(kws) : []) {
          const k = named(pair)[0];
          const fn = k ? keyName(k) : null;
          if (fn && mod) facts.importedFrom.set(fn, mod.text);
        }
      } else if (st.type === 'unary_operator' && /^@invalid_attrs\b/.test(st.text)) {
        const [attr] = named(st);
        facts.invalid = attr ? mapPairs(callArgs(attr)[0]) : null;
      }
    }
    return facts;
  } finally {
    tree.delete();
  }
}
