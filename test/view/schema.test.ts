/**
 * The ecto-schema view: exact Elixir for values and the choices a template cannot make.
 */
import { describe, expect, it } from 'vitest';
import { normalizeModel, type SchemaDef } from '../../shared/model/index.js';
import { blockLines, scalarLiteral, schemaView } from '../../shared/view/ecto-schema/schema.ex.js';

const APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

function view(schemas: SchemaDef[], i = 0, phoenixParam = false) {
  const { model, errors } = normalizeModel({ app: APP, schemas });
  expect(errors).toEqual([]);
  return schemaView(APP, model!.schemas[i]!, { phoenixParam });
}

describe('scalarLiteral', () => {
  it.each([
    ['string', 'a "b" #{c}', '"a \\"b\\" \\#{c}"'],
    ['integer', 1234567, '1_234_567'],
    ['float', 2, '2.0'],
    ['float', 0.1, '0.1'],
    ['decimal', '9.99', 'Decimal.new("9.99")'],
    ['decimal', 1234567, 'Decimal.new("1234567")'],
    ['decimal', 1e21, 'Decimal.new("1e+21")'],
    ['boolean', false, 'false'],
    ['enum', 'Draft', ':Draft'],
    ['uuid', '7488a646-e31f-11e4-aace-600308960662', '"7488a646-e31f-11e4-aace-600308960662"'],
    ['date', '2024-01-31', '~D[2024-01-31]'],
    ['time', '07:30:00', '~T[07:30:00]'],
    ['time_usec', '07:30:00', '~T[07:30:00.000000]'],
    ['time_usec', '07:30:00.5', '~T[07:30:00.500000]'],
    ['naive_datetime', '2024-01-31T12:00:00', '~N[2024-01-31 12:00:00]'],
    ['naive_datetime_usec', '2024-01-31 12:00:00.12', '~N[2024-01-31 12:00:00.120000]'],
    ['utc_datetime', '2024-01-31T12:00:00Z', '~U[2024-01-31 12:00:00Z]'],
    ['utc_datetime_usec', '2024-01-31T12:00:00Z', '~U[2024-01-31 12:00:00.000000Z]'],
  ])('%s %j → %s', (type, value, expected) => {
    expect(scalarLiteral(type, value)).toBe(expected);
  });
});

describe('blockLines', () => {
  it('separates groups and surrounds multi-line expressions with blank lines', () => {
    expect(blockLines([['a', 'b\n  c', 'd'], ['e'], ['f\n  g']])).toEqual([
      'a',
      '',
      'b\n  c',
      '',
      'd',
      '',
      'e',
      '',
      'f\n  g',
    ]);
    expect(blockLines([['a\n  b'], ['c']])).toEqual(['a\n  b', '', 'c']);
    expect(blockLines([])).toEqual([]);
  });
});

describe('schemaView', () => {
  it('names the changeset parameter after the schema unless that name is taken', () => {
    expect(view([{ module: 'Blog.Post' }]).var).toBe('post');
    expect(view([{ module: 'Blog.Attrs' }]).var).toBe('struct');
    expect(view([{ module: 'Flow.End' }]).var).toBe('struct');
  });

  it('writes the key attributes Ecto needs and nothing it has by default', () => {
    expect(view([{ module: 'Blog.Post' }]).attributes).toEqual([]);
    expect(view([{ module: 'Blog.Post', primary_key: { type: 'binary_id' } }]).attributes).toEqual([
      '@primary_key {:id, :binary_id, autogenerate: true}',
      '@foreign_key_type :binary_id',
    ]);
    expect(view([{ module: 'Blog.Note', embedded: true }]).attributes).toEqual([]);
    expect(
      view([{ module: 'Blog.Post', prefix: 'tenant', primary_key: { name: 'slug' } }], 0, true)
        .attributes,
    ).toEqual([
      '@schema_prefix "tenant"',
      '@derive {Phoenix.Param, key: :slug}',
      '@primary_key {:slug, :id, autogenerate: true}',
    ]);
    expect(view([{ module: 'Blog.Post', primary_key: false }]).attributes).toEqual([
      '@primary_key false',
    ]);
  });

  it('puts length limits from size and explicit lengths, and counts bytes for binaries', () => {
    const v = view([
      {
        module: 'Blog.Post',
        fields: [
          { name: 'code', size: 8 },
          { name: 'slug', size: 80, validations: { length: { max: 60 } } },
          { name: 'pin', size: 8, validations: { length: { is: 4 } } },
          { name: 'blob', type: 'binary', size: 1024 },
        ],
        timestamps: false,
      },
    ]);
    expect(v.steps.filter((s) => s.includes('validate_length'))).toEqual([
      '    |> validate_length(:code, max: 8)',
      '    |> validate_length(:slug, max: 60)',
      '    |> validate_length(:pin, is: 4)',
      '    |> validate_length(:blob, max: 1024, count: :bytes)',
    ]);
  });
});

describe('scalarLiteral on values without the shape of their type', () => {
  it('writes a string, never a broken sigil', () => {
    expect(scalarLiteral('date', 'tomorrow]')).toBe('"tomorrow]"');
    expect(scalarLiteral('utc_datetime', '2024-01-31T12:00:00')).toBe('"2024-01-31T12:00:00"');
  });
});
