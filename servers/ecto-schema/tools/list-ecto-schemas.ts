import * as z from 'zod';
import { projectRootSchema } from '../../../shared/pipeline/input.js';
import { resolveProject } from '../../../shared/pipeline/run.js';
import { readProjectModel, type SchemaModule } from '../../../shared/elixir/read-back.js';
import { DISAGREEMENT_KINDS } from '../../../shared/elixir/schema-table.js';
import { SCHEMA_ASSOCIATION_KINDS } from '../../../shared/elixir/schemas.js';
import { defineTool, resolveProjectRoot } from '../../../shared/mcp/index.js';
import { DatabaseStateSchema, SchemaDefSchema } from '../../../shared/model/index.js';
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
  line: z.number().int().describe('Line of the call that defines it.'),
  options: z.record(z.string(), z.string()).describe('Keyword options as written (one line).'),
  from: z
    .enum(['field', 'timestamps', 'belongs_to'])
    .describe('Defined by a field call, by timestamps, or as a belongs_to foreign key.'),
});

const AssociationSchema = z.object({
  kind: z.enum(SCHEMA_ASSOCIATION_KINDS),
  name: z.string(),
  target: z
    .string()
    .nullable()
    .describe('The associated module, fully qualified; null when not a literal (e.g. through:).'),
  foreign_key: z.string().optional().describe('belongs_to: the foreign key column.'),
  line: z.number().int(),
  options: z.record(z.string(), z.string()),
});

const UnsupportedSchema = z
  .object({
    file: z.string(),
    line: z.number().int(),
    what: z.string().describe('The field, association or statement.'),
    reason: z.string(),
  })
  .describe(
    'Code the model cannot express; `model` lacks it (or approximates it, as the reason says).',
  );

const DisagreementSchema = z
  .object({
    kind: z.enum(DISAGREEMENT_KINDS),
    severity: z
      .enum(['warning', 'info'])
      .describe('warning: writes fail or lose data; info: legal.'),
    field: z.string().nullable(),
    column: z.string().nullable(),
    schema_type: z.string().nullable(),
    column_type: z.string().nullable().describe('PostgreSQL type of the column.'),
    file: z.string(),
    line: z.number().int(),
    message: z.string().describe('What is wrong and what to do.'),
  })
  .describe('Where the schema module and its table (as the migrations leave it) disagree.');

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
    .union([
      z.object({
        name: z.string(),
        type: z.string(),
        options: z.record(z.string(), z.string()).optional(),
      }),
      z.literal(false),
    ])
    .describe('The primary key (type as written, e.g. ":id", ":binary_id"), or false.'),
  prefix: z.string().optional().describe('@schema_prefix, when set.'),
  fields: z
    .array(FieldSchema)
    .describe('Fields in order, including belongs_to foreign keys and timestamps.'),
  associations: z.array(AssociationSchema),
  model: SchemaDefSchema.describe(
    'This module as the generators take it (the same entry as in the top-level `schemas`).',
  ),
  unsupported: z.array(UnsupportedSchema),
  locations: z
    .object({
      fields: z.record(z.string(), z.number().int()),
      associations: z.record(z.string(), z.number().int()),
      timestamps: z.number().int().nullable(),
      changeset: z.number().int().nullable(),
    })
    .describe('Line of every field and association of `model`, of timestamps and changeset/2.'),
  disagreements: z.array(DisagreementSchema),
});

export const ListEctoSchemasOutput = z.object({
  project_root: z.string(),
  app: z.object({ otp_app: z.string(), base_module: z.string(), repo: z.string() }),
  schemas: z
    .array(SchemaDefSchema)
    .describe(
      'Every schema module as the wire model: pass it as `schemas` to generate_ecto_schema, generate_ecto_migration and generate_phoenix_context (modules relative to app.base_module).',
    ),
  modules: z
    .array(ProjectSchemaSchema)
    .describe(
      'Per module, in the order of `schemas`: what the code says, where, and what the model cannot say.',
    ),
  migrations_path: z.string().describe('The migrations directory that was replayed.'),
  database: DatabaseStateSchema,
  skipped: z
    .array(z.object({ file: z.string(), reason: z.string() }))
    .describe('Files that could not be read (syntax errors, too large, too many files).'),
});

function describeModule(s: SchemaModule): string {
  const where = s.embedded ? 'embedded' : (s.table ?? '?');
  const notes = [
    s.unsupported.length ? `${s.unsupported.length} unsupported` : '',
    s.disagreements.length ? `${s.disagreements.length} disagreement(s) with the table` : '',
  ].filter((x) => x !== '');
  return `${s.module} (${where}) ${s.file}:${s.line}${notes.length ? ` [${notes.join(', ')}]` : ''}`;
}

export const listEctoSchemas = defineTool({
  name: 'list_ecto_schemas',
  title: 'List existing Ecto schemas',
  description: `Reads the project back as a model (every lib/**/*.ex file and every migration, parsed, never executed). \`schemas\` is every Ecto schema module in the wire model the generators take (feed it back to them unchanged and they report every file unchanged). \`modules\` gives, per module, file and line, fields and associations as written, \`unsupported\` (code the model cannot express, with file and line), \`locations\` (the line of every field) and \`disagreements\` with its table (field without column, column without field, type or NULL mismatch). \`database\` is the state the migrations build (tables, columns with pg_type, indexes, references; warnings for what could not be interpreted). Files that do not parse are listed in skipped with the reason.`,
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
    const project = projectReader(root);
    // The installed Elixir does not change what is read: no probe.
    const { app, conventions } = await resolveProject({}, project, [], () =>
      Promise.resolve(undefined),
    );
    const read = await readProjectModel(project, {
      app,
      scopes: conventions.scopes,
      signal: ctx.signal,
    });
    const { modules, skipped, database } = read;
    const summary = [
      `${modules.length} Ecto schema(s) in ${root}${modules.length ? ':' : '.'}`,
      ...modules.map((s) => `- ${describeModule(s)}`),
      `${database.tables.length} table(s) from ${read.migrations_path}${database.warnings.length ? `, ${database.warnings.length} warning(s):` : '.'}`,
      ...database.warnings.map(
        (w) => `- ${w.file ?? ''}${w.line ? `:${w.line}` : ''}: ${w.message}`,
      ),
      ...(skipped.length ? ['Skipped:', ...skipped.map((s) => `- ${s.file}: ${s.reason}`)] : []),
    ].join('\n');
    return { structured: { project_root: root, ...read }, summary };
  },
});
