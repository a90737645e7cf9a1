/**
 * Warnings on what a spec line most likely meant otherwise: in `mix phx.gen.*` (and here) the
 * word after the schema module is the table, so `Blog.Post title` makes table "title" and no
 * field, and `Blog Post title body:text` makes table "title" with only `body`. Valid models, so
 * warnings: a schema without fields, a table that looks singular or is also a field's name.
 */
import { pluralize, singularize } from '../../naming/index.js';
import type { Schema } from '../normalized.js';
import { defaultTable } from './names.js';
import type { Report } from './report.js';

/** "title" → true, "posts" → false, "news" (uncountable) → false; the last word of a_b_c counts. */
export function looksSingular(table: string): boolean {
  const word = table.slice(table.lastIndexOf('_') + 1);
  return word !== '' && singularize(word) === word && pluralize(word) !== word;
}

export function tableWarnings(s: Schema, p: string, warn: Report): void {
  const expected = s.embedded ? null : defaultTable(s.module);
  const hint = expected === null ? '' : spellings(s, expected);
  if (s.fields.length === 0 && s.associations.every((a) => a.inferred)) {
    warn(
      `${p}.fields`,
      `${s.module} has no fields.${hint && ` In a spec line the word after the schema module is the table name (as in mix phx.gen), so "${s.table}" became the table here, not a field.`}${hint}`,
    );
    return;
  }
  if (s.embedded || s.table === expected) return;
  const field = s.fields.find((f) => f.name === s.table);
  if (field !== undefined) {
    warn(
      `${p}.table`,
      `${s.module}: table "${s.table}" is also the name of one of its fields; was "${s.table}" meant as the table?${hint}`,
    );
  } else if (looksSingular(s.table)) {
    warn(
      `${p}.table`,
      `${s.module}: table "${s.table}" looks singular; Ecto and Phoenix name tables in the plural ("${expected}" for ${s.module}). If "${s.table}" was meant as a field, the word after the schema module is the table name in a spec line.${hint}`,
    );
  }
}

/** The two ways to write the line that were probably meant. */
function spellings(s: Schema, expected: string): string {
  const field = /^[a-z][a-z0-9_]*$/.test(s.table) ? s.table : 'title';
  return ` Write "${s.module} ${expected} ${field}:string …" (table first) or "${s.module} ${field}:string …" (a typed attribute right after the module gives table "${expected}").`;
}
