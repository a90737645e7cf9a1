/** Every prompt of the schema-understanding server, in the order clients list them. */
import type { AnyPrompt } from './define.js';
import { designEctoSchemaPrompt } from './design-ecto-schema.js';
import { generateCrudPrompt } from './generate-crud.js';
import { reviewSchemaModelPrompt } from './review-schema-model.js';

export const prompts: readonly AnyPrompt[] = [
  designEctoSchemaPrompt,
  generateCrudPrompt,
  reviewSchemaModelPrompt,
] as readonly AnyPrompt[];
