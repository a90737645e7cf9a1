import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { portableJsonSchema, withPortableJsonSchema } from '../../shared/mcp/index.js';

describe('portableJsonSchema', () => {
  it('turns type arrays into anyOf, keeping annotations outside and keywords with their type', () => {
    expect(
      portableJsonSchema({
        type: 'object',
        properties: {
          root: { type: ['string', 'null'], description: 'd', maxLength: 9 },
          tags: { type: 'array', items: { type: ['integer', 'null'] } },
          kind: { enum: ['a', null] },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        root: { description: 'd', anyOf: [{ type: 'string', maxLength: 9 }, { type: 'null' }] },
        tags: { type: 'array', items: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
        kind: { enum: ['a', null] },
      },
    });
  });

  it('wraps a zod schema: same validation, portable JSON Schema', async () => {
    const schema = z.object({ root: z.string().nullable(), n: z.number().default(1) });
    const wrapped = withPortableJsonSchema(schema);
    const json = wrapped['~standard'].jsonSchema!.input({ target: 'draft-2020-12' });
    expect(JSON.stringify(json)).not.toContain('"type":[');
    expect((json.properties as Record<string, unknown>).root).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(await wrapped['~standard'].validate({ root: null })).toEqual({
      value: { root: null, n: 1 },
    });
    const bad = (await wrapped['~standard'].validate({ root: 5 })) as { issues?: unknown[] };
    expect(bad.issues?.length).toBe(1);
  });
});
