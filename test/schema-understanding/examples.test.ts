/**
 * The worked examples show real generator output: the files the planners write for each example
 * model, which must parse and be exactly `mix format`'s output.
 */
import { describe, expect, it } from 'vitest';
import { exampleMarkdown } from '../../servers/schema-understanding/lib/example-doc.js';
import { renderExampleFiles } from '../../servers/schema-understanding/lib/example-files.js';
import { EXAMPLES, exampleByName } from '../../servers/schema-understanding/lib/examples.js';
import { assertElixirClean, describeElixir, itElixir } from '../support/elixir.js';

describe('example files', () => {
  it('blog: the schemas and the migrations in dependency order, with fixed versions', async () => {
    const groups = await renderExampleFiles(exampleByName('blog')!);
    const paths = Object.fromEntries(groups.map((g) => [g.tool, g.files.map((f) => f.path)]));
    expect(paths.generate_ecto_schema).toEqual([
      'lib/my_app/accounts/user.ex',
      'lib/my_app/blog/post.ex',
      'lib/my_app/blog/comment.ex',
    ]);
    expect(paths.generate_ecto_migration).toEqual([
      'priv/repo/migrations/20240101000000_create_users.exs',
      'priv/repo/migrations/20240101000001_create_posts.exs',
      'priv/repo/migrations/20240101000002_create_comments.exs',
    ]);
    const post = groups[0]!.files[1]!.content;
    expect(post).toContain('belongs_to :author, MyApp.Accounts.User');
    expect(post).toContain('has_many :comments, MyApp.Blog.Comment');
  });

  it('the markdown holds every file of all three generators', async () => {
    const ex = exampleByName('shop')!;
    const md = await exampleMarkdown(ex, renderExampleFiles);
    for (const g of await renderExampleFiles(ex)) {
      for (const f of g.files) expect(md).toContain(`#### ${f.path}\n\n\`\`\`elixir\n${f.content}`);
    }
    const tools = (await renderExampleFiles(ex)).map((g) => g.tool);
    expect(tools).toEqual([
      'generate_ecto_schema',
      'generate_ecto_migration',
      'generate_phoenix_context',
    ]);
    expect(md).toContain('lib/my_app/catalog.ex');
  });
});

describeElixir('example files are real Elixir', () => {
  itElixir(
    'all parse and are mix-format clean',
    async () => {
      const files = [];
      for (const ex of EXAMPLES) {
        for (const g of await renderExampleFiles(ex)) {
          files.push(...g.files.map((f) => ({ path: `${ex.name}/${f.path}`, content: f.content })));
        }
      }
      expect(files.length).toBeGreaterThan(10);
      await assertElixirClean(files);
    },
    60_000,
  );
});
