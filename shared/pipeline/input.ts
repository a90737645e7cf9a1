/**
 * The input and output every generator tool shares: a model (`schemas`, exactly what
 * parse_gen_spec returns) or phx.gen-style `specs`, plus where and how to write.
 */
import * as z from 'zod';
import { AppSchema, SchemasSchema, TIMESTAMP_TYPES } from '../model/index.js';
import { ON_CONFLICT_MODES } from '../plan/index.js';

export const SpecsSchema = z
  .array(z.string().min(1).max(4000))
  .min(1)
  .max(1000)
  .describe(
    'phx.gen-style spec lines, one per schema, e.g. "Blog Post posts title:string body:text author:belongs_to:Accounts.User". An alternative to `schemas`.',
  );

export const ParseOptionsShape = {
  binary_id: z
    .boolean()
    .optional()
    .describe('With specs: use binary_id (UUID) primary keys, like --binary-id.'),
  timestamp_type: z
    .enum(TIMESTAMP_TYPES)
    .optional()
    .describe('With specs: the timestamps type (default naive_datetime).'),
  no_timestamps: z.boolean().optional().describe('With specs: no inserted_at/updated_at.'),
};

/** `project_root` of every tool that looks at a project; the description says what it is for. */
export function projectRootSchema(description: string) {
  return z.string().min(1).max(4096).optional().describe(description);
}

export const OnConflictSchema = z
  .enum(ON_CONFLICT_MODES)
  .describe(
    "When a target file exists with different content: update (default; bring the project to the model: generate_ecto_migration writes a new alter migration per changed table, from the replayed migrations; generate_phoenix_context brings the generated fixtures and test blocks to the model and leaves those you edited as they are, reported; generate_ecto_schema patches the module (fields, associations, the cast and validate_required lists, the validations and constraints the model writes; your other code is kept, what it cannot patch is reported) and adds the inverse has_many/has_one of a new belongs_to to the target's existing module), error (nothing is written), skip (keep the existing file), overwrite (replace it; for migrations it acts as update). An existing migration file is never rewritten, whatever on_conflict says.",
  );

export const GeneratorInputShape = {
  schemas: SchemasSchema.optional(),
  specs: SpecsSchema.optional(),
  ...ParseOptionsShape,
  app: AppSchema.optional(),
  scope: z
    .union([
      z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/)
        .max(63),
      z.literal(false),
    ])
    .optional()
    .describe(
      'Phoenix 1.8 scope for the generated code: the name of a scope in config :<app>, :scopes (e.g. "user"), or false for unscoped output. Default: the project\'s default scope (written by mix phx.gen.auth); none without scope config. A schema\'s own scope (spec flags --scope NAME / --no-scope) wins.',
    ),
  project_root: projectRootSchema(
    'The Phoenix project directory (absolute, or relative to the single allowed root). Default: the one allowed root that contains mix.exs.',
  ),
  dry_run: z
    .boolean()
    .optional()
    .describe(
      'Return the files and their content without writing anything. Works without a project root.',
    ),
  on_conflict: OnConflictSchema.optional(),
  allow_destructive: z
    .boolean()
    .optional()
    .describe(
      'With on_conflict "update" (the default): apply changes that can lose data or fail on existing rows (dropping a column, narrowing a type, making a nullable column NOT NULL, removing a field or association from a schema module). Without it, the user is asked where the client supports form elicitation, and the call is refused otherwise, listing every such change and its consequence.',
    ),
  format: z
    .enum(['auto', 'mix', 'none'])
    .optional()
    .describe(
      'Run `mix format` on the written files: auto (default; when mix is found and the project has mix.exs), mix (required; failure is reported), none.',
    ),
  verify: z
    .boolean()
    .optional()
    .describe(
      'After writing, run `mix compile` in the project and return its diagnostics (file, line, severity, message). Off by default: it compiles the whole project (and its deps the first time) and can take minutes.',
    ),
};

export const FileResultSchema = z.object({
  path: z.string().describe('Path relative to project_root.'),
  action: z.enum(['created', 'updated', 'unchanged', 'skipped', 'conflict']),
  reason: z.string().optional(),
  content: z.string().optional().describe('The file content (dry runs only).'),
  diff: z
    .string()
    .optional()
    .describe(
      'Dry runs only, for a file that exists and would be updated: the change as a unified diff (--- a/path, +++ b/path).',
    ),
});

export const GeneratorOutputSchema = z.object({
  project_root: z
    .string()
    .nullable()
    .describe('The project written to (null for a dry run without a project).'),
  dry_run: z.boolean(),
  files: z.array(FileResultSchema),
  warnings: z.array(z.string()),
  conventions: z
    .array(z.string())
    .optional()
    .describe(
      "What the generation took from the project: generator config defaults (binary_id, timestamp_type), scopes, the Phoenix/Ecto/Elixir versions and the Elixir whose mix format the output matches. Explicit arguments and spec flags always win over the project's config.",
    ),
  format: z
    .object({
      status: z.enum(['formatted', 'skipped', 'failed']),
      reason: z.string().optional(),
    })
    .optional()
    .describe('Whether mix format ran on the written files.'),
  compile: z
    .object({
      status: z.enum(['compiled', 'failed', 'skipped']),
      reason: z.string().optional(),
      diagnostics: z.array(
        z.object({
          file: z.string().describe('As mix printed it, relative to the project; "" when none.'),
          line: z.number().int().optional(),
          column: z.number().int().optional(),
          severity: z.enum(['error', 'warning']),
          message: z.string(),
        }),
      ),
    })
    .optional()
    .describe('The result of `mix compile` (only with verify: true).'),
});

export type GeneratorInput = {
  [K in keyof typeof GeneratorInputShape]?: z.output<(typeof GeneratorInputShape)[K]>;
};
export type GeneratorOutput = z.output<typeof GeneratorOutputSchema>;
