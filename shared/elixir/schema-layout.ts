/**
 * Where things are in an existing schema module, for patching it (shared/generate/schema-update.ts):
 * the statements of the `schema`/`embedded_schema` block (fields, associations, timestamps, each
 * with the whole lines it occupies) and the steps of the `changeset/2` pipeline, or of a scoped
 * `changeset/3` (one per line run, with the field atoms they name). Located with tree-sitter;
 * offsets are JavaScript string indices (see ./module-patch.ts). Nothing here decides what to
 * change.
 */
import {
  atomList,
  atomName,
  callArgs,
  callName,
  doBlock,
  forgetChildren,
  keywordPairs,
  named,
  positional,
  stringValue,
} from './ast.js';
import { ModulePatchError, parseOrThrow } from './module-patch.js';
import type { Node } from './parser.js';

/** A run of whole lines: `start` is a line start, `end` the start of the line after. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface BlockItem extends LineSpan {
  kind: 'field' | 'association' | 'timestamps' | 'other';
  /** The call (`field`, `belongs_to`, …). */
  call: string | null;
  /** The field or association name (null for timestamps and others). */
  name: string | null;
  /** The association's target as written (`MyApp.Blog.Post`), else null. */
  target: string | null;
  /** The foreign_key: option, when literal. */
  foreignKey: string | null;
  /** The statement's own text. */
  text: string;
  /** Whether the statement alone fills its lines (nothing else before or after it). */
  ownLines: boolean;
}

export interface PipelineStep extends LineSpan {
  name: string;
  /** The atom or atom list the step is about (cast: its permitted list); null when not literal. */
  fields: string[] | null;
  /** The call's text (`cast(attrs, [...])`). */
  text: string;
  /** The text of the arguments, in order (the piped changeset not included). */
  args: string[];
  /** Whether the step's lines hold `|> call` and nothing else. */
  ownLines: boolean;
}

export interface SchemaLayout {
  source: string;
  eol: '\n' | '\r\n';
  /** The `"posts"` of `schema "posts" do` (the string literal's span and value), when literal. */
  table: { start: number; end: number; value: string } | null;
  embedded: boolean;
  /** The line after `schema … do`, and the start of the line holding its `end`. */
  bodyStart: number;
  bodyEnd: number;
  items: BlockItem[];
  /** changeset/2 (or a scoped changeset/3); null when the module has neither. */
  changeset: ChangesetLayout | null;
}

export interface ChangesetLayout {
  /** The `def changeset(...)` line number (1-based). */
  line: number;
  /** 2, or 3 for a scoped `changeset(record, attrs, scope)`. */
  arity: 2 | 3;
  /** The pipeline's first line (the struct), when changeset/2 is one `x |> a |> b` pipeline. */
  head: LineSpan | null;
  steps: PipelineStep[];
  /** Why the steps cannot be patched line by line (null: they can). */
  problem: string | null;
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

function nextLineStart(source: string, index: number): number {
  const nl = source.indexOf('\n', index);
  return nl < 0 ? source.length : nl + 1;
}

/** The whole lines of [start, end) and whether nothing but blanks shares them. */
function spanOf(source: string, start: number, end: number): LineSpan & { ownLines: boolean } {
  const ls = lineStart(source, start);
  const le = nextLineStart(source, end);
  const before = source.slice(ls, start);
  const after = source.slice(end, le);
  return { start: ls, end: le, ownLines: before.trim() === '' && after.trim() === '' };
}

const ASSOCIATIONS = new Set([
  'belongs_to',
  'has_many',
  'has_one',
  'many_to_many',
  'embeds_one',
  'embeds_many',
]);

function blockItem(source: string, node: Node): BlockItem {
  const call = callName(node);
  const args = callArgs(node);
  const pos = positional(args);
  const opts = keywordPairs(args[args.length - 1]) ?? new Map<string, Node>();
  const kind =
    call === 'field'
      ? 'field'
      : call === 'timestamps'
        ? 'timestamps'
        : call !== null && ASSOCIATIONS.has(call)
          ? 'association'
          : 'other';
  return {
    kind,
    call,
    name: kind === 'field' || kind === 'association' ? atomName(pos[0]) : null,
    target: kind === 'association' && pos[1]?.type === 'alias' ? pos[1].text : null,
    foreignKey: atomName(opts.get('foreign_key')),
    text: source.slice(node.startIndex, node.endIndex),
    ...spanOf(source, node.startIndex, node.endIndex),
  };
}

/** `a |> b |> c` → [a, [op, b], [op, c]]. */
function pipeline(node: Node): { head: Node; steps: { op: Node; call: Node }[] } {
  const steps: { op: Node; call: Node }[] = [];
  let cur = node;
  while (cur.type === 'binary_operator' && cur.childForFieldName('operator')?.text === '|>') {
    const op = cur.childForFieldName('operator')!;
    const right = cur.childForFieldName('right');
    const left = cur.childForFieldName('left');
    if (!right || !left) break;
    steps.unshift({ op, call: right });
    cur = left;
  }
  return { head: cur, steps };
}

function stepFields(name: string, pos: Node[]): string[] | null {
  const about = name === 'cast' ? pos[1] : pos[0];
  if (!about) return null;
  const one = atomName(about);
  return one !== null ? [one] : atomList(about);
}

function changesetLayout(source: string, def: Node, arity: 2 | 3): ChangesetLayout {
  const line = def.startPosition.row + 1;
  const what = `changeset/${arity}`;
  const block = doBlock(def);
  const statements = block ? named(block) : [];
  const only = statements.length === 1 ? statements[0]! : null;
  if (!only) {
    return {
      line,
      arity,
      head: null,
      steps: [],
      problem: block
        ? `${what} is not one pipeline (x |> cast(...) |> ...)`
        : `${what} has no do block`,
    };
  }
  const { head, steps } = pipeline(only);
  if (steps.length === 0) {
    return { line, arity, head: null, steps: [], problem: `${what} is not a |> pipeline` };
  }
  const headSpan = spanOf(source, head.startIndex, head.endIndex);
  const out: PipelineStep[] = [];
  let problem: string | null = headSpan.ownLines
    ? null
    : 'the pipeline does not start on a line of its own';
  for (const { op, call } of steps) {
    const name = callName(call) ?? (call.type === 'call' ? call.text.split('(')[0]! : call.text);
    const args = call.type === 'call' ? callArgs(call) : [];
    const span = spanOf(source, op.startIndex, call.endIndex);
    if (!span.ownLines) problem ??= `the step ${name} shares its line with other code`;
    out.push({
      name,
      fields: call.type === 'call' ? stepFields(name, positional(args)) : null,
      text: source.slice(call.startIndex, call.endIndex),
      args: args.map((a) => source.slice(a.startIndex, a.endIndex)),
      ...span,
    });
  }
  return { line, arity, head: headSpan, steps: out, problem };
}

/** `def changeset(x, attrs)` → 2, `def changeset(x, attrs, scope)` → 3, anything else null. */
function changesetArity(node: Node): 2 | 3 | null {
  if (callName(node) !== 'def') return null;
  const head = callArgs(node)[0];
  const n = head !== undefined && callName(head) === 'changeset' ? callArgs(head).length : 0;
  return n === 2 || n === 3 ? n : null;
}

function findModule(root: Node, module: string): Node {
  const found = named(root).filter(
    (n) => callName(n) === 'defmodule' && callArgs(n)[0]?.text.replace(/\s+/g, '') === module,
  );
  if (found.length !== 1) {
    throw new ModulePatchError(
      found.length === 0 ? 'not_found' : 'ambiguous',
      found.length === 0
        ? `the file does not define ${module} at its top level`
        : `the file defines ${module} ${found.length} times`,
    );
  }
  return found[0]!;
}

/**
 * The layout of `module` in `source`; a {@link ModulePatchError} when the file does not parse,
 * does not define the module once at its top level, or has no literal schema block.
 */
export async function schemaLayout(
  source: string,
  module: string,
  what: string,
): Promise<SchemaLayout> {
  const tree = await parseOrThrow(source, what);
  try {
    const mod = findModule(tree.rootNode, module);
    const body = doBlock(mod) ? named(doBlock(mod)!) : [];
    const schemaCall = body.find((n) => {
      const c = callName(n);
      return (c === 'schema' || c === 'embedded_schema') && doBlock(n) !== null;
    });
    if (!schemaCall) {
      throw new ModulePatchError('layout', `${what} has no schema … do block in ${module}`);
    }
    const block = doBlock(schemaCall)!;
    const tokens = block.children.filter((c): c is Node => c !== null);
    const doTok = tokens[0]!;
    const endTok = tokens[tokens.length - 1]!;
    const tableNode = callName(schemaCall) === 'schema' ? callArgs(schemaCall)[0] : undefined;
    const tableValue = stringValue(tableNode);
    const changesetDef = body.find((n) => changesetArity(n) !== null);
    return {
      source,
      eol: source.includes('\r\n') ? '\r\n' : '\n',
      table:
        tableNode && tableValue !== null
          ? { start: tableNode.startIndex, end: tableNode.endIndex, value: tableValue }
          : null,
      embedded: callName(schemaCall) === 'embedded_schema',
      bodyStart: nextLineStart(source, doTok.endIndex),
      bodyEnd: lineStart(source, endTok.startIndex),
      items: named(block).map((n) => blockItem(source, n)),
      changeset: changesetDef
        ? changesetLayout(source, changesetDef, changesetArity(changesetDef)!)
        : null,
    };
  } finally {
    forgetChildren();
    tree.delete();
  }
}

/** A replacement of [start, end) by `text`. */
export interface Replace {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping replacements (insertions have start === end; several at one offset
 * apply in the order given). Every byte outside them is kept.
 */
export function applyReplacements(source: string, edits: readonly Replace[]): string {
  const sorted = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`applyReplacements: overlapping edits at ${e.start}`);
    out += source.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + source.slice(pos);
}
