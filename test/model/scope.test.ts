/**
 * Phoenix 1.8 scopes in the model (shared/model/validate/scope.ts): which schemas are scoped,
 * the key field they get, and the errors for an unknown scope, two default scopes and a field
 * that clashes with the scope key; the spec flags --scope / --no-scope.
 */
import { describe, expect, it } from 'vitest';
import {
  normalizeModel,
  parseGenSpec,
  type ScopeOptions,
  type SchemaDef,
  type SchemaScope,
} from '../../shared/model/index.js';

const APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

const USER: SchemaScope & { default: boolean } = {
  name: 'user',
  default: true,
  module: 'MyApp.Accounts.Scope',
  access_path: ['user', 'id'],
  schema_key: 'user_id',
  schema_type: 'id',
  schema_table: 'users',
  test_data_fixture: 'MyApp.AccountsFixtures',
};
const ORG: SchemaScope & { default: boolean } = {
  name: 'org',
  default: false,
  module: 'MyApp.Accounts.Scope',
  access_path: ['organization', 'id'],
  schema_key: 'org_id',
  schema_type: 'binary_id',
};

const scopes = (extra: Partial<ScopeOptions> = {}): ScopeOptions => ({
  available: [USER, ORG],
  where: 'config/config.exs',
  ...extra,
});

function normalize(specs: string[], opts?: ScopeOptions) {
  return normalizeModel({ app: APP, schemas: parseGenSpec(specs) }, { scopes: opts });
}

describe('scopes', () => {
  it('scopes every table schema by the default scope, with the key set from the scope', () => {
    const { model, errors } = normalize(['Blog Post posts title:string'], scopes());
    expect(errors).toEqual([]);
    const post = model!.schemas[0]!;
    expect(post.scope?.name).toBe('user');
    const key = post.fields.at(-1)!;
    expect(key).toMatchObject({
      name: 'user_id',
      type: 'references',
      cast: false,
      required: false,
      references: { table: 'users', on_delete: 'delete_all', type: 'id' },
    });
    expect(post.indexes).toContainEqual({
      columns: ['user_id'],
      unique: false,
      name: 'posts_user_id_index',
    });
  });

  it('a scope without a table gives a plain indexed column of its key type', () => {
    const { model, errors } = normalize(['Billing Invoice invoices number:string'], {
      ...scopes(),
      requested: 'org',
    });
    expect(errors).toEqual([]);
    const inv = model!.schemas[0]!;
    expect(inv.fields.at(-1)).toMatchObject({ name: 'org_id', type: 'binary_id', cast: false });
    expect(inv.indexes.map((i) => i.columns)).toContainEqual(['org_id']);
  });

  it('a spec line wins over the call, and false means none', () => {
    const { model, errors } = normalize(
      [
        'Blog Post posts title:string --no-scope',
        'Blog Tag tags name:string --scope org',
        'Blog Note notes body:text',
      ],
      { ...scopes(), requested: false },
    );
    expect(errors).toEqual([]);
    expect(model!.schemas.map((s) => s.scope?.name ?? null)).toEqual([null, 'org', null]);
    expect(model!.schemas[0]!.fields.map((f) => f.name)).toEqual(['title']);
  });

  it('names the unknown scope, the configured ones and the config file', () => {
    const { errors } = normalize(['Blog Post posts title:string --scope team'], scopes());
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('schemas[0].scope');
    expect(errors[0]!.message).toContain('scope "team" is not configured');
    expect(errors[0]!.message).toContain('config/config.exs configures :user (default), :org');
    const none = normalize(['Blog Post posts title:string'], {
      available: [],
      where: 'config/config.exs',
      requested: 'user',
      unavailable:
        'the scopes in config/config.exs are not used: scoped contexts need Phoenix 1.8 or newer',
    });
    expect(none.errors[0]!.message).toContain('scoped contexts need Phoenix 1.8 or newer');
  });

  it('refuses two default scopes unless the call names one', () => {
    const two = scopes({ available: [USER, { ...ORG, default: true }] });
    const { errors } = normalize(['Blog Post posts title:string'], two);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(
      'config/config.exs marks :user and :org as default scopes',
    );
    expect(
      normalize(['Blog Post posts title:string'], { ...two, requested: 'org' }).errors,
    ).toEqual([]);
  });

  it('refuses a field or a foreign key that clashes with the scope key', () => {
    const field = normalize(['Blog Post posts title:string user_id:integer'], scopes());
    expect(field.errors.map((e) => e.path)).toEqual(['schemas[0].fields[1].name']);
    expect(field.errors[0]!.message).toContain(
      'field "user_id" clashes with the key of scope :user (schema_key: :user_id in config/config.exs)',
    );
    const fk = normalize(['Blog Post posts title:string user:belongs_to:Accounts.User'], scopes());
    expect(fk.errors.map((e) => e.path)).toEqual(['schemas[0].associations[0]']);
    expect(fk.errors[0]!.message).toContain('the foreign key "user_id" of belongs_to "user"');
    expect(
      normalize(['Blog Post posts title:string user_id:integer --no-scope'], scopes()).errors,
    ).toEqual([]);
  });

  it('without the project (no scope options) nothing is scoped and names are not checked', () => {
    const { model, errors } = normalize(['Blog Post posts title:string --scope team']);
    expect(errors).toEqual([]);
    expect(model!.schemas[0]!.scope).toBeUndefined();
  });

  it('parses --scope NAME and --no-scope, and refuses a bad name', () => {
    const [a, b, c] = parseGenSpec([
      'Blog Post posts title:string --scope user',
      'Blog Tag tags name:string --no-scope',
      'Blog Note notes body:text',
    ]);
    expect([a!.scope, b!.scope, c!.scope]).toEqual(['user', false, undefined]);
    expect(() => parseGenSpec(['Blog Post posts title:string --scope User'])).toThrow(
      /--scope "User" must be a scope name/,
    );
  });
});

describe('scoped schema round trip', () => {
  it('the wire form keeps the scope name, not its key field', async () => {
    const { schemaToWire } = await import('../../shared/model/wire.js');
    const { model } = normalize(['Blog Post posts title:string'], scopes());
    const wire: SchemaDef = schemaToWire(model!.schemas[0]!);
    expect(wire.scope).toBe('user');
    expect((wire.fields ?? []).map((f) => f.name)).toEqual(['title']);
  });
});
