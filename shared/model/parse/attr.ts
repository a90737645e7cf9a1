/** One attribute of a spec line (`name:type:arg…:modifier…`) → a field or an association. */
import type { AssociationDef, FieldDef } from '../schema.js';
import { IDENT_RE } from '../schema.js';
import {
  ARRAY_INNER_TYPES,
  ASSOCIATION_KINDS,
  FIELD_TYPES,
  MAP_INNER_TYPES,
  TYPE_ALIASES,
  type ArrayInnerType,
  type AssociationKind,
  type FieldType,
} from '../types.js';
import { parseAssoc } from './assoc.js';
import { FLAG_MODS, KV_MODS, MODIFIERS_DOC } from './modifiers.js';
import { didYouMean } from './suggest.js';
import { splitColons, type Token } from './tokens.js';
import { parseDefault, parseOnDelete, parsePositiveInt } from './values.js';

const ALL_TYPES_DOC = [...FIELD_TYPES, ...ASSOCIATION_KINDS, 'datetime'].join(', ');

export type Attr = { kind: 'field'; field: FieldDef } | { kind: 'assoc'; assoc: AssociationDef };

/** An attribute cut into its name, positional parts (type, args), key=value and flag modifiers. */
export interface AttrParts {
  name: string;
  positional: string[];
  mods: Record<string, string>;
  flagMods: Set<string>;
}

export function parseAttr(tok: Token, fail: (m: string) => void, embedded: boolean): Attr | null {
  const parts = splitAttr(tok, fail);
  if (!parts) return null;
  const { name, positional, mods, flagMods } = parts;
  const rawType = positional[0] ?? 'string';
  const type = TYPE_ALIASES[rawType] ?? rawType;
  const args = positional.slice(1);

  if ((ASSOCIATION_KINDS as readonly string[]).includes(type)) {
    const assoc = parseAssoc(
      name,
      type as AssociationKind,
      args,
      mods,
      flagMods,
      tok,
      fail,
      embedded,
    );
    return assoc ? { kind: 'assoc', assoc } : null;
  }
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    fail(
      `unknown type "${rawType}" in "${tok.text}".${didYouMean(rawType, [...FIELD_TYPES, ...ASSOCIATION_KINDS, 'datetime'])} Valid types: ${ALL_TYPES_DOC}.`,
    );
    return null;
  }
  const field: FieldDef = { name, type: type as FieldType };
  if (!parseFieldType(field, args, tok, fail)) return null;
  if (!applyModifiers(field, mods, flagMods, tok, fail)) return null;
  return { kind: 'field', field };
}

function splitAttr(tok: Token, fail: (m: string) => void): AttrParts | null {
  const segs = splitColons(tok.text);
  const name = segs[0] ?? '';
  if (!IDENT_RE.test(name)) {
    fail(
      `"${name}" is not a valid field name; use snake_case such as published_at (lowercase letters, digits and _, not starting with a digit).`,
    );
    return null;
  }
  const positional: string[] = [];
  const mods: Record<string, string> = {};
  const flagMods = new Set<string>();
  for (const seg of segs.slice(1)) {
    const eq = seg.indexOf('=');
    const key = eq > 0 ? seg.slice(0, eq) : null;
    if (key !== null && (KV_MODS as readonly string[]).includes(key)) {
      if (mods[key] !== undefined) {
        fail(`modifier ${key}= is given twice in "${tok.text}".`);
        return null;
      }
      mods[key] = seg.slice(eq + 1);
    } else if (key !== null) {
      fail(
        `unknown modifier "${key}=" in "${tok.text}".${didYouMean(key, KV_MODS)} Valid modifiers: ${MODIFIERS_DOC}.`,
      );
      return null;
    } else if ((FLAG_MODS as readonly string[]).includes(seg)) {
      flagMods.add(seg);
    } else positional.push(seg);
  }
  return { name, positional, mods, flagMods };
}

/** The arguments after the type: array/map inner types, enum values, the referenced table. */
function parseFieldType(
  field: FieldDef,
  args: string[],
  tok: Token,
  fail: (m: string) => void,
): boolean {
  const { name } = field;
  const type = field.type!;
  const extra = (from: number) => {
    const x = args[from];
    if (x !== undefined) {
      fail(
        `unexpected "${x}" after type ${type} in "${tok.text}"; a ${type} field takes no further arguments. Valid modifiers: ${MODIFIERS_DOC}.`,
      );
      return true;
    }
    return false;
  };
  switch (type) {
    case 'array': {
      const inner = args[0];
      if (inner === undefined) {
        fail(
          `the array field "${name}" needs an element type, e.g. ${name}:array:string. Valid: ${ARRAY_INNER_TYPES.join(', ')}.`,
        );
        return false;
      }
      const innerT = TYPE_ALIASES[inner] ?? inner;
      if (!(ARRAY_INNER_TYPES as readonly string[]).includes(innerT)) {
        fail(
          `unknown array element type "${inner}" in "${tok.text}".${didYouMean(inner, ARRAY_INNER_TYPES)} Valid: ${ARRAY_INNER_TYPES.join(', ')}.`,
        );
        return false;
      }
      field.inner = innerT as ArrayInnerType;
      if (innerT === 'enum') {
        if (args.length < 2) {
          fail(`the array of enums "${name}" needs values, e.g. ${name}:array:enum:red:green.`);
          return false;
        }
        field.values = args.slice(1);
      } else if (extra(1)) return false;
      break;
    }
    case 'map': {
      const inner = args[0];
      if (inner !== undefined) {
        const innerT = TYPE_ALIASES[inner] ?? inner;
        if (!(MAP_INNER_TYPES as readonly string[]).includes(innerT)) {
          fail(
            `unknown map value type "${inner}" in "${tok.text}".${didYouMean(inner, MAP_INNER_TYPES)} Valid: ${MAP_INNER_TYPES.join(', ')}.`,
          );
          return false;
        }
        field.inner = innerT as ArrayInnerType;
        if (extra(1)) return false;
      }
      break;
    }
    case 'enum':
      if (args.length === 0) {
        fail(`enum type requires at least one value, e.g. ${name}:enum:draft:published.`);
        return false;
      }
      field.values = args;
      break;
    case 'references': {
      const table = args[0];
      if (table === undefined) {
        fail(`the references field "${name}" needs the table, e.g. ${name}:references:users.`);
        return false;
      }
      if (!IDENT_RE.test(table)) {
        fail(`referenced table "${table}" must be snake_case, e.g. users.`);
        return false;
      }
      if (extra(1)) return false;
      field.references = { table };
      break;
    }
    default:
      if (extra(0)) return false;
  }
  return true;
}

/** unique, redact, optional and the key=value modifiers of a field. */
function applyModifiers(
  field: FieldDef,
  mods: Record<string, string>,
  flagMods: Set<string>,
  tok: Token,
  fail: (m: string) => void,
): boolean {
  const { name } = field;
  const type = field.type!;
  if (flagMods.has('owner')) {
    fail(
      `owner applies to belongs_to associations only, not to the ${type} field "${name}"; write e.g. post:belongs_to:Blog.Post:owner.`,
    );
    return false;
  }
  if (flagMods.has('unique')) field.unique = true;
  if (flagMods.has('redact')) field.redact = true;
  if (flagMods.has('optional')) field.required = false;
  for (const [key, value] of Object.entries(mods)) {
    switch (key) {
      case 'on_delete': {
        if (type !== 'references') {
          fail(
            `on_delete= applies to references and belongs_to only, not to the ${type} field "${name}".`,
          );
          return false;
        }
        const od = parseOnDelete(value, tok, fail);
        if (!od) return false;
        field.references = { ...field.references!, on_delete: od };
        break;
      }
      case 'join_table':
        fail(
          `join_table= applies to many_to_many associations only, not to the ${type} field "${name}".`,
        );
        return false;
      case 'default': {
        const v = parseDefault(value, field, fail);
        if (v === undefined) return false;
        field.default = v;
        break;
      }
      case 'size':
      case 'precision':
      case 'scale': {
        const n = parsePositiveInt(value, key, tok, fail);
        if (n === null) return false;
        field[key] = n;
        break;
      }
    }
  }
  return true;
}
