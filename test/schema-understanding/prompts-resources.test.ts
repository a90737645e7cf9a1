import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkModel, modelJsonSchema, parseGenSpec } from '../../shared/model/index.js';
import { reviewModel } from '../../shared/model/review.js';
import { EXAMPLES, exampleModel } from '../../servers/schema-understanding/lib/examples.js';
import { SPEC_EXAMPLES } from '../../servers/schema-understanding/lib/types-doc.js';
import { prompts } from '../../servers/schema-understanding/prompts/index.js';
import { createServer } from '../../servers/schema-understanding/server.js';
import { connect, tempProject, type Connected } from '../support/mcp.js';

let c: Connected;
let project: Awaited<ReturnType<typeof tempProject>>;
beforeAll(async () => {
  project = await tempProject();
  c = await connect(createServer({ cliRoots: [] }), { roots: [project.root] });
});
afterAll(async () => {
  await c.close();
  await project.cleanup();
});

type Message = { role: string; content: { type: string; text?: string } };
const textOf = (messages: Message[]) => messages.map((m) => m.content.text ?? '').join('\n');

describe('prompts', () => {
  it('lists design_ecto_schema, generate_crud and review_schema_model, every argument described', async () => {
    const { prompts: listed } = await c.client.listPrompts();
    expect(listed.map((p) => p.name)).toEqual([
      'design_ecto_schema',
      'generate_crud',
      'review_schema_model',
    ]);
    expect(listed.map((p) => p.name)).toEqual(prompts.map((p) => p.name));
    for (const p of listed) {
      expect(p.description!.length, p.name).toBeGreaterThan(40);
      for (const a of p.arguments ?? []) expect(a.description, `${p.name}.${a.name}`).toBeTruthy();
    }
    const crud = listed.find((p) => p.name === 'generate_crud')!;
    expect(crud.arguments).toEqual([
      expect.objectContaining({ name: 'description', required: true }),
      expect.objectContaining({ name: 'project_root', required: false }),
      expect.objectContaining({ name: 'preview', required: false }),
    ]);
  });

  it('design_ecto_schema carries the rules, the type table, an example, the JSON Schema and the check loop', async () => {
    const r = await c.client.getPrompt({
      name: 'design_ecto_schema',
      arguments: {
        description: 'A library of books and authors',
        primary_key: 'binary_id',
        timestamp_type: 'utc_datetime',
      },
    });
    expect(r.messages).toHaveLength(1);
    const text = textOf(r.messages as Message[]);
    expect(text).toContain('A library of books and authors');
    expect(text).toContain('"primary_key": {"type": "binary_id"}');
    expect(text).toContain('"timestamps": {"type": "utc_datetime"}');
    expect(text).toContain('| `decimal` | `:decimal` |');
    expect(text).toContain(JSON.stringify(modelJsonSchema()));
    expect(text).toContain('Call the tool validate_schema_model');
    expect(text).toContain('fix every error');
  });

  it('generate_crud orchestrates understand → validate → the three generators → report', async () => {
    const r = await c.client.getPrompt({
      name: 'generate_crud',
      arguments: { description: 'Products with a price', project_root: project.root },
    });
    const text = textOf(r.messages as Message[]);
    const order = [
      'understand_schema',
      'validate_schema_model',
      'generate_ecto_schema',
      'generate_ecto_migration',
      'generate_phoenix_context',
      'mix ecto.migrate',
      'mix test',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain(`"project_root": ${JSON.stringify(project.root)}`);
    expect(text).toContain('SAME "schemas" array, unchanged');
    expect(text).toContain('"dry_run": true');
    expect(text).toContain('"on_conflict": "skip"');
    const direct = textOf(
      (
        await c.client.getPrompt({
          name: 'generate_crud',
          arguments: { description: 'x', preview: 'no' },
        })
      ).messages as Message[],
    );
    expect(direct).not.toContain('"dry_run": true');
  });

  it('review_schema_model includes the server-side warnings and what the migrations create', async () => {
    const schemas = JSON.stringify([
      {
        module: 'Shop.Product',
        fields: [{ name: 'name' }, { name: 'slug' }, { name: 'price', type: 'float' }],
      },
    ]);
    const text = textOf(
      (await c.client.getPrompt({ name: 'review_schema_model', arguments: { schemas } }))
        .messages as Message[],
    );
    expect(text).toContain('found no errors');
    expect(text).toContain('Reviewer warnings computed by the server (2)');
    expect(text).toContain('- schemas[0].fields[1].unique:');
    expect(text).toContain('- schemas[0].fields[2].type:');
    expect(text).toContain('- products (Shop.Product): indexes none');
    expect(text).toContain('Indexes');
    expect(text).toContain('Naming');
  });

  it('review_schema_model lists the errors of an invalid model', async () => {
    const schemas = JSON.stringify({
      schemas: [{ module: 'Shop.Product', fields: [{ name: 'end' }] }],
    });
    const text = textOf(
      (await c.client.getPrompt({ name: 'review_schema_model', arguments: { schemas } }))
        .messages as Message[],
    );
    expect(text).toContain('found 1 error(s)');
    expect(text).toContain('- schemas[0].fields[0].name:');
  });

  it('review_schema_model says plainly when the JSON does not parse', async () => {
    const text = textOf(
      (
        await c.client.getPrompt({
          name: 'review_schema_model',
          arguments: { schemas: '[{"module": "Shop.Product",}]' },
        })
      ).messages as Message[],
    );
    expect(text).toContain('is not valid JSON');
    expect(text).toContain('Do not review anything until I send valid JSON');
  });

  it('completes arguments: types, preview, and project_root from the allowed roots', async () => {
    const complete = async (name: string, argument: string, value: string) =>
      (
        await c.client.complete({
          ref: { type: 'ref/prompt', name },
          argument: { name: argument, value },
        })
      ).completion.values;
    expect(await complete('design_ecto_schema', 'timestamp_type', 'utc')).toEqual([
      'utc_datetime',
      'utc_datetime_usec',
    ]);
    expect(await complete('design_ecto_schema', 'primary_key', 'b')).toEqual(['binary_id']);
    expect(await complete('generate_crud', 'preview', '')).toEqual(['yes', 'no']);
    expect(await complete('generate_crud', 'project_root', project.root.slice(0, 5))).toEqual([
      project.root,
    ]);
    expect(await complete('generate_crud', 'project_root', '/nowhere')).toEqual([]);
  });
});

describe('resources', () => {
  it('lists the JSON Schema, the types doc and every example under phx-gen-mcp://', async () => {
    const { resources } = await c.client.listResources();
    expect(resources.map((r) => [r.uri, r.mimeType])).toEqual([
      ['phx-gen-mcp://model/schema.json', 'application/json'],
      ['phx-gen-mcp://docs/types.md', 'text/markdown'],
      ...EXAMPLES.map((e) => [`phx-gen-mcp://examples/${e.name}`, 'text/markdown']),
    ]);
    const { resourceTemplates } = await c.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['phx-gen-mcp://examples/{name}']);
    const done = await c.client.complete({
      ref: { type: 'ref/resource', uri: 'phx-gen-mcp://examples/{name}' },
      argument: { name: 'name', value: 's' },
    });
    expect(done.completion.values).toEqual(['shop']);
  });

  it('reads back the JSON Schema, the types doc and an example', async () => {
    const schema = await c.client.readResource({ uri: 'phx-gen-mcp://model/schema.json' });
    const text = (schema.contents[0] as { text: string }).text;
    expect(JSON.parse(text)).toEqual(modelJsonSchema());

    const types = await c.client.readResource({ uri: 'phx-gen-mcp://docs/types.md' });
    const md = (types.contents[0] as { text: string }).text;
    expect(md).toContain('| `utc_datetime_usec` |');
    expect(md).toContain('## Spec lines (parse_gen_spec)');

    const ex = EXAMPLES[0]!;
    const blog = await c.client.readResource({ uri: `phx-gen-mcp://examples/${ex.name}` });
    const doc = (blog.contents[0] as { text: string }).text;
    expect(doc).toContain(`# Example: ${ex.title}`);
    expect(doc).toContain(JSON.stringify(exampleModel(ex), null, 2));
    expect(doc).toContain('#### lib/my_app/blog/post.ex');
    expect(doc).toContain('#### priv/repo/migrations/20240101000000_create_users.exs');

    await expect(c.client.readResource({ uri: 'phx-gen-mcp://examples/nope' })).rejects.toThrow(
      /Unknown resource phx-gen-mcp:\/\/examples\/nope/,
    );
  });
});

describe('the JSON Schema and the examples', () => {
  const validate = new AjvJsonSchemaValidator().getValidator(modelJsonSchema());

  it.each(EXAMPLES.map((e) => [e.name, e] as const))(
    'example %s: validates against the JSON Schema, is valid and draws no reviewer warning',
    (_name, ex) => {
      const model = exampleModel(ex);
      expect(validate(model)).toMatchObject({ valid: true });
      const checked = checkModel(model);
      expect(checked.errors).toEqual([]);
      expect(checked.warnings).toEqual([]);
      expect(reviewModel(model, checked.model!)).toEqual([]);
    },
  );

  it('rejects what the model rejects (the validator can fail)', () => {
    const bad = validate({ schemas: [{ module: 'Blog.Post', fields: [{ name: 'publishedAt' }] }] });
    expect(bad.valid).toBe(false);
    expect(bad.errorMessage).toContain('pattern');
    expect(validate({ schemas: [] }).valid).toBe(false);
  });

  it('every spec example of the docs parses into a model the JSON Schema accepts', () => {
    const model = { schemas: parseGenSpec(SPEC_EXAMPLES) };
    expect(validate(model)).toMatchObject({ valid: true });
  });
});
