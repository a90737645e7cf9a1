import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { modelJsonSchema } from '../../shared/model/index.js';
import { createServer } from '../../servers/schema-understanding/server.js';
import { connect, errorText, structured, tempProject, type Connected } from '../support/mcp.js';
import { allText, connectWithSampling, messageText, type SamplingClient } from './helpers.js';

const DESCRIPTION = 'A blog: posts with a title and a body, and comments on posts.';

/** A valid model, as an LLM would reply: prose and a fenced block. */
const VALID_REPLY = `Here is the model:

\`\`\`json
{"schemas": [
  {"module": "Blog.Post", "fields": [{"name": "title"}, {"name": "body", "type": "text"}]},
  {"module": "Blog.Comment", "fields": [{"name": "body", "type": "text"}],
   "associations": [{"kind": "belongs_to", "name": "post", "target": "Blog.Post", "on_delete": "delete_all"}]}
]}
\`\`\`
`;

/** Shape-valid JSON that breaks the model rules: an unknown type and a camelCase name. */
const INVALID_REPLY = JSON.stringify({
  schemas: [
    { module: 'Blog.Post', fields: [{ name: 'title', type: 'varchar' }, { name: 'publishedAt' }] },
  ],
});

interface Understood {
  source: 'sampling' | 'instructions';
  schemas?: Record<string, unknown>[];
  normalized?: { schemas: { module: string; associations: { kind: string; name: string }[] }[] };
  attempts?: number;
  warnings?: { path: string; message: string }[];
  instructions?: string;
  json_schema_uri?: string;
  reason?: string;
  next_step: string;
  project_root: string | null;
}

let c: SamplingClient | Connected | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('understand_schema with a sampling client', () => {
  it('retries with the validation errors and returns the second, valid model', async () => {
    const s = await connectWithSampling(createServer({ cliRoots: [] }), [
      INVALID_REPLY,
      VALID_REPLY,
    ]);
    c = s;
    const r = await s.client.callTool({
      name: 'understand_schema',
      arguments: { description: DESCRIPTION },
    });
    const out = structured<Understood>(r);
    expect(out.source).toBe('sampling');
    expect(out.attempts).toBe(2);
    expect(out.schemas!.map((x) => x.module)).toEqual(['Blog.Post', 'Blog.Comment']);
    // As the LLM wrote it: nothing added.
    expect(out.schemas![0]).toEqual({
      module: 'Blog.Post',
      fields: [{ name: 'title' }, { name: 'body', type: 'text' }],
    });
    // Normalized: the inverse has_many was added to Post.
    expect(out.normalized!.schemas[0]!.associations).toMatchObject([
      { kind: 'has_many', name: 'comments' },
    ]);
    expect(allText(r)).toContain('valid model in 2 attempt(s): Blog.Post, Blog.Comment');

    // Two requests; the first carries the system prompt with the JSON Schema, types, examples.
    expect(s.requests).toHaveLength(2);
    const [first, second] = s.requests;
    expect(first!.systemPrompt).toContain(JSON.stringify(modelJsonSchema()));
    expect(first!.systemPrompt).toContain('| `decimal` |');
    expect(first!.systemPrompt).toContain('Worked examples');
    expect(first!.systemPrompt).toContain('Reply with JSON only');
    expect(first!.messages).toHaveLength(1);
    expect(messageText(first!.messages[0]!)).toContain(DESCRIPTION);
    // The retry replays the invalid reply and lists its errors.
    expect(second!.messages).toHaveLength(3);
    expect(second!.messages[1]).toMatchObject({ role: 'assistant' });
    expect(messageText(second!.messages[1]!)).toBe(INVALID_REPLY);
    const followUp = messageText(second!.messages[2]!);
    expect(followUp).toContain('Your model is not valid');
    expect(followUp).toContain('schemas[0].fields[0].type:');
    expect(followUp).toContain('schemas[0].fields[1].name:');
  });

  it('gives up after 3 invalid replies with the last errors as an isError', async () => {
    const s = await connectWithSampling(createServer({ cliRoots: [] }), [
      'Sorry, I cannot do that.',
      INVALID_REPLY,
      INVALID_REPLY,
    ]);
    c = s;
    const r = await s.client.callTool({
      name: 'understand_schema',
      arguments: { description: DESCRIPTION },
    });
    const text = errorText(r);
    expect(text).toContain('did not produce a valid model in 3 attempts');
    expect(text).toContain('- schemas[0].fields[0].type:');
    expect(text).toContain('- schemas[0].fields[1].name:');
    expect(s.requests).toHaveLength(3);
    expect(s.logs?.()).toContain(
      '[phx-gen-mcp] info: understand_schema: attempt 3 gave an invalid model',
    );
    // The prose reply was answered with "not JSON".
    expect(messageText(s.requests[1]!.messages[2]!)).toContain('The reply is not JSON');
  });

  it('reports a failing sampling request as an isError pointing to the alternatives', async () => {
    const s = await connectWithSampling(createServer({ cliRoots: [] }), []);
    c = s;
    const r = await s.client.callTool({
      name: 'understand_schema',
      arguments: { description: DESCRIPTION },
    });
    const text = errorText(r);
    expect(text).toContain("The client's LLM could not be asked");
    expect(text).toContain('design_ecto_schema');
  });

  it("tells the LLM the project's app and existing schemas, and resolves targets to them", async () => {
    const project = await tempProject({
      'lib/my_app/accounts/user.ex':
        'defmodule MyApp.Accounts.User do\n  use Ecto.Schema\n\n  schema "users" do\n    field :email, :string\n  end\nend\n',
    });
    try {
      const reply = JSON.stringify({
        schemas: [
          {
            module: 'Blog.Post',
            fields: [{ name: 'title' }],
            associations: [{ kind: 'belongs_to', name: 'author', target: 'Accounts.User' }],
          },
        ],
      });
      const s = await connectWithSampling(createServer({ cliRoots: [] }), [reply], {
        roots: [project.root],
      });
      c = s;
      const out = structured<Understood>(
        await s.client.callTool({ name: 'understand_schema', arguments: { description: 'x' } }),
      );
      expect(out).toMatchObject({ source: 'sampling', attempts: 1, project_root: project.root });
      expect(out.warnings).toEqual([]);
      expect(s.requests[0]!.systemPrompt).toContain('The application is MyApp');
      expect(s.requests[0]!.systemPrompt).toContain('- Accounts.User (table users)');
    } finally {
      await project.cleanup();
    }
  });
});

describe('understand_schema without sampling', () => {
  it('is not an error: it returns the instructions and links the JSON Schema, and says so', async () => {
    c = await connect(createServer({ cliRoots: [] }));
    const r = await c.client.callTool({
      name: 'understand_schema',
      arguments: { description: DESCRIPTION },
    });
    const out = structured<Understood>(r);
    expect(out.source).toBe('instructions');
    expect(out.schemas).toBeUndefined();
    expect(out.reason).toBe('this client does not support MCP sampling');
    expect(out.json_schema_uri).toBe('phx-gen-mcp://model/schema.json');
    expect(out.instructions).toContain('Design rules');
    expect(out.instructions).toContain('utc_datetime_usec, id, binary_id');
    expect(out.instructions).toContain('phx-gen-mcp://docs/types.md');
    expect(out.instructions).toContain(DESCRIPTION);
    expect(out.instructions).toContain('validate_schema_model');
    expect(out.next_step).toContain('validate_schema_model');
    expect(out.next_step).toContain('generate_ecto_schema');
    const summary = (r.content as { text: string }[])[0]!.text;
    expect(summary).toContain('this client does not support MCP sampling');
    expect(summary).toContain("You (the client's LLM) must write the model");
  });

  it('stays under 12 KB and links the rest as resources the client can read', async () => {
    c = await connect(createServer({ cliRoots: [] }));
    const r = await c.client.callTool({
      name: 'understand_schema',
      arguments: { description: DESCRIPTION },
    });
    const bytes = Buffer.byteLength(JSON.stringify(r), 'utf8');
    expect(bytes).toBeLessThan(12 * 1024);
    const links = (r.content as { type: string; uri?: string }[]).filter(
      (b) => b.type === 'resource_link',
    );
    expect(links.map((l) => l.uri)).toEqual(
      expect.arrayContaining(['phx-gen-mcp://model/schema.json', 'phx-gen-mcp://docs/types.md']),
    );
    // every link resolves, and the schema behind the link is the model's
    for (const l of links) {
      const read = await c.client.readResource({ uri: l.uri! });
      expect(read.contents[0]?.uri).toBe(l.uri);
    }
    const schema = await c.client.readResource({ uri: 'phx-gen-mcp://model/schema.json' });
    expect(JSON.parse((schema.contents[0] as { text: string }).text)).toEqual(modelJsonSchema());
  });
});

describe('understand_schema on the 2026-07-28 protocol', () => {
  it('returns the instructions even when the client declares sampling (no push-style sampling)', async () => {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const handle = serveStdio(() => createServer({ cliRoots: [] }), { transport: serverTransport });
    const client = new Client(
      { name: 'modern-test', version: '0.0.0' },
      { capabilities: { sampling: {} }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    let sampled = 0;
    client.setRequestHandler('sampling/createMessage', async () => {
      sampled++;
      return { model: 'x', role: 'assistant', content: { type: 'text', text: VALID_REPLY } };
    });
    await client.connect(clientTransport);
    try {
      const out = structured<Understood>(
        await client.callTool({
          name: 'understand_schema',
          arguments: { description: DESCRIPTION },
        }),
      );
      expect(out.source).toBe('instructions');
      expect(out.reason).toContain('2026-07-28');
      expect(sampled).toBe(0);
    } finally {
      await client.close();
      await handle.close();
    }
  });
});
