/**
 * A generator's arguments are checked by the SDK against the tool's schema before any of our code
 * runs; that answer must still name each bad value, say what was probably meant and list the
 * valid names, for every problem of the call at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../servers/ecto-schema/server.js';
import { connect, errorText, type Connected } from '../support/mcp.js';

describe('generator arguments with misspelt names', () => {
  let c: Connected;
  beforeAll(async () => {
    c = await connect(createServer({ cliRoots: [] }));
  });
  afterAll(async () => {
    await c.close();
  });

  it('every misspelt type in one answer, each with "did you mean" and the valid names', async () => {
    const result = await c.client.callTool({
      name: 'generate_ecto_schema',
      arguments: {
        dry_run: true,
        schemas: [
          {
            module: 'Blog.Post',
            fields: [
              { name: 'title', type: 'strng' },
              { name: 'views', type: 'integr' },
              { name: 'at', type: 'datetime' },
            ],
          },
        ],
      },
    });
    const text = errorText(result);
    expect(text).toContain('Unknown value "strng". Did you mean "string"?');
    expect(text).toContain('Unknown value "integr". Did you mean "integer"?');
    expect(text).toContain('Unknown value "datetime". Did you mean "naive_datetime"?');
    expect(text).toMatch(/Valid: string, text, integer, /);
  });

  it('a misspelt key or timestamp type inside the object-or-false options is named, not "Invalid input"', async () => {
    const result = await c.client.callTool({
      name: 'generate_ecto_schema',
      arguments: {
        dry_run: true,
        schemas: [
          {
            module: 'Blog.Post',
            primary_key: { type: 'binaryid' },
            timestamps: { type: 'utc_datetim' },
            fields: [{ name: 'title', type: 'string' }],
          },
          { module: 'Blog.Tag', timestamps: 'yes', fields: [{ name: 'name', type: 'string' }] },
        ],
      },
    });
    const text = errorText(result);
    expect(text).toContain(
      'schemas.0.primary_key: type: Unknown value "binaryid". Did you mean "binary_id"?',
    );
    expect(text).toContain(
      'schemas.0.timestamps: type: Unknown value "utc_datetim". Did you mean "utc_datetime"?',
    );
    expect(text).toContain(
      'timestamps must be an object such as {"type": "utc_datetime"}, or false; got "yes".',
    );
  });
});
