/**
 * Test and fixture values per field (the kind of sample values phx.gen.context writes, per type),
 * made valid for the model: length, size, format, number bounds, inclusion, decimal precision/scale, enums. Each
 * value is an Elixir literal for the attrs map and one for the assertion (a decimal is passed as
 * "120.5" and asserted as Decimal.new("120.5"); an enum is an atom in both).
 *
 * Dates and times are sigils derived from the generation clock (yesterday for create, today for
 * update, seconds zeroed), so goldens are deterministic.
 */
import type { ArrayInnerType, Field } from '../../model/index.js';
import { exAtom, exFloat, exInteger, exString } from '../../render/index.js';

export interface Value {
  /** Literal in an attrs map. */
  attr: string;
  /** Literal the result is compared with. */
  assert: string;
}

export interface FieldValues {
  create: Value;
  update: Value;
  /** Body of `unique_<singular>_<field>/0`, when the field needs unique values. */
  unique: string | null;
  /** A literal Ecto cannot cast to this field's type (for invalid attrs). */
  invalid: string;
}

export interface ValueContext {
  /** The generation time (UTC). */
  now: Date;
  /** Field needs a fresh value per fixture (unique index). */
  unique: boolean;
  /** "Blog.Post field \"title\"" for warnings. */
  where: string;
  warn(message: string): void;
}

const UNIQUE_INT = 'System.unique_integer([:positive])';
const UUIDS = ['7488a646-e31f-11e4-aace-600308960662', '7488a646-e31f-11e4-aace-600308960668'];

// ---------------------------------------------------------------------------------------------
// Dates and times

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateString(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function dayBefore(d: Date): Date {
  return new Date(d.getTime() - 86_400_000);
}

type TemporalType =
  | 'date'
  | 'time'
  | 'time_usec'
  | 'naive_datetime'
  | 'naive_datetime_usec'
  | 'utc_datetime'
  | 'utc_datetime_usec';

function temporal(type: TemporalType, which: 'create' | 'update', now: Date): string {
  const day = which === 'create' ? dayBefore(now) : now;
  const usec = type.endsWith('_usec') ? '.000000' : '';
  const hm = `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:00`;
  switch (type) {
    case 'date':
      return `~D[${dateString(day)}]`;
    case 'time':
    case 'time_usec':
      return `~T[${which === 'create' ? '14:00:00' : '15:01:01'}${usec}]`;
    case 'naive_datetime':
    case 'naive_datetime_usec':
      return `~N[${dateString(day)} ${hm}${usec}]`;
    case 'utc_datetime':
    case 'utc_datetime_usec':
      return `~U[${dateString(day)} ${hm}${usec}Z]`;
  }
}

function temporalUnique(type: TemporalType, now: Date): string {
  const base = temporal(type, 'create', now);
  switch (type) {
    case 'date':
      return `Date.add(${base}, ${UNIQUE_INT})`;
    case 'time':
    case 'time_usec':
      return `Time.add(${type === 'time' ? '~T[00:00:00]' : '~T[00:00:00.000000]'}, ${UNIQUE_INT})`;
    case 'naive_datetime':
    case 'naive_datetime_usec':
      return `NaiveDateTime.add(${base}, ${UNIQUE_INT})`;
    case 'utc_datetime':
    case 'utc_datetime_usec':
      return `DateTime.add(${base}, ${UNIQUE_INT})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers

type NumberKind = 'integer' | 'float' | 'decimal';

interface NumberRules {
  gt?: number | undefined;
  gte?: number | undefined;
  lt?: number | undefined;
  lte?: number | undefined;
  /** Decimal column: digits after the point (rounding) and total digits. */
  scale: number | null;
  precision: number | null;
}

function numberRules(f: Field): NumberRules {
  const n = f.validations.number ?? {};
  const scale = f.type === 'decimal' ? (f.scale ?? (f.precision !== null ? 0 : null)) : null;
  return {
    gt: n.greater_than,
    gte: n.greater_than_or_equal_to,
    lt: n.less_than,
    lte: n.less_than_or_equal_to,
    scale,
    precision: f.type === 'decimal' ? f.precision : null,
  };
}

function inBounds(x: number, r: NumberRules): boolean {
  return (
    (r.gt === undefined || x > r.gt) &&
    (r.gte === undefined || x >= r.gte) &&
    (r.lt === undefined || x < r.lt) &&
    (r.lte === undefined || x <= r.lte)
  );
}

function roundTo(x: number, scale: number | null): number {
  return scale === null ? x : Number(x.toFixed(scale));
}

function decimalText(x: number, scale: number | null): string {
  return scale === null ? String(x) : x.toFixed(scale);
}

function fitsDigits(x: number, r: NumberRules): boolean {
  if (r.precision === null) return true;
  const intDigits = Math.trunc(Math.abs(x)).toString().replace(/^0$/, '').length;
  return intDigits <= r.precision - (r.scale ?? 0);
}

const NUMBER_CANDIDATES: Readonly<Record<NumberKind, readonly number[]>> = {
  integer: [42, 43, 1, 2, 0, 100, 101, 1000, 1001, -1, -2, -42, -43],
  float: [120.5, 456.7, 12.5, 45.7, 1.5, 4.5, 0.5, 0.25, 1000.5, 1001.5, -1.5, -4.5, -120.5],
  decimal: [120.5, 456.7, 12.5, 45.7, 1.5, 4.5, 0.5, 0.25, 120, 456, 1, 2, -1.5, -4.5],
};

/** A create and an update number valid for the bounds and digits (distinct when possible). */
function pickNumbers(kind: NumberKind, r: NumberRules, ctx: ValueContext): [number, number] {
  const ok = (x: number) => {
    const y = kind === 'decimal' ? roundTo(x, r.scale) : x;
    return Number.isFinite(y) && inBounds(y, r) && fitsDigits(y, r);
  };
  const found: number[] = [];
  const add = (x: number) => {
    const y = kind === 'integer' ? x : kind === 'decimal' ? roundTo(x, r.scale) : x;
    if (ok(y) && !found.includes(y)) found.push(y);
  };
  for (const x of NUMBER_CANDIDATES[kind]) add(x);
  if (found.length < 2) {
    // Derive from the bounds: just inside the lower one, the middle, just inside the upper one.
    const lo = r.gte ?? r.gt;
    const hi = r.lte ?? r.lt;
    const step =
      kind === 'integer' ? 1 : kind === 'decimal' && r.scale !== null ? 10 ** -r.scale : 0.5;
    const derived: number[] = [];
    if (lo !== undefined && hi !== undefined) {
      derived.push((lo + hi) / 2, lo + (hi - lo) / 4, lo + ((hi - lo) * 3) / 4);
    }
    if (lo !== undefined) derived.push(lo, lo + step, lo + 2 * step);
    if (hi !== undefined) derived.push(hi, hi - step, hi - 2 * step);
    for (const x of derived) add(kind === 'integer' ? Math.ceil(x) : x);
    for (const x of derived) if (kind === 'integer') add(Math.floor(x));
  }
  if (found.length === 0) {
    ctx.warn(
      `${ctx.where}: no test value satisfies its number validation and column size; the tests use ${kind === 'integer' ? 42 : 120.5}, which the changeset will reject. Adjust the value in the fixture and tests.`,
    );
    return kind === 'integer' ? [42, 43] : [120.5, 456.7];
  }
  return [found[0]!, found[1] ?? found[0]!];
}

function numberLiteral(kind: NumberKind, x: number, scale: number | null): Value {
  if (kind === 'integer') return { attr: exInteger(x), assert: exInteger(x) };
  if (kind === 'float') return { attr: exFloat(x), assert: exFloat(x) };
  const text = decimalText(x, scale);
  return { attr: exString(text), assert: `Decimal.new(${exString(text)})` };
}

function numberUnique(kind: NumberKind, r: NumberRules, ctx: ValueContext): string {
  const lo =
    r.gte ??
    (r.gt !== undefined ? (kind === 'integer' ? Math.floor(r.gt) + 1 : r.gt + 1) : undefined);
  const hi =
    r.lte ?? (r.lt !== undefined ? (kind === 'integer' ? Math.ceil(r.lt) - 1 : r.lt) : undefined);
  if (kind === 'integer') {
    const from = Math.ceil(lo ?? 1);
    if (hi !== undefined) {
      const span = Math.floor(hi) - from + 1;
      if (span < 1000) {
        ctx.warn(
          `${ctx.where} is unique but only ${Math.max(span, 0)} values satisfy its bounds; fixtures pick them from System.unique_integer and may collide.`,
        );
      }
      return `${exInteger(from)} + rem(${UNIQUE_INT}, ${exInteger(Math.max(span, 1))})`;
    }
    return from <= 1 ? UNIQUE_INT : `${UNIQUE_INT} + ${exInteger(from - 1)}`;
  }
  if (hi !== undefined || r.precision !== null) {
    ctx.warn(
      `${ctx.where} is unique and bounded (number validation or precision); the fixture's unique value may fall outside the bounds. Adjust unique_* in the fixtures if it does.`,
    );
  }
  const offset = lo !== undefined && lo > 0 ? Math.ceil(lo) : 0;
  const base = offset > 0 ? `${UNIQUE_INT} + ${exInteger(offset)}` : UNIQUE_INT;
  if (kind === 'float') return `${base} + 0.5`;
  const frac = r.scale === null ? '.5' : r.scale === 0 ? '' : `.5${'0'.repeat(r.scale - 1)}`;
  return offset > 0 ? `"#{${base}}${frac}"` : `"#{${UNIQUE_INT}}${frac}"`;
}

// ---------------------------------------------------------------------------------------------
// Strings

interface StringRules {
  min: number | undefined;
  max: number | undefined;
  is: number | undefined;
  format: RegExp | null;
  inclusion: string[] | null;
}

/** An Elixir (PCRE) regex body as a JavaScript RegExp, when the translation is safe. */
export function jsRegex(source: string): RegExp | null {
  let flags = 'u';
  let body = source;
  const inline = /^\(\?([imsx]+)\)/.exec(body);
  if (inline) {
    if (/x/.test(inline[1]!)) return null;
    flags += inline[1]!.replace(/x/g, '');
    body = body.slice(inline[0].length);
  }
  body = body.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  try {
    return new RegExp(body, flags);
  } catch {
    return null;
  }
}

function graphemes(s: string): number {
  return [...s].length;
}

function stringRules(f: Field): StringRules {
  const len = f.validations.length ?? {};
  const caps = [len.max, f.size ?? undefined].filter((x): x is number => x !== undefined);
  const inclusion = f.validations.inclusion?.filter((x): x is string => typeof x === 'string');
  return {
    min: len.min,
    max: caps.length > 0 ? Math.min(...caps) : undefined,
    is: len.is,
    format: f.validations.format !== undefined ? jsRegex(f.validations.format) : null,
    inclusion: inclusion && inclusion.length > 0 ? inclusion : null,
  };
}

function lengthOk(s: string, r: StringRules, extra = 0): boolean {
  const n = graphemes(s) + extra;
  return (
    (r.is === undefined || n === r.is) &&
    (r.min === undefined || n >= r.min) &&
    (r.max === undefined || n <= r.max)
  );
}

function fitLength(s: string, r: StringRules): string {
  const chars = [...s];
  const target =
    r.is ?? Math.min(Math.max(chars.length, r.min ?? 0), r.max ?? Number.POSITIVE_INFINITY);
  if (chars.length >= target) return chars.slice(0, target).join('');
  return s + 'x'.repeat(target - chars.length);
}

/** Samples tried when the default value does not match a format validation. */
const FORMAT_SAMPLES = [
  'user@example.com',
  'updated@example.com',
  'https://example.com',
  'https://example.com/updated',
  'example.com',
  'example.org',
  'some-slug',
  'some-updated-slug',
  'some_value',
  'some_updated_value',
  'Some Value',
  'Some Updated Value',
  'somevalue',
  'updatedvalue',
  'SOMEVALUE',
  'UPDATEDVALUE',
  'abc123',
  'xyz789',
  'ABC123',
  'XYZ789',
  '12345',
  '67890',
  '2024-01-31',
  '2024-02-29',
  '+15555550123',
  '+15555550199',
  '#ff0000',
  '#00ff00',
  'Passw0rd!',
  'S3cret!pass',
  'a1',
  'b2',
  'ab',
  'cd',
  'a',
  'b',
  'A',
  'B',
  '1',
  '2',
];

function pickStrings(name: string, r: StringRules, ctx: ValueContext): [string, string] {
  if (r.inclusion) return [r.inclusion[0]!, r.inclusion[1] ?? r.inclusion[0]!];
  const ok = (s: string) => lengthOk(s, r) && (r.format === null || r.format.test(s));
  const base = [`some ${name}`, `some updated ${name}`];
  const candidates = base.flatMap((s) => [s, fitLength(s, r)]);
  if (r.format !== null) {
    candidates.push(...FORMAT_SAMPLES, ...FORMAT_SAMPLES.map((s) => fitLength(s, r)));
  }
  const found: string[] = [];
  for (const c of candidates) if (ok(c) && !found.includes(c)) found.push(c);
  if (found.length === 0) {
    const fallback = base.map((s) => fitLength(s, r)) as [string, string];
    ctx.warn(
      `${ctx.where}: no sample value satisfies its format${r.format === null ? '' : ' and length'} validation, so the tests use ${JSON.stringify(fallback[0])}, which the changeset will reject; replace it in the fixture and tests with a valid value.`,
    );
    return fallback;
  }
  return [found[0]!, found[1] ?? found[0]!];
}

/** `"<prefix>#{System.unique_integer([:positive])}<suffix>"` still valid for the rules. */
function stringUnique(value: string, r: StringRules, ctx: ValueContext): string {
  const interpolate = (prefix: string, suffix: string) =>
    `"${exString(prefix).slice(1, -1)}#{${UNIQUE_INT}}${exString(suffix).slice(1, -1)}"`;
  if (r.inclusion || r.is !== undefined) {
    ctx.warn(
      `${ctx.where} is unique but its ${r.inclusion ? 'inclusion' : 'exact length'} validation leaves no room for a unique suffix; the fixture's unique value may be rejected. Adjust unique_* in the fixtures.`,
    );
  }
  // Reserve 7 digits for the unique integer; shorten the value to make room under a max length.
  const reserve = 7;
  const room = r.max !== undefined ? r.max - reserve : Number.POSITIVE_INFINITY;
  const chars = [...value];
  const head = room < chars.length ? chars.slice(0, Math.max(room, 0)) : chars;
  const samples = ['1', '42', '1234567'];
  const valid = (s: string) => r.format === null || r.format.test(s);
  // Before the @ of an e-mail address reads best; else at the end; else anywhere it fits.
  const at = head.indexOf('@');
  const positions = [...(at > 0 ? [at] : []), ...head.map((_, i) => head.length - i), 0];
  for (const k of positions) {
    const prefix = head.slice(0, k).join('');
    const suffix = head.slice(k).join('');
    if (
      samples.every(
        (d) => valid(prefix + d + suffix) && lengthOk(prefix + d + suffix, { ...r, is: undefined }),
      )
    ) {
      return interpolate(prefix, suffix);
    }
  }
  ctx.warn(
    `${ctx.where} is unique, but no unique variant of ${JSON.stringify(value)} passes its validations; the fixture appends a number, which the changeset may reject. Adjust unique_* in the fixtures.`,
  );
  return interpolate(head.join(''), '');
}

// ---------------------------------------------------------------------------------------------
// Per type

function scalarPair(
  type: Exclude<Field['type'], 'array' | 'references'> | ArrayInnerType,
  f: Field,
  ctx: ValueContext,
): [Value, Value] {
  const same = (s: string): Value => ({ attr: s, assert: s });
  switch (type) {
    case 'string':
    case 'text':
    case 'binary': {
      const [a, b] = pickStrings(f.name, stringRules(f), ctx);
      return [same(exString(a)), same(exString(b))];
    }
    case 'integer':
    case 'id':
    case 'float':
    case 'decimal': {
      const kind: NumberKind = type === 'id' ? 'integer' : type;
      const r = numberRules(f);
      const incl = f.validations.inclusion?.filter((x): x is number => typeof x === 'number');
      const [a, b] =
        incl && incl.length > 0 ? [incl[0]!, incl[1] ?? incl[0]!] : pickNumbers(kind, r, ctx);
      return [numberLiteral(kind, a, r.scale), numberLiteral(kind, b, r.scale)];
    }
    case 'boolean': {
      const incl = f.validations.inclusion?.filter((x): x is boolean => typeof x === 'boolean');
      const [a, b] = incl && incl.length > 0 ? [incl[0]!, incl[1] ?? incl[0]!] : [true, false];
      return [same(String(a)), same(String(b))];
    }
    case 'map':
      return [same('%{}'), same('%{}')];
    case 'uuid':
    case 'binary_id':
      return [same(exString(UUIDS[0])), same(exString(UUIDS[1]))];
    case 'enum': {
      const values = f.values ?? [];
      const a = values[0] ?? 'value';
      return [same(exAtom(a)), same(exAtom(values[1] ?? a))];
    }
    case 'date':
    case 'time':
    case 'time_usec':
    case 'naive_datetime':
    case 'naive_datetime_usec':
    case 'utc_datetime':
    case 'utc_datetime_usec':
      return [same(temporal(type, 'create', ctx.now)), same(temporal(type, 'update', ctx.now))];
  }
}

function arrayPair(f: Field, ctx: ValueContext): [Value, Value] {
  const inner = f.inner ?? 'string';
  const len = f.validations.length ?? {};
  const count = (dflt: number) =>
    len.is ?? Math.min(Math.max(dflt, len.min ?? 0), len.max ?? Number.POSITIVE_INFINITY);
  const list = (items: Value[]): Value => ({
    attr: `[${items.map((i) => i.attr).join(', ')}]`,
    assert: `[${items.map((i) => i.assert).join(', ')}]`,
  });
  const series = (n: number, make: (i: number) => Value) =>
    list(Array.from({ length: n }, (_, i) => make(i)));
  const same = (s: string): Value => ({ attr: s, assert: s });
  if (inner === 'string' || inner === 'text') {
    return [
      series(count(2), (i) => same(exString(`option${i + 1}`))),
      series(count(1), (i) => same(exString(`option${i + 1}`))),
    ];
  }
  if (inner === 'integer' || inner === 'id') {
    return [
      series(count(2), (i) => same(exInteger(i + 1))),
      series(count(1), (i) => same(exInteger(i + 1))),
    ];
  }
  const inf: Field = { ...f, type: inner, inner: null, validations: {} };
  const [a, b] = scalarPair(inner, inf, ctx);
  return [series(count(1), () => a), series(count(1), () => b)];
}

const INVALID: Readonly<Record<string, string>> = {
  string: '42',
  text: '42',
  binary: '42',
  integer: '"not a number"',
  id: '"not an id"',
  float: '"not a number"',
  decimal: '"not a number"',
  boolean: '"not a boolean"',
  map: '"not a map"',
  array: '"not a list"',
  uuid: '"not a uuid"',
  binary_id: '"not a uuid"',
  enum: '"not one of the values"',
  date: '"not a date"',
  time: '"not a time"',
  time_usec: '"not a time"',
  naive_datetime: '"not a datetime"',
  naive_datetime_usec: '"not a datetime"',
  utc_datetime: '"not a datetime"',
  utc_datetime_usec: '"not a datetime"',
  references: '"not an id"',
};

/** A literal that casting to `type` rejects. */
export function invalidLiteral(type: Field['type'] | 'binary_id' | 'id'): string {
  return INVALID[type] ?? '"invalid"';
}

/** Values for a plain field (not `references`; parents are handled by the caller). */
export function fieldValues(f: Field, ctx: ValueContext): FieldValues {
  const [create, update] =
    f.type === 'array' ? arrayPair(f, ctx) : scalarPair(f.type as never, f, ctx);
  let unique: string | null = null;
  if (ctx.unique) {
    switch (f.type) {
      case 'string':
      case 'text':
      case 'binary': {
        const r = stringRules(f);
        const quiet = { ...ctx, warn: () => undefined };
        unique = stringUnique(pickStrings(f.name, r, quiet)[0], r, ctx);
        break;
      }
      case 'integer':
      case 'id':
        unique = numberUnique('integer', numberRules(f), ctx);
        break;
      case 'float':
      case 'decimal':
        unique = numberUnique(f.type, numberRules(f), ctx);
        break;
      case 'uuid':
      case 'binary_id':
        unique = 'Ecto.UUID.generate()';
        break;
      case 'date':
      case 'time':
      case 'time_usec':
      case 'naive_datetime':
      case 'naive_datetime_usec':
      case 'utc_datetime':
      case 'utc_datetime_usec':
        unique = temporalUnique(f.type, ctx.now);
        break;
      default:
        ctx.warn(
          `${ctx.where} must be unique, but a ${f.type} field has too few values for unique fixtures; a second fixture in one test will violate the unique index.`,
        );
    }
  }
  return { create, update, unique, invalid: invalidLiteral(f.type) };
}
