import * as z from 'zod';
import { GENERATOR_TOOLS, MODEL_SCHEMA_URI } from '../lib/guide.js';
import { completeProjectRoot, fromList } from './complete.js';
import { definePrompt, userText } from './define.js';

export const generateCrudPrompt = definePrompt({
  name: 'generate_crud',
  title: 'Generate CRUD for a description',
  description:
    "The whole workflow from a plain-language description to written code: understand_schema → validate_schema_model → generate_ecto_schema → generate_ecto_migration → generate_phoenix_context, then a report of the files and what needs the user's attention.",
  args: z.object({
    description: z
      .string()
      .min(1)
      .describe(
        'What to build, in plain language, e.g. "products with a name, a price and a category".',
      ),
    project_root: z
      .string()
      .optional()
      .describe(
        'The Phoenix project to write into (a directory with mix.exs inside the allowed roots). Default: the one allowed root with a mix.exs.',
      ),
    preview: z
      .enum(['yes', 'no'])
      .optional()
      .describe(
        'yes (default): show the model and a dry run of every file and wait for the user before writing. no: write directly.',
      ),
  }),
  complete: {
    project_root: completeProjectRoot,
    preview: fromList(['yes', 'no']),
  },
  build(args) {
    const preview = args.preview !== 'no';
    const root = args.project_root;
    const rootArg = root ? `, "project_root": ${JSON.stringify(root)}` : '';
    const [schemaTool, migrationTool, contextTool] = GENERATOR_TOOLS;
    const text = `Generate the Ecto schemas, migrations and Phoenix contexts (with tests and fixtures) for this description, using the phx-gen-mcp tools:

${args.description}

Project: ${root ? `${root} (pass "project_root" to every tool)` : 'the allowed root that contains mix.exs (if a tool says there are several, ask the user which one and pass it as "project_root")'}.

Steps:
1. Understand. Call understand_schema with {"description": <the description>${rootArg}}.
   - "source": "sampling" → its "schemas" is a valid model.
   - "source": "instructions" → this client cannot sample, so write the model yourself from its "instructions" (rules, types, an example) and the JSON Schema it links ("json_schema_uri": ${MODEL_SCHEMA_URI}).
2. Validate. Call validate_schema_model with {"schemas": [ … ]${rootArg}}. If "valid" is false, fix every error and validate again until it is true. Apply the warnings that fit the description; note the ones you leave.
3. ${preview ? 'Show the user the model (per schema: module, table, fields, associations) and wait for their go-ahead or changes; re-validate after any change.' : 'Show the user the model briefly (per schema: module, table, fields, associations).'}
4. Generate. Call these tools in this order, each with the SAME "schemas" array, unchanged (not the normalized one from validate_schema_model)${root ? ' and the same "project_root"' : ''}:
   a. ${schemaTool} (lib/<app>/<context>/<schema>.ex)
   b. ${migrationTool} (priv/repo/migrations/<timestamp>_create_<table>.exs, join tables too)
   c. ${contextTool} (lib/<app>/<context>.ex, its test and fixtures)
${preview ? '   First call each with "dry_run": true and show the user the files; write (call again without dry_run) only after they agree.\n' : ''}   - A tool that finds existing files with different content writes nothing and lists the conflicts. Show them to the user and ask; then call again with "on_conflict": "skip" (keep the existing files) or "overwrite" (replace them). Never overwrite without asking.
   - ${migrationTool} timestamps new migration files; a migration that already exists for the same table comes back as a conflict instead of a duplicate. Never overwrite a migration that may already have run (\`mix ecto.migrate\`): skip it, and tell the user that changes to an existing table need a new migration.
   - If a tool returns an error, fix the cause it names (the model, the project root) and retry that tool; do not skip it.
5. Report to the user:
   - every file with its action (created, updated, unchanged, skipped), grouped by tool;
   - every warning the tools returned, and the validate_schema_model warnings you left;
   - whether mix format ran (a tool says when it was skipped);
   - the next commands: \`mix ecto.migrate\` (then \`mix ecto.rollback\` to check the migration reverses), and \`mix test\` for the generated context tests.`;
    return [userText(text)];
  },
});
