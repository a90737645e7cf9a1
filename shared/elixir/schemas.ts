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
import {
  atomList,
  atomName,
  callArgs,
  callName,
  doBlock,
  firstErrorLine,
  forgetChildren,
  keywordOpts,
  keywordPairs,
  lineOf,
  moduleAttribute,
  named,
  stringValue,
} from './ast.js';
import { readDirectory } from './stamped-read.js';
import { parseElixir, type Node } from './parser.js';
import { readChangeset, readSchemaBlock } from './schema-block.js';
import { cachedFile, rememberFile, schemasOf, seenOf } from './schema-file-cache.js';
import type {
  ProjectSchema,
  ProjectSchemas,
  SchemaAttrs,
  Scope,
  SkippedFile,
} from './schema-types.js';
import { addAlias, moduleRef, typeText } from './scope.js';

export * from './schema-types.js';

export interface ReadSchemasOptions {
  /** Directory to scan (default "lib"). */
  dir?: string;
  /** At most this many .ex files are read (default 5000); the rest is reported as skipped. */
  maxFiles?: number;
  /** Larger files are skipped (default 1 MB). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Reuse the last result for this root when every file is byte-identical (default true). */
  cache?: boolean;
}

export const DEFAULT_MAX_FILES = 5000;
export const DEFAULT_MAX_BYTES = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Reading modules

const MAX_DEPTH = 40;

interface FoundModule {
  module: string;
  file: string;
  /** Module attributes and `use`s before the schema call, in source order (last write wins). */
  events: ({ use: string } | { attrs: SchemaAttrs })[];
  schemaCall: Node | null;
  embedded: boolean;
  scope: Scope;
  /** The module body (for changeset/2) and its literal atom-list attributes (`@required […]`). */
  body: Node[];
  listAttrs: Map<string, string[]>;
}

interface FileResult {
  modules: FoundModule[];
  /** Attributes quoted by `defmacro __using__` in each module, for `use MyApp.Schema`. */
  usingAttrs: Map<string, SchemaAttrs>;
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
        const [n, t, o] = named(value);
        const pkName = atomName(n);
        if (pkName !== null && t) {
          const options: Record<string, string> = {};
          for (const [k, v] of keywordPairs(o) ?? []) options[k] = typeText(v, scope);
          attrs.primary_key = { name: pkName, type: typeText(t, scope), options };
        }
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
  const found: FoundModule = {
    module,
    file,
    events: [],
    schemaCall: null,
    embedded: false,
    scope,
    body,
    listAttrs: new Map(),
  };
  for (const node of body) {
    const attr = moduleAttribute(node);
    const list = attr?.[1] ? atomList(attr[1]) : null;
    if (attr && list) found.listAttrs.set(attr[0], list);
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

function buildSchema(
  m: FoundModule,
  attrs: SchemaAttrs,
  out: ProjectSchema[],
  changeset: ProjectSchema['changeset'] | null,
): void {
  const call = m.schemaCall!;
  // A table that is not a literal string (e.g. `schema @source do`) is reported as null.
  const table = m.embedded ? null : stringValue(callArgs(call)[0]);
  const defaultPk = m.embedded ? { name: 'id', type: ':binary_id' } : { name: 'id', type: ':id' };
  const schema: ProjectSchema = {
    module: m.module,
    table,
    embedded: m.embedded,
    file: m.file,
    line: lineOf(call),
    primary_key: attrs.primary_key === undefined ? defaultPk : attrs.primary_key,
    ...(attrs.prefix ? { prefix: attrs.prefix } : {}),
    fields: [],
    associations: [],
    ...(changeset ? { changeset } : {}),
    unreadable: [],
  };
  out.push(schema);
  readSchemaBlock(doBlock(call)!, schema, {
    scope: m.scope,
    attrs,
    inlineEmbed(node, module, noPrimaryKey) {
      // An inline embed defines the module Parent.Name as an embedded schema.
      buildSchema(
        {
          ...m,
          module,
          schemaCall: node,
          embedded: true,
          scope: { module, aliases: new Map(m.scope.aliases) },
        },
        noPrimaryKey ? { primary_key: false } : {},
        out,
        null,
      );
    },
  });
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
    forgetChildren();
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
  /** Reuse what each unchanged file gave under this key (the project root), see ./schema-file-cache.ts. */
  cacheScope?: string,
): Promise<ProjectSchemas> {
  const skipped: SkippedFile[] = [];
  const usingAttrs = new Map<string, SchemaAttrs>();
  // One pass reads every file with the base modules known so far. Trees are deleted per file
  // (WASM memory), so a file whose `use` named a module only later found to quote schema
  // attributes in its __using__ is parsed a second time, at the end.
  const perFile: {
    file: { file: string; content: string };
    schemas: ProjectSchema[];
    unknown: Set<string>;
  }[] = [];
  const build = (result: FileResult) => {
    const schemas: ProjectSchema[] = [];
    const unknown = new Set<string>();
    const uses = new Set<string>();
    for (const m of result.modules) {
      for (const e of m.events) if ('use' in e) uses.add(e.use);
      for (const e of m.events) if ('use' in e && !usingAttrs.has(e.use)) unknown.add(e.use);
      const changeset = readChangeset(m.body, m.listAttrs, m.scope);
      buildSchema(m, effectiveAttrs(m, usingAttrs), schemas, changeset);
    }
    return { schemas, unknown, uses: [...uses], usingAttrs: [...result.usingAttrs] };
  };
  for (const f of files) {
    signal?.throwIfAborted();
    if (!/schema/i.test(f.content)) continue;
    // An unchanged file whose base modules quote what they did gives what it gave.
    const hit = cacheScope === undefined ? undefined : cachedFile(cacheScope, f.file, f.content);
    if (hit) {
      for (const [k, v] of hit.usingAttrs) usingAttrs.set(k, v);
      if (hit.skipped !== undefined) {
        skipped.push({ file: f.file, reason: hit.skipped });
        continue;
      }
      if (seenOf(hit.uses, usingAttrs) === hit.seen) {
        const schemas = schemasOf(hit);
        if (schemas.length > 0) perFile.push({ file: f, schemas, unknown: new Set(hit.unknown) });
        continue;
      }
    }
    let built: ReturnType<typeof build> | undefined;
    let r: Awaited<ReturnType<typeof readFile>>;
    try {
      r = await readFile(f.content, f.file, (result) => {
        for (const [k, v] of result.usingAttrs) usingAttrs.set(k, v);
        built = build(result);
      });
    } catch (e) {
      skipped.push({ file: f.file, reason: `could not be parsed: ${(e as Error).message}` });
      continue;
    }
    if (!r.ok) skipped.push({ file: f.file, reason: r.reason });
    else if (built && built.schemas.length > 0) perFile.push({ file: f, ...built });
    if (cacheScope !== undefined && (!r.ok || built)) {
      rememberFile(cacheScope, f.file, {
        content: f.content,
        usingAttrs: built?.usingAttrs ?? [],
        uses: built?.uses ?? [],
        seen: seenOf(built?.uses ?? [], usingAttrs),
        unknown: [...(built?.unknown ?? [])],
        schemas: built?.schemas ?? [],
        ...(r.ok ? {} : { skipped: r.reason }),
      });
    }
  }
  for (const entry of perFile) {
    if (![...entry.unknown].some((u) => usingAttrs.has(u))) continue;
    signal?.throwIfAborted();
    try {
      await readFile(entry.file.content, entry.file.file, (result) => {
        entry.schemas = build(result).schemas;
      });
    } catch (e) {
      skipped.push({ file: entry.file.file, reason: `could not be read: ${(e as Error).message}` });
      entry.schemas = [];
    }
  }
  return { schemas: perFile.flatMap((e) => e.schemas), skipped };
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
  // Read in one walk; within the bound, unchanged files come from memory (./stamped-read.ts).
  const all = await readDirectory(project, dir, ['.ex'], {
    signal: opts.signal,
    cache: opts.cache !== false,
    readAtMost: maxFiles,
  });
  const skipped: SkippedFile[] = [];
  const files: { file: string; content: string }[] = [];
  for (const [i, { file, content: known }] of all.entries()) {
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
      content = known === undefined ? await project.read(file) : known;
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
  const hit = lastRead.get(project.root);
  if (opts.cache !== false && hit && sameSources(hit.files, files)) {
    return structuredClone(hit.result);
  }
  const read = await readSchemasFromSources(
    files,
    opts.signal,
    opts.cache !== false ? project.root : undefined,
  );
  const result = { schemas: read.schemas, skipped: [...skipped, ...read.skipped] };
  if (opts.cache !== false) {
    if (lastRead.size >= 64) lastRead.clear();
    lastRead.set(project.root, { files, result: structuredClone(result) });
  }
  return result;
}

/** The last read of each project root: its sources and what they gave. */
const lastRead = new Map<
  string,
  { files: { file: string; content: string }[]; result: ProjectSchemas }
>();

function sameSources(
  a: readonly { file: string; content: string }[],
  b: readonly { file: string; content: string }[],
): boolean {
  return (
    a.length === b.length && a.every((x, i) => x.file === b[i]!.file && x.content === b[i]!.content)
  );
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
