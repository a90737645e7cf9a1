/**
 * checkModel on untrusted input: the app as a plain name, every problem of a model in one
 * answer (shape errors and rule errors), "did you mean" for misspelt values, and references to
 * tables that exist nowhere.
 */
import { describe, expect, it } from 'vitest';
import { checkModel, normalizeModel } from '../../shared/model/index.js';

describe('app', () => {
  it('accepts the OTP app name and derives the base module and the repo', () => {
    const r = checkModel({ app: 'shop', schemas: [{ module: 'Catalog.Product' }] });
    expect(r.errors).toEqual([]);
    expect(r.model?.app).toEqual({ otp_app: 'shop', base_module: 'Shop', repo: 'Shop.Repo' });
    const two = checkModel({ app: 'my_shop', schemas: [{ module: 'Catalog.Product' }] });
    expect(two.model?.app).toEqual({
      otp_app: 'my_shop',
      base_module: 'MyShop',
      repo: 'MyShop.Repo',
    });
  });

  it('still accepts the object, and a wrong shape says both accepted shapes', () => {
    const full = { otp_app: 'shop', base_module: 'Shop', repo: 'Shop.Db' };
    expect(checkModel({ app: full, schemas: [{ module: 'A.B' }] }).model?.app).toEqual(full);
    const bad = checkModel({ app: 5, schemas: [{ module: 'A.B' }] });
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]!.path).toBe('app');
    expect(bad.errors[0]!.message).toContain('OTP app name ("my_app"');
    expect(bad.errors[0]!.message).toContain('{"otp_app": "my_app", "base_module": "MyApp"');
    const badName = checkModel({ app: 'Shop', schemas: [{ module: 'A.B' }] });
    expect(badName.errors[0]!.message).toContain('lowercase snake_case');
  });
});

describe('every problem in one answer', () => {
  const model = {
    app: 'shop',
    schemas: [
      {
        module: 'Blog.Post',
        fields: [
          { name: 'title', type: 'strng' },
          { name: 'published_at', type: 'datetime' },
          { name: 'end', type: 'string' },
          { name: 'rating', type: 'integer', default: 'high' },
        ],
        associations: [
          { kind: 'belong_to', name: 'author', target: 'Accounts.User' },
          { kind: 'belongs_to', name: 'blog', target: 'Blog.Blog', on_delete: 'cascade' },
          { kind: 'has_many', name: 'comments', target: 'Blog.Coment' },
        ],
      },
      { module: 'blog.comment' },
      { module: 'Blog.Tag', table: 'tags', fields: [{ name: 'name', unique: true }] },
      { module: 'Blog.Topic', table: 'tags' },
    ],
  };

  it('reports shape errors with "did you mean" and the rule errors of the well-shaped parts', () => {
    const r = checkModel(model);
    expect(r.model).toBeNull();
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath['schemas[0].fields[0].type']).toMatch(
      /^Unknown value "strng"\. Did you mean "string"\? Valid: string, text,/,
    );
    expect(byPath['schemas[0].fields[1].type']).toContain('Did you mean "naive_datetime"?');
    expect(byPath['schemas[0].associations[0].kind']).toContain('Did you mean "belongs_to"?');
    expect(byPath['schemas[0].associations[1].on_delete']).toContain(
      'Valid: nothing, delete_all, nilify_all, restrict.',
    );
    expect(byPath['schemas[1].module']).toContain('Elixir module name');
    // rule errors, with the paths of the model as written (fields[0..1] were set aside)
    expect(byPath['schemas[0].fields[2].name']).toContain('"end" is an Elixir reserved word');
    expect(byPath['schemas[0].fields[3].default']).toContain('default "high"');
    expect(byPath['schemas[3].table']).toContain(
      'Table "tags" is used by both Blog.Tag and Blog.Topic',
    );
    // and the warnings of the well-shaped parts
    expect(r.warnings.map((w) => w.path)).toContain('schemas[0].associations[2].target');
  });

  it('a model with shape errors only gives just those', () => {
    const r = checkModel({ schemas: [{ module: 'A.B', fields: [{ name: 'x', type: 'intger' }] }] });
    expect(r.errors).toEqual([
      {
        path: 'schemas[0].fields[0].type',
        message: expect.stringContaining('Did you mean "integer"?') as string,
      },
    ]);
  });
});

describe('references to a table that exists nowhere', () => {
  const app = { otp_app: 'shop', base_module: 'Shop' };
  const withRef = (table: string) => ({
    module: 'Shop.Pet',
    fields: [{ name: 'owner_id', type: 'references' as const, references: { table } }],
  });

  it('warn like an unknown belongs_to target, with a suggestion', () => {
    const r = normalizeModel({
      app,
      schemas: [withRef('ownrs'), { module: 'Shop.Owner', fields: [{ name: 'name' }] }],
    });
    expect(r.errors).toEqual([]);
    const w = r.warnings.find((x) => x.path === 'schemas[0].fields[0].references.table');
    expect(w?.message).toContain('references table "ownrs", which is not in this batch');
    expect(w?.message).toContain('Did you mean "owners"?');
  });

  it('do not warn when the table is in the batch or in the project', () => {
    const inBatch = normalizeModel({
      app,
      schemas: [withRef('owners'), { module: 'Shop.Owner', fields: [{ name: 'name' }] }],
    });
    expect(inBatch.warnings).toEqual([]);
    const inProject = normalizeModel(
      { app, schemas: [withRef('owners')] },
      {
        known: [{ module: 'Shop.Owner', table: 'owners', primary_key: { name: 'id', type: 'id' } }],
      },
    );
    expect(inProject.warnings).toEqual([]);
  });
});
