/**
 * The ecto-schema server through the real SDK client (in-memory transport), with the client's
 * roots pointing at a temp Phoenix-shaped project.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-schema/server.js';
import { tools } from '../../servers/ecto-schema/tools/index.js';
import {
  MIX_EXS,
  connect,
  errorText,
  structured,
  tempProject,
  type Connected,
} from '../support/mcp.js';

interface Output {
  project_root: string | null;
  dry_run: boolean;
  files: { path: string; action: string; content?: string; reason?: string }[];
  warnings: string[];
}

const golden = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'golden',
  'ecto-schema',
);
const BLOG = (
  JSON.parse(await readFile(path.join(golden, 'blog', 'input.json'), 'utf8')) as {
    schemas: unknown[];
  }
).schemas;
const BLOG_FILES = [
  'lib/my_app/accounts/user.ex',
  'lib/my_app/blog/post.ex',
  'lib/my_app/blog/comment.ex',
  'lib/my_app/blog/tag.ex',
];

let project: { root: string; cleanup(): Promise<void> };
let c: Connected;

async function call(name: string, args: Record<string, unknown>) {
  return c.client.callTool({ name, arguments: args });
}
const generate = (args: Record<string, unknown>) =>
  call('generate_ecto_schema', { format: 'none', ...args });

async function libFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries;
    try {
      entries = await readdir(path.join(project.root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(r);
      else out.push(r);
    }
  };
  await walk('lib');
  return out.sort();
}
const read = (rel: string) => readFile(path.join(project.root, rel), 'utf8');
const put = async (rel: string, content: string) => {
  await mkdir(path.dirname(path.join(project.root, rel)), { recursive: true });
  await writeFile(path.join(project.root, rel), content);
};

beforeEach(async () => {
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
});

afterEach(async () => {
  await c.close();
  await project.cleanup();
});

describe('ecto-schema tools', () => {
  it('lists generate_ecto_schema and list_ecto_schemas with their hints', async () => {
    const { tools: listed } = await c.client.listTools();
    expect(listed.map((t) => t.name).sort()).toEqual(['generate_ecto_schema', 'list_ecto_schemas']);
    expect(tools.map((t) => t.name)).toEqual(['generate_ecto_schema', 'list_ecto_schemas']);
    const gen = listed.find((t) => t.name === 'generate_ecto_schema');
    expect(gen?.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(Object.keys(gen?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['schemas', 'specs', 'project_root', 'dry_run', 'on_conflict']),
    );
    const list = listed.find((t) => t.name === 'list_ecto_schemas');
    expect(list?.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
  });
});

describe('generate_ecto_schema', () => {
  it('writes one module per schema where Phoenix puts it, equal to the goldens', async () => {
    const out = structured<Output>(await generate({ schemas: BLOG }));
    expect(out.project_root).toBe(project.root);
    expect(out.files).toEqual(BLOG_FILES.map((p) => ({ path: p, action: 'created' })));
    expect(await libFiles()).toEqual([...BLOG_FILES, 'lib/my_app/repo.ex'].sort());
    for (const p of BLOG_FILES) {
      expect(await read(p)).toBe(await readFile(path.join(golden, 'blog', 'expected', p), 'utf8'));
    }
  });

  it('a dry run writes nothing and returns every file with its content', async () => {
    const result = await generate({ schemas: BLOG, dry_run: true });
    const out = structured<Output>(result);
    expect(out.dry_run).toBe(true);
    expect(out.files.map((f) => [f.path, f.action])).toEqual(BLOG_FILES.map((p) => [p, 'created']));
    expect(out.files[1]?.content).toContain('defmodule MyApp.Blog.Post do');
    expect(await libFiles()).toEqual(['lib/my_app/repo.ex']);
    const texts = (result.content as { text: string }[]).map((b) => b.text);
    expect(texts.some((t) => t.startsWith('# lib/my_app/blog/post.ex\n'))).toBe(true);
  });

  it('a re-run reports unchanged and rewrites nothing', async () => {
    structured(await generate({ schemas: BLOG }));
    const out = structured<Output>(await generate({ schemas: BLOG }));
    expect(out.files.map((f) => f.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });

  describe('an existing module with other content', () => {
    const OLD = 'defmodule MyApp.Blog.Post do\n  # hand-written\nend\n';
    beforeEach(() => put('lib/my_app/blog/post.ex', OLD));

    it('is a conflict by default: a clear error, and nothing is written', async () => {
      const text = errorText(await generate({ schemas: BLOG }));
      expect(text).toContain('lib/my_app/blog/post.ex');
      expect(text).toMatch(/Nothing was written/);
      expect(text).toContain('on_conflict');
      expect(await libFiles()).toEqual(['lib/my_app/blog/post.ex', 'lib/my_app/repo.ex']);
      expect(await read('lib/my_app/blog/post.ex')).toBe(OLD);
    });

    it('on_conflict skip keeps it and writes the rest', async () => {
      const out = structured<Output>(await generate({ schemas: BLOG, on_conflict: 'skip' }));
      expect(out.files.map((f) => f.action)).toEqual(['created', 'skipped', 'created', 'created']);
      expect(await read('lib/my_app/blog/post.ex')).toBe(OLD);
    });

    it('on_conflict overwrite replaces it', async () => {
      const out = structured<Output>(await generate({ schemas: BLOG, on_conflict: 'overwrite' }));
      expect(out.files.map((f) => f.action)).toEqual(['created', 'updated', 'created', 'created']);
      expect(await read('lib/my_app/blog/post.ex')).toContain('schema "posts" do');
    });
  });

  it('takes phx.gen-style specs', async () => {
    const out = structured<Output>(
      await generate({
        specs: [
          'Accounts User users email:string:unique',
          'Blog Post posts title:string author:belongs_to:Accounts.User',
        ],
        binary_id: true,
        timestamp_type: 'utc_datetime',
      }),
    );
    expect(out.files.map((f) => f.path)).toEqual([
      'lib/my_app/accounts/user.ex',
      'lib/my_app/blog/post.ex',
    ]);
    const post = await read('lib/my_app/blog/post.ex');
    expect(post).toContain('@primary_key {:id, :binary_id, autogenerate: true}');
    expect(post).toContain('belongs_to :author, MyApp.Accounts.User\n');
    expect(post).toContain('timestamps(type: :utc_datetime)');
    expect(await read('lib/my_app/accounts/user.ex')).toContain(
      'has_many :posts, MyApp.Blog.Post, foreign_key: :author_id',
    );
  });

  it('rejects an invalid model naming the schema, the field and the fix; nothing is written', async () => {
    const text = errorText(
      await generate({
        schemas: [
          {
            module: 'Blog.Post',
            fields: [
              { name: 'end', type: 'string' },
              { name: 'status', type: 'enum' },
            ],
          },
        ],
      }),
    );
    expect(text).toMatch(/nothing was written/i);
    expect(text).toContain('schemas[0].fields[0].name');
    expect(text).toMatch(/Blog\.Post field "end" is an Elixir reserved word.*rename it/);
    expect(text).toContain('schemas[0].fields[1].values');
    expect(text).toMatch(/list them, e\.g\. values \["draft", "published"\]/);
    expect(await libFiles()).toEqual(['lib/my_app/repo.ex']);
  });

  it('resolves targets outside the batch from the project (key type, key name)', async () => {
    await put(
      'lib/my_app/accounts/user.ex',
      `defmodule MyApp.Accounts.User do
  use Ecto.Schema

  @primary_key {:uuid, :binary_id, autogenerate: true}
  schema "users" do
    field :email, :string
  end
end
`,
    );
    const out = structured<Output>(
      await generate({
        schemas: [
          {
            module: 'Blog.Post',
            fields: [{ name: 'title' }],
            associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
          },
        ],
      }),
    );
    expect(out.warnings.filter((w) => w.includes('not in this batch'))).toEqual([]);
    expect(await read('lib/my_app/blog/post.ex')).toContain(
      'belongs_to :author, MyApp.Accounts.User, references: :uuid, type: :binary_id\n',
    );
    // The existing target gets the inverse of the new belongs_to (on_conflict update, the default).
    expect(out.files.map((f) => f.path)).toEqual([
      'lib/my_app/blog/post.ex',
      'lib/my_app/accounts/user.ex',
    ]);
    expect(await read('lib/my_app/accounts/user.ex')).toContain(
      '    field :email, :string\n\n    has_many :posts, MyApp.Blog.Post, foreign_key: :author_id\n  end\n',
    );
  });

  it('derives Phoenix.Param for a custom key only when mix.exs lists :phoenix', async () => {
    const schemas = [
      { module: 'Links.Link', primary_key: { name: 'slug' }, fields: [{ name: 'url' }] },
    ];
    const first = structured<Output>(await generate({ schemas, dry_run: true }));
    expect(first.files[0]?.content).not.toContain('@derive');
    expect(first.warnings.join('\n')).toContain('@derive {Phoenix.Param, key: :slug}');

    await put(
      'mix.exs',
      MIX_EXS.replace('{:phoenix_ecto', '{:phoenix, "~> 1.7"},\n      {:phoenix_ecto'),
    );
    const second = structured<Output>(await generate({ schemas, dry_run: true }));
    expect(second.files[0]?.content).toContain(
      '  @derive {Phoenix.Param, key: :slug}\n  @primary_key {:slug, :id, autogenerate: true}\n',
    );
    expect(second.warnings.join('\n')).not.toContain('Phoenix.Param');
  });

  it('follows the generators config of the project; explicit arguments and spec flags win', async () => {
    await put(
      'config/config.exs',
      'import Config\nconfig :my_app, generators: [timestamp_type: :utc_datetime, binary_id: true]\n',
    );
    const specs = ['Blog Post posts title', 'Blog Tag tags name --no-binary-id'];
    const r = structured<Output & { conventions?: string[] }>(
      await generate({ specs, dry_run: true }),
    );
    const post = r.files.find((f) => f.path.endsWith('post.ex'))?.content ?? '';
    const tag = r.files.find((f) => f.path.endsWith('tag.ex'))?.content ?? '';
    expect(post).toContain('  @primary_key {:id, :binary_id, autogenerate: true}\n');
    expect(post).toContain('    timestamps(type: :utc_datetime)\n');
    expect(tag).not.toContain('binary_id');
    expect(tag).toContain('    timestamps(type: :utc_datetime)\n');
    expect(r.conventions).toEqual(
      expect.arrayContaining([
        'binary_id: true (generators config in config/config.exs)',
        'timestamp_type: :utc_datetime (generators config in config/config.exs)',
      ]),
    );
    const text = (await generate({ specs, dry_run: true })).content as { text: string }[];
    expect(text[0]?.text).toContain('From the project:\n- binary_id: true');

    const explicit = structured<Output & { conventions?: string[] }>(
      await generate({ specs, dry_run: true, binary_id: false, timestamp_type: 'naive_datetime' }),
    );
    expect(explicit.files.map((f) => f.content).join('')).not.toContain('binary_id');
    expect(explicit.files.map((f) => f.content).join('')).toContain('    timestamps()\n');
    expect(explicit.conventions?.some((l) => l.startsWith('binary_id'))).toBe(false);
  });

  it('dry run works without any root, with the default app', async () => {
    const bare = await connect(createServer({ cliRoots: [] }));
    try {
      const out = structured<Output>(
        await bare.client.callTool({
          name: 'generate_ecto_schema',
          arguments: { specs: ['Blog Post posts title:string'], dry_run: true },
        }),
      );
      expect(out.project_root).toBeNull();
      expect(out.files.map((f) => f.path)).toEqual(['lib/my_app/blog/post.ex']);
      const written = errorText(
        await bare.client.callTool({
          name: 'generate_ecto_schema',
          arguments: { specs: ['Blog Post posts title:string'] },
        }),
      );
      expect(written).toMatch(/No project root is allowed/);
    } finally {
      await bare.close();
    }
  });
});

describe('list_ecto_schemas', () => {
  it('reads tricky hand-written files and reports the broken one', async () => {
    await put(
      'lib/my_app/blog/post.ex',
      `defmodule MyApp.Blog.Post do
  @moduledoc """
  A post. Example: schema "not_a_table" do
  """
  use Ecto.Schema
  alias MyApp.Accounts.User

  # schema "commented" do
  schema "posts" do
    field :title, :string
    field :status, Ecto.Enum, values: [:draft, :published]
    belongs_to :author, User
    has_many :comments, MyApp.Blog.Comment
    timestamps(type: :utc_datetime)
  end
end

defmodule MyApp.Blog.Comment do
  use Ecto.Schema

  @schema_prefix "tenant"
  @primary_key {:id, :binary_id, autogenerate: true}
  schema "comments" do
    field :body, :string
    belongs_to :post, MyApp.Blog.Post, type: :id
  end

  defmodule Meta do
    use Ecto.Schema

    @primary_key false
    embedded_schema do
      field :tags, {:array, :string}
    end
  end
end
`,
    );
    await put(
      'lib/my_app/broken.ex',
      'defmodule MyApp.Broken do\n  schema "x" do\n    field :a,\nend\n',
    );
    await put('lib/my_app/notes.ex', 'defmodule MyApp.Notes do\n  def list, do: []\nend\n');
    const result = await call('list_ecto_schemas', {});
    const out = structured<{
      project_root: string;
      modules: { module: string; table: string | null; embedded: boolean; prefix?: string }[];
      skipped: { file: string; reason: string }[];
    }>(result);
    expect(out.project_root).toBe(project.root);
    expect(out.modules.map((s) => [s.module, s.table, s.embedded])).toEqual([
      ['MyApp.Blog.Post', 'posts', false],
      ['MyApp.Blog.Comment', 'comments', false],
      ['MyApp.Blog.Comment.Meta', null, true],
    ]);
    expect(out.modules[0]).toMatchObject({
      file: 'lib/my_app/blog/post.ex',
      line: 9,
      primary_key: { name: 'id', type: ':id' },
      fields: [
        { name: 'title', type: ':string' },
        { name: 'status', type: 'Ecto.Enum', values: ['draft', 'published'] },
        { name: 'author_id', type: ':id' },
        { name: 'inserted_at', type: ':utc_datetime' },
        { name: 'updated_at', type: ':utc_datetime' },
      ],
      associations: [
        {
          kind: 'belongs_to',
          name: 'author',
          target: 'MyApp.Accounts.User',
          foreign_key: 'author_id',
        },
        { kind: 'has_many', name: 'comments', target: 'MyApp.Blog.Comment' },
      ],
    });
    expect(out.modules[1]).toMatchObject({
      prefix: 'tenant',
      primary_key: { name: 'id', type: ':binary_id' },
      fields: [
        { name: 'body', type: ':string' },
        { name: 'post_id', type: ':id' },
      ],
    });
    expect(out.modules[2]!).toMatchObject({ primary_key: false });
    expect(out.skipped).toHaveLength(1);
    expect(out.skipped[0]).toMatchObject({ file: 'lib/my_app/broken.ex' });
    expect(out.skipped[0]!.reason).toMatch(/syntax error/);
    const text = (result.content as { text: string }[])[0]!.text;
    expect(text).toContain('MyApp.Blog.Post (posts) lib/my_app/blog/post.ex:9');
    expect(text).toContain('lib/my_app/broken.ex: syntax error');
  });

  it('reads the modules generate_ecto_schema wrote', async () => {
    structured(await generate({ schemas: BLOG }));
    const out = structured<{ modules: { module: string; associations: { name: string }[] }[] }>(
      await call('list_ecto_schemas', {}),
    );
    expect(out.modules.map((s) => s.module)).toEqual([
      'MyApp.Accounts.User',
      'MyApp.Blog.Comment',
      'MyApp.Blog.Post',
      'MyApp.Blog.Tag',
    ]);
    const post = out.modules.find((s) => s.module === 'MyApp.Blog.Post')!;
    expect(post.associations.map((a) => a.name)).toEqual(['author', 'tags', 'comments']);
  });

  it('needs a project root', async () => {
    const bare = await connect(createServer({ cliRoots: [] }));
    try {
      expect(
        errorText(await bare.client.callTool({ name: 'list_ecto_schemas', arguments: {} })),
      ).toMatch(/No project root is allowed/);
    } finally {
      await bare.close();
    }
  });
});
