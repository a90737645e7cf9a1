import { exampleMarkdown } from '../lib/example-doc.js';
import { renderExampleFiles } from '../lib/example-files.js';
import { EXAMPLES, exampleByName } from '../lib/examples.js';
import { exampleUri } from '../lib/guide.js';
import { defineResource } from './define.js';

export const examplesResource = defineResource({
  kind: 'template',
  name: 'examples',
  uriTemplate: exampleUri('{name}'),
  title: 'Worked examples',
  description:
    'Worked examples: a description, its phx.gen-style spec lines, the model parse_gen_spec returns for them, and the files the generators write.',
  mimeType: 'text/markdown',
  list: () =>
    EXAMPLES.map((e) => ({
      uri: exampleUri(e.name),
      name: `example-${e.name}`,
      title: e.title,
      description: e.description,
    })),
  complete: {
    name: (value) => EXAMPLES.map((e) => e.name).filter((n) => n.startsWith(value)),
  },
  async read(variables) {
    const raw = variables.name;
    const name = Array.isArray(raw) ? raw[0] : raw;
    const ex = name === undefined ? undefined : exampleByName(name);
    return ex ? exampleMarkdown(ex, renderExampleFiles) : null;
  },
});
