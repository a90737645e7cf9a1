/**
 * Owner belongs_to in the model: `owner: true` (spec modifier `owner`) on a belongs_to marks the
 * target as the row's owner; the normalized association keeps it, the wire form gives it back,
 * and the errors name the bad value and the fix.
 */
import { describe, expect, it } from 'vitest';
import {
  normalizeModel,
  parseGenSpec,
  SpecError,
  type SchemaDef,
} from '../../shared/model/index.js';
import { schemaToWire } from '../../shared/model/wire.js';

const app = { otp_app: 'my_app', base_module: 'MyApp' };

const post: SchemaDef = { module: 'Blog.Post', fields: [{ name: 'title' }] };

function comment(associations: SchemaDef['associations']): SchemaDef {
  return { module: 'Blog.Comment', fields: [{ name: 'body' }], associations };
}

function specError(line: string): string {
  try {
    parseGenSpec([line]);
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
  throw new Error(`${line} parsed`);
}

describe('owner belongs_to', () => {
  it('keeps owner on the normalized belongs_to and gives it back in the wire form', () => {
    const r = normalizeModel({
      app,
      schemas: [
        post,
        comment([{ kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: true }]),
      ],
    });
    expect(r.errors).toEqual([]);
    const c = r.model!.schemas[1]!;
    expect(c.associations[0]).toMatchObject({
      kind: 'belongs_to',
      foreign_key: 'post_id',
      owner: true,
    });
    expect(schemaToWire(c).associations![0]).toMatchObject({ name: 'post', owner: true });
  });

  it('leaves owner out when it is not set (false is the same as absent)', () => {
    const r = normalizeModel({
      app,
      schemas: [
        post,
        comment([{ kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: false }]),
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.model!.schemas[1]!.associations[0]).not.toHaveProperty('owner');
    expect(schemaToWire(r.model!.schemas[1]!).associations![0]).not.toHaveProperty('owner');
  });

  it('parses the spec modifier owner on a belongs_to', () => {
    const [, c] = parseGenSpec([
      'Blog Post posts title',
      'Blog Comment comments body:text post:belongs_to:Blog.Post:owner:on_delete=delete_all',
    ]);
    expect(c!.associations).toEqual([
      {
        kind: 'belongs_to',
        name: 'post',
        target: 'Blog.Post',
        owner: true,
        on_delete: 'delete_all',
      },
    ]);
  });

  it('refuses owner on a field or another association kind in a spec line', () => {
    expect(specError('Blog Comment comments body:text:owner')).toContain(
      'owner applies to belongs_to associations only, not to the text field "body"',
    );
    expect(specError('Blog Post posts comments:has_many:Blog.Comment:owner')).toContain(
      'owner does not apply to has_many',
    );
  });

  it('refuses owner on has_many, has_one and many_to_many, naming the belongs_to to mark', () => {
    const r = normalizeModel({
      app,
      schemas: [
        {
          ...post,
          associations: [
            { kind: 'has_many', name: 'comments', target: 'Blog.Comment', owner: true },
          ],
        },
        comment([{ kind: 'belongs_to', name: 'post', target: 'Blog.Post' }]),
      ],
    });
    expect(r.model).toBeNull();
    expect(r.errors).toEqual([
      {
        path: 'schemas[0].associations[0].owner',
        message: expect.stringContaining(
          "owner applies to belongs_to only, not to has_many; mark the belongs_to on Blog.Comment's side as owner (e.g. post:belongs_to:Blog.Post:owner",
        ),
      },
    ]);
  });

  it('refuses an optional owner', () => {
    const r = normalizeModel({
      app,
      schemas: [
        post,
        comment([
          { kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: true, required: false },
        ]),
      ],
    });
    expect(r.errors).toEqual([
      {
        path: 'schemas[1].associations[0].owner',
        message: expect.stringContaining(
          'an owner belongs_to cannot be optional (required: false)',
        ),
      },
    ]);
  });

  it('refuses two owners on one schema, naming both', () => {
    const r = normalizeModel({
      app,
      schemas: [
        post,
        { module: 'Accounts.User', fields: [{ name: 'email' }] },
        comment([
          { kind: 'belongs_to', name: 'post', target: 'Blog.Post', owner: true },
          { kind: 'belongs_to', name: 'author', target: 'Accounts.User', owner: true },
        ]),
      ],
    });
    expect(r.errors).toEqual([
      {
        path: 'schemas[2].associations[1].owner',
        message: expect.stringContaining('Blog.Comment marks "post" and "author" as owner'),
      },
    ]);
  });
});
