/**
 * Renames in an evolving model: a field's `renamed_from` (its former column) and a schema's
 * `renamed_from` (its former table). They only say how to get from the database as it is to the
 * model; the normalized model itself does not carry them. This module checks them against the
 * batch and collects them for the model-vs-database diff (shared/evolve).
 *
 * A rename whose old name no longer exists in the database has already run: the diff ignores it,
 * so a model that keeps `renamed_from` stays unchanged on the next call.
 */
import type { Issue, Model } from './normalized.js';
import type { SchemaDef } from './schema.js';

/** Renames keyed by the NEW names. */
export interface Renames {
  /** table → former table. */
  tables: Map<string, string>;
  /** table (new name) → column → former column. */
  columns: Map<string, Map<string, string>>;
}

export function emptyRenames(): Renames {
  return { tables: new Map(), columns: new Map() };
}

/**
 * The renames of a batch (`defs[i]` is the wire form of `model.schemas[i]`, as `normalizeModel`
 * keeps the order), with an error for every rename that cannot be meant.
 */
export function collectRenames(
  defs: readonly SchemaDef[],
  model: Model,
): { renames: Renames; errors: Issue[] } {
  const errors: Issue[] = [];
  const renames = emptyRenames();
  const tables = new Map(model.schemas.filter((s) => !s.embedded).map((s) => [s.table, s.module]));
  const oldTables = new Map<string, string>();
  model.schemas.forEach((s, i) => {
    const def = defs[i];
    if (def === undefined) return;
    const p = `schemas[${i}]`;
    if (def.renamed_from !== undefined) {
      const from = def.renamed_from;
      if (s.embedded) {
        errors.push({
          path: `${p}.renamed_from`,
          message: `${s.module} is embedded and has no table to rename; remove renamed_from.`,
        });
      } else if (from === s.table) {
        errors.push({
          path: `${p}.renamed_from`,
          message: `${s.module}: renamed_from "${from}" is its own table; remove renamed_from, or give the table's former name.`,
        });
      } else if (tables.has(from)) {
        errors.push({
          path: `${p}.renamed_from`,
          message: `${s.module}: renamed_from "${from}" is the table of ${tables.get(from)} in this batch; a table cannot be renamed while another schema keeps its name.`,
        });
      } else if (oldTables.has(from)) {
        errors.push({
          path: `${p}.renamed_from`,
          message: `${s.module}: table "${from}" is also renamed by ${oldTables.get(from)}; only one schema can take over a table.`,
        });
      } else {
        oldTables.set(from, s.module);
        renames.tables.set(s.table, from);
      }
    }
    const columns = collectFieldRenames(def, s.module, p, errors, [
      ...s.fields.map((f) => f.name),
      ...s.associations.flatMap((a) => (a.kind === 'belongs_to' ? [a.foreign_key] : [])),
    ]);
    if (columns.size > 0) renames.columns.set(s.table, columns);
  });
  return { renames, errors };
}

function collectFieldRenames(
  def: SchemaDef,
  module: string,
  p: string,
  errors: Issue[],
  columnNames: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const current = new Set(columnNames);
  const by = new Map<string, string>();
  (def.fields ?? []).forEach((f, j) => {
    const from = f.renamed_from;
    if (from === undefined) return;
    const fp = `${p}.fields[${j}].renamed_from`;
    if (from === f.name) {
      errors.push({
        path: fp,
        message: `${module}.${f.name}: renamed_from is the field's own name; remove it, or give the former name.`,
      });
    } else if (current.has(from)) {
      errors.push({
        path: fp,
        message: `${module}.${f.name}: renamed_from "${from}" is still a column of ${module}; a column cannot be renamed while the model keeps its old name.`,
      });
    } else if (by.has(from)) {
      errors.push({
        path: fp,
        message: `${module}.${f.name}: "${from}" is also renamed to ${by.get(from)}; a column can be renamed to one name only.`,
      });
    } else {
      by.set(from, f.name);
      out.set(f.name, from);
    }
  });
  return out;
}
