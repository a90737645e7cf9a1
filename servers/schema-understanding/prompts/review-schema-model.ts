import * as z from 'zod';
import { checkModel, type Issue, type Model } from '../../../shared/model/index.js';
import { reviewModel } from '../../../shared/model/review.js';
import { asModelInput } from '../lib/extract-json.js';
import { definePrompt, userText } from './define.js';

const list = (issues: readonly Issue[]) =>
  issues.map((i) => `- ${i.path}: ${i.message}`).join('\n');

/** What the migration will create, per table: the facts an index review starts from. */
function indexFacts(model: Model): string {
  return model.schemas
    .filter((s) => !s.embedded)
    .map((s) => {
      const ix = s.indexes.length
        ? s.indexes
            .map((i) => `${i.name} (${i.columns.join(', ')})${i.unique ? ' unique' : ''}`)
            .join('; ')
        : 'none';
      const fks = s.associations
        .filter((a) => a.kind === 'belongs_to')
        .map(
          (a) =>
            `${a.foreign_key} → ${a.target_table} on_delete ${a.on_delete}${a.required ? ', NOT NULL' : ''}`,
        );
      return `- ${s.table} (${s.module}): indexes ${ix}${fks.length ? `; foreign keys ${fks.join('; ')}` : ''}`;
    })
    .join('\n');
}

const CHECKLIST = `Review it as a senior Elixir engineer would, point by point:
1. Indexes: foreign keys and unique fields are indexed automatically (listed above). Which queries will filter or sort by other columns (status, dates, a parent plus a field)? Which uniqueness holds only per parent and wants a composite unique index instead of a global one?
2. Constraints: required vs optional (NOT NULL) for every field and belongs_to; unique where records are looked up; on_delete on every belongs_to (delete_all for owned children, nilify_all with required false for optional links); defaults.
3. Types: text for prose, decimal with precision/scale for money, enum for closed sets, utc_datetime for instants, date for days; string sizes; arrays vs a separate table; map only for truly free-form data.
4. Naming: modules (Context.Schema, singular), contexts by domain, plural snake_case tables, snake_case fields, association names that read well (author, not user_id).
For each point you raise, give the path, the problem and the exact JSON change. Finish with the whole corrected model as one JSON object {"schemas": [ … ]} and check it with the tool validate_schema_model.`;

export const reviewSchemaModelPrompt = definePrompt({
  name: 'review_schema_model',
  title: 'Review a schema model',
  description:
    'A senior review of a model (indexes, constraints, types, naming), starting from the server-side check: the validation errors and reviewer warnings of validate_schema_model.',
  args: z.object({
    schemas: z
      .string()
      .min(1)
      .describe(
        'The model as JSON: the `schemas` array (as parse_gen_spec or understand_schema returned it) or an object {"schemas": [ … ], "app"?: { … }}.',
      ),
  }),
  build(args) {
    let value: unknown;
    try {
      value = JSON.parse(args.schemas);
    } catch (e) {
      return [
        userText(
          `I wanted a review of an Ecto schema model, but the "schemas" argument I gave is not valid JSON (${(e as Error).message}), so the server could not check it.

What I passed (first 2000 characters):
\`\`\`
${args.schemas.slice(0, 2000)}
\`\`\`

Tell me exactly where the JSON breaks and what it should look like: the model is an array of schema objects such as [{"module": "Blog.Post", "fields": [{"name": "title"}]}] or an object {"schemas": [ … ]}. Do not review anything until I send valid JSON.`,
        ),
      ];
    }
    const input = asModelInput(value);
    const checked = checkModel(input);
    const pretty = JSON.stringify(input, null, 2);
    if (!checked.model) {
      return [
        userText(
          `Review this Ecto schema model (phx-gen-mcp's typed model):
\`\`\`json
${pretty}
\`\`\`

The server-side check (validate_schema_model) found ${checked.errors.length} error(s); the generators reject the model until every one is fixed:
${list(checked.errors)}

First fix these errors (explain each fix in one line). Then, on the fixed model:
${CHECKLIST}`,
        ),
      ];
    }
    const warnings = [...checked.warnings, ...reviewModel(input, checked.model)];
    return [
      userText(
        `Review this Ecto schema model (phx-gen-mcp's typed model):
\`\`\`json
${pretty}
\`\`\`

The server-side check (validate_schema_model) found no errors; the generators accept it.

What the migrations will create:
${indexFacts(checked.model)}

Reviewer warnings computed by the server (${warnings.length}):
${warnings.length ? list(warnings) : '- none'}

Address each warning (apply it, or say why it does not apply here). Then:
${CHECKLIST}`,
      ),
    ];
  },
});
