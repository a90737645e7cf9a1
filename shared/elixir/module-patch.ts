/**
 * Reading and patching an existing Elixir module with the real parser (tree-sitter-elixir), for
 * generators that add code to files the user owns (contexts, their tests and fixtures).
 *
 * - `scanModule(source, "MyApp.Blog")` finds the ONE top-level `defmodule MyApp.Blog do … end`
 *   and reads its body: definitions (`def`/`defp`/`defmacro`/`defdelegate`/`defguard` with the
 *   arities they define, default arguments included), `alias` directives (single, `as:`,
 *   multi-alias `A.{B, C}`, `__MODULE__.X`), `describe "…"` blocks, and where new code can go.
 *   Syntax errors, a missing module, several candidates or a layout we cannot patch without
 *   touching other bytes throw a {@link ModulePatchError} that says why and what to do.
 * - `splitUnits(snippet)` cuts generated code into units (`@doc`… + `def`, or a `describe`).
 * - `applyEdits(source, edits)` inserts text at offsets; nothing else of the source changes.
 *
 * Offsets: web-tree-sitter parses JavaScript strings as UTF-16 and reports `startIndex`/
 * `endIndex` in UTF-16 code units, i.e. JavaScript string indices (verified with non-ASCII and
 * astral characters before the module's `end`; `checkedText` asserts it on every node we slice).
 */
import { parseElixir, type Node, type Tree } from './parser.js';

/** The line length of `mix format`. */
const LINE_LENGTH = 98;

export type ModulePatchErrorCode = 'syntax' | 'not_found' | 'ambiguous' | 'layout';

export class ModulePatchError extends Error {
  override readonly name = 'ModulePatchError';
  constructor(
    readonly code: ModulePatchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const DEFINITION_KINDS: ReadonlySet<string> = new Set([
  'def',
  'defp',
  'defmacro',
  'defmacrop',
  'defdelegate',
  'defguard',
  'defguardp',
]);

export interface Definition {
  kind: string;
  name: string;
  /** Arities this clause defines: `def f(a, b \\ 1)` defines f/1 and f/2. */
  minArity: number;
  maxArity: number;
  /** The definition's source text (the `def …` call, without its @doc). */
  text: string;
  start: number;
  end: number;
  /** Where its unit starts: the first of the attributes (@doc…) right before it, else `start`. */
  unitStart: number;
}

export interface AliasDirective {
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  /** The module text as written before any `.{…}` or `as:` (for ordering). */
  sortKey: string;
  /** Name in scope → full module. */
  entries: { name: string; module: string }[];
}

export interface ModuleScan {
  source: string;
  module: string;
  /** Indentation of the module body (usually two spaces). */
  indent: string;
  /** Line separator the file uses. */
  eol: '\n' | '\r\n';
  definitions: Definition[];
  aliases: AliasDirective[];
  describes: string[];
  /** The `describe "…" do … end` blocks with a plain string name, where they are. */
  describeBlocks: Block[];
  /**
   * First segments of every module name the module's code mentions (`Date` for
   * `Date.utc_today()`, `Ecto` for `%Ecto.Changeset{}`): a new alias with such a name would
   * change what that code refers to.
   */
  aliasHeads: Set<string>;
  /** Rows (0-based) where top-level `use`/`import`/`require`/`@moduledoc` statements end. */
  preambleEndRows: number[];
  /** Offset of the start of the line after the last non-blank body line (where code goes). */
  appendAt: number;
  /** Offset of the line after `do` (the body's first line). */
  bodyStart: number;
  /** True when the body has no code and no comments. */
  bodyEmpty: boolean;
}

/** A top-level call of the module body: its source text and where it is. */
export interface Block {
  name: string;
  text: string;
  start: number;
  end: number;
  /** 0-based row of its first line. */
  row: number;
}

/** Inserts `text` at `at`; with `end`, replaces the source from `at` to `end`. */
export interface Edit {
  at: number;
  text: string;
  end?: number;
}

/** `node.text`, asserting that node offsets are JavaScript string indices. */
function checkedText(source: string, node: Node): string {
  const sliced = source.slice(node.startIndex, node.endIndex);
  if (sliced !== node.text) {
    throw new Error(
      `tree-sitter offsets are not UTF-16 string indices (node ${node.type} at ${node.startIndex}); refusing to patch`,
    );
  }
  return sliced;
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

/** Offset just after the line break ending the line that holds `index` (or the source end). */
function nextLineStart(source: string, index: number): number {
  const nl = source.indexOf('\n', index);
  return nl < 0 ? source.length : nl + 1;
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

function children(node: Node): Node[] {
  return node.children.filter((c): c is Node => c !== null);
}

/** `foo` for a `call` whose target is a plain identifier, else null. */
function callName(node: Node): string | null {
  if (node.type !== 'call') return null;
  const target = node.childForFieldName('target') ?? named(node)[0];
  return target?.type === 'identifier' ? target.text : null;
}

function callArgs(node: Node): Node[] {
  const args = named(node).find((c) => c.type === 'arguments');
  return args ? named(args) : [];
}

function doBlock(node: Node): Node | null {
  return named(node).find((c) => c.type === 'do_block') ?? null;
}

function firstError(node: Node): Node | null {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const c of children(node)) {
    if (c.hasError || c.isMissing || c.type === 'ERROR') {
      const e = firstError(c);
      if (e) return e;
    }
  }
  return null;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Name and arities of a definition head (`f(a, b \\ 1) when …`, `f`, `f(a)`), or null. */
export function definitionHead(
  def: Node,
): { name: string; minArity: number; maxArity: number } | null {
  let head = callArgs(def)[0];
  if (!head) return null;
  if (head.type === 'binary_operator' && head.childForFieldName('operator')?.text === 'when') {
    head = head.childForFieldName('left') ?? undefined;
    if (!head) return null;
  }
  if (head.type === 'identifier') return { name: head.text, minArity: 0, maxArity: 0 };
  const name = callName(head);
  if (name === null) return null;
  const params = callArgs(head);
  const defaults = params.filter(
    (p) => p.type === 'binary_operator' && p.childForFieldName('operator')?.text === '\\\\',
  ).length;
  return { name, minArity: params.length - defaults, maxArity: params.length };
}

function aliasDirective(source: string, node: Node, module: string): AliasDirective | null {
  const [target, opts] = callArgs(node);
  if (!target) return null;
  const resolve = (text: string) => compact(text).replace(/^__MODULE__(?=\.|$)/, module);
  const base = {
    start: node.startIndex,
    end: node.endIndex,
    startRow: node.startPosition.row,
    endRow: node.endPosition.row,
  };
  if (
    target.type === 'alias' ||
    (target.type === 'dot' && !named(target).some((c) => c.type === 'tuple'))
  ) {
    const full = resolve(checkedText(source, target));
    let name = full.split('.').pop() ?? full;
    const as =
      opts?.type === 'keywords'
        ? named(opts).find((p) => compact(named(p)[0]?.text ?? '') === 'as:')
        : undefined;
    if (as) name = compact(named(as)[1]?.text ?? name);
    return { ...base, sortKey: full, entries: [{ name, module: full }] };
  }
  if (target.type === 'dot') {
    const parts = named(target);
    const left = parts[0];
    const tuple = parts.find((c) => c.type === 'tuple');
    if (!left || !tuple) return null;
    const prefix = resolve(checkedText(source, left));
    const entries = named(tuple)
      .filter((c) => c.type === 'alias')
      .map((c) => {
        const rel = compact(c.text);
        return { name: rel.split('.').pop() ?? rel, module: `${prefix}.${rel}` };
      });
    return { ...base, sortKey: prefix, entries };
  }
  return null;
}

/** The text of a plain (non-interpolated) string node, else null. */
function plainString(node: Node | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  const parts = named(node);
  if (parts.some((p) => p.type !== 'quoted_content')) return null;
  return parts.map((p) => p.text).join('');
}

/** Parses `source` and fails with a ModulePatchError pointing at the first syntax error. */
export async function parseOrThrow(source: string, what: string): Promise<Tree> {
  const tree = await parseElixir(source);
  if (tree.rootNode.hasError) {
    const e = firstError(tree.rootNode);
    const where = e ? ` near line ${e.startPosition.row + 1}` : '';
    tree.delete();
    throw new ModulePatchError(
      'syntax',
      `${what} has a syntax error${where}, so it was not patched; fix it (mix compile shows the error) and run the tool again.`,
    );
  }
  return tree;
}

/**
 * Reads the top-level module named `expected` in `source` (see the file comment). `what` names
 * the file in error messages.
 */
export async function scanModule(
  source: string,
  expected: string,
  what = 'The file',
): Promise<ModuleScan> {
  const tree = await parseOrThrow(source, what);
  try {
    const mod = findModule(tree.rootNode, expected, what);
    const { block, endTok, endLine, body, doLineEnd } = moduleBlock(source, mod, expected, what);
    const endIndent = source.slice(endLine, endTok.startIndex);
    const indentOf = (n: Node) => {
      const ls = lineStart(source, n.startIndex);
      const lead = source.slice(ls, n.startIndex);
      return /^[ \t]*$/.test(lead) ? lead : null;
    };
    const indent =
      body.map(indentOf).find((i): i is string => i !== null && i.length > 0) ?? `${endIndent}  `;
    const aliasHeads = new Set(
      block
        .descendantsOfType('alias')
        .filter((n): n is Node => n !== null)
        .map((n) => compact(n.text).split('.')[0]!),
    );
    return {
      source,
      module: expected,
      aliasHeads,
      indent,
      eol: source.includes('\r\n') ? '\r\n' : '\n',
      ...readBody(source, body, expected),
      appendAt: appendPoint(source, endLine, doLineEnd),
      bodyStart: doLineEnd,
      bodyEmpty: body.length === 0,
    };
  } finally {
    tree.delete();
  }
}

/** The one top-level `defmodule expected`, or a ModulePatchError saying what is there instead. */
function findModule(root: Node, expected: string, what: string): Node {
  const modules = named(root).filter((n) => callName(n) === 'defmodule');
  const nameOf = (n: Node) => {
    const arg = callArgs(n)[0];
    return arg && arg.type === 'alias' ? compact(arg.text) : null;
  };
  const matches = modules.filter((n) => nameOf(n) === expected);
  if (matches.length === 0) {
    const found = modules.map(nameOf).filter((n): n is string => n !== null);
    throw new ModulePatchError(
      'not_found',
      `${what} does not define the module ${expected} at its top level${found.length ? ` (it defines ${found.join(', ')})` : ''}, so it was not patched; rename the module or move the file, or pass on_conflict "skip" to leave it alone.`,
    );
  }
  if (matches.length > 1) {
    throw new ModulePatchError(
      'ambiguous',
      `${what} defines ${expected} ${matches.length} times at its top level, so it is unclear which one to patch; keep one.`,
    );
  }
  return matches[0]!;
}

/**
 * The module's do … end block, checked to be one code can be added to without reformatting:
 * a do block (not the keyword form), complete, `end` alone on its line, nothing after `do`.
 */
function moduleBlock(
  source: string,
  mod: Node,
  expected: string,
  what: string,
): { block: Node; endTok: Node; endLine: number; body: Node[]; doLineEnd: number } {
  const block = doBlock(mod);
  if (!block) {
    throw new ModulePatchError(
      'layout',
      `${what} defines ${expected} with the keyword form (defmodule …, do: …), which cannot be extended without rewriting it; use a do … end block.`,
    );
  }
  checkedText(source, mod);
  const tokens = children(block);
  const doTok = tokens[0];
  const endTok = tokens[tokens.length - 1];
  if (doTok?.type !== 'do' || endTok?.type !== 'end') {
    throw new ModulePatchError(
      'layout',
      `${what}: the do … end block of ${expected} is incomplete.`,
    );
  }
  const endLine = lineStart(source, endTok.startIndex);
  if (source.slice(endLine, endTok.startIndex).trim() !== '') {
    throw new ModulePatchError(
      'layout',
      `${what}: the final end of ${expected} shares its line with other code, so code cannot be added before it without reformatting; run mix format on the file first.`,
    );
  }
  const body = tokens.slice(1, -1).filter((n) => n.isNamed);
  const doLineEnd = nextLineStart(source, doTok.endIndex);
  const firstCode = body[0];
  if (firstCode && firstCode.startIndex < doLineEnd && firstCode.type !== 'comment') {
    throw new ModulePatchError(
      'layout',
      `${what}: code follows "do" on the first line of ${expected}; run mix format on the file first.`,
    );
  }
  return { block, endTok, endLine, body, doLineEnd };
}

/** Where new code goes: after the last non-blank line before the `end` line. */
function appendPoint(source: string, endLine: number, doLineEnd: number): number {
  let appendAt = endLine;
  while (appendAt > doLineEnd) {
    const prev = lineStart(source, appendAt - 1);
    if (source.slice(prev, appendAt).trim() !== '') break;
    appendAt = prev;
  }
  return appendAt < doLineEnd ? doLineEnd : appendAt;
}

/** The definitions, aliases, describe blocks and preamble (use/import/require/@moduledoc). */
function readBody(
  source: string,
  body: readonly Node[],
  expected: string,
): Pick<
  ModuleScan,
  'definitions' | 'aliases' | 'describes' | 'describeBlocks' | 'preambleEndRows'
> {
  const definitions: Definition[] = [];
  const aliases: AliasDirective[] = [];
  const describes: string[] = [];
  const describeBlocks: Block[] = [];
  const preambleEndRows: number[] = [];
  let attributesFrom: number | null = null;
  for (const n of body) {
    const name = callName(n);
    // @moduledoc belongs to the module, not to the definition after it.
    const attribute =
      n.type === 'unary_operator' && n.text.startsWith('@') && !/^@moduledoc\b/.test(n.text);
    const unitStart = attributesFrom ?? n.startIndex;
    attributesFrom = attribute ? (attributesFrom ?? n.startIndex) : null;
    if (name !== null && DEFINITION_KINDS.has(name)) {
      const head = definitionHead(n);
      if (head) {
        definitions.push({
          kind: name,
          ...head,
          text: checkedText(source, n),
          start: n.startIndex,
          end: n.endIndex,
          unitStart,
        });
      }
    } else if (name === 'alias') {
      const a = aliasDirective(source, n, expected);
      if (a) aliases.push(a);
    } else if (name === 'describe') {
      const d = plainString(callArgs(n)[0]);
      if (d !== null) {
        describes.push(d);
        describeBlocks.push({
          name: d,
          text: checkedText(source, n),
          start: n.startIndex,
          end: n.endIndex,
          row: n.startPosition.row,
        });
      }
    } else if (name === 'use' || name === 'import' || name === 'require') {
      preambleEndRows.push(n.endPosition.row);
    } else if (n.type === 'unary_operator' && /^@moduledoc\b/.test(n.text)) {
      preambleEndRows.push(n.endPosition.row);
    }
  }
  return { definitions, aliases, describes, describeBlocks, preambleEndRows };
}

/** Alias name in scope → module, for a scanned module (later directives win). */
export function aliasScope(scan: ModuleScan): Map<string, string> {
  const scope = new Map<string, string>();
  for (const a of scan.aliases) for (const e of a.entries) scope.set(e.name, e.module);
  return scope;
}

/** The definitions that clash with `name/minArity..maxArity` (same name, overlapping arities). */
export function clashingDefinitions(
  scan: ModuleScan,
  name: string,
  minArity: number,
  maxArity: number,
): Definition[] {
  return scan.definitions.filter(
    (d) => d.name === name && d.minArity <= maxArity && minArity <= d.maxArity,
  );
}

/** True when two definitions are the same code up to whitespace. */
export function sameCode(a: string, b: string): boolean {
  return compact(a) === compact(b);
}

export type Unit =
  | {
      kind: 'definition';
      name: string;
      minArity: number;
      maxArity: number;
      /** The `def …` alone. */
      defText: string;
      /** Whole lines: attributes (@doc…) and the definition, with the final line break. */
      text: string;
    }
  | { kind: 'describe'; name: string; text: string };

/**
 * Splits generated code (top-level statements, as they would appear in a module body) into
 * units: a definition with the attributes right before it, or a `describe` block.
 */
export async function splitUnits(snippet: string): Promise<Unit[]> {
  const tree = await parseOrThrow(snippet, 'Generated code');
  try {
    const units: Unit[] = [];
    let pendingStart: number | null = null;
    for (const n of named(tree.rootNode)) {
      if (n.type === 'comment') continue;
      const name = callName(n);
      if (n.type === 'unary_operator') {
        pendingStart ??= lineStart(snippet, n.startIndex);
        continue;
      }
      const start = pendingStart ?? lineStart(snippet, n.startIndex);
      pendingStart = null;
      const text = snippet.slice(start, nextLineStart(snippet, n.endIndex));
      if (name !== null && DEFINITION_KINDS.has(name)) {
        const head = definitionHead(n);
        if (!head) throw new Error(`splitUnits: unsupported definition ${n.text.slice(0, 60)}`);
        units.push({ kind: 'definition', ...head, defText: checkedText(snippet, n), text });
      } else if (name === 'describe') {
        const d = plainString(callArgs(n)[0]);
        if (d === null) throw new Error('splitUnits: describe without a plain string name');
        units.push({ kind: 'describe', name: d, text });
      } else {
        throw new Error(`splitUnits: unexpected top-level ${n.type}: ${n.text.slice(0, 60)}`);
      }
    }
    return units;
  } finally {
    tree.delete();
  }
}

/** Re-indents code written for a two-space module body to `indent`. */
export function reindent(code: string, indent: string): string {
  if (indent === '  ') return code;
  return code.replace(/^ {2}/gm, indent);
}

/**
 * Where to insert `alias` lines so they join the module's last run of aliases in alphabetical
 * position (or follow its `use`/`import`/`@moduledoc` preamble, or open the body). Returns one
 * edit for all of them; `modules` must be sorted.
 */
export function aliasEdits(scan: ModuleScan, all: { sortKey: string; line: string }[]): Edit[] {
  if (all.length === 0) return [];
  const { source, eol } = scan;
  // `mix format` surrounds a line too long to fit (an alias cannot be broken) with blank lines,
  // so such aliases get a paragraph of their own after the others.
  const tooLong = (l: { line: string }) => scan.indent.length + l.line.length > LINE_LENGTH;
  const lines = all.filter((l) => !tooLong(l));
  const long = all.filter(tooLong);
  const edits = shortAliasEdits(scan, lines);
  if (long.length > 0) {
    const at = longAliasesAt(scan);
    const next = source.slice(at, nextLineStart(source, at));
    const before = at > scan.bodyStart ? eol : '';
    const after = next.trim() === '' && at < source.length ? '' : eol;
    const text = long.map((l) => `${scan.indent}${l.line}${eol}`).join(eol);
    edits.push({ at, text: `${before}${text}${after}` });
  }
  return edits;
}

/** Where long alias lines go: after the last alias run, the preamble, or at the body start. */
function longAliasesAt(scan: ModuleScan): number {
  const rowStart = rowOffsets(scan.source);
  const last = scan.aliases[scan.aliases.length - 1];
  if (last) return rowStart[last.endRow + 1] ?? scan.source.length;
  if (scan.preambleEndRows.length > 0) {
    return rowStart[Math.max(...scan.preambleEndRows) + 1] ?? scan.source.length;
  }
  return scan.bodyStart;
}

function shortAliasEdits(scan: ModuleScan, lines: { sortKey: string; line: string }[]): Edit[] {
  if (lines.length === 0) return [];
  const { source, eol } = scan;
  const rowStart = rowOffsets(source);
  const startOfRow = (row: number) => rowStart[row] ?? source.length;
  const text = (ls: { line: string }[]) => ls.map((l) => `${scan.indent}${l.line}${eol}`).join('');
  if (scan.aliases.length > 0) {
    // The last run of aliases on consecutive lines.
    let first = scan.aliases.length - 1;
    while (first > 0 && scan.aliases[first - 1]!.endRow + 1 === scan.aliases[first]!.startRow) {
      first--;
    }
    const run = scan.aliases.slice(first);
    const sorted = run.every((a, i) => i === 0 || cmp(run[i - 1]!.sortKey, a.sortKey) <= 0);
    const edits = new Map<number, { sortKey: string; line: string }[]>();
    const after = startOfRow(run[run.length - 1]!.endRow + 1);
    for (const l of lines) {
      const before = sorted ? run.find((a) => cmp(a.sortKey, l.sortKey) > 0) : undefined;
      const at = before ? startOfRow(before.startRow) : after;
      edits.set(at, [...(edits.get(at) ?? []), l]);
    }
    return [...edits].map(([at, ls]) => ({ at, text: text(ls) }));
  }
  if (scan.preambleEndRows.length > 0) {
    const at = startOfRow(Math.max(...scan.preambleEndRows) + 1);
    return [{ at, text: `${eol}${text(lines)}` }];
  }
  // No directives: open the body (the line after `do`).
  return [{ at: scan.bodyStart, text: text(lines) + (scan.bodyEmpty ? '' : eol) }];
}

function rowOffsets(source: string): number[] {
  const out = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function cmp(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Inserts code before the module's final `end`, one blank line after the existing body. */
export function appendEdit(scan: ModuleScan, code: string): Edit {
  const body = scan.eol === '\n' ? code : code.replace(/\r?\n/g, '\r\n');
  return { at: scan.appendAt, text: scan.bodyEmpty ? body : `${scan.eol}${body}` };
}

/**
 * Applies insertions and replacements (stable for equal offsets: in the order given); the
 * replaced ranges must not overlap each other or another edit's offset.
 */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.at === b.at ? a.i - b.i : a.at - b.at));
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.at < pos) throw new Error(`applyEdits: overlapping edits at offset ${e.at}`);
    out += source.slice(pos, e.at) + e.text;
    pos = e.end ?? e.at;
  }
  return out + source.slice(pos);
}

/**
 * The edit replacing the whole lines of `block` (from its line's start to the line break after
 * it) with `code`, written for a two-space module body and ending with a line break.
 */
export function replaceLinesEdit(
  scan: ModuleScan,
  block: { start: number; end: number },
  code: string,
): Edit {
  const text = reindent(code, scan.indent);
  return {
    at: lineStart(scan.source, block.start),
    end: nextLineStart(scan.source, block.end),
    text: scan.eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n'),
  };
}

/**
 * The patched source: `aliases` joined into the alias block, `code` (written for a two-space
 * body, units separated by blank lines, ending with a line break) appended before the final
 * `end`, `replace` edits (./replaceLinesEdit) applied. Every other byte of the source is kept.
 * Returns the source itself when there is
 * nothing to add.
 */
export function patchModule(
  scan: ModuleScan,
  add: { aliases: { sortKey: string; line: string }[]; code: string; replace?: Edit[] },
): string {
  const code = reindent(add.code, scan.indent);
  const replace = add.replace ?? [];
  if (add.aliases.length === 0 && code === '' && replace.length === 0) return scan.source;
  if (scan.bodyEmpty) {
    const aliasText = add.aliases.map((l) => `${scan.indent}${l.line}\n`).join('');
    const text = [aliasText, code].filter((t) => t !== '').join('\n');
    return applyEdits(scan.source, [
      { at: scan.bodyStart, text: scan.eol === '\n' ? text : text.replace(/\n/g, '\r\n') },
    ]);
  }
  const edits = [...aliasEdits(scan, add.aliases), ...replace];
  if (code !== '') edits.push(appendEdit(scan, code));
  return applyEdits(scan.source, edits);
}
