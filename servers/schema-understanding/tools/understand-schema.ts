import type {
  ContentBlock,
  CreateMessageResult,
  SamplingMessage,
} from '@modelcontextprotocol/server';
import * as z from 'zod';
import { projectRootSchema } from '../../../shared/pipeline/input.js';
import { checkModel, type Issue } from '../../../shared/model/index.js';
import { reviewModel } from '../../../shared/model/review.js';
import {
  defineTool,
  describeError,
  ToolError,
  type ToolContext,
} from '../../../shared/mcp/index.js';
import { formatIssues } from '../../../shared/pipeline/run.js';
import { asModelInput, extractJson } from '../lib/extract-json.js';
import { EXAMPLES } from '../lib/examples.js';
import {
  exampleUri,
  INSTRUCTIONS_FORMAT,
  MODEL_SCHEMA_URI,
  nextStepText,
  retryRequest,
  systemPrompt,
  TYPES_DOC_URI,
  userRequest,
} from '../lib/guide.js';
import { IssueSchema, LooseSchemasSchema } from '../lib/output.js';
import { projectFacts, type ProjectFacts, type SchemaUnderstandingDeps } from '../lib/project.js';

/** Attempts in all: the first request plus two retries carrying the validation errors. */
export const MAX_ATTEMPTS = 3;
export const DEFAULT_SAMPLING_TIMEOUT_MS = 180_000;
const MAX_TOKENS = 8192;

type Ctx = ToolContext<SchemaUnderstandingDeps>;

/**
 * Whether this call may ask the client's LLM. Sampling is a 2025-era server→client request: the
 * client must declare the capability at initialize. On the 2026-07-28 era (a per-request
 * envelope) push-style sampling throws, so that era gets the instructions too.
 */
function samplingAvailability(ctx: Ctx): { ok: true } | { ok: false; reason: string } {
  const envelope = ctx.sdk.mcpReq.envelope;
  if (envelope !== undefined && Object.keys(envelope).length > 0) {
    return {
      ok: false,
      reason: 'on the 2026-07-28 protocol this server does not request sampling from the client',
    };
  }
  const caps = ctx.deps.clientCapabilities?.();
  if (caps?.sampling == null) {
    return { ok: false, reason: 'this client does not support MCP sampling' };
  }
  return { ok: true };
}

function replyText(result: CreateMessageResult | { content: unknown }): string {
  const blocks = Array.isArray(result.content) ? result.content : [result.content];
  return blocks
    .map((b: unknown) =>
      typeof b === 'object' && b !== null && 'type' in b && b.type === 'text' && 'text' in b
        ? String(b.text)
        : '',
    )
    .join('\n');
}

type Judged =
  | { ok: true; schemas: Record<string, unknown>[]; model: unknown; warnings: Issue[] }
  | { ok: false; problems: Issue[] };

/** Parse and check one reply of the LLM. */
function judge(text: string, stopReason: string | undefined, facts: ProjectFacts): Judged {
  const extracted = extractJson(text);
  if (!extracted.ok) {
    const cut =
      stopReason === 'maxTokens'
        ? ' The reply was cut off at the token limit; make it shorter (leave out keys that have their default).'
        : '';
    return {
      ok: false,
      problems: [{ path: '(reply)', message: `The reply is not JSON: ${extracted.error}.${cut}` }],
    };
  }
  const input = asModelInput(extracted.value);
  const withApp =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? { ...(facts.app ? { app: facts.app } : {}), ...(input as Record<string, unknown>) }
      : input;
  const checked = checkModel(withApp, { known: facts.known });
  if (!checked.model) return { ok: false, problems: checked.errors };
  const schemas = (input as { schemas: Record<string, unknown>[] }).schemas;
  return {
    ok: true,
    schemas,
    model: JSON.parse(JSON.stringify(checked.model)) as unknown,
    warnings: [...checked.warnings, ...reviewModel(input, checked.model)],
  };
}

const OutputSchema = z.object({
  source: z
    .enum(['sampling', 'instructions'])
    .describe(
      "sampling: the client's LLM produced a valid model (in `schemas`). instructions: the client has no sampling; its own LLM must write the model from `instructions` and the JSON Schema at `json_schema_uri`.",
    ),
  schemas: LooseSchemasSchema.optional().describe(
    'source sampling: the valid model, as the LLM wrote it. Pass it unchanged to the generators.',
  ),
  normalized: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('source sampling: the normalized model (defaults filled, associations resolved).'),
  attempts: z
    .number()
    .int()
    .optional()
    .describe('source sampling: how many LLM requests it took (at most 3).'),
  warnings: z.array(IssueSchema).optional().describe('source sampling: reviewer warnings.'),
  instructions: z
    .string()
    .optional()
    .describe(
      'source instructions: the rules, type table, examples and JSON Schema to write the model with.',
    ),
  json_schema_uri: z
    .string()
    .optional()
    .describe(
      'source instructions: the resource with the JSON Schema (2020-12) the model must validate against (linked in the content too; kept out of the result to spare the context).',
    ),
  reason: z.string().optional().describe('source instructions: why the server did not sample.'),
  next_step: z.string().describe('What to do with the result.'),
  project_root: z.string().nullable().describe('The project whose app and schemas were used.'),
});

export const understandSchemaTool = defineTool({
  name: 'understand_schema',
  title: 'Understand a schema description',
  description:
    'Turn a plain-language description of data ("a blog with posts that have a title, a body and comments") into the typed model the generators take. When the client supports MCP sampling, the server asks the client\'s LLM (with the JSON Schema, the type table and worked examples), validates the reply and retries with the errors, up to 3 attempts. Without sampling (most clients) it returns the instructions and links the JSON Schema and examples as resources, so that your own LLM writes the model and checks it with validate_schema_model. Writes nothing; it only talks to the client (and its LLM, under the client\'s control) and reads the project.',
  input: z.object({
    description: z
      .string()
      .min(1)
      .max(20_000)
      .describe(
        'What to model, in plain language: the entities, their attributes and how they relate.',
      ),
    project_root: projectRootSchema(
      'The Phoenix project (its app and existing schemas inform the model). Default: the one allowed root that contains mix.exs, else none.',
    ),
  }),
  output: OutputSchema,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    // Sampling is not deterministic: the same description may give another (valid) model.
    idempotentHint: false,
    // The LLM is reached only through the client, which chooses it and may ask the user; the
    // server itself contacts nothing outside the client and the project.
    openWorldHint: false,
  },
  async handler(args, ctx: Ctx) {
    const facts = await projectFacts(ctx, { project_root: args.project_root });
    const availability = samplingAvailability(ctx);
    if (!availability.ok) return instructionsOutcome(args.description, facts, availability.reason);

    const system = systemPrompt(facts);
    const messages: SamplingMessage[] = [
      { role: 'user', content: { type: 'text', text: userRequest(args.description) } },
    ];
    let problems: Issue[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await ctx.progress(
        attempt - 1,
        MAX_ATTEMPTS,
        `Asking the client's LLM (attempt ${attempt} of ${MAX_ATTEMPTS})`,
      );
      let result: CreateMessageResult | { content: unknown; stopReason?: string };
      try {
        result = await ctx.sdk.mcpReq.requestSampling(
          {
            messages,
            systemPrompt: system,
            maxTokens: MAX_TOKENS,
            includeContext: 'none',
            modelPreferences: { intelligencePriority: 0.8, speedPriority: 0.3, costPriority: 0.3 },
          },
          {
            signal: ctx.signal,
            timeout: ctx.deps.samplingTimeoutMs ?? DEFAULT_SAMPLING_TIMEOUT_MS,
          },
        );
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw new ToolError(
          `The client's LLM could not be asked (sampling/createMessage failed on attempt ${attempt}: ${describeError(err).message}). ` +
            'Write the model yourself instead: use the prompt design_ecto_schema (or the resource phx-gen-mcp://model/schema.json) and check it with validate_schema_model.',
        );
      }
      const text = replyText(result);
      const judged = judge(text, result.stopReason, facts);
      if (judged.ok) {
        const structured = {
          source: 'sampling' as const,
          schemas: judged.schemas,
          normalized: judged.model as Record<string, unknown>,
          attempts: attempt,
          warnings: judged.warnings,
          next_step: `Show the model to the user, then pass "schemas" unchanged to generate_ecto_schema, generate_ecto_migration and generate_phoenix_context (dry_run: true first to preview).`,
          project_root: facts.root,
        };
        const modules = judged.schemas.map((s) => String(s.module)).join(', ');
        const summary = [
          `The client's LLM produced a valid model in ${attempt} attempt(s): ${modules}.`,
          structured.next_step,
          ...(judged.warnings.length ? ['Warnings:', formatIssues(judged.warnings)] : []),
        ].join('\n');
        return {
          structured,
          summary,
          content: [{ type: 'text', text: JSON.stringify({ schemas: judged.schemas }, null, 2) }],
        };
      }
      problems = judged.problems;
      await ctx.log(
        'info',
        `understand_schema: attempt ${attempt} gave an invalid model (${problems.length} problem(s)).`,
      );
      messages.push(
        {
          role: 'assistant',
          content: { type: 'text', text: text === '' ? '(empty reply)' : text },
        },
        {
          role: 'user',
          content: {
            type: 'text',
            text: retryRequest(problems.map((p) => `${p.path}: ${p.message}`)),
          },
        },
      );
    }
    throw new ToolError(
      `The client's LLM did not produce a valid model in ${MAX_ATTEMPTS} attempts. The last reply had these problems:\n${formatIssues(problems)}\n` +
        'Fix them yourself (validate_schema_model checks a model), or call understand_schema again with a more precise description.',
      { details: { errors: problems } },
    );
  },
});

function instructionsOutcome(description: string, facts: ProjectFacts, reason: string) {
  const instructions = `${systemPrompt(facts, INSTRUCTIONS_FORMAT)}\n\nThe description to model:\n\n${description}`;
  const next = nextStepText();
  const structured = {
    source: 'instructions' as const,
    instructions,
    json_schema_uri: MODEL_SCHEMA_URI,
    reason,
    next_step: next,
    project_root: facts.root,
  };
  const summary = `No model was generated: ${reason}, so this server cannot ask an LLM itself. You (the client's LLM) must write the model from the instructions below. ${next}`;
  return {
    structured,
    summary,
    content: [{ type: 'text' as const, text: instructions }, ...resourceLinks()],
  };
}

/** The resources the instructions name, as resource links a client can read on demand. */
function resourceLinks(): ContentBlock[] {
  return [
    {
      type: 'resource_link',
      uri: MODEL_SCHEMA_URI,
      name: 'model-schema',
      mimeType: 'application/json',
      description: 'The JSON Schema (2020-12) of the model.',
    },
    {
      type: 'resource_link',
      uri: TYPES_DOC_URI,
      name: 'types',
      mimeType: 'text/markdown',
      description: 'Every key, type and the spec grammar.',
    },
    ...EXAMPLES.map((e): ContentBlock => ({
      type: 'resource_link',
      uri: exampleUri(e.name),
      name: `example-${e.name}`,
      mimeType: 'text/markdown',
      description: e.title,
    })),
  ];
}
