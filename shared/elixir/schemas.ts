/**
 * Reads the Ecto schemas that already exist in a project (list_ecto_schemas, and the targets the
 * generators resolve outside their batch): `lib/**\/*.ex` parsed with tree-sitter-elixir.
 *
 * Only static facts are read: `defmodule` (nested ones too), `alias`, `use`, `@schema_prefix`,
 * `@primary_key`, `@foreign_key_type`, `@timestamps_opts`, `schema "t" do`/`embedded_schema do`
 * and the `field`/`belongs_to`/`has_*`/`many_to_many`/`embeds_*`/`timestamps` calls in them.
 * Module attributes set in a project's base module (`use MyApp.Schema` whose `__using__` quotes
 * `@primary_key …`) are followed. Anything dynamic is left out rather than guessed. A file that does
 * not parse, is too large or cannot be read is reported in `skipped`; nothing here throws on input.
 */
import type { KnownSchema, PrimaryKeyType } from '../model/index.js';
import type { KnownSchemasReader, ProjectReader } from '../plan/index.js';
import { parseElixir, type Node } from './parser.js';

export const SCHEMA_ASSOCIATION_KINDS = [
  'belongs_to',
  'has_many',
  'has_one',
  'many_to_many',
  'embeds_one',
  'embeds_many',
] as const;
export type SchemaAssociationKind = (typeof SCHEMA_ASSOCIATION_KINDS)[number];

export interface ProjectSchemaField {
  name: string;
  /** The type as written in Elixir, aliases expanded: ":string", "Ecto.Enum", "{:array, :string}". */
  type: string;
  /** Ecto.Enum values, when they are literal. */
  values?: string[];
  virtual?: true;
  primary_key?: true;
}

export interface ProjectSchemaAssociation {
  kind: SchemaAssociationKind;
  name: string;
  /** The associated module (aliases expanded), or null when it is not a literal (`through:`). */
  target: string | null;
  /** belongs_to: the foreign key column. */
  foreign_key?: string;
}

export interface ProjectSchema {
  /** Fully-qualified module, e.g. "MyApp.Blog.Post". */
  module: string;
  table: string | null;
  embedded: boolean;
  /** Relative to the project root. */
  file: string;
  /** 1-based line of the schema/embedded_schema call. */
  line: number;
  /** Types as written: {name: "id", type: ":id"}. */
  primary_key: { name: string; type: string } | false;
  prefix?: string;
  fields: ProjectSchemaField[];
  associations: ProjectSchemaAssociation[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ProjectSchemas {
  schemas: ProjectSchema[];
  skipped: SkippedFile[];
}

export interface ReadSchemasOptions {
  /** Directory to scan (default "lib"). */
  dir?: string;
  /** At most this many .ex files are read (default 5000); the rest is reported as skipped. */
  maxFiles?: number;
  /** Larger files are skipped (default 1 MB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_MAX_FILES = 5000;
export const DEFAULT_MAX_BYTES = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Literal helpers over tree-sitter nodes

const MAX_DEPTH = 40;

function named(node: Node): Node[] {
  return node.namedChildren.filter((n) => n.type !== 'comment');
}

function callName(node: Node): string | null {
  if (node.type !== 'call') return null;
  const target = node.childForFieldName('target');
  return target?.type === 'identifier' ? target.text : null;
}

function callArgs(node: Node): Node[] {
  const args = named(node).find((n) => n.type === 'arguments');
  return args ? named(args) : [];
}

function doBlock(node: Node): Node | null {
  return named(node).find((n) => n.type === 'do_block') ?? null;
}

/** `@name value` → [name, value node | null]. */
function moduleAttribute(node: Node): [string, Node | null] | null {
  if (node.type !== 'unary_operator' || !node.text.startsWith('@')) return null;
  const operand = node.childForFieldName('operand');
  if (!operand) return null;
  if (operand.type === 'identifier') return [operand.text, null];
  const name = callName(operand);
  if (name === null) return null;
  const args = callArgs(operand);
  return [name, args.length === 1 ? args[0]! : null];
}

function atomName(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'atom') return node.text.slice(1);
  if (node.type === 'quoted_atom') {
    const parts = named(node);
    if (parts.length === 1 && parts[0]!.type === 'quoted_content') return parts[0]!.text;
    if (parts.length === 0) return '';
  }
  return null;
}

function stringValue(node: Node | null | undefined): string | null {
  if (!node || node.type !== 'string') return null;
  const parts = named(node);
  if (parts.length === 0) return '';
  if (parts.length === 1 && parts[0]!.type === 'quoted_content') return parts[0]!.text;
  return null; // interpolation or escapes: not a plain literal
}

function keywordKey(pair: Node): string | null {
  const key = pair.childForFieldName('key') ?? named(pair)[0];
  if (!key) return null;
  if (key.type === 'keyword') return key.text.trim().replace(/:$/, '');
  if (key.type === 'quoted_keyword') {
    const parts = named(key);
    return parts.length === 1 ? parts[0]!.text : null;
  }
  return null;
}

/** The trailing keyword list of a call's arguments (`a, b, k: v` or `a, [k: v]`). */
function keywordOpts(args: Node[]): Map<string, Node> {
  const out = new Map<string, Node>();
  let last = args[args.length - 1];
  if (last?.type === 'list') {
    const inner = named(last);
    last = inner.length === 1 && inner[0]!.type === 'keywords' ? inner[0] : undefined;
  }
  if (last?.type !== 'keywords') return out;
  for (const pair of named(last)) {
    if (pair.type !== 'pair') continue;
    const key = keywordKey(pair);
    const value = pair.childForFieldName('value') ?? named(pair)[1];
    if (key !== null && value) out.set(key, value);
  }
  return out;
}

/** Positional arguments (without the trailing keyword list). */
function positional(args: Node[]): Node[] {
  const last = args[args.length - 1];
  if (!last) return args;
  if (last.type === 'keywords') return args.slice(0, -1);
  if (last.type === 'list') {
    const inner = named(last);
    if (inner.length === 1 && inner[0]!.type === 'keywords') return args.slice(0, -1);
  }
  return args;
}

function atomList(node: Node | null | undefined): string[] | null {
  if (!node) return null;
  if (node.type === 'list') {
    const items = named(node);
    if (items.length === 1 && items[0]!.type === 'keywords') {
      // values: [draft: 1, published: 2]
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

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Scopes: the module being read and its lexical aliases

interface Scope {
  module: string | null;
  aliases: Map<string, string>;
}

function resolveAlias(text: string, scope: Scope): string {
  const [head, ...rest] = text.split('.');
  const full = head === undefined ? undefined : scope.aliases.get(head);
  if (full === undefined) return text.replace(/^Elixir\./, '');
  return [full, ...rest].join('.');
}

/** A module reference: `Foo.Bar` (aliases expanded), `__MODULE__`, `__MODULE__.Foo`, `:"Elixir.Foo"`. */
function moduleRef(node: Node | null | undefined, scope: Scope): string | null {
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
function addAlias(call: Node, scope: Scope): void {
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
        const full = `${base}.${item.text}`;
        scope.aliases.set(item.text.split('.').pop()!, full);
      }
      return;
    }
  }
  const full = moduleRef(first, scope);
  if (full === null) return;
  const short = as?.type === 'alias' ? as.text : full.split('.').pop()!;
  scope.aliases.set(short, full);
}

// ---------------------------------------------------------------------------------------------
// Reading modules

/** Schema-relevant module attributes (from the module itself or a base module's __using__). */
interface SchemaAttrs {
  prefix?: string | null;
  primary_key?: { name: string; type: string } | false;
  foreign_key_type?: string;
  timestamps_type?: string;
  /** Names from @timestamps_opts inserted_at:/updated_at: (false = not defined). */
  inserted_at?: string | false;
  updated_at?: string | false;
}

interface FoundModule {
  module: string;
  file: string;
  /** Module attributes and `use`s before the schema call, in source order (last write wins). */
  events: ({ use: string } | { attrs: SchemaAttrs })[];
  schemaCall: Node | null;
  embedded: boolean;
  scope: Scope;
}

interface FileResult {
  modules: FoundModule[];
  /** Attributes quoted by `defmacro __using__` in each module, for `use MyApp.Schema`. */
  usingAttrs: Map<string, SchemaAttrs>;
}

function typeText(node: Node, scope: Scope): string {
  const mod = moduleRef(node, scope);
  if (mod !== null && node.type !== 'atom' && node.type !== 'quoted_atom') return mod;
  if (node.type === 'tuple') {
    return `{${named(node)
      .map((n) => typeText(n, scope))
      .join(', ')}}`;
  }
  return oneLine(node.text);
}

function readAttribute(node: Node, attrs: SchemaAttrs, scope: Scope): void {
  const attr = moduleAttribute(node);
  if (!attr) return;
  const [name, value] = attr;
  if (!value) return;
  switch (name) {
    case 'schema_prefix': {
      const s = stringValue(value) ?? atomName(value);
      if (s !== null) attrs.prefix = s === 'nil' ? null : s;
      break;
    }
    case 'primary_key': {
      if (value.type === 'boolean' && value.text === 'false') {
        attrs.primary_key = false;
      } else if (value.type === 'tuple') {
        const [n, t] = named(value);
        const pkName = atomName(n);
        if (pkName !== null && t) attrs.primary_key = { name: pkName, type: typeText(t, scope) };
      }
      break;
    }
    case 'foreign_key_type':
      attrs.foreign_key_type = typeText(value, scope);
      break;
    case 'timestamps_opts': {
      const opts = keywordOpts([value]);
      const type = opts.get('type');
      if (type) attrs.timestamps_type = typeText(type, scope);
      for (const key of ['inserted_at', 'updated_at'] as const) {
        const v = opts.get(key);
        if (v?.type === 'boolean' && v.text === 'false') attrs[key] = false;
        else if (atomName(v) !== null) attrs[key] = atomName(v)!;
      }
      break;
    }
  }
}

/** Attributes quoted by `defmacro __using__(_) do quote do … end end`, or null. */
function usingAttributes(defmacro: Node, scope: Scope): SchemaAttrs | null {
  const [head] = callArgs(defmacro);
  const headName = head?.type === 'call' ? callName(head) : head?.text;
  if (headName !== '__using__') return null;
  const block = doBlock(defmacro);
  if (!block) return null;
  for (const inner of named(block)) {
    if (callName(inner) !== 'quote') continue;
    const quoted = doBlock(inner);
    if (!quoted) continue;
    const attrs: SchemaAttrs = {};
    for (const q of named(quoted)) readAttribute(q, attrs, scope);
    return attrs;
  }
  return null;
}

function walkModules(
  nodes: Node[],
  file: string,
  scope: Scope,
  out: FileResult,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  for (const node of nodes) {
    const name = callName(node);
    if (name === 'alias') addAlias(node, scope);
    if (name !== 'defmodule') continue;
    const [nameNode] = callArgs(node);
    const local = moduleRef(nameNode, { ...scope, aliases: new Map() });
    const block = doBlock(node);
    if (local === null || !block) continue;
    const full =
      scope.module !== null && nameNode?.type === 'alias' ? `${scope.module}.${local}` : local;
    // Defining a nested module aliases it in the enclosing scope.
    if (scope.module !== null && nameNode?.type === 'alias' && !local.includes('.')) {
      scope.aliases.set(local, full);
    }
    readModule(full, named(block), file, scope, out, depth + 1);
  }
}

function readModule(
  module: string,
  body: Node[],
  file: string,
  parent: Scope,
  out: FileResult,
  depth: number,
): void {
  const scope: Scope = { module, aliases: new Map(parent.aliases) };
  const found: FoundModule = { module, file, events: [], schemaCall: null, embedded: false, scope };
  for (const node of body) {
    const name = callName(node);
    if (name === 'alias') addAlias(node, scope);
    else if (name === 'use') {
      const target = moduleRef(callArgs(node)[0], scope);
      if (target !== null && found.schemaCall === null) found.events.push({ use: target });
    } else if (name === 'schema' || name === 'embedded_schema') {
      if (found.schemaCall === null && doBlock(node)) {
        found.schemaCall = node;
        found.embedded = name === 'embedded_schema';
      }
    } else if (name === 'defmacro') {
      const attrs = usingAttributes(node, scope);
      if (attrs) out.usingAttrs.set(module, attrs);
    } else if (found.schemaCall === null && moduleAttribute(node)) {
      const attrs: SchemaAttrs = {};
      readAttribute(node, attrs, scope);
      if (Object.keys(attrs).length > 0) found.events.push({ attrs });
    }
  }
  if (found.schemaCall) out.modules.push(found);
  walkModules(body, file, scope, out, depth);
}

// ---------------------------------------------------------------------------------------------
// The schema block

/** The attributes in effect at the schema call: `use`d base modules and own attributes, in order. */
function effectiveAttrs(m: FoundModule, usingAttrs: Map<string, SchemaAttrs>): SchemaAttrs {
  let attrs: SchemaAttrs = {};
  for (const e of m.events) {
    const next = 'use' in e ? usingAttrs.get(e.use) : e.attrs;
    if (next) attrs = { ...attrs, ...next };
  }
  return attrs;
}

function buildSchema(m: FoundModule, attrs: SchemaAttrs, out: ProjectSchema[]): void {
  const call = m.schemaCall!;
  const scope = m.scope;
  // A table that is not a literal string (e.g. `schema @source do`) is reported as null.
  const table = m.embedded ? null : stringValue(callArgs(call)[0]);
  const defaultPk = m.embedded ? { name: 'id', type: ':binary_id' } : { name: 'id', type: ':id' };
  const primary_key = attrs.primary_key === undefined ? defaultPk : attrs.primary_key;
  const fkType = attrs.foreign_key_type ?? ':id';
  const schema: ProjectSchema = {
    module: m.module,
    table,
    embedded: m.embedded,
    file: m.file,
    line: call.startPosition.row + 1,
    primary_key,
    ...(attrs.prefix ? { prefix: attrs.prefix } : {}),
    fields: [],
    associations: [],
  };
  out.push(schema);
  const block = doBlock(call)!;
  for (const node of named(block)) {
    const name = callName(node);
    if (name === null) continue;
    const args = callArgs(node);
    const pos = positional(args);
    const opts = keywordOpts(args);
    switch (name) {
      case 'field': {
        const fieldName = atomName(pos[0]);
        if (fieldName === null) break;
        const type = pos[1] ? typeText(pos[1], scope) : ':string';
        const values = type.includes('Ecto.Enum') ? atomList(opts.get('values')) : null;
        schema.fields.push({
          name: fieldName,
          type,
          ...(values ? { values } : {}),
          ...(opts.get('virtual')?.text === 'true' ? { virtual: true as const } : {}),
          ...(opts.get('primary_key')?.text === 'true' ? { primary_key: true as const } : {}),
        });
        break;
      }
      case 'timestamps': {
        const tOpts = keywordOpts(args);
        const typeNode = tOpts.get('type');
        const type = typeNode
          ? typeText(typeNode, scope)
          : (attrs.timestamps_type ?? ':naive_datetime');
        for (const key of ['inserted_at', 'updated_at'] as const) {
          const v = tOpts.get(key);
          let fieldName: string | false = attrs[key] ?? key;
          if (v?.type === 'boolean' && v.text === 'false') fieldName = false;
          else if (atomName(v) !== null) fieldName = atomName(v)!;
          if (fieldName !== false) schema.fields.push({ name: fieldName, type });
        }
        break;
      }
      case 'belongs_to':
      case 'has_many':
      case 'has_one':
      case 'many_to_many':
      case 'embeds_one':
      case 'embeds_many': {
        const assocName = atomName(pos[0]);
        if (assocName === null) break;
        let target = moduleRef(pos[1], scope);
        const inline = (name === 'embeds_one' || name === 'embeds_many') && doBlock(node);
        if (inline && pos[1]?.type === 'alias') {
          target = `${m.module}.${pos[1].text}`;
          // An inline embed defines the module Parent.Name as an embedded schema.
          buildSchema(
            {
              ...m,
              module: target,
              schemaCall: node,
              embedded: true,
              scope: { module: target, aliases: new Map(scope.aliases) },
            },
            opts.get('primary_key')?.text === 'false' ? { primary_key: false } : {},
            out,
          );
        }
        const assoc: ProjectSchemaAssociation = { kind: name, name: assocName, target };
        if (name === 'belongs_to') {
          const fk = atomName(opts.get('foreign_key')) ?? `${assocName}_id`;
          assoc.foreign_key = fk;
          if (opts.get('define_field')?.text !== 'false') {
            const t = opts.get('type');
            schema.fields.push({ name: fk, type: t ? typeText(t, scope) : fkType });
          }
        }
        schema.associations.push(assoc);
        break;
      }
    }
  }
}

/** Line of the first syntax error, 1-based. */
function firstErrorLine(root: Node): number {
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

/** Parses one file and reads its modules; `use` runs while the tree is alive. */
async function readFile(
  source: string,
  file: string,
  use?: (result: FileResult) => void,
): Promise<{ ok: true; result: FileResult } | { ok: false; reason: string }> {
  const tree = await parseElixir(source);
  try {
    if (tree.rootNode.hasError) {
      return { ok: false, reason: `syntax error near line ${firstErrorLine(tree.rootNode)}` };
    }
    const result: FileResult = { modules: [], usingAttrs: new Map() };
    walkModules(named(tree.rootNode), file, { module: null, aliases: new Map() }, result, 0);
    use?.(result);
    return { ok: true, result };
  } finally {
    tree.delete();
  }
}

/**
 * Parses and resolves schemas from sources (no file system): the pure core of
 * {@link readProjectSchemas}, also handy in tests.
 */
export async function readSchemasFromSources(
  files: readonly { file: string; content: string }[],
  signal?: AbortSignal,
): Promise<ProjectSchemas> {
  const skipped: SkippedFile[] = [];
  const usingAttrs = new Map<string, SchemaAttrs>();
  // Pass 1: which files hold schemas, and base modules' __using__ attributes (any file).
  // Trees are deleted per file (WASM memory), so pass 2 parses the schema files again.
  const withSchemas: { file: string; content: string }[] = [];
  for (const f of files) {
    signal?.throwIfAborted();
    if (!/schema/i.test(f.content)) continue;
    let r: Awaited<ReturnType<typeof readFile>>;
    try {
      r = await readFile(f.content, f.file);
    } catch (e) {
      skipped.push({ file: f.file, reason: `could not be parsed: ${(e as Error).message}` });
      continue;
    }
    if (!r.ok) {
      skipped.push({ file: f.file, reason: r.reason });
      continue;
    }
    for (const [k, v] of r.result.usingAttrs) usingAttrs.set(k, v);
    if (r.result.modules.length > 0) withSchemas.push(f);
  }
  // Pass 2: the schemas, with every base module known.
  const schemas: ProjectSchema[] = [];
  for (const f of withSchemas) {
    signal?.throwIfAborted();
    try {
      await readFile(f.content, f.file, (result) => {
        for (const m of result.modules) {
          buildSchema(m, effectiveAttrs(m, usingAttrs), schemas);
        }
      });
    } catch (e) {
      skipped.push({ file: f.file, reason: `could not be read: ${(e as Error).message}` });
    }
  }
  return { schemas, skipped };
}

/** The project's Ecto schemas under `lib/` (bounded; never throws on file contents). */
export async function readProjectSchemas(
  project: ProjectReader,
  opts: ReadSchemasOptions = {},
): Promise<ProjectSchemas> {
  const dir = opts.dir ?? 'lib';
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (project.root === null) return { schemas: [], skipped: [] };
  const all = await project.list(dir, { recursive: true, extensions: ['.ex'] });
  const skipped: SkippedFile[] = [];
  const files: { file: string; content: string }[] = [];
  for (const [i, file] of all.entries()) {
    opts.signal?.throwIfAborted();
    if (i >= maxFiles) {
      skipped.push({
        file,
        reason: `not read: more than ${maxFiles} .ex files under ${dir}/`,
      });
      continue;
    }
    let content: string | null;
    try {
      content = await project.read(file);
    } catch (e) {
      skipped.push({ file, reason: `could not be read: ${(e as Error).message}` });
      continue;
    }
    if (content === null) continue;
    if (Buffer.byteLength(content, 'utf8') > maxBytes) {
      skipped.push({ file, reason: `larger than ${maxBytes} bytes` });
      continue;
    }
    files.push({ file, content });
  }
  const result = await readSchemasFromSources(files, opts.signal);
  return { schemas: result.schemas, skipped: [...skipped, ...result.skipped] };
}

function keyType(type: string): PrimaryKeyType | null {
  switch (type) {
    case ':id':
    case ':integer':
    case ':bigserial':
    case ':serial':
      return 'id';
    case ':binary_id':
    case 'Ecto.UUID':
    case ':uuid':
      return 'binary_id';
    default:
      return null;
  }
}

/**
 * The project's schemas as the model's KnownSchema list, for resolving association targets
 * outside a batch (FK type, table, primary key). Schemas whose key type is neither an integer id
 * nor a UUID are left out (a reference to them gets the "not found" warning instead of a wrong
 * type). Reading problems give an empty list: they must not block a generation.
 */
export const knownSchemas: KnownSchemasReader = async (project, _app) => {
  let found: ProjectSchemas;
  try {
    found = await readProjectSchemas(project);
  } catch {
    return [];
  }
  const out: KnownSchema[] = [];
  for (const s of found.schemas) {
    let primary_key: KnownSchema['primary_key'];
    if (s.primary_key === false) primary_key = false;
    else {
      const t = keyType(s.primary_key.type);
      if (t === null) continue;
      primary_key = { name: s.primary_key.name, type: t };
    }
    out.push({ module: s.module, table: s.table, primary_key, embedded: s.embedded });
  }
  return out;
};
