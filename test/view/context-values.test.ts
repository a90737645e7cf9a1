/**
 * Fixture and test values (shared/view/context-values.ts): §1.7 defaults, made valid for the
 * model's validations, enums and column sizes; unique variants; the invalid literals.
 */
import { describe, expect, it } from 'vitest';
import type { Field } from '../../shared/model/index.js';
import { fieldValues, invalidLiteral, jsRegex } from '../../shared/view/phoenix-context/values.js';
import { withArticle } from '../../shared/view/phoenix-context/plan.js';

const NOW = new Date('2024-05-02T10:23:45Z');

function field(over: Partial<Field>): Field {
  return {
    name: 'title',
    type: 'string',
    inner: null,
    values: null,
    references: null,
    required: true,
    unique: false,
    redact: false,
    cast: true,
    null: false,
    default: undefined,
    size: null,
    precision: null,
    scale: null,
    validations: {},
    ...over,
  };
}

function values(over: Partial<Field>, unique = false) {
  const warnings: string[] = [];
  const v = fieldValues(field(over), {
    now: NOW,
    unique,
    where: 'X field',
    warn: (m) => warnings.push(m),
  });
  return { ...v, warnings };
}

describe('defaults per type (phoenix-generators §1.7)', () => {
  it.each([
    [{ type: 'string' }, '"some title"', '"some updated title"', '"some title"'],
    [{ type: 'integer' }, '42', '43', '42'],
    [{ type: 'float' }, '120.5', '456.7', '120.5'],
    [{ type: 'decimal' }, '"120.5"', '"456.7"', 'Decimal.new("120.5")'],
    [{ type: 'boolean' }, 'true', 'false', 'true'],
    [{ type: 'map' }, '%{}', '%{}', '%{}'],
    [
      { type: 'uuid' },
      '"7488a646-e31f-11e4-aace-600308960662"',
      '"7488a646-e31f-11e4-aace-600308960668"',
      '"7488a646-e31f-11e4-aace-600308960662"',
    ],
    [{ type: 'date' }, '~D[2024-05-01]', '~D[2024-05-02]', '~D[2024-05-01]'],
    [{ type: 'time_usec' }, '~T[14:00:00.000000]', '~T[15:01:01.000000]', '~T[14:00:00.000000]'],
    [
      { type: 'naive_datetime' },
      '~N[2024-05-01 10:23:00]',
      '~N[2024-05-02 10:23:00]',
      '~N[2024-05-01 10:23:00]',
    ],
    [
      { type: 'utc_datetime_usec' },
      '~U[2024-05-01 10:23:00.000000Z]',
      '~U[2024-05-02 10:23:00.000000Z]',
      '~U[2024-05-01 10:23:00.000000Z]',
    ],
    [{ type: 'enum', values: ['draft', 'published'] }, ':draft', ':published', ':draft'],
    [{ type: 'enum', values: ['only'] }, ':only', ':only', ':only'],
    [
      { type: 'array', inner: 'string' },
      '["option1", "option2"]',
      '["option1"]',
      '["option1", "option2"]',
    ],
    [{ type: 'array', inner: 'integer' }, '[1, 2]', '[1]', '[1, 2]'],
    [{ type: 'array', inner: 'decimal' }, '["120.5"]', '["456.7"]', '[Decimal.new("120.5")]'],
    [{ type: 'array', inner: 'enum', values: ['a', 'b'] }, '[:a]', '[:b]', '[:a]'],
  ] as [Partial<Field>, string, string, string][])('%j', (over, create, update, assert) => {
    const v = values(over);
    expect([v.create.attr, v.update.attr, v.create.assert]).toEqual([create, update, assert]);
    expect(v.warnings).toEqual([]);
  });
});

describe('valid for the validations', () => {
  it('numbers inside their bounds', () => {
    expect(
      values({ type: 'integer', validations: { number: { greater_than: 100 } } }).create.attr,
    ).toBe('101');
    expect(
      values({
        type: 'integer',
        validations: { number: { greater_than_or_equal_to: 5, less_than: 8 } },
      }).create.attr,
    ).toBe('7');
    expect(values({ type: 'float', validations: { number: { less_than: 0 } } }).create.attr).toBe(
      '-1.5',
    );
  });

  it('decimals with the column scale, within the precision', () => {
    const v = values({ type: 'decimal', precision: 4, scale: 2 });
    expect([v.create.attr, v.create.assert]).toEqual(['"12.50"', 'Decimal.new("12.50")']);
    expect(values({ type: 'decimal', precision: 5 }).create.attr).toBe('"121"');
  });

  it('strings within length and size, matching a format, from the inclusion list', () => {
    expect(values({ size: 2 }).create.attr).toBe('"so"');
    expect(values({ validations: { length: { min: 15 } } }).create.attr).toBe('"some titlexxxxx"');
    expect(values({ validations: { format: '^[^@\\s]+@[^@\\s]+$' } }).update.attr).toBe(
      '"updated@example.com"',
    );
    expect(values({ validations: { inclusion: ['a', 'b'] } }).update.attr).toBe('"b"');
  });

  it('warns when nothing fits and keeps a value', () => {
    const v = values({ validations: { format: '^\\d{3}-[A-Z]{9}$' } });
    expect(v.create.attr).toBe('"some title"');
    expect(v.warnings[0]).toContain('no sample value satisfies its format');
  });
});

describe('unique values', () => {
  it.each([
    [{ type: 'string' }, '"some title#{System.unique_integer([:positive])}"'],
    [
      { type: 'string', validations: { format: '^[^@\\s]+@[^@\\s]+$' } },
      '"user#{System.unique_integer([:positive])}@example.com"',
    ],
    [{ type: 'integer' }, 'System.unique_integer([:positive])'],
    [
      { type: 'integer', validations: { number: { greater_than_or_equal_to: 10 } } },
      'System.unique_integer([:positive]) + 9',
    ],
    [{ type: 'uuid' }, 'Ecto.UUID.generate()'],
    [{ type: 'date' }, 'Date.add(~D[2024-05-01], System.unique_integer([:positive]))'],
    [{ type: 'decimal', precision: 10, scale: 2 }, '"#{System.unique_integer([:positive])}.50"'],
  ] as [Partial<Field>, string][])('%j', (over, expected) => {
    expect(values(over, true).unique).toBe(expected);
  });

  it('escapes user text in literals', () => {
    const v = values({ validations: { inclusion: ['say "#{hi}"', 'b\\c'] } });
    expect([v.create.attr, v.update.attr]).toEqual(['"say \\"\\#{hi}\\""', '"b\\\\c"']);
  });

  it('warns for types with too few values', () => {
    const v = values({ type: 'boolean' }, true);
    expect(v.unique).toBeNull();
    expect(v.warnings[0]).toContain('too few values');
  });
});

describe('helpers', () => {
  it('invalid literals are of the wrong type', () => {
    expect(invalidLiteral('string')).toBe('42');
    expect(invalidLiteral('map')).toBe('"not a map"');
  });

  it('translates PCRE-only anchors and inline flags, refuses what JS cannot read', () => {
    expect(jsRegex('\\Aab\\z')?.test('ab')).toBe(true);
    expect(jsRegex('(?i)^ab$')?.test('AB')).toBe(true);
    expect(jsRegex('(?x) a b')).toBeNull();
    expect(jsRegex('a(?<=b')).toBeNull();
  });

  it('picks the article', () => {
    expect(['post', 'item', 'user', 'update', 'unit', 'order'].map(withArticle)).toEqual([
      'a post',
      'an item',
      'a user',
      'an update',
      'a unit',
      'an order',
    ]);
  });
});
