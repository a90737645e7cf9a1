import * as z from 'zod';
import { projectRootSchema } from '../../../shared/pipeline/input.js';
import {
  SCHEMA_ASSOCIATION_KINDS,
  readProjectSchemas,
  type ProjectSchema,
} from '../../../shared/elixir/schemas.js';
import { defineTool, resolveProjectRoot } from '../../../shared/mcp/index.js';
import { projectReader } from '../../../shared/plan/index.js';

export const ListEctoSchemasInput = z.object({
  project_root: projectRootSchema(
    'The Phoenix project directory (absolute, or relative to the single allowed root). Default: the one allowed root that contains mix.exs.',
  ),
});

const FieldSchema = z.object({
  name: z.string(),
  type: z
    .string()
    .describe(
      'The type as written in Elixir, aliases expanded: ":string", "Ecto.Enum", "{:array, :string}".',
    ),
  values: z.array(z.string()).optional().describe('Ecto.Enum values, when literal.'),
  virtual: z.literal(true).optional(),
  primary_key: z.literal(true).optional(),
});

const AssociationSchema = z.object({
  kind: z.enum(SCHEMA_ASSOCIATION_KINDS),
  name: z.string(),
  target: z
    .string()
    .nullable()
    .describe('The associated module, fully qualified; null when not a literal (e.g. through:).'),
  foreign_key: z.string().optional().describe('belongs_to: the foreign key column.'),
});

export const ProjectSchemaSchema = z.object({
  module: z.string().describe('Fully-qualified module, e.g. "MyApp.Blog.Post".'),
  table: z
    .string()
    .nullable()
    .describe('The table; null for embedded schemas or a non-literal source.'),
  embedded: z.boolean(),
  file: z.string().describe('Path relative to project_root.'),
  line: z.number().int().describe('Line of the schema/embedded_schema call.'),
  primary_key: z
    .union([z.object({ name: z.string(), type: z.string() }), z.literal(false)])
    .describe('The primary key (type as written, e.g. ":id", ":binary_id"), or false.'),
  prefix: z.string().optional().describe('@schema_prefix, when set.'),
  fields: z
    .array(FieldSchema)
    .describe('Fields in order, including belongs_to foreign keys and timestamps.'),
  associations: z.array(AssociationSchema),
});

export const ListEctoSchemasOutput = z.object({
  project_root: z.string(),
  schemas: z.array(ProjectSchemaSchema),
  skipped: z
    .array(z.object({ file: z.string(), reason: z.string() }))
    .describe('Files that could not be read (syntax errors, too large, too many files).'),
});

function describeSchema(s: ProjectSchema): string {
  const where = s.embedded ? 'embedded' : (s.table ?? '?');
  return `${s.module} (${where}) ${s.file}:${s.line}`;
}

export const listEctoSchemas = defineTool({
  name: 'list_ecto_schemas',
  title: 'List existing Ecto schemas',
  description: `Reads the Ecto schemas already in the project (every lib/**/*.ex file, parsed, never executed): module, table or embedded, file and line, primary key, @schema_prefix, fields with their types (belongs_to keys and timestamps included) and associations with their target modules. Use it before generating to reference existing schemas by module name (e.g. a belongs_to target "Accounts.User"). Dynamic code is left out rather than guessed; files that do not parse are listed in skipped with the reason.`,
  input: ListEctoSchemasInput,
  output: ListEctoSchemasOutput,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler(args, ctx) {
    const root = await resolveProjectRoot(await ctx.roots(), args.project_root);
    const { schemas, skipped } = await readProjectSchemas(projectReader(root), {
      signal: ctx.signal,
    });
    const summary = [
      `${schemas.length} Ecto schema(s) in ${root}${schemas.length ? ':' : '.'}`,
      ...schemas.map((s) => `- ${describeSchema(s)}`),
      ...(skipped.length ? ['Skipped:', ...skipped.map((s) => `- ${s.file}: ${s.reason}`)] : []),
    ].join('\n');
    return { structured: { project_root: root, schemas, skipped }, summary };
  },
});
