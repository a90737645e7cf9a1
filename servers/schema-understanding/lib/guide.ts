/**
 * What an LLM needs to turn a description into a valid model: the design rules, the type table,
 * the JSON Schema and worked examples. One text, used by understand_schema (as the sampling
 * system prompt, or returned as instructions when the client has no sampling) and by the prompts.
 */
import {
  FIELD_TYPES,
  modelJsonSchema,
  type App,
  type KnownSchema,
} from '../../../shared/model/index.js';
import { EXAMPLES, exampleModel, type Example } from './examples.js';
import { typeTableMarkdown } from './types-doc.js';

export const MODEL_SCHEMA_URI = 'phx-gen-mcp://model/schema.json';
export const TYPES_DOC_URI = 'phx-gen-mcp://docs/types.md';
export const exampleUri = (name: string) => `phx-gen-mcp://examples/${name}`;

/** The generator tools of the suite, in the order a CRUD generation calls them. */
export const GENERATOR_TOOLS = [
  'generate_ecto_schema',
  'generate_ecto_migration',
  'generate_phoenix_context',
] as const;

export const DESIGN_RULES = `Design rules (a senior Elixir/Phoenix engineer's defaults):
1. One entry in "schemas" per Ecto schema. "module" is relative to the application ("Blog.Post" for MyApp.Blog.Post): CamelCase segments, the first segment is the context ("Blog"), the last the singular schema name ("Post"). Use the same context for schemas of one domain. The context must differ from the schema name and from the application.
2. Tables are plural snake_case ("posts", "order_items"); leave "table" out to get the plural of the schema name.
3. Field and association names are snake_case ASCII, never Elixir reserved words (end, do, fn, nil, true, false, when, in, …).
4. Do NOT declare "id", "inserted_at" or "updated_at" as fields: the primary key and the timestamps are automatic. Use "primary_key": {"type": "binary_id"} for UUID keys; keep timestamps (set {"type": "utc_datetime"} for UTC).
5. A reference to another schema is an association, never a plain "<name>_id" field: {"kind": "belongs_to", "name": "author", "target": "Accounts.User"} on the schema that holds the foreign key. The inverse has_many (has_one when "unique": true) is added to the target automatically when the target is in the same batch; do not add it yourself. Targets outside the batch must already exist in the project.
6. Choose "on_delete" on belongs_to: "delete_all" for children that cannot exist without the parent (comments of a post), "nilify_all" with "required": false for optional links, the default "nothing" otherwise.
7. Types: "text" for prose (descriptions, bodies, bios), "string" for short values; "decimal" with "precision" and "scale" for money (never float); "enum" with "values" for a closed set of names; "boolean" with an explicit "default"; "utc_datetime" for points in time; "date" for calendar days; "map" for free-form JSON; "array" with "inner" for lists of scalars.
8. Fields are required by default; set "required": false for values that may be missing.
9. "unique": true for values records are looked up by (email, slug, username, sku); a composite {"columns": [...], "unique": true} index for uniqueness per parent. "redact": true for secrets (password hashes, tokens).
10. Only the keys of the JSON Schema exist; anything else is ignored.`;

const REPLY_FORMAT =
  'Reply with JSON only: one object {"schemas": [ … ]} that validates against the JSON Schema. No prose, no comments, no markdown fences. Leave "app" out: the server knows the application.';

function exampleBlock(ex: Example): string {
  return `Description: ${ex.description}\nModel:\n${JSON.stringify(exampleModel(ex))}`;
}

export interface ProjectSummary {
  app: App | null;
  known: readonly KnownSchema[];
}

/** "MyApp.Accounts.User" → "Accounts.User" when the app is MyApp. */
function relative(module: string, app: App | null): string {
  return app && module.startsWith(`${app.base_module}.`)
    ? module.slice(app.base_module.length + 1)
    : module;
}

/** The project's existing schemas, which associations may target without adding them. */
export function projectSummaryText(facts: ProjectSummary): string {
  const lines: string[] = [];
  if (facts.app) {
    lines.push(
      `The application is ${facts.app.base_module} (otp_app :${facts.app.otp_app}, repo ${facts.app.repo}); modules are relative to ${facts.app.base_module}.`,
    );
  }
  if (facts.known.length > 0) {
    lines.push(
      'Schemas that already exist in the project (associations may target them; do not add them to the batch):',
      ...facts.known.map(
        (k) =>
          `- ${relative(k.module, facts.app)}${k.table ? ` (table ${k.table}` : ' (embedded'}${k.primary_key === false ? ', no primary key' : k.primary_key.type === 'binary_id' ? ', binary_id key' : ''})`,
      ),
    );
  }
  return lines.join('\n');
}

/** The last instruction of the no-sampling instructions: produce JSON, then use the tools. */
export const INSTRUCTIONS_FORMAT =
  'Produce one JSON object {"schemas": [ … ]} that validates against the JSON Schema (leave "app" out unless the user named the application), then check it with the tool validate_schema_model and fix every error it reports.';

/**
 * The sampling system prompt, or (with `format` INSTRUCTIONS_FORMAT) the instructions a client's
 * own LLM follows when the server cannot sample.
 */
export function systemPrompt(
  facts: ProjectSummary = { app: null, known: [] },
  format: string = REPLY_FORMAT,
): string {
  const project = projectSummaryText(facts);
  const worked = EXAMPLES.slice(0, 2).map(exampleBlock).join('\n\n');
  if (format === INSTRUCTIONS_FORMAT) return linkedInstructions(project);
  return `You design Ecto schemas for a Phoenix application. You turn a description of data into the typed JSON model that the phx-gen-mcp generators turn into Ecto schemas, migrations and Phoenix contexts.

${DESIGN_RULES}

Field types (type → Ecto schema type, migration column, meaning):
${typeTableMarkdown()}
${project ? `\n${project}\n` : ''}
Worked examples:

${worked}

The JSON Schema of the model (2020-12):
${JSON.stringify(modelJsonSchema())}

${format}`;
}

/**
 * The no-sampling instructions, sized for the client LLM's context (about 4 KB): the rules, the
 * type names and one worked example inline; the JSON Schema, the type table and the other
 * examples as resources the result links to.
 */
function linkedInstructions(project: string): string {
  const others = EXAMPLES.slice(1)
    .map((e) => exampleUri(e.name))
    .join(', ');
  return `You design Ecto schemas for a Phoenix application. You turn a description of data into the typed JSON model that the phx-gen-mcp generators turn into Ecto schemas, migrations and Phoenix contexts.

${DESIGN_RULES}

Field types: ${FIELD_TYPES.join(', ')} (their Ecto types, columns and meaning: ${TYPES_DOC_URI}).
${project ? `\n${project}\n` : ''}
Worked example:

${exampleBlock(EXAMPLES[0]!)}

More (linked in this result, read them when you need them): the JSON Schema of the model (2020-12) at ${MODEL_SCHEMA_URI}, every key and type at ${TYPES_DOC_URI}, other worked examples at ${others}.

${INSTRUCTIONS_FORMAT}`;
}

/** The user turn: the description to model. */
export function userRequest(description: string): string {
  return `Design the Ecto schemas for this description:\n\n${description}\n\n${REPLY_FORMAT}`;
}

/** The follow-up turn after an invalid reply. */
export function retryRequest(problems: readonly string[]): string {
  return `Your model is not valid. Fix every problem below and reply with the whole corrected model.\n\n${problems.map((p) => `- ${p}`).join('\n')}\n\n${REPLY_FORMAT}`;
}

/** What the client's own LLM must do when the server cannot sample. */
export function nextStepText(): string {
  return `Write the model JSON ({"schemas": [...]}) from the description following the instructions, then call validate_schema_model with {"schemas": [...]} and fix every error it reports (re-validate until "valid" is true; consider its warnings). Then pass the same "schemas" array unchanged to ${GENERATOR_TOOLS.join(', ')} (dry_run: true first to preview).`;
}
