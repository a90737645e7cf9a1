/**
 * Where a schema module and its table (as the migrations leave it) disagree: a field without a
 * column, a column without a field, a type that cannot hold the field's values, NOT NULL against
 * the changeset's required fields. Each item is data an LLM can act on: kind, the names on both
 * sides, the file and line of the field, and a sentence saying what to do.
 */
import {
  qualifiedTableName,
  type ColumnState,
  type DatabaseState,
  type TableState,
} from '../model/database.js';
import type { ProjectSchema, ProjectSchemaField } from './schema-types.js';

export const DISAGREEMENT_KINDS = [
  'table_missing',
  'field_without_column',
  'column_without_field',
  'type_mismatch',
  'null_mismatch',
] as const;

export interface Disagreement {
  kind: (typeof DISAGREEMENT_KINDS)[number];
  /** warning: a write will fail or lose data; info: legal, but worth knowing. */
  severity: 'warning' | 'info';
  field: string | null;
  column: string | null;
  /** The field's Ecto type and the column's PostgreSQL type, when it is about types. */
  schema_type: string | null;
  column_type: string | null;
  file: string;
  line: number;
  message: string;
}

/** PostgreSQL types (as pg_type names them) that can hold an Ecto type's values. */
function accepts(ecto: string, pg: string, enums: Set<string>): boolean | null {
  const array = /^\{:array, (.+)\}$/.exec(ecto);
  if (array) return pg.endsWith('[]') ? accepts(array[1]!, pg.slice(0, -2), enums) : false;
  if (/^\{:map, /.test(ecto)) return pg === 'jsonb' || pg === 'json';
  const base = pg.replace(/\(.*?\)/g, '');
  switch (ecto) {
    case ':string':
    case 'Ecto.Enum':
      return ['character varying', 'text', 'citext', 'character'].includes(base) || enums.has(pg);
    case ':integer':
    case ':id':
      return ['integer', 'bigint', 'smallint'].includes(base);
    case ':binary_id':
    case 'Ecto.UUID':
      return base === 'uuid';
    case ':float':
      return base === 'double precision' || base === 'real';
    case ':decimal':
      return base === 'numeric';
    case ':boolean':
      return base === 'boolean';
    case ':map':
      return base === 'jsonb' || base === 'json';
    case ':binary':
      return base === 'bytea';
    case ':date':
      return base === 'date';
    case ':time':
    case ':time_usec':
      return base.startsWith('time ') && !base.startsWith('timestamp');
    case ':naive_datetime':
    case ':naive_datetime_usec':
    case ':utc_datetime':
    case ':utc_datetime_usec':
      return base.startsWith('timestamp');
    default:
      return null; // a custom type: cannot tell
  }
}

function required(s: ProjectSchema): Set<string> {
  const out = new Set<string>();
  for (const step of s.changeset?.steps ?? []) {
    if (step.name === 'validate_required') for (const f of step.fields ?? []) out.add(f);
  }
  return out;
}

function fieldVsColumn(
  s: ProjectSchema,
  f: ProjectSchemaField,
  c: ColumnState,
  ctx: { required: Set<string>; enums: Set<string>; table: string },
): Disagreement[] {
  const out: Disagreement[] = [];
  const base = { field: f.name, column: c.name, file: s.file, line: f.line };
  if (c.pg_type !== null && accepts(f.type, c.pg_type, ctx.enums) === false) {
    out.push({
      ...base,
      kind: 'type_mismatch',
      severity: 'warning',
      schema_type: f.type,
      column_type: c.pg_type,
      message: `${f.name} is ${f.type} in the schema but ${ctx.table}.${c.name} is ${c.pg_type}; change one of them (an alter migration with modify, or the field type).`,
    });
  }
  const isKey =
    f.primary_key === true || (s.primary_key !== false && s.primary_key.name === f.name);
  const fromTimestamps = f.from === 'timestamps';
  if (!c.null && c.default === null && !isKey && !fromTimestamps && !ctx.required.has(f.name)) {
    out.push({
      ...base,
      kind: 'null_mismatch',
      severity: 'warning',
      schema_type: null,
      column_type: null,
      message: `${ctx.table}.${c.name} is NOT NULL without a default, but the changeset does not require ${f.name}: an insert without it fails in the database instead of returning a changeset error. Add it to validate_required, or allow NULL.`,
    });
  } else if (c.null && ctx.required.has(f.name)) {
    out.push({
      ...base,
      kind: 'null_mismatch',
      severity: 'info',
      schema_type: null,
      column_type: null,
      message: `${f.name} is required by the changeset but ${ctx.table}.${c.name} allows NULL (phx.gen's default); add null: false in an alter migration if every row has it.`,
    });
  }
  return out;
}

/** The disagreements of one schema with the state (nothing for embedded schemas). */
export function schemaVsTable(s: ProjectSchema, state: DatabaseState): Disagreement[] {
  if (s.embedded || s.table === null) return [];
  const table: TableState | undefined = state.tables.find(
    (t) => t.name === s.table && t.prefix === (s.prefix ?? null),
  );
  const name = qualifiedTableName({ name: s.table, prefix: s.prefix ?? null });
  if (!table) {
    return [
      {
        kind: 'table_missing',
        severity: 'warning',
        field: null,
        column: null,
        schema_type: null,
        column_type: null,
        file: s.file,
        line: s.line,
        message: `No migration creates ${name}${state.warnings.length ? ' (or one that could not be interpreted does, see the database warnings)' : ''}; generate its migration (generate_ecto_migration with this schema).`,
      },
    ];
  }
  const ctx = {
    required: required(s),
    enums: new Set(state.enums.map((e) => e.name)),
    table: name,
  };
  const out: Disagreement[] = [];
  const persisted = s.fields.filter((f) => !f.virtual);
  for (const f of persisted) {
    const source = f.options['source']?.replace(/^:/, '') ?? f.name;
    const c = table.columns.find((x) => x.name === source);
    if (c) out.push(...fieldVsColumn(s, f, c, ctx));
    else {
      out.push({
        kind: 'field_without_column',
        severity: 'warning',
        field: f.name,
        column: null,
        schema_type: f.type,
        column_type: null,
        file: s.file,
        line: f.line,
        message: `${f.name} has no column in ${name}: loading or inserting this schema fails. Add the column with an alter migration, or remove the field.`,
      });
    }
  }
  const known = new Set(persisted.map((f) => f.options['source']?.replace(/^:/, '') ?? f.name));
  if (s.primary_key !== false) known.add(s.primary_key.name);
  for (const c of table.columns) {
    if (known.has(c.name)) continue;
    out.push({
      kind: 'column_without_field',
      severity: c.null || c.default !== null ? 'info' : 'warning',
      field: null,
      column: c.name,
      schema_type: null,
      column_type: c.pg_type,
      file: s.file,
      line: s.line,
      message:
        c.null || c.default !== null
          ? `${name}.${c.name} has no field in the schema: its values are never read or written. Add a field if the app needs it.`
          : `${name}.${c.name} is NOT NULL without a default and has no field: every insert through this schema fails. Add the field, or a default to the column.`,
    });
  }
  return out;
}
