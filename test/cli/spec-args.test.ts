/** Specs typed without quotes: detected before any server starts, with the quoted command. */
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { shellWord } from '../../cli/shell.js';
import { regroupSpecWords, splitSpecProblem } from '../../cli/spec-args.js';

async function inProcess(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('unquoted specs', () => {
  it('generate says to quote each spec and shows the quoted command (exit 2, no server)', async () => {
    const r = await inProcess([
      'generate',
      '--project',
      'my app',
      '--dry-run',
      'Catalog',
      'Product',
      'products',
      'name:string',
      'price:decimal',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Each SPEC must be one argument, in quotes');
    expect(r.err).toContain('"products"');
    expect(r.err).toContain(
      `  phx-gen-mcp generate --project "my app" --dry-run "Catalog Product products name:string price:decimal"\n`,
    );
    expect(r.err).not.toContain('Starting');
  });

  it('splits the words of several specs where a new module starts', () => {
    expect(
      regroupSpecWords([
        'Blog',
        'Post',
        'posts',
        'title',
        'author:belongs_to:Accounts.User',
        'Blog.Tag',
        'tags',
        'name:string:unique',
        'Accounts User users email',
        'mix',
        'phx.gen.context',
        'Events',
        'Event',
        'events',
        'title',
        '--no-timestamps',
      ]),
    ).toEqual([
      'Blog Post posts title author:belongs_to:Accounts.User',
      'Blog.Tag tags name:string:unique',
      'Accounts User users email',
      'mix phx.gen.context Events Event events title --no-timestamps',
    ]);
  });

  it('leaves whole specs alone: quoted ones, and module-only specs', () => {
    expect(splitSpecProblem('x', [], ['Blog Post posts title', 'Blog Tag tags name'])).toBe(
      undefined,
    );
    expect(splitSpecProblem('x', [], ['Blog.Post', 'Blog.Tag'])).toBe(undefined);
    expect(splitSpecProblem('x', [], ['Blog'])).toBe(undefined);
    expect(splitSpecProblem('x', [], ['Blog Post posts', 'title'])).toContain(
      'x "Blog Post posts" title',
    );
  });

  it('quotes shell words only when needed', () => {
    expect(shellWord('name:string')).toBe('name:string');
    expect(shellWord('/tmp/my app')).toBe('"/tmp/my app"');
    expect(shellWord('Blog Post posts slug:string:default="x y"')).toBe(
      `'Blog Post posts slug:string:default="x y"'`,
    );
    expect(shellWord(`it's "$HOME"`)).toBe(`'it'\\''s "$HOME"'`);
    expect(shellWord('')).toBe('""');
  });
});
