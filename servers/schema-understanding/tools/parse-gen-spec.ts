import * as z from 'zod';
import { normalizeModel, type SpecNote } from '../../../shared/model/index.js';
import { defineTool, ToolError } from '../../../shared/mcp/index.js';
import { formatIssues } from '../../../shared/pipeline/run.js';
import { ParseOptionsShape, SpecsSchema } from '../../../shared/pipeline/input.js';
import { parseSpecsOrThrow } from '../../../shared/pipeline/specs.js';
import { IssueSchema } from '../lib/output.js';

export const parseGenSpecTool = defineTool({
  name: 'parse_gen_spec',
  title: 'Parse phx.gen spec lines',
  description:
    'Turn phx.gen-style spec lines (one per schema, e.g. "Blog Post posts title:string body:text author:belongs_to:Accounts.User") into the typed model. The returned `schemas` array is exactly what generate_ecto_schema, generate_ecto_migration and generate_phoenix_context take as `schemas`. Grammar: phx-gen-mcp://docs/types.md. Errors name the line, the token, its position and the valid choices.',
  input: z.object({ specs: SpecsSchema, ...ParseOptionsShape }),
  output: z.object({
    schemas: z
      .array(z.record(z.string(), z.unknown()))
      .describe('The model: pass it unchanged as `schemas` to the generators.'),
    warnings: z
      .array(IssueSchema)
      .describe(
        'Things to check, e.g. association targets that are not in this batch, a table that looks like a field, or the web files a phx.gen.live/html/json line would also make (not generated here).',
      ),
  }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler(args) {
    const notes: SpecNote[] = [];
    const schemas = parseSpecsOrThrow(
      args,
      'The spec could not be parsed (nothing was returned)',
      notes,
    );
    const { model, errors, warnings: modelWarnings } = normalizeModel({ schemas });
    const warnings = [
      ...notes.map((n) => ({ path: `specs[${n.line - 1}]`, message: n.message })),
      ...modelWarnings,
    ];
    if (!model) {
      throw new ToolError(
        `The spec parsed, but the model breaks these rules (schemas[i] is spec line i+1):\n${formatIssues(errors)}`,
        { details: { errors } },
      );
    }
    const names = schemas.map((s) => s.module).join(', ');
    const summary = [
      `Parsed ${schemas.length} schema(s): ${names}. Pass "schemas" unchanged to the generators.`,
      ...(warnings.length ? ['Warnings:', formatIssues(warnings)] : []),
    ].join('\n');
    // The model as JSON text too, for clients that show the LLM only the text content.
    return {
      structured: { schemas, warnings },
      summary,
      content: [{ type: 'text', text: JSON.stringify({ schemas }, null, 2) }],
    };
  },
});
