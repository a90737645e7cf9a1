import * as z from 'zod';
import { planPhoenixContexts } from '../../../shared/generate/phoenix-context.js';
import { defineTool } from '../../../shared/mcp/index.js';
import { GeneratorInputShape, GeneratorOutputSchema } from '../../../shared/pipeline/input.js';
import { runGeneration } from '../../../shared/pipeline/run.js';

export const GeneratePhoenixContextInput = z.object({
  ...GeneratorInputShape,
  with_tests: z
    .boolean()
    .optional()
    .describe(
      'Also write the ExUnit tests (test/<app>/<context>_test.exs) and fixtures (test/support/fixtures/<context>_fixtures.ex). Default true.',
    ),
});

export const generatePhoenixContext = defineTool({
  name: 'generate_phoenix_context',
  title: 'Generate Phoenix contexts with tests and fixtures',
  description: `Writes a Phoenix context per context of the batch: lib/<app>/<context>.ex with, per schema, list_<plural>/0, get_<singular>!/1, create_<singular>/1, update_<singular>/2, delete_<singular>/1 and change_<singular>/2 (each documented), plus test/<app>/<context>_test.exs (a describe per schema covering every function with valid and invalid data) and test/support/fixtures/<context>_fixtures.ex (a <singular>_fixture/1 per schema, unique_* helpers for unique fields). Test values respect the model's types, enums and validations; a required belongs_to gets its parent from the parent's fixture.
Schemas without a context, embedded schemas and schemas without a primary key are skipped with a warning.
An existing context, test or fixtures file is extended, never rewritten: only the missing aliases, functions, describes and fixtures are added before the module's final end, every other byte is kept, functions you already defined (same name and arity) are left alone and reported, and a re-run with the same input reports "unchanged". on_conflict applies only to an existing file that cannot be extended safely (syntax error, missing or duplicate module): error (default; nothing written), skip (leave it), overwrite (replace it with a fresh file).
Input: schemas (the model) or specs (phx.gen-style lines), optional app/project_root, with_tests (default true), dry_run to preview.`,
  input: GeneratePhoenixContextInput,
  output: GeneratorOutputSchema,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: false,
  },
  handler: (args, ctx) => runGeneration(args, ctx, { plan: planPhoenixContexts }),
});
