import * as z from 'zod';
import { ModelSchema } from './check.js';

export * from './types.js';
export * from './schema.js';
export * from './normalized.js';
export * from './validate.js';
export * from './parse.js';
export * from './database.js';
export { ModelSchema, checkModel, formatPath } from './check.js';
export * from './pg-type.js';
export * from './renames.js';

let cached: Record<string, unknown> | undefined;

/** The model's JSON Schema (2020-12), as published to clients. */
export function modelJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(ModelSchema, { io: 'input' }) as Record<string, unknown>;
  return cached;
}
