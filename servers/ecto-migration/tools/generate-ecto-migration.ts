import * as z from 'zod';
import { migrationsPathProblem, planMigrations } from '../../../shared/generate/ecto-migration.js';
import { planFromDatabase } from '../../../shared/generate/from-database.js';
import { defineTool } from '../../../shared/mcp/index.js';
import {
  ColumnStateSchema,
  EnumTypeSchema,
  TableStateSchema,
} from '../../../shared/model/database.js';
import { GeneratorInputShape, GeneratorOutputSchema } from '../../../shared/pipeline/input.js';
import { runGeneration } from '../../../shared/pipeline/run.js';

/** A column type as a migration writes it: `:text`, `:"billing.currency"`, `{:array, :text}`. */
const COLUMN_TYPE_RE = /^(\{:array, )*:(?:[A-Za-z_]\w*|"[A-Za-z_][\w. ]*")\}*$/;

const FromDatabaseSchema = z
  .object({
    tables: z
      .array(
        TableStateSchema.extend({
          columns: z.array(
            ColumnStateSchema.extend({
              type: z.string().regex(COLUMN_TYPE_RE, {
                message:
                  'a column type as introspect_database returns it, e.g. ":string", ":\\"billing.currency\\"" or "{:array, :text}"',
              }),
            }),
          ),
        }),
      )
      .max(2000),
    enums: z.array(EnumTypeSchema).max(2000).default([]),
  })
  .describe(
    "Tables read from a live database: the `state` introspect_database returns (or its `reconcile.from_database`, the tables that drifted). Without baseline: reconcile, i.e. the project's migrations are replayed and each of these tables that they build differently gets one alter migration that makes them build it as the database has it (tables they lack get a create-if-missing migration). Pass no schemas or specs with it.",
  );

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
  from_database: FromDatabaseSchema.optional(),
  baseline: z
    .boolean()
    .optional()
    .describe(
      'With from_database: write one baseline migration that creates every table (and enum type, index, check constraint) only if it does not exist, so `mix ecto.migrate` is a no-op on the database it was read from and builds the same tables on an empty one.',
    ),
});

export const generateEctoMigration = defineTool({
  name: 'generate_ecto_migration',
  title: 'Generate Ecto migrations',
  description: `Writes the Ecto migrations for a batch of schemas: one create table per schema (<version>_create_<table>.exs; embedded schemas have none), one per many_to_many join table, with every column type, null: false for required fields, defaults, size/precision/scale, binary_id and custom primary keys, prefixes, timestamps, references with on_delete and the right key type, and unique/composite/foreign-key indexes.
Tables are created after the tables they reference whatever the input order; a reference cycle gets its closing foreign key in a later alter table migration. Versions are UTC seconds, strictly increasing, never colliding with existing migrations.
on_conflict "update" (the default) evolves the project: its migrations are replayed, tables that do not exist yet are created, and every changed table gets one new reversible alter migration (add/remove/modify/rename, index and reference changes); an identical model writes nothing, and an existing migration file is never rewritten. With on_conflict error or skip, a migration whose module already exists is a conflict handled by that mode (error: nothing written; skip keeps it); overwrite acts as update, since a migration may have run. A field's or schema's renamed_from renames instead of dropping. Changes that can lose data or fail on existing rows are refused unless allow_destructive is true or the user confirms them when asked.
from_database (tables from introspect_database) instead of a model: reconcile the migrations with a live database (one alter migration per drifted table, same confirmation of destructive changes), or with baseline: true one create-if-missing baseline migration of an adopted database.
Input: schemas (the model) or specs (phx.gen-style lines), or from_database; optional app/project_root/migrations_path, dry_run to preview.`,
  input: GenerateEctoMigrationInput,
  output: GeneratorOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  handler: (args, ctx) =>
    args.from_database
      ? runGeneration({ ...args, schemas: args.schemas ?? (args.specs ? undefined : []) }, ctx, {
          plan: planFromDatabase,
        })
      : runGeneration(args, ctx, { plan: planMigrations }),
});
