/**
 * The inside of one schema module, as written: the `schema`/`embedded_schema` block (fields,
 * associations, timestamps, each with its line and literal options) and the `changeset/2`
 * pipeline (cast, validate_required, validations and constraints). ./schemas.ts finds the modules;
 * ./schema-model.ts turns what is read here into the generators' wire model.
 */
import {
  atomList,
  atomName,
  callArgs,
  callName,
  doBlock,
  keywordOpts,
  lineOf,
  moduleAttribute,
  named,
  oneLine,
  positional,
  stringValue,
} from './ast.js';
import type { Node } from './parser.js';
import type {
  ChangesetRead,
  ChangesetScope,
  ChangesetStep,
  ProjectSchema,
  ProjectSchemaAssociation,
  SchemaAttrs,
  Scope,
} from './schema-types.js';
import { moduleRef, typeText } from './scope.js';

/** A keyword list's values as one-line source text. */
function optionTexts(opts: Map<string, Node>, scope: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of opts) out[k] = typeText(v, scope);
  return out;
}

function readField(node: Node, schema: ProjectSchema, scope: Scope): void {
  const args = callArgs(node);
  const pos = positional(args);
  const opts = keywordOpts(args);
  const fieldName = atomName(pos[0]);
  if (fieldName === null) {
    schema.unreadable.push({
      line: lineOf(node),
      what: `field with a non-literal name: ${oneLine(node.text)}`,
    });
    return;
  }
  const type = pos[1] ? typeText(pos[1], scope) : ':string';
  const values = type.includes('Ecto.Enum') ? atomList(opts.get('values')) : null;
  schema.fields.push({
    name: fieldName,
    type,
    ...(values ? { values } : {}),
    ...(opts.get('virtual')?.text === 'true' ? { virtual: true as const } : {}),
    ...(opts.get('primary_key')?.text === 'true' ? { primary_key: true as const } : {}),
    line: lineOf(node),
    options: optionTexts(opts, scope),
    from: 'field',
  });
}

function readTimestamps(node: Node, schema: ProjectSchema, attrs: SchemaAttrs, scope: Scope): void {
  const opts = keywordOpts(callArgs(node));
  const typeNode = opts.get('type');
  const type = typeNode ? typeText(typeNode, scope) : (attrs.timestamps_type ?? ':naive_datetime');
  const names: Record<'inserted_at' | 'updated_at', string | false> = {
    inserted_at: attrs.inserted_at ?? 'inserted_at',
    updated_at: attrs.updated_at ?? 'updated_at',
  };
  for (const key of ['inserted_at', 'updated_at'] as const) {
    const v = opts.get(key);
    if (v?.type === 'boolean' && v.text === 'false') names[key] = false;
    else if (atomName(v) !== null) names[key] = atomName(v)!;
  }
  const options = optionTexts(opts, scope);
  schema.timestamps = { type, ...names, line: lineOf(node), options };
  for (const key of ['inserted_at', 'updated_at'] as const) {
    const name = names[key];
    if (name !== false) {
      schema.fields.push({ name, type, line: lineOf(node), options: {}, from: 'timestamps' });
    }
  }
}

type AssocKind = ProjectSchemaAssociation['kind'];

function readAssociation(
  node: Node,
  kind: AssocKind,
  schema: ProjectSchema,
  ctx: BlockContext,
): void {
  const args = callArgs(node);
  const pos = positional(args);
  const opts = keywordOpts(args);
  const assocName = atomName(pos[0]);
  if (assocName === null) {
    schema.unreadable.push({ line: lineOf(node), what: `${kind} with a non-literal name` });
    return;
  }
  let target = moduleRef(pos[1], ctx.scope);
  const inline = (kind === 'embeds_one' || kind === 'embeds_many') && doBlock(node);
  if (inline && pos[1]?.type === 'alias') {
    target = `${schema.module}.${pos[1].text}`;
    ctx.inlineEmbed(node, target, opts.get('primary_key')?.text === 'false');
  }
  const assoc: ProjectSchemaAssociation = {
    kind,
    name: assocName,
    target,
    line: lineOf(node),
    options: optionTexts(opts, ctx.scope),
  };
  if (kind === 'belongs_to') {
    const fk = atomName(opts.get('foreign_key')) ?? `${assocName}_id`;
    assoc.foreign_key = fk;
    if (opts.get('define_field')?.text !== 'false') {
      const t = opts.get('type');
      schema.fields.push({
        name: fk,
        type: t ? typeText(t, ctx.scope) : (ctx.attrs.foreign_key_type ?? ':id'),
        line: lineOf(node),
        options: {},
        from: 'belongs_to',
      });
    }
  }
  schema.associations.push(assoc);
}

export interface BlockContext {
  scope: Scope;
  attrs: SchemaAttrs;
  /** Reads an inline `embeds_one :x, X do … end` as the module Parent.X. */
  inlineEmbed(node: Node, module: string, noPrimaryKey: boolean): void;
}

const ASSOCIATIONS = new Set<string>([
  'belongs_to',
  'has_many',
  'has_one',
  'many_to_many',
  'embeds_one',
  'embeds_many',
]);

/** The statements of the schema block into `schema`. */
export function readSchemaBlock(block: Node, schema: ProjectSchema, ctx: BlockContext): void {
  for (const node of named(block)) {
    const name = callName(node);
    if (name === 'field') readField(node, schema, ctx.scope);
    else if (name === 'timestamps') readTimestamps(node, schema, ctx.attrs, ctx.scope);
    else if (name !== null && ASSOCIATIONS.has(name)) {
      readAssociation(node, name as AssocKind, schema, ctx);
    } else {
      schema.unreadable.push({
        line: lineOf(node),
        what: `${oneLine(node.text).slice(0, 80)} (not a field, association or timestamps call; it may define fields)`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// changeset/2

/** `a |> b(x) |> c(y)` → [a, b(x), c(y)]. */
function pipeline(node: Node): Node[] {
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '|>') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return [...(left ? pipeline(left) : []), ...(right ? [right] : [])];
  }
  return [node];
}

/** A literal list of atoms, directly or through a module attribute of the module. */
function namesOf(node: Node | undefined, moduleAttrs: Map<string, string[]>): string[] | null {
  if (!node) return null;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '++') {
    const left = namesOf(node.childForFieldName('left') ?? undefined, moduleAttrs);
    const right = namesOf(node.childForFieldName('right') ?? undefined, moduleAttrs);
    return left && right ? [...left, ...right] : null;
  }
  const attr = moduleAttribute(node);
  if (attr && attr[1] === null) return moduleAttrs.get(attr[0]) ?? null;
  const one = atomName(node);
  if (one !== null) return [one];
  return atomList(node);
}

function readStep(
  call: Node,
  piped: boolean,
  moduleAttrs: Map<string, string[]>,
  scope: Scope,
): ChangesetStep | null {
  const name = callName(call);
  if (name === null) return null;
  const args = callArgs(call);
  const pos = positional(args);
  const opts = keywordOpts(args);
  // A piped call's first argument is the changeset; an unpiped one names it first.
  const rest = piped ? pos : pos.slice(1);
  const line = lineOf(call);
  if (name === 'cast') {
    return {
      name,
      line,
      fields: namesOf(rest[1], moduleAttrs),
      values: null,
      options: optionTexts(opts, scope),
    };
  }
  const values = rest[1] ? readValues(rest[1]) : null;
  return {
    name,
    line,
    fields: namesOf(rest[0], moduleAttrs),
    values,
    options: optionTexts(opts, scope),
    ...(rest[1]?.type === 'sigil' ? { regex: sigilBody(rest[1]) } : {}),
  };
}

/** `~r/.../` → its body, or null when it has modifiers or interpolation. */
function sigilBody(node: Node): string | null {
  const parts = named(node);
  const name = parts.find((p) => p.type === 'sigil_name')?.text;
  const mods = parts.find((p) => p.type === 'sigil_modifiers')?.text ?? '';
  const content = parts.filter((p) => p.type !== 'sigil_name' && p.type !== 'sigil_modifiers');
  if (name !== 'r' || mods !== '' || content.some((c) => c.type !== 'quoted_content')) return null;
  return content.map((c) => c.text).join('');
}

/** A literal list of strings, numbers or atoms (validate_inclusion's values), as JSON values. */
function readValues(node: Node): (string | number | boolean)[] | null {
  if (node.type !== 'list') return null;
  const out: (string | number | boolean)[] = [];
  for (const item of named(node)) {
    const s = stringValue(item) ?? atomName(item);
    if (s !== null) out.push(s);
    else if (item.type === 'integer' || item.type === 'float')
      out.push(Number(item.text.replace(/_/g, '')));
    else if (item.type === 'unary_operator' && /^-\s*\d/.test(item.text))
      out.push(Number(item.text.replace(/[\s_]/g, '')));
    else if (item.type === 'boolean') out.push(item.text === 'true');
    else return null;
  }
  return out;
}

/** `put_change(:key, param.a.b)`: the scope key a changeset/3 puts; null for anything else. */
function scopePut(call: Node, piped: boolean, param: string): ChangesetScope | null {
  if (callName(call) !== 'put_change') return null;
  const pos = positional(callArgs(call));
  const [keyNode, valueNode] = piped ? pos : pos.slice(1);
  const key = atomName(keyNode);
  const path = valueNode?.text.replace(/\s+/g, '').split('.');
  if (key === null || !path || path[0] !== param || path.length < 2) return null;
  if (!path.slice(1).every((p) => /^[a-z_][a-zA-Z0-9_]*$/.test(p))) return null;
  return { param, key, access_path: path.slice(1), line: lineOf(call) };
}

/** A changeset head's parameter name (`user_scope`), or null when it is not a plain variable. */
function paramName(node: Node | undefined): string | null {
  return node?.type === 'identifier' && /^[a-z_]/.test(node.text) ? node.text : null;
}

/**
 * `def changeset(x, attrs) do … end` (the first one), or a scoped `def changeset(x, attrs, scope)`
 * → its steps, with the scope key a changeset/3 puts; null when the module has neither.
 */
export function readChangeset(
  body: Node[],
  moduleAttrs: Map<string, string[]>,
  scope: Scope,
): ChangesetRead | null {
  for (const node of body) {
    if (callName(node) !== 'def') continue;
    const [head] = callArgs(node);
    const params = head && callName(head) === 'changeset' ? callArgs(head) : [];
    if (params.length !== 2 && params.length !== 3) continue;
    const arity = params.length as 2 | 3;
    const scopeParam = arity === 3 ? paramName(params[2]) : null;
    const block = doBlock(node);
    if (!block)
      return {
        line: lineOf(node),
        arity,
        steps: [],
        other: [{ line: lineOf(node), what: `changeset/${arity} without a do block` }],
        scope: null,
      };
    const steps: ChangesetStep[] = [];
    const other: { line: number; what: string }[] = [];
    let put: ChangesetScope | null = null;
    const statements = named(block);
    statements.forEach((statement, i) => {
      const calls = pipeline(statement);
      calls.forEach((call, j) => {
        if (j === 0 && calls.length > 1 && call.type === 'identifier') return; // the struct
        const scoped =
          scopeParam === null || put !== null ? null : scopePut(call, j > 0, scopeParam);
        if (scoped !== null) {
          put = scoped;
          return;
        }
        const step = readStep(call, j > 0, moduleAttrs, scope);
        if (step) steps.push(step);
        else if (!(i === statements.length - 1 && call.type === 'identifier')) {
          other.push({ line: lineOf(call), what: oneLine(call.text).slice(0, 80) });
        }
      });
    });
    return { line: lineOf(node), arity, steps, other, scope: put };
  }
  return null;
}
