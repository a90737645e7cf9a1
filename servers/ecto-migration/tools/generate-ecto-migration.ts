import * as z from 'zod';
import { migrationsPathProblem, planMigrations } from '../../../shared/generate/ecto-migration.js';
import { defineTool } from '../../../shared/mcp/index.js';
import { GeneratorInputShape, GeneratorOutputSchema } from '../../../shared/pipeline/input.js';
import { runGeneration } from '../../../shared/pipeline/run.js';

export const GenerateEctoMigrationInput = z.object({
  ...GeneratorInputShape,
  migrations_path: z
    .string()
    .min(1)
    .max(1024)
    .refine((p) => migrationsPathProblem(p) === undefined, {
      error: (issue) =>
        `${migrationsPathProblem(String(issue.input)) ?? 'migrations_path is invalid'}; give a directory relative to the project, e.g. "priv/repo/migrations".`,
    })
    .optional()
    .describe(
      'Directory for the migration files, relative to the project root (no "..", not absolute). Default: priv/repo/migrations, or priv/<repo>/migrations for a custom repo.',
    ),
});

export const generateEctoMigration = defineTool({
  name: 'generate_ecto_migration',
  title: 'Generate Ecto migrations',
  description: `Writes the Ecto migrations for a batch of schemas: one create table per schema (<version>_create_<table>.exs; embedded schemas have none), one per many_to_many join table, with every column type, null: false for required fields, defaults, size/precision/scale, binary_id and custom primary keys, prefixes, timestamps, references with on_delete and the right key type, and unique/composite/foreign-key indexes.
Tables are created after the tables they reference whatever the input order; a reference cycle gets its closing foreign key in a later alter table migration. Versions are UTC seconds, strictly increasing, never colliding with existing migrations. A migration whose module already exists is a conflict handled by on_conflict (error: nothing written; skip; overwrite replaces that file).
on_conflict "update" evolves the project instead: its migrations are replayed, tables that do not exist yet are created, and every changed table gets one new reversible alter migration (add/remove/modify/rename, index and reference changes); an identical model writes nothing, and an existing migration file is never rewritten. A field's or schema's renamed_from renames instead of dropping. Changes that can lose data or fail on existing rows are refused unless allow_destructive is true or the user confirms them when asked.
Input: schemas (the model) or specs (phx.gen-style lines), optional app/project_root/migrations_path, dry_run to preview.`,
  input: GenerateEctoMigrationInput,
  output: GeneratorOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  handler: (args, ctx) => runGeneration(args, ctx, { plan: planMigrations }),
});
