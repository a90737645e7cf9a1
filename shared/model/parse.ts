/**
 * The phx.gen-style spec parser: one line per schema → the wire model (`SchemaDef`).
 *
 * Grammar (a superset of `mix phx.gen.schema|context|html|json|live|embedded`, see
 * reference/phoenix-generators.md §1.1–1.3):
 *
 *   [mix] [phx.gen.<kind>] [Context] Schema[.Module] [plural_table] attr… [--flag…]
 *   attr := name[:type[:arg…]][:modifier…]
 *   type := string (default) | text | integer | … | datetime (= naive_datetime)
 *         | array:<inner> | array:enum:<v>… | map[:<inner>] | enum:<v>… | references:<table>
 *         | belongs_to:<Module> | has_many:<Module> | has_one:<Module> | many_to_many:<Module>
 *   modifier := unique | redact | optional
 *             | on_delete=delete_all|nilify_all|restrict|nothing | join_table=<name>
 *             | default=<value> | size=<n> | precision=<n> | scale=<n>
 *   flag := --table <name> | --prefix <name> | --primary-key <name> | --binary-id | --no-binary-id
 *         | --no-timestamps | --timestamp-type <type> | --embedded
 *
 * Values may be quoted ('…' or "…") to hold spaces or colons: `starts_at:time:default="09:00:00"`.
 * When the plural is left out (the token after the module is an attribute), the table is derived
 * from the module ("Blog.Post" → "posts"). Every problem is reported with its line, token, position
 * and the valid choices; nothing is returned unless every line parses.
 */
import { camelize, pluralize, underscore } from '../naming/index.js';
import { IDENT_RE, MODULE_RE } from './schema.js';
import type { AssociationDef, FieldDef, SchemaDef } from './schema.js';
import {
  ARRAY_INNER_TYPES,
  ASSOCIATION_KINDS,
  FIELD_TYPES,
  MAP_INNER_TYPES,
  ON_DELETE,
  TIMESTAMP_TYPES,
  TYPE_ALIASES,
} from './types.js';
import type {
  ArrayInnerType,
  AssociationKind,
  FieldType,
  OnDelete,
  TimestampType,
} from './types.js';

export interface ParseOptions {
  /** Use binary_id (UUID) primary keys, like `--binary-id`. */
  binary_id?: boolean;
  /** Timestamp type for every schema, like `config :app, :generators, timestamp_type:`. */
  timestamp_type?: TimestampType;
  /** No inserted_at/updated_at. */
  no_timestamps?: boolean;
  /** Table name (only with a single spec line). */
  table?: string;
  /** PostgreSQL schema prefix for every table. */
  prefix?: string;
  /** Primary key column name for every schema. */
  primary_key?: string;
}

export interface SpecIssue {
  /** 1-based line number among the given specs. */
  line: number;
  /** The offending token as written. */
  token: string;
  /** 1-based position of the token in its line. */
  position: number;
  /** 1-based character column where the token starts. */
  column: number;
  message: string;
}

export class SpecError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(issues.map(formatSpecIssue).join('\n'));
    this.name = 'SpecError';
  }
}

export function formatSpecIssue(i: SpecIssue): string {
  return `line ${i.line}, token ${i.position} "${i.token}" (column ${i.column}): ${i.message}`;
}

const GEN_KINDS = ['schema', 'context', 'html', 'json', 'live', 'embedded'] as const;
const FLAGS = [
  '--table <name>',
  '--prefix <name>',
  '--primary-key <name>',
  '--binary-id',
  '--no-binary-id',
  '--no-timestamps',
  '--timestamp-type <type>',
  '--embedded',
];
const FLAG_MODS = ['unique', 'redact', 'optional'] as const;
const KV_MODS = ['on_delete', 'join_table', 'default', 'size', 'precision', 'scale'] as const;
const MODIFIERS_DOC = `unique, redact, optional, on_delete=${ON_DELETE.join('|')}, join_table=<name>, default=<value>, size=<n>, precision=<n>, scale=<n>`;
const ALL_TYPES_DOC = [...FIELD_TYPES, ...ASSOCIATION_KINDS, 'datetime'].join(', ');

interface Token {
  text: string;
  column: number;
}

/** Splits a line on whitespace, keeping quoted parts ('…', "…") inside their token. */
export function tokenize(line: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let quote: string | null = null;
    while (i < line.length && (quote !== null || !/\s/.test(line[i]!))) {
      const ch = line[i]!;
      if (quote !== null) {
        if (ch === '\\' && quote === '"' && i + 1 < line.length) i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      i++;
    }
    if (quote !== null)
      return { tokens, error: `unterminated ${quote} quote starting in column ${start + 1}` };
    tokens.push({ text: line.slice(start, i), column: start + 1 });
  }
  return { tokens };
}

/** Splits an attribute on ':' outside quotes and removes the quotes. */
function splitColons(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === '\\' && quote === '"' && i + 1 < text.length) {
        cur += text[++i];
      } else if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ':') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unquote(text: string): string {
  return splitColons(text).join(':');
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return d[a.length]![b.length]!;
}

export function didYouMean(word: string, options: readonly string[]): string {
  let best: string | null = null;
  let bestD = Infinity;
  for (const o of options) {
    const dd = distance(word.toLowerCase(), o);
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(word.length / 3))
    ? ` Did you mean "${best}"?`
    : '';
}

export function parseGenSpec(lines: string[], opts: ParseOptions = {}): SchemaDef[] {
  const issues: SpecIssue[] = [];
  if (opts.table !== undefined && lines.length > 1) {
    issues.push({
      line: 1,
      token: opts.table,
      position: 0,
      column: 0,
      message:
        'the table option applies to a single spec line; put --table <name> on the line it belongs to.',
    });
  }
  const out: SchemaDef[] = [];
  lines.forEach((line, li) => {
    const def = parseLine(line, li + 1, opts, issues);
    if (def) out.push(def);
  });
  if (issues.length > 0) throw new SpecError(issues);
  return out;
}

function parseLine(
  line: string,
  lineNo: number,
  opts: ParseOptions,
  issues: SpecIssue[],
): SchemaDef | null {
  const before = issues.length;
  const { tokens, error } = tokenize(line);
  const issue = (tok: Token | undefined, position: number, message: string) =>
    issues.push({
      line: lineNo,
      token: tok?.text ?? '',
      position,
      column: tok?.column ?? line.length + 1,
      message,
    });
  if (error) {
    issue(tokens[tokens.length - 1], tokens.length, error);
    return null;
  }
  if (tokens.length === 0) {
    issue(undefined, 0, 'empty spec line; expected e.g. "Blog Post posts title:string body:text".');
    return null;
  }
  let k = 0;
  let genKind: (typeof GEN_KINDS)[number] | null = null;
  if (tokens[k]?.text === 'mix') k++;
  const cmd = tokens[k]?.text.match(/^phx\.gen\.(\w+)$/);
  if (cmd) {
    const kind = cmd[1]!;
    if ((GEN_KINDS as readonly string[]).includes(kind))
      genKind = kind as (typeof GEN_KINDS)[number];
    else
      issue(
        tokens[k],
        k + 1,
        `phx.gen.${kind} is not supported here; use phx.gen.${GEN_KINDS.join(', phx.gen.')} (or no command).`,
      );
    k++;
  }

  // Flags first, wherever they are.
  const flags = {
    table: opts.table,
    prefix: opts.prefix,
    primary_key: opts.primary_key,
    binary_id: opts.binary_id ?? false,
    no_timestamps: opts.no_timestamps ?? false,
    timestamp_type: opts.timestamp_type,
    embedded: genKind === 'embedded',
  };
  const rest: { tok: Token; pos: number }[] = [];
  for (let t = k; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (!tok.text.startsWith('--')) {
      rest.push({ tok, pos: t + 1 });
      continue;
    }
    const [rawName, inline] = tok.text.includes('=')
      ? [tok.text.slice(0, tok.text.indexOf('=')), tok.text.slice(tok.text.indexOf('=') + 1)]
      : [tok.text, undefined];
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return unquote(inline);
      const next = tokens[t + 1];
      if (!next || next.text.startsWith('--')) {
        issue(
          tok,
          t + 1,
          `${rawName} needs a value, e.g. ${rawName} ${rawName === '--timestamp-type' ? 'utc_datetime' : 'name'}.`,
        );
        return undefined;
      }
      t++;
      return unquote(next.text);
    };
    switch (rawName) {
      case '--table':
      case '--prefix':
      case '--primary-key': {
        const v = takeValue();
        if (v === undefined) break;
        if (!IDENT_RE.test(v)) {
          issue(
            tok,
            t + 1,
            `${rawName} "${v}" must be snake_case (lowercase letters, digits and _).`,
          );
          break;
        }
        if (rawName === '--table') flags.table = v;
        else if (rawName === '--prefix') flags.prefix = v;
        else flags.primary_key = v;
        break;
      }
      case '--binary-id':
        flags.binary_id = true;
        break;
      case '--no-binary-id':
        flags.binary_id = false;
        break;
      case '--no-timestamps':
        flags.no_timestamps = true;
        break;
      case '--embedded':
        flags.embedded = true;
        break;
      case '--timestamp-type': {
        const v = takeValue();
        if (v === undefined) break;
        if (!(TIMESTAMP_TYPES as readonly string[]).includes(v)) {
          issue(
            tok,
            t + 1,
            `unknown timestamp type "${v}".${didYouMean(v, TIMESTAMP_TYPES)} Valid: ${TIMESTAMP_TYPES.join(', ')}.`,
          );
          break;
        }
        flags.timestamp_type = v as TimestampType;
        break;
      }
      default:
        issue(
          tok,
          t + 1,
          `unknown flag ${rawName}.${didYouMean(
            rawName.slice(2),
            FLAGS.map((f) => f.split(' ')[0]!.slice(2)),
          )} Valid flags: ${FLAGS.join(', ')}.`,
        );
    }
  }

  // Positionals: [Context] Schema [plural], then attributes.
  let r = 0;
  const first = rest[r];
  if (!first || !/^[A-Z]/.test(first.tok.text)) {
    issue(
      first?.tok,
      first?.pos ?? 0,
      `expected a schema module such as Blog.Post (or a context and a schema: Blog Post) at the start of the line.`,
    );
    return null;
  }
  let context: string | null | undefined;
  let module: string;
  const second = rest[r + 1];
  if (!MODULE_RE.test(first.tok.text)) {
    issue(
      first.tok,
      first.pos,
      `"${first.tok.text}" is not a valid module name; expected e.g. Blog.Post (segments start with an uppercase ASCII letter; letters, digits and _).`,
    );
    return null;
  }
  if (second && /^[A-Z]/.test(second.tok.text)) {
    if (!MODULE_RE.test(second.tok.text)) {
      issue(
        second.tok,
        second.pos,
        `"${second.tok.text}" is not a valid schema module name; expected e.g. Post.`,
      );
      return null;
    }
    context = first.tok.text;
    module = `${first.tok.text}.${second.tok.text}`;
    r += 2;
  } else {
    module = first.tok.text;
    r += 1;
  }
  let table: string | undefined = flags.table;
  const maybePlural = rest[r];
  if (!flags.embedded && maybePlural && !maybePlural.tok.text.includes(':')) {
    const plural = maybePlural.tok.text;
    if (!IDENT_RE.test(plural)) {
      issue(
        maybePlural.tok,
        maybePlural.pos,
        `expected the plural table name "${plural}" to be all lowercase using snake_case convention, e.g. ${pluralize(underscore(module.split('.').pop()!))}.`,
      );
    } else if (flags.table === undefined) table = plural;
    r += 1;
  }
  if (
    context === undefined &&
    module.includes('.') === false &&
    (genKind === 'html' || genKind === 'json' || genKind === 'live')
  ) {
    // Phoenix: an omitted context for html/json/live is the camelized plural.
    context = camelize(table ?? pluralize(underscore(module)));
  }

  const fields: FieldDef[] = [];
  const associations: AssociationDef[] = [];
  for (; r < rest.length; r++) {
    const { tok, pos } = rest[r]!;
    const parsed = parseAttr(tok, pos, (m) => issue(tok, pos, m), flags.embedded);
    if (!parsed) continue;
    if (parsed.kind === 'field') fields.push(parsed.field);
    else associations.push(parsed.assoc);
  }
  if (issues.length > before) return null;

  const def: SchemaDef = { module };
  if (context !== undefined) def.context = context;
  if (flags.embedded) def.embedded = true;
  else def.table = table ?? pluralize(underscore(module.split('.').pop()!));
  if (flags.binary_id || flags.primary_key !== undefined) {
    def.primary_key = {
      name: flags.primary_key ?? 'id',
      type: flags.binary_id ? 'binary_id' : 'id',
    };
  }
  if (flags.no_timestamps) def.timestamps = false;
  else if (flags.timestamp_type !== undefined) def.timestamps = { type: flags.timestamp_type };
  if (flags.prefix !== undefined) def.prefix = flags.prefix;
  def.fields = fields;
  def.associations = associations;
  return def;
}

type Attr = { kind: 'field'; field: FieldDef } | { kind: 'assoc'; assoc: AssociationDef };

function parseAttr(
  tok: Token,
  _pos: number,
  fail: (m: string) => void,
  embedded: boolean,
): Attr | null {
  const segs = splitColons(tok.text);
  const name = segs[0] ?? '';
  if (!IDENT_RE.test(name)) {
    fail(
      `"${name}" is not a valid field name; use snake_case such as published_at (lowercase letters, digits and _, not starting with a digit).`,
    );
    return null;
  }
  const positional: string[] = [];
  const mods: Record<string, string> = {};
  const flagMods = new Set<string>();
  for (const seg of segs.slice(1)) {
    const eq = seg.indexOf('=');
    const key = eq > 0 ? seg.slice(0, eq) : null;
    if (key !== null && (KV_MODS as readonly string[]).includes(key)) {
      if (mods[key] !== undefined) {
        fail(`modifier ${key}= is given twice in "${tok.text}".`);
        return null;
      }
      mods[key] = seg.slice(eq + 1);
    } else if (key !== null) {
      fail(
        `unknown modifier "${key}=" in "${tok.text}".${didYouMean(key, KV_MODS)} Valid modifiers: ${MODIFIERS_DOC}.`,
      );
      return null;
    } else if ((FLAG_MODS as readonly string[]).includes(seg)) {
      flagMods.add(seg);
    } else positional.push(seg);
  }
  const rawType = positional[0] ?? 'string';
  const type = TYPE_ALIASES[rawType] ?? rawType;
  const args = positional.slice(1);

  if ((ASSOCIATION_KINDS as readonly string[]).includes(type)) {
    return parseAssoc(name, type as AssociationKind, args, mods, flagMods, tok, fail, embedded);
  }
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    fail(
      `unknown type "${rawType}" in "${tok.text}".${didYouMean(rawType, [...FIELD_TYPES, ...ASSOCIATION_KINDS, 'datetime'])} Valid types: ${ALL_TYPES_DOC}.`,
    );
    return null;
  }
  const field: FieldDef = { name, type: type as FieldType };
  const extra = (from: number) => {
    const x = args[from];
    if (x !== undefined) {
      fail(
        `unexpected "${x}" after type ${type} in "${tok.text}"; a ${type} field takes no further arguments. Valid modifiers: ${MODIFIERS_DOC}.`,
      );
      return true;
    }
    return false;
  };
  switch (type) {
    case 'array': {
      const inner = args[0];
      if (inner === undefined) {
        fail(
          `the array field "${name}" needs an element type, e.g. ${name}:array:string. Valid: ${ARRAY_INNER_TYPES.join(', ')}.`,
        );
        return null;
      }
      const innerT = TYPE_ALIASES[inner] ?? inner;
      if (!(ARRAY_INNER_TYPES as readonly string[]).includes(innerT)) {
        fail(
          `unknown array element type "${inner}" in "${tok.text}".${didYouMean(inner, ARRAY_INNER_TYPES)} Valid: ${ARRAY_INNER_TYPES.join(', ')}.`,
        );
        return null;
      }
      field.inner = innerT as ArrayInnerType;
      if (innerT === 'enum') {
        if (args.length < 2) {
          fail(`the array of enums "${name}" needs values, e.g. ${name}:array:enum:red:green.`);
          return null;
        }
        field.values = args.slice(1);
      } else if (extra(1)) return null;
      break;
    }
    case 'map': {
      const inner = args[0];
      if (inner !== undefined) {
        const innerT = TYPE_ALIASES[inner] ?? inner;
        if (!(MAP_INNER_TYPES as readonly string[]).includes(innerT)) {
          fail(
            `unknown map value type "${inner}" in "${tok.text}".${didYouMean(inner, MAP_INNER_TYPES)} Valid: ${MAP_INNER_TYPES.join(', ')}.`,
          );
          return null;
        }
        field.inner = innerT as ArrayInnerType;
        if (extra(1)) return null;
      }
      break;
    }
    case 'enum':
      if (args.length === 0) {
        fail(`enum type requires at least one value, e.g. ${name}:enum:draft:published.`);
        return null;
      }
      field.values = args;
      break;
    case 'references': {
      const table = args[0];
      if (table === undefined) {
        fail(`the references field "${name}" needs the table, e.g. ${name}:references:users.`);
        return null;
      }
      if (!IDENT_RE.test(table)) {
        fail(`referenced table "${table}" must be snake_case, e.g. users.`);
        return null;
      }
      if (extra(1)) return null;
      field.references = { table };
      break;
    }
    default:
      if (extra(0)) return null;
  }
  // Modifiers.
  if (flagMods.has('unique')) field.unique = true;
  if (flagMods.has('redact')) field.redact = true;
  if (flagMods.has('optional')) field.required = false;
  for (const [key, value] of Object.entries(mods)) {
    switch (key) {
      case 'on_delete': {
        if (type !== 'references') {
          fail(
            `on_delete= applies to references and belongs_to only, not to the ${type} field "${name}".`,
          );
          return null;
        }
        const od = parseOnDelete(value, tok, fail);
        if (!od) return null;
        field.references = { ...field.references!, on_delete: od };
        break;
      }
      case 'join_table':
        fail(
          `join_table= applies to many_to_many associations only, not to the ${type} field "${name}".`,
        );
        return null;
      case 'default': {
        const v = parseDefault(value, field, fail);
        if (v === undefined) return null;
        field.default = v;
        break;
      }
      case 'size':
      case 'precision':
      case 'scale': {
        const n = parsePositiveInt(value, key, tok, fail);
        if (n === null) return null;
        field[key] = n;
        break;
      }
    }
  }
  return { kind: 'field', field };
}

function parseOnDelete(value: string, tok: Token, fail: (m: string) => void): OnDelete | null {
  if (!(ON_DELETE as readonly string[]).includes(value)) {
    fail(
      `unknown on_delete "${value}" in "${tok.text}".${didYouMean(value, ON_DELETE)} Valid: ${ON_DELETE.join(', ')}.`,
    );
    return null;
  }
  return value as OnDelete;
}

function parsePositiveInt(
  value: string,
  key: string,
  tok: Token,
  fail: (m: string) => void,
): number | null {
  if (!/^\d+$/.test(value) || (key !== 'scale' && Number(value) === 0)) {
    fail(
      `${key}=${value} in "${tok.text}" must be a ${key === 'scale' ? 'non-negative' : 'positive'} whole number, e.g. ${key}=${key === 'scale' ? 2 : 10}.`,
    );
    return null;
  }
  return Number(value);
}

function parseDefault(
  raw: string,
  field: FieldDef,
  fail: (m: string) => void,
): FieldDef['default'] | undefined {
  const type = field.type ?? 'string';
  const where = `default=${raw} for the ${type} field "${field.name}"`;
  switch (type) {
    case 'integer':
    case 'float': {
      const n = Number(raw);
      if (
        raw.trim() === '' ||
        !Number.isFinite(n) ||
        (type === 'integer' && !Number.isInteger(n))
      ) {
        fail(`${where} is not ${type === 'integer' ? 'a whole number' : 'a number'}.`);
        return undefined;
      }
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        fail(`${where} must be true or false.`);
        return undefined;
      }
      return raw === 'true';
    case 'array':
    case 'map':
      try {
        const v: unknown = JSON.parse(raw);
        if (
          type === 'array'
            ? Array.isArray(v)
            : typeof v === 'object' && v !== null && !Array.isArray(v)
        ) {
          return v as FieldDef['default'];
        }
      } catch {
        // fall through
      }
      fail(
        `${where} must be JSON ${type === 'array' ? 'array such as []' : 'object such as {}'} (quote it: default='["a"]').`,
      );
      return undefined;
    case 'references':
    case 'id':
    case 'binary_id':
      fail(`${where}: a key column cannot have a default.`);
      return undefined;
    default:
      return raw;
  }
}

function parseAssoc(
  name: string,
  kind: AssociationKind,
  args: string[],
  mods: Record<string, string>,
  flagMods: Set<string>,
  tok: Token,
  fail: (m: string) => void,
  embedded: boolean,
): Attr | null {
  if (embedded) {
    fail(`embedded schemas cannot have ${kind} associations ("${tok.text}").`);
    return null;
  }
  const target = args[0];
  if (target === undefined) {
    fail(
      `the ${kind} association "${name}" needs the target schema module, e.g. ${name}:${kind}:Accounts.User.`,
    );
    return null;
  }
  if (!MODULE_RE.test(target)) {
    fail(
      `"${target}" in "${tok.text}" is not a module name; expected the target schema relative to the app, e.g. Accounts.User.`,
    );
    return null;
  }
  if (args.length > 1) {
    fail(
      `unexpected "${args[1]}" after the target ${target} in "${tok.text}". Valid modifiers: ${MODIFIERS_DOC}.`,
    );
    return null;
  }
  const notFor = (what: string) => {
    fail(`${what} does not apply to ${kind} ("${tok.text}").`);
    return null;
  };
  for (const key of Object.keys(mods)) {
    if (key === 'on_delete' && kind !== 'belongs_to') return notFor('on_delete=');
    if (key === 'join_table' && kind !== 'many_to_many') return notFor('join_table=');
    if (key === 'default' || key === 'size' || key === 'precision' || key === 'scale')
      return notFor(`${key}=`);
  }
  if (flagMods.has('redact')) return notFor('redact');
  if ((flagMods.has('optional') || flagMods.has('unique')) && kind !== 'belongs_to') {
    return notFor(flagMods.has('optional') ? 'optional' : 'unique');
  }
  switch (kind) {
    case 'belongs_to': {
      const a: AssociationDef = { kind, name, target };
      if (flagMods.has('optional')) a.required = false;
      if (flagMods.has('unique')) a.unique = true;
      if (mods.on_delete !== undefined) {
        const od = parseOnDelete(mods.on_delete, tok, fail);
        if (!od) return null;
        a.on_delete = od;
      }
      return { kind: 'assoc', assoc: a };
    }
    case 'many_to_many': {
      const a: AssociationDef = { kind, name, target };
      if (mods.join_table !== undefined) {
        if (!IDENT_RE.test(mods.join_table)) {
          fail(`join_table=${mods.join_table} must be snake_case, e.g. posts_tags.`);
          return null;
        }
        a.join_table = mods.join_table;
      }
      return { kind: 'assoc', assoc: a };
    }
    default:
      return { kind: 'assoc', assoc: { kind, name, target } };
  }
}
