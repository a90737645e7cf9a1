import { modelJsonSchema } from '../../../shared/model/index.js';
import { MODEL_SCHEMA_URI } from '../lib/guide.js';
import { defineResource } from './define.js';

export const modelSchemaResource = defineResource({
  kind: 'static',
  name: 'model-json-schema',
  uri: MODEL_SCHEMA_URI,
  title: 'Model JSON Schema',
  description:
    'The JSON Schema (2020-12) of the typed model every phx-gen-mcp generator takes: {"schemas": [ … ], "app"?: { … }}. Every key is described for an LLM reader.',
  mimeType: 'application/json',
  read: () => JSON.stringify(modelJsonSchema(), null, 2),
});
