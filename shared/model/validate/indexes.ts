/** Indexes of a table: those its fields and associations imply, and those the model lists. */
import type { IndexDef } from '../schema.js';
import type { Index, Schema } from '../normalized.js';
import { defaultIndexName } from './names.js';
import type { Report } from './report.js';

export function buildIndexes(s: Schema, defs: IndexDef[], p: string, err: Report): Index[] {
  if (s.embedded) return [];
  const columns = new Set<string>([
    ...s.fields.map((f) => f.source ?? f.name),
    ...s.associations.flatMap((a) => (a.kind === 'belongs_to' ? [a.foreign_key] : [])),
    ...(s.primary_key ? [s.primary_key.name] : []),
    ...(s.timestamps
      ? [s.timestamps.inserted_at ?? 'inserted_at', s.timestamps.updated_at ?? 'updated_at']
      : []),
  ]);
  const out: Index[] = [];
  const add = (cols: string[], unique: boolean, name?: string) => {
    const key = cols.join(',');
    const existing = out.find((x) => x.columns.join(',') === key);
    if (existing) {
      existing.unique = existing.unique || unique;
      if (name) existing.name = name;
      return;
    }
    out.push({ columns: cols, unique, name: name ?? defaultIndexName(s.table, cols) });
  };
  for (const a of s.associations) if (a.kind === 'belongs_to') add([a.foreign_key], a.unique);
  for (const f of s.fields) {
    if (f.type === 'references') add([f.name], f.unique);
    else if (f.unique) add([f.source ?? f.name], true);
  }
  // Scoped: every query filters by the scope key, with a table of its own or not.
  if (s.scope !== undefined) add([s.scope.schema_key], false);
  defs.forEach((d, j) => {
    const missing = d.columns.filter((c) => !columns.has(c));
    if (missing.length > 0) {
      err(
        `${p}.indexes[${j}].columns`,
        `${s.module}: index column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a column of ${s.table}; valid: ${[...columns].join(', ')}.`,
      );
      return;
    }
    const dup = d.columns.find((c, k) => d.columns.indexOf(c) !== k);
    if (dup) {
      err(`${p}.indexes[${j}].columns`, `${s.module}: index column "${dup}" is listed twice.`);
      return;
    }
    add(d.columns, d.unique ?? false, d.name);
  });
  const names = new Set<string>();
  for (const ix of out) {
    if (names.has(ix.name))
      err(
        `${p}.indexes`,
        `${s.module}: two indexes are named "${ix.name}"; give one of them another name.`,
      );
    names.add(ix.name);
    if (ix.name.length > 63)
      err(
        `${p}.indexes`,
        `${s.module}: index name "${ix.name}" is longer than PostgreSQL's 63 characters; set a shorter name.`,
      );
  }
  return out;
}
