/** Checks of a field's default value against its type, as Ecto casts it. */
import type { DefaultValue, Field } from '../normalized.js';
import type { ArrayInnerType } from '../types.js';
import { describeValue } from './report.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const NAIVE_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UTC_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Ecto rejects a default with fractional seconds for the second-precision types. */
function wholeSeconds(type: string, value: string): string | null {
  if (type.endsWith('_usec') || !/\.\d+Z?$/.test(value)) return null;
  return `has fractional seconds, which type ${type} cannot hold (Ecto rejects the default); drop the fraction or use ${type}_usec.`;
}

export function checkDefault(
  v: DefaultValue,
  type: Field['type'],
  inner: ArrayInnerType | null,
  values: string[] | null,
  size: number | undefined,
): string | null {
  if (v === null) return 'is null; leave default out instead (a column without default is NULL).';
  const scalar = (t: string, x: unknown): string | null => {
    switch (t) {
      case 'string':
      case 'text':
      case 'binary':
        if (typeof x !== 'string') return `does not fit type ${t}; give a string.`;
        if (size !== undefined && x.length > size) return `is longer than size ${size}.`;
        return null;
      case 'integer':
        return Number.isInteger(x) ? null : 'does not fit type integer; give a whole number.';
      case 'float':
        return typeof x === 'number' && Number.isFinite(x)
          ? null
          : 'does not fit type float; give a number.';
      case 'decimal':
        return (typeof x === 'number' && Number.isFinite(x)) ||
          (typeof x === 'string' && DECIMAL_RE.test(x))
          ? null
          : 'does not fit type decimal; give a number or a decimal string such as "9.99".';
      case 'boolean':
        return typeof x === 'boolean' ? null : 'does not fit type boolean; give true or false.';
      case 'uuid':
        return typeof x === 'string' && UUID_RE.test(x)
          ? null
          : 'is not a UUID such as "7488a646-e31f-11e4-aace-600308960662".';
      case 'date':
        return typeof x === 'string' && DATE_RE.test(x) ? null : 'is not a date; use "YYYY-MM-DD".';
      case 'time':
      case 'time_usec':
        return typeof x === 'string' && TIME_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a time; use "HH:MM:SS".';
      case 'naive_datetime':
      case 'naive_datetime_usec':
        return typeof x === 'string' && NAIVE_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a naive datetime; use "YYYY-MM-DDTHH:MM:SS".';
      case 'utc_datetime':
      case 'utc_datetime_usec':
        return typeof x === 'string' && UTC_RE.test(x)
          ? wholeSeconds(t, x)
          : 'is not a UTC datetime; use "YYYY-MM-DDTHH:MM:SSZ".';
      case 'enum':
        return typeof x === 'string' && values?.includes(x)
          ? null
          : `is not one of the enum values (${(values ?? []).join(', ')}).`;
      case 'map':
        return typeof x === 'object' && x !== null && !Array.isArray(x)
          ? null
          : 'does not fit type map; give a JSON object such as {}.';
      default:
        return `cannot be set for type ${t}.`;
    }
  };
  if (type === 'map' && inner !== null && typeof v === 'object' && !Array.isArray(v)) {
    // {:map, inner}: Ecto checks every value of the default against the inner type.
    for (const [k, x] of Object.entries(v)) {
      const problem = scalar(inner, x);
      if (problem) return `has a value ${describeValue(x)} at "${k}" that ${problem}`;
    }
    return null;
  }
  if (type === 'array') {
    if (!Array.isArray(v)) return 'does not fit type array; give a JSON array such as [].';
    for (const x of v) {
      const problem = scalar(inner ?? 'string', x);
      if (problem)
        return `has an element ${describeValue(x)} that ${problem.replace(/^does not fit/, 'does not fit')}`;
    }
    return null;
  }
  return scalar(type, v);
}
