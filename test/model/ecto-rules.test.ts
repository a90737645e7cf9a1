/**
 * Model rules that come from what Ecto accepts at compile time (found while generating schemas
 * against real Ecto 3.14): a model that passes must give a module that compiles.
 */
import { describe, expect, it } from 'vitest';
import { normalizeModel, type SchemaDef } from '../../shared/model/index.js';

const app = { otp_app: 'my_app', base_module: 'MyApp' };
const check = (schemas: SchemaDef[]) => normalizeModel({ app, schemas });

describe('model rules from Ecto', () => {
  it('rejects fractional seconds in defaults of second-precision types, keeps them for _usec', () => {
    const { errors } = check([
      {
        module: 'Blog.Post',
        fields: [
          { name: 'a', type: 'time', default: '12:00:00.5' },
          { name: 'b', type: 'naive_datetime', default: '2024-01-01T12:00:00.5' },
          { name: 'c', type: 'utc_datetime', default: '2024-01-01T12:00:00.5Z' },
          { name: 'd', type: 'utc_datetime_usec', default: '2024-01-01T12:00:00.5Z' },
          { name: 'e', type: 'time', default: '12:00:00' },
        ],
      },
    ]);
    expect(errors.map((e) => e.path)).toEqual([
      'schemas[0].fields[0].default',
      'schemas[0].fields[1].default',
      'schemas[0].fields[2].default',
    ]);
    expect(errors[0]!.message).toMatch(/fractional seconds.*time_usec/);
  });

  it('checks the values of a typed map default', () => {
    const { errors } = check([
      {
        module: 'Blog.Post',
        fields: [
          { name: 'a', type: 'map', inner: 'integer', default: { x: 1, y: 'two' } },
          { name: 'b', type: 'map', inner: 'integer', default: { x: 1 } },
        ],
      },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('schemas[0].fields[0].default');
    expect(errors[0]!.message).toMatch(/"two" at "y"/);
  });

  it('rejects nil, true and false as enum values', () => {
    const { errors } = check([
      {
        module: 'Blog.Post',
        fields: [
          { name: 'a', type: 'enum', values: ['draft', 'nil'] },
          { name: 'b', type: 'array', inner: 'enum', values: ['true'] },
          { name: 'c', type: 'enum', values: ['draft', 'nilly'] },
        ],
      },
    ]);
    expect(errors.map((e) => e.path)).toEqual([
      'schemas[0].fields[0].values',
      'schemas[0].fields[1].values',
    ]);
    expect(errors[0]!.message).toMatch(/"nil" cannot be an enum value.*rename it/);
  });

  it('rejects an integer primary key on an embedded schema', () => {
    const { errors } = check([
      { module: 'Orders.Address', embedded: true, primary_key: { type: 'id' } },
    ]);
    expect(errors.map((e) => e.path)).toEqual(['schemas[0].primary_key.type']);
  });

  it('rejects has_many/has_one/many_to_many on a schema without primary key', () => {
    const { errors } = check([
      {
        module: 'Audit.Event',
        primary_key: false,
        associations: [{ kind: 'has_many', name: 'notes', target: 'Audit.Note' }],
      },
      {
        module: 'Audit.Note',
        associations: [{ kind: 'belongs_to', name: 'event', target: 'Audit.Event' }],
      },
    ]);
    expect(errors.map((e) => e.path)).toContain('schemas[0].associations[0].kind');
  });

  it("gives many_to_many the target's primary key name", () => {
    const { model } = check([
      {
        module: 'Library.Book',
        primary_key: { name: 'isbn' },
        associations: [{ kind: 'many_to_many', name: 'authors', target: 'Library.Author' }],
      },
      { module: 'Library.Author', primary_key: { name: 'uuid', type: 'binary_id' } },
    ]);
    const m2m = model!.schemas[0]!.associations[0]!;
    expect(m2m.kind === 'many_to_many' && m2m.target_key).toBe('uuid');
  });
});
