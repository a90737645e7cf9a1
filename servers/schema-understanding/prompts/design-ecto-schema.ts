import * as z from 'zod';
import {
  modelJsonSchema,
  PRIMARY_KEY_TYPES,
  TIMESTAMP_TYPES,
} from '../../../shared/model/index.js';
import { EXAMPLES, exampleModel } from '../lib/examples.js';
import { DESIGN_RULES, MODEL_SCHEMA_URI, TYPES_DOC_URI, exampleUri } from '../lib/guide.js';
import { typeTableMarkdown } from '../lib/types-doc.js';
import { fromList } from './complete.js';
import { definePrompt, userText } from './define.js';

export const designEctoSchemaPrompt = definePrompt({
  name: 'design_ecto_schema',
  title: 'Design Ecto schemas',
  description:
    'Turn a plain-language description into the typed JSON model (the `schemas` the generators take), following Phoenix conventions, and check it with validate_schema_model until it is valid.',
  args: z.object({
    description: z
      .string()
      .min(1)
      .describe(
        'What to model, in plain language: the entities, their attributes and how they relate, e.g. "a blog with posts (title, body) and comments".',
      ),
    primary_key: z
      .enum(PRIMARY_KEY_TYPES)
      .optional()
      .describe('Primary key type of every schema: id (bigserial, default) or binary_id (UUID).'),
    timestamp_type: z
      .enum(TIMESTAMP_TYPES)
      .optional()
      .describe(
        'Type of inserted_at/updated_at for every schema (default naive_datetime; Phoenix 1.8 apps usually use utc_datetime).',
      ),
  }),
  complete: {
    primary_key: fromList(PRIMARY_KEY_TYPES),
    timestamp_type: fromList(TIMESTAMP_TYPES),
  },
  build(args) {
    const choices: string[] = [];
    if (args.primary_key === 'binary_id')
      choices.push('Give every schema "primary_key": {"type": "binary_id"} (UUID keys).');
    if (args.primary_key === 'id')
      choices.push('Use the default integer (bigserial) primary keys: leave "primary_key" out.');
    if (args.timestamp_type)
      choices.push(`Give every table schema "timestamps": {"type": "${args.timestamp_type}"}.`);
    const ex = EXAMPLES[0]!;
    const text = `Design the Ecto schemas for the description below as the typed JSON model of phx-gen-mcp: one object {"schemas": [ … ]} that the generators (generate_ecto_schema, generate_ecto_migration, generate_phoenix_context) take unchanged.

Description:
${args.description}
${choices.length ? `\nChoices made by the user:\n${choices.map((c) => `- ${c}`).join('\n')}\n` : ''}
${DESIGN_RULES}

Field types (full reference: ${TYPES_DOC_URI}):
${typeTableMarkdown()}

Worked example (${ex.title}; more at ${exampleUri('{name}')}):
Description: ${ex.description}
Model:
\`\`\`json
${JSON.stringify(exampleModel(ex), null, 2)}
\`\`\`

The model must validate against this JSON Schema (also the resource ${MODEL_SCHEMA_URI}):
\`\`\`json
${JSON.stringify(modelJsonSchema())}
\`\`\`

Then:
1. Call the tool validate_schema_model with {"schemas": [ … ]}.
2. If "valid" is false, fix every error (each names its path and the fix) and call it again, until "valid" is true.
3. Read every warning and apply the fixes that fit the description; say which ones you leave and why.
4. Show the final model as one JSON block, with a short list per schema: module, table, fields (type, required/unique), associations.`;
    return [userText(text)];
  },
});
