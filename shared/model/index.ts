import * as z from 'zod';
import { AppSchema, SchemasSchema } from './schema.js';
import { normalizeModel, type NormalizeOptions, type NormalizeResult } from './validate.js';

export * from './types.js';
export * from './schema.js';
export * from './normalized.js';
export * from './validate.js';
export * from './parse.js';
export * from './database.js';

/** The batch a client passes to the generators: the schemas and, optionally, the app. */
export const ModelSchema = z
  .object({
    app: AppSchema.optional(),
    schemas: SchemasSchema,
  })
  .describe('A batch of Ecto schemas to generate, with the application they belong to.');

let cached: Record<string, unknown> | undefined;

/** The model's JSON Schema (2020-12), as published to clients. */
export function modelJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(ModelSchema, { io: 'input' }) as Record<string, unknown>;
  return cached;
}

/** A zod issue path as "schemas[0].fields[2].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/**
 * Shape validation (zod) followed by the model rules: the one entry point for untrusted input
 * such as `validate_schema_model`'s argument or an LLM's reply.
 */
export function checkModel(raw: unknown, opts: NormalizeOptions = {}): NormalizeResult {
  const parsed = ModelSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      model: null,
      errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
      warnings: [],
    };
  }
  return normalizeModel(parsed.data, opts);
}
