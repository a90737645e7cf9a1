/** Every resource of the schema-understanding server, under phx-gen-mcp://. */
import type { ResourceDefinition } from './define.js';
import { examplesResource } from './examples.js';
import { modelSchemaResource } from './model-schema.js';
import { typesDocResource } from './types-doc.js';

export const resources: readonly ResourceDefinition[] = [
  modelSchemaResource,
  typesDocResource,
  examplesResource,
];
