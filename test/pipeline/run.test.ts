import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { defineTool, registerTools } from '../../shared/mcp/index.js';
import { GeneratorInputShape, GeneratorOutputSchema } from '../../shared/pipeline/input.js';
import { needsKnownSchemas, runGeneration } from '../../shared/pipeline/run.js';
import { type Planner } from '../../shared/plan/index.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

/** A trivial planner: one file per schema listing its module and the app (and key types of references). */
const plan: Planner<unknown> = async (model) =>
  model.schemas.map((s) => ({
    path: `out/${s.table}.txt`,
    content: `${model.app!.base_module}.${s.module} ${s.fields.map((f) => (f.references ? `${f.name}:${f.references.type}` : f.name)).join(',')}\n`,
  }));

function server(cliRoots: string[] = []) {
  const s = new McpServer({ name: 'pipeline-test', version: '0' });
  registerTools(
    s,
    [
      defineTool({
        name: 'generate_things',
        title: 'Generate things',
        description: 'Test tool running the shared generation pipeline with a trivial planner.',
        input: z.object(GeneratorInputShape),
        output: GeneratorOutputSchema,
        annotations: {
          readOnlyHint: false,
          destructiveHint: true,
          idempotentHint: true,
          openWorldHint: false,
        },
        handler: (args, ctx) => runGeneration(args, ctx, { plan }),
      }),
    ],
    { cliRoots },
  );
  return s;
}

type Out = z.output<typeof GeneratorOutputSchema>;
let open: Connected[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.map((c) => c.close()));
  await Promise.all(cleanups.map((c) => c()));
  open = [];
  cleanups.length = 0;
});

async function setup(opts: { roots?: boolean } = { roots: true }) {
  const p = await tempProject();
  cleanups.push(p.cleanup);
  const c = await connect(server(), opts.roots ? { roots: [p.root] } : {});
  open.push(c);
  return {
    root: p.root,
    call: (args: Record<string, unknown>) =>
      c.client.callTool({ name: 'generate_things', arguments: args }),
  };
}

describe('runGeneration', () => {
  it('parses specs, detects the app from mix.exs and writes', async () => {
    const { root, call } = await setup();
    const out = structured<Out>(
      await call({ specs: ['Blog Post posts title body:text'], format: 'none' }),
    );
    expect(out.files).toEqual([{ path: 'out/posts.txt', action: 'created' }]);
    expect(await readFile(path.join(root, 'out/posts.txt'), 'utf8')).toBe(
      'MyApp.Blog.Post title,body\n',
    );
    const again = structured<Out>(
      await call({ specs: ['Blog Post posts title body:text'], format: 'none' }),
    );
    expect(again.files[0]!.action).toBe('unchanged');
  });

  it('refuses both or neither of schemas and specs', async () => {
    const { call } = await setup();
    expect(errorText(await call({}))).toContain('Nothing to generate');
    expect(
      errorText(await call({ specs: ['Blog Post posts'], schemas: [{ module: 'Blog.Post' }] })),
    ).toContain('not both');
  });

  it('turns spec errors into one isError listing each token', async () => {
    const { call } = await setup();
    const text = errorText(await call({ specs: ['Blog Post posts title:strng'] }));
    expect(text).toContain('line 1, token 4 "title:strng"');
    expect(text).toContain('Did you mean "string"?');
  });

  it('lists every model error with its path and writes nothing', async () => {
    const { root, call } = await setup();
    const text = errorText(
      await call({ schemas: [{ module: 'Blog.Post', fields: [{ name: 'end' }, { name: 'do' }] }] }),
    );
    expect(text).toContain('schemas[0].fields[0].name');
    expect(text).toContain('schemas[0].fields[1].name');
    await expect(readFile(path.join(root, 'out/posts.txt'))).rejects.toThrow();
  });

  it('dry-runs without any root, with the default app and a warning', async () => {
    const { call } = await setup({ roots: false });
    const out = structured<Out>(await call({ specs: ['Blog Post posts title'], dry_run: true }));
    expect(out.project_root).toBeNull();
    expect(out.files[0]).toEqual({
      path: 'out/posts.txt',
      action: 'created',
      content: 'MyApp.Blog.Post title\n',
    });
    expect(out.warnings.join()).toContain('No project root');
  });

  it('refuses to write without a root, saying how to configure one', async () => {
    const { call } = await setup({ roots: false });
    expect(errorText(await call({ specs: ['Blog Post posts title'] }))).toContain('--root');
  });

  it('reports conflicts and writes nothing; skip and overwrite follow on_conflict', async () => {
    const { root, call } = await setup();
    structured(await call({ specs: ['Blog Post posts title'], format: 'none' }));
    const text = errorText(
      await call({ specs: ['Blog Post posts title body', 'Blog Tag tags name'], format: 'none' }),
    );
    expect(text).toContain('out/posts.txt');
    expect(text).toContain('on_conflict');
    await expect(readFile(path.join(root, 'out/tags.txt'))).rejects.toThrow();
    const skipped = structured<Out>(
      await call({ specs: ['Blog Post posts title body'], on_conflict: 'skip', format: 'none' }),
    );
    expect(skipped.files[0]!.action).toBe('skipped');
    const over = structured<Out>(
      await call({
        specs: ['Blog Post posts title body'],
        on_conflict: 'overwrite',
        format: 'none',
      }),
    );
    expect(over.files[0]!.action).toBe('updated');
    expect(await readFile(path.join(root, 'out/posts.txt'), 'utf8')).toBe(
      'MyApp.Blog.Post title,body\n',
    );
  });

  it('uses an explicit app over mix.exs', async () => {
    const { call } = await setup();
    const out = structured<Out>(
      await call({
        specs: ['Blog Post posts title'],
        app: { otp_app: 'shop', base_module: 'Shop' },
        dry_run: true,
      }),
    );
    expect(out.files[0]!.content).toBe('Shop.Blog.Post title\n');
  });

  it('skips mix format (format auto) when it would add parentheses to Ecto macros', async () => {
    const { root, call } = await setup();
    const a = structured<Out>(await call({ specs: ['Blog Post posts title'] }));
    expect(a.format).toEqual({
      status: 'skipped',
      reason: expect.stringContaining('no .formatter.exs'),
    });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(root, '.formatter.exs'), '[inputs: ["*.{ex,exs}"]]\n');
    const b = structured<Out>(await call({ specs: ['Blog Tag tags name'] }));
    expect(b.format!.reason).toContain('does not import_deps :ecto');
    await writeFile(
      path.join(root, '.formatter.exs'),
      '[import_deps: [:ecto, :ecto_sql], inputs: ["*.{ex,exs}"]]\n',
    );
    const c = structured<Out>(await call({ specs: ['Blog Comment comments body'] }));
    expect(c.format!.reason).toContain('not fetched');
  });

  it('resolves association targets against the schemas already in the project', async () => {
    const { root, call } = await setup();
    const { mkdir, writeFile } = await import('node:fs/promises');
    const spec = ['Blog Post posts title author:belongs_to:Accounts.User'];
    const before = structured<Out>(await call({ specs: spec, dry_run: true }));
    expect(before.warnings.join()).toContain('Accounts.User is not in this batch');
    await mkdir(path.join(root, 'lib/my_app/accounts'), { recursive: true });
    await writeFile(
      path.join(root, 'lib/my_app/accounts/user.ex'),
      'defmodule MyApp.Accounts.User do\n  use Ecto.Schema\n\n  schema "users" do\n    field :email, :string\n  end\nend\n',
    );
    const after = structured<Out>(await call({ specs: spec, dry_run: true }));
    expect(after.warnings).toEqual([]);
  });

  it('resolves a references field against a table already in the project (binary_id key)', async () => {
    const { root, call } = await setup();
    const { mkdir, writeFile } = await import('node:fs/promises');
    const schemas = [
      {
        module: 'Blog.Post',
        fields: [
          { name: 'owner_id', type: 'references' as const, references: { table: 'owners' } },
        ],
      },
    ];
    const content = async () =>
      (structured<Out>(await call({ schemas, dry_run: true })).files[0] as { content: string })
        .content;
    // Not in the project yet: this schema's own key type.
    expect(await content()).toBe('MyApp.Blog.Post owner_id:id\n');
    await mkdir(path.join(root, 'lib/my_app/accounts'), { recursive: true });
    await writeFile(
      path.join(root, 'lib/my_app/accounts/owner.ex'),
      'defmodule MyApp.Accounts.Owner do\n  use Ecto.Schema\n\n  @primary_key {:id, :binary_id, autogenerate: true}\n  schema "owners" do\n    field :name, :string\n  end\nend\n',
    );
    expect(await content()).toBe('MyApp.Blog.Post owner_id:binary_id\n');
  });
});

const APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

describe('needsKnownSchemas', () => {
  it('is false when every association target and references table is in the batch', () => {
    expect(
      needsKnownSchemas(
        [
          {
            module: 'Blog.Post',
            associations: [{ kind: 'belongs_to', name: 'author', target: 'MyApp.Accounts.User' }],
          },
          { module: 'Accounts.User', fields: [{ name: 'email', type: 'string' }] },
          {
            module: 'Blog.Tag',
            table: 'labels',
            fields: [
              { name: 'post_id', type: 'references' as const, references: { table: 'posts' } },
            ],
          },
          {
            module: 'Blog.Note',
            fields: [
              { name: 'label_id', type: 'references' as const, references: { table: 'labels' } },
            ],
          },
        ],
        APP,
      ),
    ).toBe(false);
    expect(
      needsKnownSchemas(
        [{ module: 'Blog.Post', fields: [{ name: 'title', type: 'string' }] }],
        APP,
      ),
    ).toBe(false);
  });

  it('is true when a target or table may be in the project', () => {
    const post = { module: 'Blog.Post', fields: [{ name: 'title', type: 'string' as const }] };
    expect(
      needsKnownSchemas(
        [
          {
            ...post,
            associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
          },
        ],
        APP,
      ),
    ).toBe(true);
    expect(
      needsKnownSchemas(
        [
          post,
          {
            module: 'Blog.Tag',
            fields: [
              { name: 'user_id', type: 'references' as const, references: { table: 'users' } },
            ],
          },
        ],
        APP,
      ),
    ).toBe(true);
    // An embedded schema's default table is no table: a reference to it is looked up.
    expect(
      needsKnownSchemas(
        [
          { module: 'Blog.Meta', embedded: true },
          {
            module: 'Blog.Tag',
            fields: [
              { name: 'meta_id', type: 'references' as const, references: { table: 'metas' } },
            ],
          },
        ],
        APP,
      ),
    ).toBe(true);
  });
});
