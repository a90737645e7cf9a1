/**
 * Elixir literals of a schema module read back as the wire model's JSON values: field types
 * (`:string`, `{:array, Ecto.Enum}`) and defaults (`"draft"`, `Decimal.new("1.50")`, `~D[…]`).
 * Anything else gives null: the caller reports it as unsupported instead of guessing.
 */
import type { ArrayInnerType, FieldType, ScalarType } from '../model/types.js';
import { SCALAR_TYPES } from '../model/types.js';

const SCALAR_BY_ECTO: Readonly<Record<string, ScalarType>> = {
  ':string': 'string',
  ':integer': 'integer',
  ':float': 'float',
  ':decimal': 'decimal',
  ':boolean': 'boolean',
  ':map': 'map',
  'Ecto.UUID': 'uuid',
  ':binary': 'binary',
  ':date': 'date',
  ':time': 'time',
  ':time_usec': 'time_usec',
  ':naive_datetime': 'naive_datetime',
  ':naive_datetime_usec': 'naive_datetime_usec',
  ':utc_datetime': 'utc_datetime',
  ':utc_datetime_usec': 'utc_datetime_usec',
  ':id': 'id',
  ':binary_id': 'binary_id',
};

export interface ReadType {
  type: FieldType;
  inner?: ArrayInnerType;
}

/** The model type of an Ecto schema type as written; null for custom types. */
export function modelType(ecto: string): ReadType | null {
  if (ecto === 'Ecto.Enum') return { type: 'enum' };
  const scalar = SCALAR_BY_ECTO[ecto];
  if (scalar) return { type: scalar };
  const tuple = /^\{:(array|map), (.+)\}$/.exec(ecto);
  if (!tuple) return null;
  const inner = tuple[2] === 'Ecto.Enum' ? 'enum' : SCALAR_BY_ECTO[tuple[2]!];
  if (!inner) return null;
  if (tuple[1] === 'map')
    return inner === 'enum' || inner === 'map' ? null : { type: 'map', inner };
  return { type: 'array', inner };
}

/** A plain double-quoted Elixir string → its value; null with interpolation or odd escapes. */
function stringLiteral(text: string): string | null {
  const m = /^"((?:[^"\\#]|\\["\\]|#(?!\{))*)"$/s.exec(text);
  return m ? m[1]!.replace(/\\(["\\])/g, '$1') : null;
}

/** Splits `a, b, c` at depth 0 (strings and brackets respected). */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if ('[{('.includes(c)) depth++;
    else if (']})'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') out.push(last);
  return out;
}

type Json = string | number | boolean | Json[] | { [k: string]: Json };

/** One literal value → JSON; undefined when not a literal this reads. */
export function literalValue(text: string): Json | undefined {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d[\d_]*(\.\d[\d_]*(e-?\d+)?)?$/.test(t)) return Number(t.replace(/_/g, ''));
  const s = stringLiteral(t);
  if (s !== null) return s;
  const atom = /^:([a-z_][A-Za-z0-9_]*)$/.exec(t);
  if (atom) return atom[1]!;
  const decimal = /^Decimal\.new\((".*")\)$/.exec(t);
  if (decimal) return stringLiteral(decimal[1]!) ?? undefined;
  const sigil = /^~[DTNU]\[([^\]]*)\]$/.exec(t);
  if (sigil) return sigil[1]!;
  if (t.startsWith('[') && t.endsWith(']')) {
    const items = splitTop(t.slice(1, -1)).map(literalValue);
    return items.every((x) => x !== undefined) ? (items as Json[]) : undefined;
  }
  if (t.startsWith('%{') && t.endsWith('}')) {
    const out: { [k: string]: Json } = {};
    for (const pair of splitTop(t.slice(2, -1))) {
      const m = /^("(?:[^"\\]|\\.)*")\s*=>\s*(.+)$/s.exec(pair);
      const key = m ? stringLiteral(m[1]!) : null;
      const value = m ? literalValue(m[2]!) : undefined;
      if (key === null || value === undefined) return undefined;
      out[key] = value;
    }
    return out;
  }
  return undefined;
}

export function isScalarType(t: string): t is ScalarType {
  return (SCALAR_TYPES as readonly string[]).includes(t);
}
