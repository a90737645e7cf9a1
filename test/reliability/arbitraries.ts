/**
 * fast-check arbitraries for adversarial models and spec lines (issue 9): names with quotes,
 * `#{}`, newlines, unicode and extreme lengths; every field type; defaults, enum values, formats
 * and inclusion lists full of Elixir syntax. Roughly half of the generated models are valid, so
 * both the validator and the generators get exercised.
 */
import fc from 'fast-check';
import {
  ARRAY_INNER_TYPES,
  FIELD_TYPES,
  ON_DELETE,
  TIMESTAMP_TYPES,
} from '../../shared/model/index.js';

/** Fragments of Elixir that must stay inert inside a generated literal. */
export const NASTY_FRAGMENTS = [
  '#{System.halt()}',
  '"#{System.halt()}"',
  '#{',
  '}',
  '#',
  '\\',
  '\\"',
  '"',
  "'",
  '"""',
  "'''",
  '~s(',
  '~s(...)',
  '~S"""',
  ')',
  '(',
  'end',
  'do',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u2028',
  '\u202e',
  'é',
  'ａ',
  '😀',
  '/',
  '|',
  '\\#{x}',
  '#\\{',
  '%{a: 1}',
  ':atom',
  '@attr',
  '<<0>>',
  "'; DROP TABLE users; --",
  '?a',
  '\\u0000',
  '\\n',
  ' ',
] as const;

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.constantFrom(...NASTY_FRAGMENTS), { maxLength: 6 })
      .map((a) => a.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(300), '#{'.repeat(200), '"'.repeat(99)) },
);

const GOOD_IDENTS = [
  'title',
  'body',
  'name',
  'count',
  'status',
  'tags',
  'price',
  'a',
  'x_1',
  'published_at',
];
const BAD_IDENTS = [
  'end',
  'do',
  'fn',
  'nil',
  'true',
  'id',
  'inserted_at',
  '__meta__',
  'a"b',
  'a#{x}',
  'a\nb',
  'café',
  'ｔitle',
  'Title',
  '1abc',
  'a'.repeat(64),
  'a'.repeat(63),
  '',
  'a b',
  'a-b',
  'a/b',
  '../x',
];

export const identifier: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GOOD_IDENTS) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_IDENTS) },
);

const GOOD_MODULES = ['Blog.Post', 'Blog.Comment', 'Accounts.User', 'Tag', 'Shop.Order.Item', 'A'];
const BAD_MODULES = [
  'blog.Post',
  'Blog.Post\n',
  'Blog."Post"',
  'Blog.#{X}',
  'Blog..Post',
  'Élan',
  'Blog.Pöst',
  'Elixir.Foo',
  'Kernel',
  'A'.repeat(200),
  `${'Abc.'.repeat(40)}Z`,
  'Blog Post',
  'Blog/Post',
  '',
];

export const moduleName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...GOOD_MODULES) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Z][a-z0-9]{0,8}(\.[A-Z][A-Za-z0-9]{0,8}){0,2}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_MODULES) },
);

const enumValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('draft', 'published', 'a', '_x', 'Big', 'end', 'do', 'nil'),
  },
  { weight: 1, arbitrary: fc.constantFrom('a b', 'a"b', '#{x}', 'é', '1a', '', 'x'.repeat(101)) },
);

const literal: fc.Arbitrary<string | number | boolean> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);

const defaultValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-01-31',
      '12:00:00',
      '12:00:00.5',
      '2024-01-31T10:00:00Z',
      '2024-01-31 10:00:00',
      '120.50',
      '-1',
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: -1e12, max: 1e12 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e21, -0, 5e-324, 1.7976931348623157e308, 0.1) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(literal, { maxLength: 4 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      nastyString,
      fc.oneof(
        literal,
        fc.constant(null),
        fc.array(literal, { maxLength: 2 }),
        fc.dictionary(nastyString, literal, { maxKeys: 2 }),
      ),
      { maxKeys: 3 },
    ),
  },
);

const formatRegex: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '#{1}',
    'a#{2,3}',
    '^\\u0041$',
    '\\p{L}+',
    '(?<n>a)\\k<n>',
    '\\cA',
    '[^]',
    'a{,3}',
    '(?<=a)b',
    '(?<=a+)b',
    '(?<!x*)y',
    '(?<=a|bc)d',
    '\\d{2,}',
    '[\\u{1F600}]',
    '\\#\\{x\\}',
    '[#{}]',
    '"#{2}"',
    '^[^@\\s]+@[^@\\s]+$',
    '/',
    'a/b',
    '#{x}',
    '#{System.halt()}',
    '\\/',
    '\\',
    '"',
    '\\"',
    '(',
    ')',
    '|',
    '[/]',
    '^\\d+$',
    '\n',
    '~r/x/',
    'end',
  ),
  fc
    .array(
      fc.constantFrom(
        '/',
        '#{',
        '}',
        '\\',
        '"',
        ')',
        '(',
        '|',
        'a',
        '\\d',
        '\n',
        '$',
        '^',
        '~',
        "'",
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((a) => a.join('')),
);

export const field: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      name: identifier,
      type: fc.constantFrom(...FIELD_TYPES),
      inner: fc.constantFrom(...ARRAY_INNER_TYPES),
      values: fc.array(enumValue, { minLength: 1, maxLength: 4 }),
      references: fc.record(
        { table: identifier, on_delete: fc.constantFrom(...ON_DELETE) },
        { requiredKeys: ['table'] },
      ),
      required: fc.boolean(),
      unique: fc.boolean(),
      redact: fc.boolean(),
      default: defaultValue,
      size: fc.integer({ min: 1, max: 10_000 }),
      precision: fc.integer({ min: 1, max: 40 }),
      scale: fc.integer({ min: 0, max: 40 }),
      validations: fc.record(
        {
          length: fc.record(
            { min: fc.nat(50), max: fc.integer({ min: 1, max: 500 }), is: fc.nat(50) },
            { requiredKeys: [] },
          ),
          format: formatRegex,
          number: fc.record(
            {
              greater_than: fc.integer({ min: -100, max: 100 }),
              less_than: fc.double({ noNaN: true, noDefaultInfinity: true }),
            },
            { requiredKeys: [] },
          ),
          inclusion: fc.array(literal, { minLength: 1, maxLength: 4 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['name'] },
  )
  // Keep inner/values/references mostly where they make sense, so more models validate.
  .map((f) => {
    const out = { ...f };
    if (f.type !== 'array' && f.type !== 'map' && Math.abs(hash(f.name)) % 4 !== 0)
      delete out.inner;
    if (f.type === 'array' && out.inner === undefined) out.inner = 'string';
    if (f.type !== 'enum' && f.inner !== 'enum') delete out.values;
    if (f.type !== 'references') delete out.references;
    return out;
  });

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

export const association = (targets: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record(
      {
        kind: fc.constant('belongs_to'),
        name: identifier,
        target: fc.oneof(fc.constantFrom(...targets), moduleName),
        required: fc.boolean(),
        unique: fc.boolean(),
        on_delete: fc.constantFrom(...ON_DELETE),
        type: fc.constantFrom('id', 'binary_id'),
        inverse: fc.constantFrom('has_many', 'has_one', 'none'),
        owner: fc.boolean(),
      },
      { requiredKeys: ['kind', 'name', 'target'] },
    ),
    fc.record({
      kind: fc.constantFrom('has_many', 'has_one', 'many_to_many'),
      name: identifier,
      target: fc.oneof(fc.constantFrom(...targets), moduleName),
    }),
  );

export const schemaDef = (targets: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      module: moduleName,
      context: fc.oneof(moduleName, fc.constant(null)),
      table: identifier,
      embedded: fc.boolean(),
      primary_key: fc.oneof(
        fc.constant(false),
        fc.record(
          { name: identifier, type: fc.constantFrom('id', 'binary_id') },
          { requiredKeys: [] },
        ),
      ),
      timestamps: fc.oneof(
        fc.constant(false),
        fc.record({ type: fc.constantFrom(...TIMESTAMP_TYPES) }),
      ),
      prefix: identifier,
      fields: fc.array(field, { maxLength: 6 }),
      associations: fc.array(association(targets), { maxLength: 2 }),
      indexes: fc.array(
        fc.record(
          {
            columns: fc.array(identifier, { minLength: 1, maxLength: 3 }),
            unique: fc.boolean(),
            name: identifier,
          },
          { requiredKeys: ['columns'] },
        ),
        { maxLength: 2 },
      ),
    },
    // Mostly plain schemas: optional keys are left out two times in three by fast-check.
    { requiredKeys: ['module', 'fields'] },
  );

/** A whole tool-shaped model: app + 1–3 schemas that may reference each other. */
export const model: fc.Arbitrary<{
  app: Record<string, unknown>;
  schemas: Record<string, unknown>[];
}> = fc.array(moduleName, { minLength: 1, maxLength: 3 }).chain((mods) =>
  fc.record({
    app: fc.oneof(
      { weight: 5, arbitrary: fc.constant({ otp_app: 'my_app', base_module: 'MyApp' }) },
      {
        weight: 1,
        arbitrary: fc.record(
          {
            otp_app: fc.constantFrom('my_app', 'shop', 'bad app', 'a"b'),
            base_module: moduleName,
            repo: moduleName,
          },
          { requiredKeys: ['otp_app', 'base_module'] },
        ),
      },
    ),
    schemas: fc.tuple(...mods.map((m) => schemaDef(mods).map((s) => ({ ...s, module: m })))),
  }),
);

// ---- spec lines -----------------------------------------------------------------------------

const SPEC_TOKENS = [
  'Blog',
  'Post',
  'posts',
  'Accounts.User',
  'User',
  'users',
  'title',
  'title:string',
  'body:text',
  'n:integer',
  'tags:array:string',
  'kind:enum:a:b',
  'kind:enum',
  'kind:enum:',
  'x:array:enum:a',
  'author_id:references:users',
  'author:belongs_to:Accounts.User',
  'x:map',
  'x:map:integer',
  'x:unique',
  'x:string:unique',
  'x:redact',
  'x:decimal',
  'x:strng',
  'x:',
  ':',
  '::',
  'end:string',
  'a"b:string',
  '#{x}:string',
  'é:string',
  '--binary-id',
  '--no-timestamps',
  '"quoted token"',
  "'single'",
  '"',
  '\\',
  '=',
  'x=1',
  '--table',
  '--web',
  'x:references',
  'x:references:',
  'x:array',
  'x:array:',
  'x:array:array:string',
] as const;

const VALID_SPEC_FIELDS = [
  'title',
  'title:string',
  'body:text',
  'n:integer',
  'tags:array:string',
  'kind:enum:a:b',
  'x:array:enum:a:end',
  'author_id:references:users',
  'author:belongs_to:Accounts.User',
  'meta:map',
  'meta:map:integer',
  'code:unique',
  'code:string:unique',
  'secret:redact',
  'price:decimal',
  'at:utc_datetime',
  'on:date',
  'flag:boolean',
];

const validishSpecLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'Blog Post posts',
      'Accounts User users',
      'Shop Order.Item order_items',
      'Catalog Product products',
    ),
    fc.uniqueArray(fc.constantFrom(...VALID_SPEC_FIELDS), {
      maxLength: 6,
      selector: (t) => t.split(':')[0],
    }),
  )
  .map(([head, fields]) => [head, ...fields].join(' '));

export const specLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: validishSpecLine },
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...SPEC_TOKENS), { maxLength: 8 }).map((a) => a.join(' ')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(moduleName, identifier, fc.array(fc.constantFrom(...SPEC_TOKENS), { maxLength: 5 }))
      .map(([m, t, rest]) => [m.replace(/\..*/, ''), m, t, ...rest].join(' ')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom(...SPEC_TOKENS, ...NASTY_FRAGMENTS), { maxLength: 10 })
      .map((a) => a.join('')),
  },
);

// ---- mostly-valid models: structure valid, Elixir syntax concentrated in the free-text values -

const uniqueEnumValues = fc.uniqueArray(
  fc.constantFrom(
    'draft',
    'published',
    'archived',
    'a',
    '_x',
    'Big',
    'end',
    'do',
    'fn',
    'in',
    'when',
    'x_1',
  ),
  { minLength: 1, maxLength: 5 },
);

const lengthFor = fc.oneof(
  fc
    .record({ min: fc.nat(5), max: fc.integer({ min: 5, max: 300 }) }, { requiredKeys: [] })
    .filter((l) => Object.keys(l).length > 0),
  fc.record({ is: fc.nat(40) }),
);

/** Dates, times and UUIDs: a fixed valid default (their hostile cases are in the validator tests). */
const CONSTANT_DEFAULTS: Record<string, string> = {
  uuid: '0f8fad5b-d9cb-469f-a165-70867728950e',
  date: '2024-01-31',
  time: '12:00:00',
  time_usec: '12:00:00.123456',
  naive_datetime: '2024-01-31T10:00:00',
  naive_datetime_usec: '2024-01-31T10:00:00',
  utc_datetime: '2024-01-31T10:00:00Z',
  utc_datetime_usec: '2024-01-31T10:00:00Z',
};

/** The options of a string, binary, number or boolean field (null for other types). */
function scalarOptions(type: string): fc.Arbitrary<Record<string, unknown>> | null {
  switch (type) {
    case 'string':
    case 'text':
      return fc.record(
        {
          default: nastyString.map((s) => s.slice(0, 250)),
          size: fc.constant(type === 'string' ? 255 : undefined),
          validations: fc.record(
            {
              format: formatRegex,
              length: lengthFor,
              inclusion: fc.array(nastyString, { minLength: 1, maxLength: 4 }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      );
    case 'binary':
      return fc.record({ default: nastyString }, { requiredKeys: [] });
    case 'integer':
      return fc.record(
        {
          default: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
          validations: fc.record(
            {
              number: fc.record(
                {
                  greater_than: fc.integer({ min: -1000, max: 0 }),
                  less_than_or_equal_to: fc.integer({ min: 1, max: 1e9 }),
                },
                { requiredKeys: ['greater_than'] },
              ),
              inclusion: fc.array(fc.integer(), { minLength: 1, maxLength: 4 }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      );
    case 'float':
      return fc.record(
        {
          default: fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(1e21, -0, 5e-324, 0.1, 1.5e300),
          ),
          validations: fc.record(
            {
              number: fc.record({
                less_than: fc.double({ noNaN: true, noDefaultInfinity: true }),
              }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      );
    case 'decimal':
      return fc.record(
        {
          default: fc.oneof(
            fc.constantFrom('120.50', '-1', '0.000001', '99999999999999999999.99'),
            fc.integer(),
          ),
          precision: fc.constant(30),
          scale: fc.constant(10),
        },
        { requiredKeys: ['precision', 'scale'] },
      );
    case 'boolean':
      return fc.record({ default: fc.boolean() }, { requiredKeys: [] });
    default:
      return null;
  }
}

/** A field of `type` whose options fit the type, with hostile literals wherever a string goes. */
function fieldOfType(name: string, type: string): fc.Arbitrary<Record<string, unknown>> {
  const base = { name, type };
  const flags = fc.record(
    { required: fc.boolean(), unique: fc.boolean(), redact: fc.boolean() },
    { requiredKeys: [] },
  );
  const withFlags = (rest: fc.Arbitrary<Record<string, unknown>>) =>
    fc.tuple(flags, rest).map(([f, r]) => ({ ...base, ...f, ...r }));
  const scalar = scalarOptions(type);
  if (scalar !== null) return withFlags(scalar);
  const constant = CONSTANT_DEFAULTS[type];
  if (constant !== undefined) {
    return withFlags(fc.record({ default: fc.constant(constant) }, { requiredKeys: [] }));
  }
  switch (type) {
    case 'map':
      return withFlags(
        fc.record(
          {
            inner: fc.constantFrom('string', 'integer'),
            default: fc.dictionary(
              nastyString,
              fc.oneof(
                nastyString,
                fc.integer(),
                fc.boolean(),
                fc.constant(null),
                fc.array(nastyString, { maxLength: 2 }),
                fc.dictionary(nastyString, nastyString, { maxKeys: 2 }),
              ),
              { maxKeys: 3 },
            ),
          },
          { requiredKeys: [] },
        ),
      ).map((f: Record<string, unknown>) => {
        // A typed map's default must hold that type; keep the hostile keys, drop the values' mix.
        if (f.inner !== undefined) delete f.default;
        return { ...f, unique: false };
      });
    case 'id':
      return withFlags(fc.constant({}));
    case 'binary_id':
      return withFlags(fc.record({ unique: fc.boolean() }));
    case 'enum':
      return uniqueEnumValues.chain((values) =>
        withFlags(
          fc.record(
            { values: fc.constant(values), default: fc.constantFrom(...values) },
            { requiredKeys: ['values'] },
          ),
        ),
      );
    case 'array':
      return fc.oneof(
        withFlags(
          fc.record(
            {
              inner: fc.constant('string'),
              unique: fc.constant(false),
              default: fc.array(nastyString, { maxLength: 3 }),
              validations: fc.record({ length: lengthFor }, { requiredKeys: [] }),
            },
            { requiredKeys: ['inner'] },
          ),
        ),
        withFlags(
          fc.record(
            { inner: fc.constantFrom('integer', 'date', 'uuid', 'boolean', 'map', 'decimal') },
            { requiredKeys: ['inner'] },
          ),
        ),
        uniqueEnumValues.chain((values) =>
          withFlags(
            fc.record({
              inner: fc.constant('enum'),
              values: fc.constant(values),
              default: fc.subarray(values),
            }),
          ),
        ),
      );
    case 'references':
      return withFlags(
        fc.record({
          references: fc.record(
            {
              table: fc.constantFrom('users', 'posts', 'things', 'end_users'),
              on_delete: fc.constantFrom(...ON_DELETE),
            },
            { requiredKeys: ['table'] },
          ),
        }),
      ).map((f) => ({ ...f, unique: false }));
    default:
      return fc.constant(base);
  }
}

const FIELD_NAMES = [
  'title',
  'body',
  'name',
  'count',
  'status',
  'labels',
  'price',
  'score',
  'meta',
  'flag',
  'a',
  'x_1',
  'published_at',
  'ref_id',
  'data',
];

const validishSchema = (
  module: string,
  targets: readonly string[],
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .uniqueArray(fc.constantFrom(...FIELD_NAMES), { maxLength: 6 })
    .chain((names) =>
      fc.record(
        {
          fields: fc.tuple(
            ...names.map((n) =>
              fc
                .constantFrom(...FIELD_TYPES)
                .chain((t) =>
                  fieldOfType(n, t).map((f) =>
                    t === 'array' || t === 'map' ? { ...f, unique: false } : f,
                  ),
                ),
            ),
          ),
          primary_key: fc.oneof(
            fc.constant(false as const),
            fc.record(
              {
                name: fc.constantFrom('id', 'uuid', 'code'),
                type: fc.constantFrom('id', 'binary_id'),
              },
              { requiredKeys: [] },
            ),
          ),
          timestamps: fc.oneof(
            fc.constant(false as const),
            fc.record({ type: fc.constantFrom(...TIMESTAMP_TYPES) }),
          ),
          prefix: fc.constantFrom('tenant', 'audit'),
          embedded: fc.constantFrom(false, false, false, true),
          associations: fc.uniqueArray(
            fc
              .record({
                kind: fc.constantFrom('belongs_to', 'belongs_to', 'has_many', 'many_to_many'),
                name: fc.constantFrom('owner', 'parent', 'items', 'others'),
                target: fc.constantFrom(...targets),
                owner: fc.constantFrom(false, false, true),
              })
              // Only a belongs_to may own its rows; one owner per schema is checked by the model.
              .map(({ owner, ...a }) => (owner && a.kind === 'belongs_to' ? { ...a, owner } : a)),
            { maxLength: 2, selector: (a) => a.name },
          ),
        },
        { requiredKeys: ['fields'] },
      ),
    )
    .map((s) => {
      if (!s.embedded) return { module, ...s };
      // Embedded: no table things, and only binary_id or no primary key.
      const { prefix: _p, associations: _a, ...rest } = s;
      return {
        module,
        ...rest,
        primary_key: s.primary_key === false ? false : { name: 'id', type: 'binary_id' },
        fields: s.fields.filter((f) => f.type !== 'references'),
      };
    });

const VALIDISH_MODULES = [
  'Blog.Post',
  'Blog.Comment',
  'Accounts.User',
  'Tag',
  'Shop.Order.LineItem',
  `Very${'Long'.repeat(30)}.Name${'X'.repeat(50)}`,
];

export const validishModel: fc.Arbitrary<{
  app: Record<string, unknown>;
  schemas: Record<string, unknown>[];
}> = fc
  .uniqueArray(fc.constantFrom(...VALIDISH_MODULES), { minLength: 1, maxLength: 3 })
  .chain((mods) =>
    fc.record({
      app: fc.constantFrom(
        { otp_app: 'my_app', base_module: 'MyApp' },
        { otp_app: 'shop', base_module: 'Shop.Web', repo: 'Shop.Storage.Repo' },
      ),
      schemas: fc.tuple(...mods.map((m) => validishSchema(m, mods))),
    }),
  );
