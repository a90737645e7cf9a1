/** Normalization of one schema's own values (module, table, keys, timestamps) and its names. */
import { RESERVED_NAMES } from '../reserved.js';
import type { SchemaDef } from '../schema.js';
import type { App, Schema } from '../normalized.js';
import { normalizeField } from './field.js';
import { defaultTable, namespaceOf, relativeModule } from './names.js';
import type { Report } from './report.js';
import type { TimestampType } from '../types.js';

/**
 * Defaults for schemas that leave them out (the project's generator config or the call's
 * arguments). Without them: `id` keys, `naive_datetime` timestamps.
 */
export interface SchemaDefaults {
  binary_id?: boolean;
  timestamp_type?: TimestampType;
}

export function normalizeSchemaShell(
  def: SchemaDef,
  i: number,
  app: App | null,
  err: Report,
  defaults: SchemaDefaults = {},
): Schema {
  const p = `schemas[${i}]`;
  const module = relativeModule(def.module, app);
  const embedded = def.embedded ?? false;
  const context = def.context === undefined ? namespaceOf(module) : def.context;
  const table = def.table ?? defaultTable(module);
  const primary_key: Schema['primary_key'] =
    def.primary_key === false
      ? false
      : {
          name: def.primary_key?.name ?? 'id',
          type:
            def.primary_key?.type ?? (embedded || defaults.binary_id === true ? 'binary_id' : 'id'),
          ...(def.primary_key?.autogenerate === false ? { autogenerate: false as const } : {}),
        };
  const timestamps: Schema['timestamps'] =
    def.timestamps === false || (embedded && def.timestamps === undefined)
      ? false
      : {
          type: def.timestamps?.type ?? defaults.timestamp_type ?? 'naive_datetime',
          ...customTimestampNames(def.timestamps),
        };
  if (timestamps && (timestamps.inserted_at ?? 'inserted_at') === timestamps.updated_at) {
    err(
      `${p}.timestamps`,
      `${module}: inserted_at and updated_at are both named "${timestamps.updated_at}"; give them different names.`,
    );
  }
  if (embedded && primary_key !== false && primary_key.type === 'id') {
    err(
      `${p}.primary_key.type`,
      `${module} is embedded, and Ecto autogenerates only binary_id keys for embedded schemas (an integer id would fail on insert); use type binary_id or primary_key false.`,
    );
  }
  if (embedded) {
    if (def.prefix)
      err(
        `${p}.prefix`,
        `${module} is embedded and has no table, so it cannot have a prefix; remove prefix.`,
      );
    if (def.table) err(`${p}.table`, `${module} is embedded and has no table; remove table.`);
    if ((def.indexes ?? []).length > 0)
      err(
        `${p}.indexes`,
        `${module} is embedded and has no table, so it cannot have indexes; remove them.`,
      );
    if ((def.associations ?? []).length > 0)
      err(
        `${p}.associations`,
        `${module} is embedded; embedded schemas cannot have belongs_to/has_many/has_one/many_to_many associations. Remove them or make the schema a table.`,
      );
  }
  const fields = (def.fields ?? []).map((f, j) =>
    normalizeField(f, `${p}.fields[${j}]`, module, embedded, err),
  );
  return {
    module,
    context,
    table,
    embedded,
    primary_key,
    timestamps,
    prefix: def.prefix ?? null,
    fields,
    associations: [],
    indexes: [],
  };
}

/** The timestamp names that differ from Ecto's (the same name is no option at all). */
function customTimestampNames(t: SchemaDef['timestamps']): {
  inserted_at?: string;
  updated_at?: string;
} {
  if (!t) return {};
  return {
    ...(t.inserted_at !== undefined && t.inserted_at !== 'inserted_at'
      ? { inserted_at: t.inserted_at }
      : {}),
    ...(t.updated_at !== undefined && t.updated_at !== 'updated_at'
      ? { updated_at: t.updated_at }
      : {}),
  };
}

export function checkNames(s: Schema, def: SchemaDef, p: string, err: Report) {
  const taken = new Map<string, string>();
  const claim = (name: string, what: string, path: string) => {
    const prev = taken.get(name);
    if (prev) {
      err(path, `${s.module}: "${name}" is used twice (${prev} and ${what}); rename one of them.`);
    } else taken.set(name, what);
  };
  if (s.primary_key !== false) {
    const pkName = s.primary_key.name;
    if (RESERVED_NAMES.has(pkName))
      err(
        `${p}.primary_key.name`,
        `${s.module}: primary key "${pkName}" is an Elixir reserved word or special name; choose another.`,
      );
    claim(pkName, 'the primary key', `${p}.primary_key.name`);
  }
  if (s.timestamps !== false) {
    claim(s.timestamps.inserted_at ?? 'inserted_at', 'the timestamps', `${p}.timestamps`);
    claim(s.timestamps.updated_at ?? 'updated_at', 'the timestamps', `${p}.timestamps`);
  }
  s.fields.forEach((f, j) => {
    const fp = `${p}.fields[${j}].name`;
    if (RESERVED_NAMES.has(f.name)) {
      err(
        fp,
        `${s.module} field "${f.name}" is an Elixir reserved word or special name and cannot be a field name; rename it (e.g. "${f.name.replace(/^_+/, '')}_value").`,
      );
    }
    claim(f.name, `field "${f.name}"`, fp);
  });
  // Two fields on one column: a field's source against the other fields' columns.
  const columns = new Map<string, string>();
  s.fields.forEach((f, j) => {
    const column = f.source ?? f.name;
    const prev = columns.get(column);
    if (prev !== undefined && prev !== f.name)
      err(
        `${p}.fields[${j}].source`,
        `${s.module}: fields "${prev}" and "${f.name}" both use the column "${column}"; give one of them another source.`,
      );
    else columns.set(column, f.name);
  });
  s.associations.forEach((a, j) => {
    const ap = `${p}.associations[${j}]`;
    if (a.inferred) return;
    if (RESERVED_NAMES.has(a.name))
      err(
        `${ap}.name`,
        `${s.module} association "${a.name}" is an Elixir reserved word or special name; rename it.`,
      );
    claim(a.name, `association "${a.name}"`, `${ap}.name`);
    if (a.kind === 'belongs_to')
      claim(a.foreign_key, `the foreign key of "${a.name}"`, `${ap}.foreign_key`);
  });
  void def;
}
