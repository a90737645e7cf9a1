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
An existing context, test or fixtures file is extended, never rewritten whole: the missing aliases, functions, describes and fixtures are added before the module's final end and every other byte is kept. With on_conflict "update" (the default) a describe block, fixture or context function this tool generated for the schema's earlier model is replaced by the one for the model now (new, renamed and removed fields, parent fixtures for new required associations, many_to_many ids, delete refused while children point at the record); one you changed is left as is and reported with its file and line, as are functions you defined yourself. The same model again reports "unchanged". For an existing file that cannot be extended safely (syntax error, missing or duplicate module): update and error write nothing, skip leaves it, overwrite replaces it with a fresh file.
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
