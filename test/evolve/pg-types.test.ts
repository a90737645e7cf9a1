import { describe, expect, it } from 'vitest';
import {
  classifyConversion,
  pgTypeOf,
  pgTypeText,
  type TypeOptions,
} from '../../shared/evolve/pg-types.js';

const none: TypeOptions = { size: null, precision: null, scale: null };
const pg = (type: string, opts: Partial<TypeOptions> = {}) => {
  const p = pgTypeOf(type, { ...none, ...opts });
  expect(p).not.toBeNull();
  return p!;
};
const kind = (a: string, b: string, ao = {}, bo = {}) =>
  classifyConversion(pg(a, ao), pg(b, bo)).kind;

describe('pgTypeOf', () => {
  it.each([
    [':string', {}, 'varchar(255)'],
    [':string', { size: 40 }, 'varchar(40)'],
    [':text', {}, 'text'],
    [':id', {}, 'integer'],
    [':bigint', {}, 'bigint'],
    [':bigserial', {}, 'bigint'],
    [':binary_id', {}, 'uuid'],
    [':uuid', {}, 'uuid'],
    [':map', {}, 'jsonb'],
    [':decimal', {}, 'numeric'],
    [':decimal', { precision: 10, scale: 2 }, 'numeric(10,2)'],
    [':decimal', { precision: 10 }, 'numeric(10,0)'],
    [':utc_datetime', {}, 'timestamp(0)'],
    [':naive_datetime', {}, 'timestamp(0)'],
    [':utc_datetime_usec', {}, 'timestamp'],
    [':time', {}, 'time(0)'],
    [':time_usec', {}, 'time'],
    [':citext', {}, 'citext'],
    ['{:array, :string}', {}, 'varchar(255)[]'],
    ['{:array, {:array, :integer}}', {}, 'integer[][]'],
  ])('%s %j is %s', (type, opts, text) => {
    expect(pgTypeText(pg(type, opts))).toBe(text);
  });

  it('does not guess module types', () => {
    expect(pgTypeOf('MyApp.Money', none)).toBeNull();
    expect(pgTypeOf('{:array, Ecto.Enum}', none)).toBeNull();
  });
});

describe('classifyConversion', () => {
  it.each([
    // Same SQL type under another Ecto name.
    [':utc_datetime', ':naive_datetime', {}, {}, 'same'],
    [':uuid', ':binary_id', {}, {}, 'same'],
    // The safe widenings.
    [':integer', ':bigint', {}, {}, 'safe'],
    [':string', ':string', { size: 100 }, { size: 255 }, 'safe'],
    [':string', ':text', {}, {}, 'safe'],
    [':integer', ':decimal', {}, {}, 'safe'],
    [':integer', ':decimal', {}, { precision: 12, scale: 2 }, 'safe'],
    [':integer', ':float', {}, {}, 'safe'],
    [':decimal', ':decimal', { precision: 8, scale: 2 }, { precision: 10, scale: 3 }, 'safe'],
    [':decimal', ':decimal', { precision: 8, scale: 2 }, {}, 'safe'],
    [':naive_datetime', ':naive_datetime_usec', {}, {}, 'safe'],
    [':date', ':naive_datetime', {}, {}, 'safe'],
    [':integer', ':text', {}, {}, 'safe'],
    [':boolean', ':text', {}, {}, 'safe'],
    ['{:array, :integer}', '{:array, :bigint}', {}, {}, 'safe'],
    // Lossy: converted, but some values fail or lose information.
    [':bigint', ':integer', {}, {}, 'lossy'],
    [':string', ':string', { size: 255 }, { size: 100 }, 'lossy'],
    [':text', ':string', {}, {}, 'lossy'],
    [':bigint', ':float', {}, {}, 'lossy'],
    [':decimal', ':integer', {}, {}, 'lossy'],
    [':float', ':integer', {}, {}, 'lossy'],
    [':decimal', ':decimal', { precision: 10, scale: 2 }, { precision: 10, scale: 4 }, 'lossy'],
    [':decimal', ':decimal', { precision: 10, scale: 2 }, { precision: 10, scale: 1 }, 'lossy'],
    [':decimal', ':decimal', {}, { precision: 10, scale: 2 }, 'lossy'],
    [':bigint', ':decimal', {}, { precision: 10, scale: 0 }, 'lossy'],
    [':naive_datetime_usec', ':naive_datetime', {}, {}, 'lossy'],
    [':naive_datetime', ':date', {}, {}, 'lossy'],
    [':integer', ':string', {}, { size: 5 }, 'lossy'],
    // No automatic conversion in PostgreSQL.
    [':string', ':integer', {}, {}, 'impossible'],
    [':text', ':boolean', {}, {}, 'impossible'],
    [':boolean', ':integer', {}, {}, 'impossible'],
    [':uuid', ':bigint', {}, {}, 'impossible'],
    [':string', '{:array, :string}', {}, {}, 'impossible'],
    [':time', ':naive_datetime', {}, {}, 'impossible'],
  ])('%s %j → %s %j is %s', (a, b, ao, bo, expected) => {
    expect(kind(a, b, ao, bo)).toBe(expected);
  });

  it('says what a lossy change does to the rows', () => {
    const c = classifyConversion(pg(':string', { size: 255 }), pg(':string', { size: 80 }));
    expect(c.consequence).toBe('values longer than 80 characters make the migration fail');
    const i = classifyConversion(pg(':text'), pg(':integer'));
    expect(i.consequence).toContain('PostgreSQL cannot convert text to integer on its own');
  });
});
