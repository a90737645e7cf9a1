/**
 * The markdown reference of the model (resource `phx-gen-mcp://docs/types.md`, and the type table
 * in every LLM-facing text). Generated from shared/model (the type table, the zod descriptions)
 * and shared/view (the Ecto and migration types the generators write), so it cannot drift.
 */
import type * as z from 'zod';
import {
  ARRAY_INNER_TYPES,
  BelongsToSchema,
  FIELD_TYPES,
  FieldSchema,
  HasManySchema,
  HasOneSchema,
  IndexSchema,
  MAP_INNER_TYPES,
  ManyToManySchema,
  ON_DELETE,
  PRIMARY_KEY_TYPES,
  SchemaDefSchema,
  TIMESTAMP_TYPES,
  TYPE_ALIASES,
  TYPE_DOCS,
  ValidationsSchema,
  type Field,
  type FieldType,
} from '../../../shared/model/index.js';
import { ectoType, migrationType } from '../../../shared/view/common.js';

/** A field of the given type with representative arguments, to ask the view what it writes. */
function sampleField(type: FieldType): Field {
  return {
    name: 'x',
    type,
    inner: type === 'array' ? 'string' : null,
    values: type === 'enum' ? ['a', 'b'] : null,
    references: type === 'references' ? { table: 'users', on_delete: 'nothing', type: 'id' } : null,
    required: true,
    unique: false,
    redact: false,
    cast: true,
    null: false,
    default: undefined,
    size: null,
    precision: null,
    scale: null,
    validations: {},
  };
}

const SCHEMA_NOTE: Partial<Record<FieldType, string>> = {
  array: ' (inner `string`)',
  enum: ', values: [...]',
  references: ' (`:binary_id` when the key is binary_id)',
};
const COLUMN_NOTE: Partial<Record<FieldType, string>> = {
  array: ' (inner `string`)',
  references: ' column of `references(:users)` (`:binary_id` when the key is binary_id)',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The description of a zod schema, looking through optional/default/nullable wrappers. */
export function descriptionOf(schema: unknown): string {
  let s = schema as { description?: string; _zod?: { def?: { innerType?: unknown } } } | undefined;
  for (let i = 0; i < 5 && s; i++) {
    if (s.description) return s.description;
    s = s._zod?.def?.innerType as typeof s;
  }
  return '';
}

function keyTable(
  shape: Record<string, z.ZodType>,
  overrides: Record<string, string> = {},
): string {
  const rows = Object.entries(shape).map(
    ([k, s]) => `| \`${k}\` | ${cell(overrides[k] ?? descriptionOf(s))} |`,
  );
  return ['| key | meaning |', '| --- | --- |', ...rows].join('\n');
}

/** The field type table: type, Ecto schema type, migration column, meaning. */
export function typeTableMarkdown(): string {
  const rows = FIELD_TYPES.map((t) => {
    const f = sampleField(t);
    return `| \`${t}\` | \`${ectoType(f)}\`${SCHEMA_NOTE[t] ?? ''} | \`${migrationType(f)}\`${COLUMN_NOTE[t] ?? ''} | ${cell(TYPE_DOCS[t])} |`;
  });
  return [
    '| type | Ecto schema type | migration column | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The spec-line grammar of parse_gen_spec (phx.gen style), with examples that parse. */
export const SPEC_EXAMPLES = [
  'Blog Post posts title:string slug:string:unique body:text published:boolean:default=false author:belongs_to:Accounts.User',
  'Accounts.User users email:string:unique name:string password_hash:string:redact role:enum:member:admin',
  'Catalog Product products name:string price:decimal:precision=12:scale=2 tags:array:string category:belongs_to:Catalog.Category:on_delete=delete_all --binary-id',
  'Blog Comment comments body:text post:belongs_to:Blog.Post:on_delete=delete_all author:belongs_to:Accounts.User:optional:on_delete=nilify_all',
  'mix phx.gen.context Events Event events title starts_at:utc_datetime capacity:integer:optional --timestamp-type utc_datetime',
  'mix phx.gen.embedded Shipping.Address street city zip:string:size=10',
];

export function specGrammarMarkdown(): string {
  const aliases = Object.entries(TYPE_ALIASES)
    .map(([a, t]) => `\`${a}\` = \`${t}\``)
    .join(', ');
  return `One line per schema, the grammar of \`mix phx.gen.schema\`/\`phx.gen.context\` plus associations and modifiers:

\`\`\`
[mix] [phx.gen.schema|context|html|json|live|embedded] [Context] Schema[.Module] [plural_table] attr… [--flag…]
attr     := name[:type[:arg…]][:modifier…]
type     := string (default) | ${FIELD_TYPES.filter((t) => t !== 'string' && t !== 'array' && t !== 'enum' && t !== 'references').join(' | ')}
          | array:<inner> | array:enum:<v1>:<v2>… | map[:<inner>] | enum:<v1>:<v2>… | references:<table>
          | belongs_to:<Module> | has_many:<Module> | has_one:<Module> | many_to_many:<Module>
modifier := unique | redact | optional | owner | on_delete=${ON_DELETE.join('|')} | join_table=<name>
          | default=<value> | size=<n> | precision=<n> | scale=<n>
flag     := --table <name> | --prefix <name> | --primary-key <name> | --binary-id | --no-binary-id
          | --no-timestamps | --timestamp-type ${TIMESTAMP_TYPES.join('|')} | --embedded
          | --scope <name> | --no-scope
\`\`\`

- Aliases: ${aliases}.
- Fields are required unless marked \`optional\` (map and references fields are optional by default).
- \`belongs_to\` targets are modules relative to the app (\`Accounts.User\` for \`MyApp.Accounts.User\`); a target in the same batch gets the inverse \`has_many\` automatically.
- Quote values that hold spaces or colons: \`starts_at:time:default="09:00:00"\`.
- As in \`mix phx.gen.*\`, the word after the schema module is the table: \`Blog Post posts title\` gives table \`posts\` with a \`title\` field, but \`Blog.Post title\` gives table \`title\` and no field, and \`Blog Post title body:text\` gives table \`title\` with only \`body\` (both get a warning).
- Leave the table out only when a typed attribute follows the module: \`Blog.Post title:string\` gives table \`posts\`.
- \`owner\` (belongs_to only, at most one per schema) marks the target as the row's owner: \`post:belongs_to:Blog.Post:owner\` leaves \`post_id\` out of \`cast\`, and the context takes the post as an argument (\`create_comment(post, attrs)\`), so attrs can neither set nor move it.
- \`--scope user\` scopes the schema's context functions by that Phoenix 1.8 scope of the project's \`config :app, :scopes\` (the default scope applies without the flag); \`--no-scope\` generates them unscoped.
- \`phx.gen.html|json|live\` lines give what \`phx.gen.context\` does (schema, migration, context, tests, fixtures); the web files they would add are not generated, and a warning names them.

Examples:

\`\`\`
${SPEC_EXAMPLES.join('\n')}
\`\`\``;
}

/** The whole reference document. */
export function typesDocMarkdown(): string {
  return `# phx-gen-mcp model reference

The typed model every phx-gen-mcp generator accepts: \`{ "schemas": [ … ], "app"?: { … } }\`. Its JSON Schema is the resource \`phx-gen-mcp://model/schema.json\`; check a model with the tool \`validate_schema_model\`.

## Field types

${typeTableMarkdown()}

- \`array\` element types (\`inner\`): ${ARRAY_INNER_TYPES.map((t) => `\`${t}\``).join(', ')}.
- \`map\` value types (\`inner\`, optional): ${MAP_INNER_TYPES.map((t) => `\`${t}\``).join(', ')}.
- Timestamp types: ${TIMESTAMP_TYPES.map((t) => `\`${t}\``).join(', ')} (default \`naive_datetime\`).
- Primary key types: ${PRIMARY_KEY_TYPES.map((t) => `\`${t}\``).join(', ')} (\`id\` = bigserial, \`binary_id\` = UUID).
- \`on_delete\`: ${ON_DELETE.map((t) => `\`${t}\``).join(', ')}.

## Schema keys

${keyTable(SchemaDefSchema.shape)}

## Field keys (modifiers)

${keyTable(FieldSchema.shape, { type: 'Field type: one of the table above. Default `string`.' })}

### validations

${keyTable(ValidationsSchema.shape)}

## Associations

\`kind\` is one of \`belongs_to\`, \`has_many\`, \`has_one\`, \`many_to_many\`.

### belongs_to

${keyTable(BelongsToSchema.shape, { kind: '`"belongs_to"`' })}

### has_many / has_one

${keyTable(HasManySchema.shape, { kind: '`"has_many"`' })}

(\`has_one\` has the same keys: ${Object.keys(HasOneSchema.shape)
    .map((k) => `\`${k}\``)
    .join(', ')}.)

### many_to_many

${keyTable(ManyToManySchema.shape, { kind: '`"many_to_many"`' })}

## Indexes

${keyTable(IndexSchema.shape)}

## Spec lines (parse_gen_spec)

${specGrammarMarkdown()}
`;
}
