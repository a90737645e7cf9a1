/**
 * The markdown of a worked example: description → spec lines → model → the files the generators
 * write for it (rendered by the generators' own planners with a fixed clock and no project).
 */
import type { PlannedFile } from '../../../shared/workspace/index.js';
import { exampleInput, exampleModel, type Example } from './examples.js';

/** Renders the files of an example; null when the generators' planners are not available. */
export type ExampleFilesRenderer = (ex: Example) => Promise<PlannedFile[] | null>;

const FENCE: Record<string, string> = { ex: 'elixir', exs: 'elixir', json: 'json' };

export async function exampleMarkdown(
  ex: Example,
  renderFiles: ExampleFilesRenderer | null,
): Promise<string> {
  const input = exampleInput(ex);
  const model = exampleModel(ex);
  const files = renderFiles ? await renderFiles(ex) : null;
  const filesSection =
    files === null
      ? 'The generators of this build are not available to render the files here; call generate_ecto_schema, generate_ecto_migration and generate_phoenix_context with the model above and "dry_run": true to see them.'
      : files
          .map((f) => {
            const ext = f.path.split('.').pop() ?? '';
            return `### ${f.path}\n\n\`\`\`${FENCE[ext] ?? ''}\n${f.content.replace(/\n$/, '')}\n\`\`\``;
          })
          .join('\n\n');
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

${files === null ? '' : 'What the generators write for app my_app (MyApp), with migrations timestamped 2024-01-01 00:00:00 UTC.\n\n'}${filesSection}
`;
}
