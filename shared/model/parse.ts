/**
 * The phx.gen-style spec parser: one line per schema → the wire model (`SchemaDef`).
 *
 * Grammar (a superset of what `mix phx.gen.schema|context|html|json|live|embedded` take: the
 * context, schema and table positions and the attribute syntax of Phoenix's generators):
 *
 *   [mix] [phx.gen.<kind>] [Context] Schema[.Module] [plural_table] attr… [--flag…]
 *   attr := name[:type[:arg…]][:modifier…]
 *   type := string (default) | text | integer | … | datetime (= naive_datetime)
 *         | array:<inner> | array:enum:<v>… | map[:<inner>] | enum:<v>… | references:<table>
 *         | belongs_to:<Module> | has_many:<Module> | has_one:<Module> | many_to_many:<Module>
 *   modifier := unique | redact | optional | owner (belongs_to only)
 *             | on_delete=delete_all|nilify_all|restrict|nothing | join_table=<name>
 *             | default=<value> | size=<n> | precision=<n> | scale=<n>
 *   flag := --table <name> | --prefix <name> | --primary-key <name> | --binary-id | --no-binary-id
 *         | --no-timestamps | --timestamp-type <type> | --embedded
 *
 * Values may be quoted ('…' or "…") to hold spaces or colons: `starts_at:time:default="09:00:00"`.
 * As in `mix phx.gen.*`, the word after the schema module is the table name when it has no colon:
 * `Blog.Post title` gives table "title" and no field (normalizeModel warns about both). The table is
 * derived from the module ("Blog.Post" → "posts") only when an attribute with a colon follows the
 * module directly (`Blog.Post title:string`). Every problem is reported with its line, token,
 * position and the valid choices; nothing is returned unless every line parses.
 *
 * `phx.gen.html|json|live` lines give the same model as `phx.gen.context`; the web layer they would
 * also write is not generated here, and a note for each such line says so.
 */
import { camelize, pluralize, underscore } from '../naming/index.js';
import { IDENT_RE, MODULE_RE } from './schema.js';
import type { AssociationDef, FieldDef, SchemaDef } from './schema.js';
import type { TimestampType } from './types.js';
import { parseAttr } from './parse/attr.js';
import { readFlags, type IssueAt, type LineFlags, type Positional } from './parse/flags.js';
import { tokenize, type Token } from './parse/tokens.js';

export { didYouMean } from './parse/suggest.js';
export { tokenize } from './parse/tokens.js';

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

/** Something to know about a line that parsed (e.g. what its phx.gen command would also make). */
export interface SpecNote {
  /** 1-based line number among the given specs. */
  line: number;
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
type GenKind = (typeof GEN_KINDS)[number];

/** Parses every line; throws a SpecError listing every problem. `notes`, when given, collects SpecNotes. */
export function parseGenSpec(
  lines: string[],
  opts: ParseOptions = {},
  notes?: SpecNote[],
): SchemaDef[] {
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
    const def = parseLine(line, li + 1, opts, issues, notes);
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
  notes: SpecNote[] | undefined,
): SchemaDef | null {
  const before = issues.length;
  const { tokens, error } = tokenize(line);
  const issue: IssueAt = (tok, position, message) =>
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
  const { genKind, next } = readCommand(tokens, issue);
  const { flags, rest } = readFlags(
    tokens,
    next,
    {
      table: opts.table,
      prefix: opts.prefix,
      primary_key: opts.primary_key,
      binary_id: opts.binary_id ?? false,
      no_binary_id: false,
      no_timestamps: opts.no_timestamps ?? false,
      timestamp_type: opts.timestamp_type,
      embedded: genKind === 'embedded',
    },
    issue,
  );
  const head = readHead(rest, flags, genKind, issue);
  if (!head) return null;
  const fields: FieldDef[] = [];
  const associations: AssociationDef[] = [];
  for (const { tok, pos } of rest.slice(head.next)) {
    const parsed = parseAttr(tok, (m) => issue(tok, pos, m), flags.embedded);
    if (!parsed) continue;
    if (parsed.kind === 'field') fields.push(parsed.field);
    else associations.push(parsed.assoc);
  }
  if (issues.length > before) return null;
  const def = buildDef(head, flags, fields, associations);
  if (genKind === 'html' || genKind === 'json' || genKind === 'live') {
    notes?.push({ line: lineNo, message: webLayerNote(genKind, def) });
  }
  return def;
}

const WEB_FILES: Record<'html' | 'json' | 'live', string> = {
  live: 'the LiveViews (index, show, form), their test, and the routes to paste into router.ex',
  html: 'the controller, its HTML module and templates (index, show, new, edit, form), the controller test, and the routes',
  json: 'the JSON controller, its JSON view, the fallback and changeset-JSON modules, the controller test, and the routes',
};

/**
 * What a `mix phx.gen.html|json|live` line would also have written, which this suite does not,
 * and the command that adds it on top of what was generated.
 */
function webLayerNote(kind: 'html' | 'json' | 'live', def: SchemaDef): string {
  const dot = def.module.lastIndexOf('.');
  const context = def.context ?? (dot < 0 ? null : def.module.slice(0, dot));
  const schema =
    context !== null && def.module.startsWith(`${context}.`)
      ? def.module.slice(context.length + 1)
      : def.module;
  const command = ['mix', `phx.gen.${kind}`, context, schema, def.table, '<attrs…>', '--no-context']
    .filter((w) => w !== null && w !== undefined)
    .join(' ');
  return (
    `phx.gen.${kind}: only the schema, the migration and the context (with its tests and fixtures) are generated here; ` +
    `mix phx.gen.${kind} would also write ${WEB_FILES[kind]}, which this suite does not generate. ` +
    `For those, run \`${command}\` in the project afterwards (the attributes of this line as <attrs…>; --no-context keeps the context and schema made here).`
  );
}

/** `[mix] [phx.gen.<kind>]` at the start of a line: the generator kind, and where the rest starts. */
function readCommand(tokens: Token[], issue: IssueAt): { genKind: GenKind | null; next: number } {
  let k = 0;
  let genKind: GenKind | null = null;
  if (tokens[k]?.text === 'mix') k++;
  const cmd = tokens[k]?.text.match(/^phx\.gen\.(\w+)$/);
  if (cmd) {
    const kind = cmd[1]!;
    if ((GEN_KINDS as readonly string[]).includes(kind)) genKind = kind as GenKind;
    else
      issue(
        tokens[k],
        k + 1,
        `phx.gen.${kind} is not supported here; use phx.gen.${GEN_KINDS.join(', phx.gen.')} (or no command).`,
      );
    k++;
  }
  return { genKind, next: k };
}

interface LineHead {
  context: string | null | undefined;
  module: string;
  table: string | undefined;
  /** Index in the positionals of the first attribute. */
  next: number;
}

/** The positionals before the attributes: `[Context] Schema [plural]`. */
function readHead(
  rest: Positional[],
  flags: LineFlags,
  genKind: GenKind | null,
  issue: IssueAt,
): LineHead | null {
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
  return { context, module, table, next: r };
}

function buildDef(
  { context, module, table }: LineHead,
  flags: LineFlags,
  fields: FieldDef[],
  associations: AssociationDef[],
): SchemaDef {
  const def: SchemaDef = { module };
  if (context !== undefined) def.context = context;
  if (flags.embedded) def.embedded = true;
  else def.table = table ?? pluralize(underscore(module.split('.').pop()!));
  if (flags.binary_id || flags.no_binary_id || flags.primary_key !== undefined) {
    def.primary_key = {
      name: flags.primary_key ?? 'id',
      type: flags.binary_id ? 'binary_id' : 'id',
    };
  }
  if (flags.no_timestamps) def.timestamps = false;
  else if (flags.timestamp_type !== undefined) def.timestamps = { type: flags.timestamp_type };
  if (flags.prefix !== undefined) def.prefix = flags.prefix;
  if (flags.scope !== undefined) def.scope = flags.scope;
  def.fields = fields;
  def.associations = associations;
  return def;
}
