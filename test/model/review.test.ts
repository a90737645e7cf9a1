import { describe, expect, it } from 'vitest';
import { checkModel, parseGenSpec, type Issue } from '../../shared/model/index.js';
import { reviewModel, unknownKeyWarnings } from '../../shared/model/review.js';

/** Reviewer warnings of a valid wire model. */
function review(raw: { schemas: unknown[]; app?: unknown }): Issue[] {
  const checked = checkModel(raw);
  if (!checked.model) throw new Error(`invalid: ${JSON.stringify(checked.errors)}`);
  return reviewModel(raw, checked.model);
}

const one = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  schemas: [{ module: 'Shop.Order', fields, ...extra }],
});

const paths = (issues: Issue[]) => issues.map((i) => i.path);

describe('reviewModel', () => {
  it('has nothing to say about a model a senior engineer would write', () => {
    const schemas = parseGenSpec([
      'Accounts User users email:string:unique name:string password_hash:string:redact active:boolean:default=true',
      'Shop Order orders reference:string:unique total:decimal:precision=12:scale=2 notes:text:optional customer:belongs_to:Accounts.User',
    ]);
    expect(review({ schemas })).toEqual([]);
  });

  it('wants lookup names unique, unless a unique index covers them', () => {
    const w = review(one([{ name: 'email' }, { name: 'slug', type: 'text' }, { name: 'name' }]));
    expect(paths(w)).toEqual(['schemas[0].fields[0].unique', 'schemas[0].fields[1].unique']);
    expect(w[0]!.message).toContain('Shop.Order field "email" (string)');
    expect(w[0]!.message).toContain('Fix: "unique": true');
    // A composite unique index (unique per parent) is a deliberate choice.
    const scoped = review({
      schemas: [
        { module: 'Shop.Store', fields: [{ name: 'name', unique: true }] },
        {
          module: 'Shop.Product',
          fields: [{ name: 'slug' }],
          associations: [{ kind: 'belongs_to', name: 'store', target: 'Shop.Store' }],
          indexes: [{ columns: ['store_id', 'slug'], unique: true }],
        },
      ],
    });
    expect(scoped).toEqual([]);
  });

  it('wants money as decimal with precision and scale', () => {
    const w = review(
      one([
        { name: 'unit_price', type: 'float' },
        { name: 'amount', type: 'decimal' },
        { name: 'weight', type: 'float' },
      ]),
    );
    expect(w).toEqual([
      {
        path: 'schemas[0].fields[0].type',
        message: expect.stringContaining(
          'field "unit_price" (float) looks like money, and floats cannot represent amounts such as 0.10 exactly. Fix: "type": "decimal" with "precision": 12 and "scale": 2.',
        ),
      },
      {
        path: 'schemas[0].fields[1].precision',
        message: expect.stringContaining('Fix: "precision": 12, "scale": 2'),
      },
    ]);
  });

  it('wants text for prose, unless a size says otherwise', () => {
    const w = review(
      one([
        { name: 'description' },
        { name: 'body', type: 'text' },
        { name: 'short_description' },
        { name: 'summary', size: 500 },
      ]),
    );
    expect(paths(w)).toEqual(['schemas[0].fields[0].type']);
    expect(w[0]!.message).toContain('Fix: "type": "text"');
  });

  it('turns *_id columns into belongs_to, naming a batch target when there is one', () => {
    const w = review({
      schemas: [
        { module: 'Accounts.Customer', table: 'customers' },
        {
          module: 'Shop.Order',
          fields: [
            { name: 'customer_id', type: 'integer' },
            { name: 'warehouse_id', type: 'id' },
            { name: 'external_id', type: 'string' },
          ],
        },
      ],
    });
    expect(paths(w)).toEqual(['schemas[1].fields[0]', 'schemas[1].fields[1]']);
    expect(w[0]!.message).toContain(
      '{"kind": "belongs_to", "name": "customer", "target": "Accounts.Customer"} (spec: customer:belongs_to:Accounts.Customer)',
    );
    expect(w[1]!.message).toContain('"target": "Shop.Warehouse"');
  });

  it('prefers belongs_to over a references field', () => {
    const w = review({
      schemas: [
        { module: 'Accounts.User' },
        {
          module: 'Blog.Post',
          fields: [{ name: 'user_id', type: 'references', references: { table: 'users' } }],
        },
      ],
    });
    expect(w).toEqual([
      {
        path: 'schemas[1].fields[0].type',
        message: expect.stringContaining(
          'replace the field with {"kind": "belongs_to", "name": "user", "target": "Accounts.User"}',
        ),
      },
    ]);
  });

  it('asks for an explicit default on a required boolean', () => {
    const w = review(
      one([
        { name: 'paid', type: 'boolean' },
        { name: 'gift', type: 'boolean', default: false },
        { name: 'rush', type: 'boolean', required: false },
      ]),
    );
    expect(paths(w)).toEqual(['schemas[0].fields[0].default']);
  });

  it('flags single-value enums, secrets without redact, singular tables, missing timestamps', () => {
    const w = review(
      one(
        [
          { name: 'kind', type: 'enum', values: ['standard'] },
          { name: 'api_key' },
          { name: 'reset_token' },
          { name: 'password_hash', redact: true },
        ],
        { table: 'order', timestamps: false },
      ),
    );
    expect(paths(w)).toEqual([
      'schemas[0].table',
      'schemas[0].timestamps',
      'schemas[0].fields[0].values',
      'schemas[0].fields[1].redact',
      'schemas[0].fields[2].redact',
    ]);
    expect(w[0]!.message).toContain('table "order" looks singular');
    expect(w[0]!.message).toContain('Fix: table "orders"');
  });

  it('leaves embedded schemas without table and timestamps alone', () => {
    expect(
      review({ schemas: [{ module: 'Shop.Address', embedded: true, fields: [{ name: 'city' }] }] }),
    ).toEqual([]);
  });
});

describe('unknownKeyWarnings', () => {
  it('reports keys the model ignores, at every level, with a suggestion', () => {
    const w = unknownKeyWarnings({
      schemas: [
        {
          module: 'Blog.Post',
          tabel: 'posts',
          fields: [
            { name: 'title', nullable: false, validations: { length: { maximum: 3 } } },
            {
              name: 'author_id',
              type: 'references',
              references: { table: 'users', ondelete: 'x' },
            },
          ],
          associations: [
            { kind: 'belongs_to', name: 'a', target: 'X', required: true, inverse_of: 'b' },
          ],
          indexes: [{ columns: ['title'], uniq: true }],
          primary_key: { type: 'id', auto: true },
        },
      ],
      extra: 1,
    });
    expect(paths(w)).toEqual([
      'extra',
      'schemas[0].tabel',
      'schemas[0].primary_key.auto',
      'schemas[0].fields[0].nullable',
      'schemas[0].fields[0].validations.length.maximum',
      'schemas[0].fields[1].references.ondelete',
      'schemas[0].associations[0].inverse_of',
      'schemas[0].indexes[0].uniq',
    ]);
    expect(w[1]!.message).toBe(
      'Unknown key "tabel" (value "posts") is ignored. Did you mean "table"? Valid keys here: module, context, table, embedded, primary_key, timestamps, prefix, fields, associations, indexes, scope, renamed_from.',
    );
  });
});

describe('unknownKeyWarnings hints', () => {
  it('says what the model uses instead of common foreign keys', () => {
    const w = unknownKeyWarnings({
      schemas: [{ module: 'Blog.Post', fields: [{ name: 'title', nullable: true, index: true }] }],
    });
    expect(w.map((i) => i.message)).toEqual([
      expect.stringContaining(
        'Unknown key "nullable" (value true) is ignored. Instead, use "required" (nullable true = "required": false).',
      ),
      expect.stringContaining('Instead, add {"columns": ["<field>"]} to the schema\'s "indexes".'),
    ]);
  });
});
