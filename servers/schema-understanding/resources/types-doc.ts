import { TYPES_DOC_URI } from '../lib/guide.js';
import { typesDocMarkdown } from '../lib/types-doc.js';
import { defineResource } from './define.js';

export const typesDocResource = defineResource({
  kind: 'static',
  name: 'model-types',
  uri: TYPES_DOC_URI,
  title: 'Model types, modifiers and spec grammar',
  description:
    'Markdown reference: every field type with its Ecto schema type and migration column, every key of schemas, fields, associations and indexes, and the phx.gen-style spec grammar of parse_gen_spec.',
  mimeType: 'text/markdown',
  read: () => typesDocMarkdown(),
});
