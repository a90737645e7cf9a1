import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/schema-understanding/server.js';
import { tools } from '../../servers/schema-understanding/tools/index.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';

const USER_EX = `defmodule MyApp.Accounts.User do
  use Ecto.Schema
  import Ecto.Changeset

  schema "users" do
    field :email, :string
    timestamps(type: :utc_datetime)
  end

  def changeset(user, attrs) do
    user |> cast(attrs, [:email]) |> validate_required([:email])
  end
end
`;

interface Issue {
  path: string;
  message: string;
}
interface Validated {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  schemas: Record<string, unknown>[] | null;
  project_root: string | null;
  notes: string[];
}

describe('schema-understanding tools', () => {
  it('are understand_schema, parse_gen_spec, validate_schema_model and introspect_database, all read-only', async () => {
    expect(tools.map((t) => t.name)).toEqual([
      'understand_schema',
      'parse_gen_spec',
      'validate_schema_model',
      'introspect_database',
    ]);
    for (const t of tools) {
      expect(t.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        // introspect_database talks to a database server: the only tool outside the project.
        openWorldHint: t.name === 'introspect_database',
      });
    }
    expect(tools.find((t) => t.name === 'understand_schema')!.annotations.idempotentHint).toBe(
      false,
    );
  });
});

describe('parse_gen_spec', () => {
  let c: Connected;
  beforeEach(async () => {
    c = await connect(createServer({ cliRoots: [] }));
  });
  afterEach(() => c.close());

  it('returns the wire schemas exactly as parseGenSpec gives them, and target warnings', async () => {
    const r = await c.client.callTool({
      name: 'parse_gen_spec',
      arguments: {
        specs: ['Blog Post posts title:string author:belongs_to:Accounts.User'],
        binary_id: true,
        timestamp_type: 'utc_datetime',
      },
    });
    const out = structured<{ schemas: unknown[]; warnings: Issue[] }>(r);
    expect(out.schemas).toEqual([
      {
        module: 'Blog.Post',
        context: 'Blog',
        table: 'posts',
        primary_key: { name: 'id', type: 'binary_id' },
        timestamps: { type: 'utc_datetime' },
        fields: [{ name: 'title', type: 'string' }],
        associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
      },
    ]);
    expect(out.warnings).toEqual([
      {
        path: 'schemas[0].associations[0].target',
        message: expect.stringContaining('target Accounts.User is not in this batch'),
      },
    ]);
    const text = (r.content as { text: string }[]).map((b) => b.text).join('\n');
    expect(text).toContain('Parsed 1 schema(s): Blog.Post.');
  });

  it('reports every spec problem with line, token, position and the valid choices', async () => {
    const r = await c.client.callTool({
      name: 'parse_gen_spec',
      arguments: { specs: ['Blog Post posts title:strng', 'Blog Tag tags name:string --nope'] },
    });
    const text = errorText(r);
    expect(text).toContain('The spec could not be parsed');
    expect(text).toContain('line 1, token 4 "title:strng" (column 17): unknown type "strng"');
    expect(text).toContain('Did you mean "string"?');
    expect(text).toContain('line 2, token 5 "--nope"');
    expect(text).toContain('Valid flags:');
  });

  it('refuses a spec that parses into a model the generators would reject', async () => {
    const r = await c.client.callTool({
      name: 'parse_gen_spec',
      arguments: { specs: ['Blog Post posts end:string'] },
    });
    expect(errorText(r)).toContain(
      'schemas[0].fields[0].name: Blog.Post field "end" is an Elixir reserved word',
    );
  });
});

describe('validate_schema_model', () => {
  let c: Connected;
  let project: Awaited<ReturnType<typeof tempProject>>;
  beforeEach(async () => {
    project = await tempProject({ 'lib/my_app/accounts/user.ex': USER_EX });
  });
  afterEach(async () => {
    await c.close();
    await project.cleanup();
  });

  it('returns valid:false with every error (not an isError) for a bad model', async () => {
    c = await connect(createServer({ cliRoots: [] }));
    const r = await c.client.callTool({
      name: 'validate_schema_model',
      arguments: {
        schemas: [
          { module: 'blog.post', fields: [{ name: 'Title' }] },
          { module: 'Blog.Tag', fields: [{ name: 'name', type: 'strin' }] },
        ],
      },
    });
    expect(r.isError).toBeFalsy();
    const out = structured<Validated>(r);
    expect(out.valid).toBe(false);
    expect(out.schemas).toBeNull();
    expect(out.errors.map((e) => e.path)).toEqual([
      'schemas[0].module',
      'schemas[0].fields[0].name',
      'schemas[1].fields[0].type',
    ]);
    expect(out.errors[2]!.message).toContain('"string"');
    expect((r.content as { text: string }[])[0]!.text).toMatch(/^Invalid: 3 error\(s\)/);
  });

  it('normalizes a valid model and adds the reviewer warnings; no project → batch only', async () => {
    c = await connect(createServer({ cliRoots: [] }));
    const r = await c.client.callTool({
      name: 'validate_schema_model',
      arguments: {
        schemas: [
          {
            module: 'Blog.Post',
            fields: [{ name: 'title' }, { name: 'slug' }, { name: 'price', type: 'float' }],
            associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
          },
        ],
      },
    });
    const out = structured<Validated>(r);
    expect(out.valid).toBe(true);
    expect(out.project_root).toBeNull();
    expect(out.warnings.map((w) => w.path)).toEqual([
      'schemas[0].associations[0].target',
      'schemas[0].fields[1].unique',
      'schemas[0].fields[2].type',
    ]);
    const [post] = out.schemas!;
    expect(post).toMatchObject({
      module: 'Blog.Post',
      table: 'posts',
      context: 'Blog',
      indexes: [{ columns: ['author_id'], unique: false, name: 'posts_author_id_index' }],
    });
    expect(out.notes.join(' ')).toContain('No project');
  });

  it("with a project: the app from mix.exs, and the project's schemas resolve targets", async () => {
    c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
    const r = await c.client.callTool({
      name: 'validate_schema_model',
      arguments: {
        schemas: [
          {
            module: 'Blog.Post',
            fields: [{ name: 'title' }],
            associations: [
              { kind: 'belongs_to', name: 'author', target: 'Accounts.User' },
              { kind: 'belongs_to', name: 'editor', target: 'Accounts.Editor' },
            ],
          },
        ],
      },
    });
    const out = structured<Validated>(r);
    expect(out.valid).toBe(true);
    expect(out.project_root).toBe(project.root);
    // Accounts.User exists in the project; Accounts.Editor exists nowhere.
    expect(out.warnings.map((w) => w.path)).toEqual(['schemas[0].associations[1].target']);
    expect(out.notes.join(' ')).toContain('App MyApp (:my_app) read from');
    // The app is known, so a fully-qualified module is read relative to it.
    const full = structured<Validated>(
      await c.client.callTool({
        name: 'validate_schema_model',
        arguments: { schemas: [{ module: 'MyApp.Blog.Post' }] },
      }),
    );
    expect(full.schemas![0]).toMatchObject({ module: 'Blog.Post', table: 'posts' });
  });

  it('rejects a project_root outside the allowed roots as an isError', async () => {
    c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
    const r = await c.client.callTool({
      name: 'validate_schema_model',
      arguments: { schemas: [{ module: 'Blog.Post' }], project_root: '/' },
    });
    expect(errorText(r)).toContain('outside the allowed directories');
  });
});
