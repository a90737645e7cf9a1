/** An association attribute: `name:belongs_to|has_many|has_one|many_to_many:Target…`. */
import type { AssociationDef } from '../schema.js';
import { MODULE_RE, IDENT_RE } from '../schema.js';
import type { AssociationKind } from '../types.js';
import { MODIFIERS_DOC } from './modifiers.js';
import type { Token } from './tokens.js';
import { parseOnDelete } from './values.js';

export function parseAssoc(
  name: string,
  kind: AssociationKind,
  args: string[],
  mods: Record<string, string>,
  flagMods: Set<string>,
  tok: Token,
  fail: (m: string) => void,
  embedded: boolean,
): AssociationDef | null {
  if (embedded) {
    fail(`embedded schemas cannot have ${kind} associations ("${tok.text}").`);
    return null;
  }
  const target = args[0];
  if (target === undefined) {
    fail(
      `the ${kind} association "${name}" needs the target schema module, e.g. ${name}:${kind}:Accounts.User.`,
    );
    return null;
  }
  if (!MODULE_RE.test(target)) {
    fail(
      `"${target}" in "${tok.text}" is not a module name; expected the target schema relative to the app, e.g. Accounts.User.`,
    );
    return null;
  }
  if (args.length > 1) {
    fail(
      `unexpected "${args[1]}" after the target ${target} in "${tok.text}". Valid modifiers: ${MODIFIERS_DOC}.`,
    );
    return null;
  }
  const notFor = (what: string) => {
    fail(`${what} does not apply to ${kind} ("${tok.text}").`);
    return null;
  };
  for (const key of Object.keys(mods)) {
    if (key === 'on_delete' && kind !== 'belongs_to') return notFor('on_delete=');
    if (key === 'join_table' && kind !== 'many_to_many') return notFor('join_table=');
    if (key === 'default' || key === 'size' || key === 'precision' || key === 'scale')
      return notFor(`${key}=`);
  }
  if (flagMods.has('redact')) return notFor('redact');
  if (kind !== 'belongs_to') {
    const only = ['optional', 'unique', 'owner'].find((m) => flagMods.has(m));
    if (only !== undefined) return notFor(only);
  }
  switch (kind) {
    case 'belongs_to': {
      const a: AssociationDef = { kind, name, target };
      if (flagMods.has('optional')) a.required = false;
      if (flagMods.has('unique')) a.unique = true;
      if (flagMods.has('owner')) a.owner = true;
      if (mods.on_delete !== undefined) {
        const od = parseOnDelete(mods.on_delete, tok, fail);
        if (!od) return null;
        a.on_delete = od;
      }
      return a;
    }
    case 'many_to_many': {
      const a: AssociationDef = { kind, name, target };
      if (mods.join_table !== undefined) {
        if (!IDENT_RE.test(mods.join_table)) {
          fail(`join_table=${mods.join_table} must be snake_case, e.g. posts_tags.`);
          return null;
        }
        a.join_table = mods.join_table;
      }
      return a;
    }
    default:
      return { kind, name, target };
  }
}
