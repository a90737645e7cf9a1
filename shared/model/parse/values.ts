/** Values of attribute modifiers: on_delete=, size=/precision=/scale=, default=. */
import type { FieldDef } from '../schema.js';
import { ON_DELETE, type OnDelete } from '../types.js';
import { didYouMean } from './suggest.js';
import type { Token } from './tokens.js';

export function parseOnDelete(
  value: string,
  tok: Token,
  fail: (m: string) => void,
): OnDelete | null {
  if (!(ON_DELETE as readonly string[]).includes(value)) {
    fail(
      `unknown on_delete "${value}" in "${tok.text}".${didYouMean(value, ON_DELETE)} Valid: ${ON_DELETE.join(', ')}.`,
    );
    return null;
  }
  return value as OnDelete;
}

export function parsePositiveInt(
  value: string,
  key: string,
  tok: Token,
  fail: (m: string) => void,
): number | null {
  if (!/^\d+$/.test(value) || (key !== 'scale' && Number(value) === 0)) {
    fail(
      `${key}=${value} in "${tok.text}" must be a ${key === 'scale' ? 'non-negative' : 'positive'} whole number, e.g. ${key}=${key === 'scale' ? 2 : 10}.`,
    );
    return null;
  }
  return Number(value);
}

export function parseDefault(
  raw: string,
  field: FieldDef,
  fail: (m: string) => void,
): FieldDef['default'] | undefined {
  const type = field.type ?? 'string';
  const where = `default=${raw} for the ${type} field "${field.name}"`;
  switch (type) {
    case 'integer':
    case 'float': {
      const n = Number(raw);
      if (
        raw.trim() === '' ||
        !Number.isFinite(n) ||
        (type === 'integer' && !Number.isInteger(n))
      ) {
        fail(`${where} is not ${type === 'integer' ? 'a whole number' : 'a number'}.`);
        return undefined;
      }
      return n;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        fail(`${where} must be true or false.`);
        return undefined;
      }
      return raw === 'true';
    case 'array':
    case 'map':
      try {
        const v: unknown = JSON.parse(raw);
        if (
          type === 'array'
            ? Array.isArray(v)
            : typeof v === 'object' && v !== null && !Array.isArray(v)
        ) {
          return v as FieldDef['default'];
        }
      } catch {
        // fall through
      }
      fail(
        `${where} must be JSON ${type === 'array' ? 'array such as []' : 'object such as {}'} (quote it: default='["a"]').`,
      );
      return undefined;
    case 'references':
    case 'id':
    case 'binary_id':
      fail(`${where}: a key column cannot have a default.`);
      return undefined;
    default:
      return raw;
  }
}
