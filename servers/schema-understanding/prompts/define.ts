/**
 * Prompts are data, like tools: `definePrompt({ name, title, description, args, complete?, build })`
 * and `registerPrompts(server, prompts, env)`. `args` is a z.object of string arguments, each with
 * a description; `complete` gives argument completion (wrapped in the SDK's `completable` at
 * registration, so a definition stays a plain object).
 */
import {
  completable,
  type GetPromptResult,
  type McpServer,
  type RegisteredPrompt,
} from '@modelcontextprotocol/server';
import * as z from 'zod';
import { TOOL_NAME_PATTERN } from '../../../shared/mcp/index.js';
import type { SchemaUnderstandingDeps } from '../lib/project.js';

/** What prompt builders and completers may use besides their arguments. */
export interface PromptEnv {
  deps: SchemaUnderstandingDeps;
  /** The allowed directories (client roots ∩ --root), for completing project_root. */
  allowedDirs(): Promise<string[]>;
}

export type PromptMessages = GetPromptResult['messages'];

export type Completer = (
  value: string,
  env: PromptEnv,
  context?: { arguments?: Record<string, string> },
) => string[] | Promise<string[]>;

export interface PromptDefinition<A extends z.ZodObject = z.ZodObject> {
  /** snake_case, verb first. */
  name: string;
  title: string;
  description: string;
  /** String arguments, each with .describe(). */
  args: A;
  complete?: Partial<Record<string, Completer>>;
  // Method syntax on purpose: lists of prompts with different args stay assignable.
  build(args: z.output<A>, env: PromptEnv): PromptMessages | Promise<PromptMessages>;
}

export type AnyPrompt = PromptDefinition<z.ZodObject>;

export function definePrompt<A extends z.ZodObject>(def: PromptDefinition<A>): PromptDefinition<A> {
  if (!TOOL_NAME_PATTERN.test(def.name)) {
    throw new Error(`Prompt name ${JSON.stringify(def.name)} must match ${TOOL_NAME_PATTERN}.`);
  }
  if (def.title.trim() === '' || def.description.trim() === '') {
    throw new Error(`Prompt ${def.name} needs a title and a description.`);
  }
  for (const [key, schema] of Object.entries(def.args.shape)) {
    if (!(schema as z.ZodType).description && !innerDescription(schema)) {
      throw new Error(`Prompt ${def.name}: argument ${key} needs a description.`);
    }
  }
  for (const key of Object.keys(def.complete ?? {})) {
    if (!(key in def.args.shape)) {
      throw new Error(`Prompt ${def.name}: completer for unknown argument ${key}.`);
    }
  }
  return def;
}

function innerDescription(schema: unknown): string | undefined {
  const inner = (schema as { _zod?: { def?: { innerType?: { description?: string } } } })._zod?.def
    ?.innerType;
  return inner?.description;
}

/**
 * The argument schema marked completable. completable() marks the schema object itself, and the
 * definitions are shared by every server instance, so it marks a fresh copy (describe() returns
 * a new schema). The SDK looks for the mark inside `.optional()`, so an optional argument gets
 * its inner schema marked.
 */
function withCompleter(
  schema: z.ZodType,
  complete: (
    value: string,
    context?: { arguments?: Record<string, string> },
  ) => string[] | Promise<string[]>,
): z.ZodType {
  const description = schema.description ?? innerDescription(schema) ?? '';
  const cb = (value: unknown, context?: { arguments?: Record<string, string> }) =>
    complete(typeof value === 'string' ? value : '', context);
  if (schema instanceof z.ZodOptional) {
    const inner = schema.unwrap() as z.ZodType;
    return completable(inner.describe(inner.description ?? description), cb)
      .optional()
      .describe(description);
  }
  return completable(schema.describe(description), cb);
}

/** A user-role text message. */
export function userText(text: string): PromptMessages[number] {
  return { role: 'user', content: { type: 'text', text } };
}

export function registerPrompts(
  server: McpServer,
  prompts: readonly AnyPrompt[],
  env: PromptEnv,
): RegisteredPrompt[] {
  const seen = new Set<string>();
  return prompts.map((p) => {
    if (seen.has(p.name)) throw new Error(`Prompt ${p.name} is registered twice.`);
    seen.add(p.name);
    const shape: Record<string, z.ZodType> = {};
    for (const [key, schema] of Object.entries(p.args.shape as Record<string, z.ZodType>)) {
      const complete = p.complete?.[key];
      shape[key] = complete
        ? withCompleter(schema, (value, context) => complete(value, env, context))
        : schema;
    }
    return server.registerPrompt(
      p.name,
      { title: p.title, description: p.description, argsSchema: z.object(shape) },
      async (args) => ({
        description: p.description,
        messages: await p.build(p.args.parse(args), env),
      }),
    );
  });
}
