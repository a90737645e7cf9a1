/**
 * The markdown of a worked example: description → spec lines → model → the files the generators
 * write for it (rendered by the generators' own planners with a fixed clock and no project).
 */
import { exampleInput, exampleModel, type Example } from './examples.js';
import type { GeneratorFiles } from './example-files.js';

const FENCE: Record<string, string> = { ex: 'elixir', exs: 'elixir', json: 'json' };

function filesSection(groups: readonly GeneratorFiles[]): string {
  const parts = groups.map(
    (g) =>
      `### ${g.tool}\n\n` +
      g.files
        .map((f) => {
          const ext = f.path.split('.').pop() ?? '';
          return `#### ${f.path}\n\n\`\`\`${FENCE[ext] ?? ''}\n${f.content.replace(/\n$/, '')}\n\`\`\``;
        })
        .join('\n\n'),
  );
  return parts.join('\n\n');
}

export async function exampleMarkdown(
  ex: Example,
  renderFiles: (ex: Example) => Promise<GeneratorFiles[]>,
): Promise<string> {
  const input = exampleInput(ex);
  const model = exampleModel(ex);
  const files = await renderFiles(ex);
  return `# Example: ${ex.title}

${ex.description}

## 1. Spec lines

The parse_gen_spec input (phx.gen style, one line per schema):

\`\`\`json
${JSON.stringify(input, null, 2)}
\`\`\`

## 2. Model

What parse_gen_spec returns: the \`schemas\` array that every generator takes unchanged (write it directly, or via understand_schema, from a description like the one above).

\`\`\`json
${JSON.stringify(model, null, 2)}
\`\`\`

## 3. Files

What the generators write for the app my_app (MyApp), as a dry run without a project; migrations are timestamped from 2024-01-01 00:00:00 UTC.

${filesSection(files)}
`;
}
