import * as z from 'zod';
import { projectRootSchema } from '../../../shared/pipeline/input.js';
import {
  AppSchema,
  appFromDef,
  checkModel,
  MAX_SCHEMAS,
  type Issue,
} from '../../../shared/model/index.js';
import { reviewModel } from '../../../shared/model/review.js';
import { defineTool, type ToolContext } from '../../../shared/mcp/index.js';
import { formatIssues } from '../../../shared/pipeline/run.js';
import { IssueSchema, LooseSchemasSchema } from '../lib/output.js';
import { projectFacts, type SchemaUnderstandingDeps } from '../lib/project.js';

export const validateSchemaModelTool = defineTool({
  name: 'validate_schema_model',
  title: 'Validate a schema model',
  description:
    "Check a model (the `schemas` array the generators take) before generating: every error with its exact path and the fix (valid is false), and a reviewer's warnings on a valid model (unique emails/slugs, money as decimal, text for prose, belongs_to instead of *_id fields, targets outside the batch and the project, unknown keys…). Returns the normalized model (every default filled, associations resolved) when valid. With a project (project_root, or the one allowed root with a mix.exs) the app comes from mix.exs and existing schemas count as targets. Reads only.",
  input: z.object({
    schemas: LooseSchemasSchema.min(1).max(MAX_SCHEMAS),
    app: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .optional()
      .describe(
        'The application: its OTP name "my_app" (base module MyApp and repo MyApp.Repo derived) or {"otp_app": "my_app", "base_module": "MyApp", "repo"?: "MyApp.Repo"}; default: detected from the project\'s mix.exs, else none.',
      ),
    project_root: projectRootSchema(
      'The Phoenix project whose app and existing schemas to check against (absolute, or relative to the single allowed root). Default: the one allowed root that contains mix.exs, else none.',
    ),
  }),
  output: z.object({
    valid: z.boolean().describe('true when the generators will accept the model.'),
    errors: z.array(IssueSchema).describe('What must be fixed; empty when valid.'),
    warnings: z
      .array(IssueSchema)
      .describe('What a reviewer would change; the generators accept the model anyway.'),
    schemas: z
      .array(z.record(z.string(), z.unknown()))
      .nullable()
      .describe(
        'The normalized schemas (defaults filled, inverse associations added, every index), or null when invalid. Pass the original `schemas` to the generators, not these.',
      ),
    project_root: z.string().nullable().describe('The project checked against, or null.'),
    notes: z.array(z.string()).describe('How the check was done (app source, schema reader).'),
  }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler(args, ctx: ToolContext<SchemaUnderstandingDeps>) {
    const explicitApp = args.app === undefined ? undefined : AppSchema.safeParse(args.app);
    const facts = await projectFacts(ctx, {
      project_root: args.project_root,
      app: explicitApp?.success ? appFromDef(explicitApp.data) : undefined,
    });
    const raw = { ...(args.app === undefined ? {} : { app: args.app }), schemas: args.schemas };
    const checked = checkModel(
      { app: args.app ?? facts.app ?? undefined, schemas: args.schemas },
      { known: facts.known },
    );
    const warnings: Issue[] = [
      ...checked.warnings,
      ...(checked.model ? reviewModel(raw, checked.model) : []),
    ];
    const notes = [...facts.notes];
    if (facts.app && args.app === undefined) {
      notes.push(
        `App ${facts.app.base_module} (:${facts.app.otp_app}) read from ${facts.root}/mix.exs.`,
      );
    }
    if (facts.root === null) {
      notes.push(
        'No project: association targets outside the batch cannot be checked against existing schemas.',
      );
    }
    const valid = checked.model !== null;
    const summary = valid
      ? [
          `Valid: ${args.schemas.length} schema(s). ${warnings.length} warning(s)${warnings.length ? ':' : '.'}`,
          ...(warnings.length ? [formatIssues(warnings)] : []),
        ].join('\n')
      : `Invalid: ${checked.errors.length} error(s). Fix every one and validate again:\n${formatIssues(checked.errors)}`;
    return {
      structured: {
        valid,
        errors: checked.errors,
        warnings,
        schemas: checked.model
          ? (JSON.parse(JSON.stringify(checked.model.schemas)) as Record<string, unknown>[])
          : null,
        project_root: facts.root,
        notes,
      },
      summary,
    };
  },
});
