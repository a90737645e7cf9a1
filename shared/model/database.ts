/**
 * The database state: what tables a database holds, in one structure whatever it was read from.
 *
 * Two readers fill it: replaying a project's migrations (`priv/<repo>/migrations/*.exs`, in
 * version order) and introspecting a live PostgreSQL database. Comparing two states gives drift;
 * comparing a state with the schema model gives the migration an evolution needs. Wire keys are
 * snake_case like the schema model's, and every field is described for an LLM reading the answer.
 *
 * Types are kept as an Ecto migration writes them (`:string`, `{:array, :text}`, `:citext`), so a
 * state read from migrations says exactly what the code says. `pg_type` is the same column as
 * PostgreSQL names it (`character varying(255)`, `timestamp(0) without time zone`): the common
 * ground on which states from both sources are compared.
 */
import * as z from 'zod';

export const REFERENCE_ACTIONS = [
  'nothing',
  'delete_all',
  'nilify_all',
  'restrict',
  'update_all',
] as const;
export type ReferenceAction = (typeof REFERENCE_ACTIONS)[number];

export const ColumnReferenceSchema = z
  .object({
    table: z.string().describe('The referenced table.'),
    column: z.string().describe('The referenced column (usually "id").'),
    prefix: z
      .string()
      .nullable()
      .describe('The referenced table\'s PostgreSQL schema; null for the default ("public").'),
    name: z
      .string()
      .nullable()
      .describe("The foreign key constraint name; null when not known (Ecto's default name)."),
    on_delete: z
      .enum(REFERENCE_ACTIONS)
      .describe('What a delete of the referenced row does (Ecto names; nothing = NO ACTION).'),
    on_update: z.enum(REFERENCE_ACTIONS).describe('What an update of the referenced key does.'),
  })
  .describe('A foreign key from this column.');

export const ColumnStateSchema = z
  .object({
    name: z.string(),
    type: z
      .string()
      .describe(
        'The column type as an Ecto migration writes it: ":string", ":bigint", ":binary_id", "{:array, :text}", ":citext".',
      ),
    pg_type: z
      .string()
      .nullable()
      .describe(
        'The type as PostgreSQL names it ("character varying(255)", "timestamp(0) without time zone", "text[]"); null when it cannot be known (an unknown custom type in a migration).',
      ),
    null: z.boolean().describe('Whether NULL is allowed.'),
    default: z
      .string()
      .nullable()
      .describe(
        'The default: the Elixir expression of the migration (`"draft"`, `fragment("now()")`) or the SQL of a live database; null for none.',
      ),
    size: z.number().int().nullable().describe('varchar/binary size; null when not set.'),
    precision: z
      .number()
      .int()
      .nullable()
      .describe('numeric/timestamp precision; null when not set.'),
    scale: z.number().int().nullable().describe('numeric scale; null when not set.'),
    primary_key: z.boolean().describe('Part of the primary key.'),
    references: ColumnReferenceSchema.nullable(),
  })
  .describe('One column.');

export const IndexStateSchema = z
  .object({
    name: z
      .string()
      .describe('The index name (Ecto\'s default "<table>_<columns>_index" when not given).'),
    columns: z.array(z.string()).describe('Indexed columns or expressions, in order.'),
    unique: z.boolean(),
    where: z.string().nullable().describe('The predicate of a partial index; null for none.'),
    using: z
      .string()
      .nullable()
      .describe('The index method when not btree ("gin", "gist"); null for btree.'),
  })
  .describe('One index.');

export const CheckConstraintSchema = z
  .object({ name: z.string(), expression: z.string() })
  .describe('A CHECK constraint.');

export const TableStateSchema = z
  .object({
    name: z.string(),
    prefix: z
      .string()
      .nullable()
      .describe('The PostgreSQL schema (Ecto prefix); null for the default ("public").'),
    primary_key: z
      .array(z.string())
      .describe('Primary key columns in order; empty for a table without a primary key.'),
    columns: z.array(ColumnStateSchema).describe('Columns in table order.'),
    indexes: z.array(IndexStateSchema),
    check_constraints: z.array(CheckConstraintSchema),
  })
  .describe('One table.');

export const EnumTypeSchema = z
  .object({
    name: z.string(),
    prefix: z.string().nullable(),
    values: z.array(z.string()),
  })
  .describe('A PostgreSQL enum type (CREATE TYPE … AS ENUM).');

export const StateWarningSchema = z
  .object({
    file: z.string().nullable().describe('Where it was read (relative to the project), if a file.'),
    line: z.number().int().nullable(),
    message: z.string(),
    tables: z
      .array(z.string())
      .describe(
        'Tables that may differ from this state because of it ("prefix.table" when prefixed).',
      ),
  })
  .describe('Something that could not be read exactly; the state may be wrong where it says.');

export const DatabaseStateSchema = z
  .object({
    source: z
      .enum(['migrations', 'database'])
      .describe('Where the state was read: replayed migrations, or a live database.'),
    tables: z.array(TableStateSchema).describe('Tables ordered by prefix, then name.'),
    enums: z.array(EnumTypeSchema),
    warnings: z.array(StateWarningSchema),
  })
  .describe('The tables a database holds (or will hold once every migration has run).');

export type ColumnReference = z.infer<typeof ColumnReferenceSchema>;
export type ColumnState = z.infer<typeof ColumnStateSchema>;
export type IndexState = z.infer<typeof IndexStateSchema>;
export type TableState = z.infer<typeof TableStateSchema>;
export type EnumType = z.infer<typeof EnumTypeSchema>;
export type StateWarning = z.infer<typeof StateWarningSchema>;
export type DatabaseState = z.infer<typeof DatabaseStateSchema>;

/** "prefix.table", or "table" for the default schema: how states name a table in messages. */
export function qualifiedTableName(t: { name: string; prefix: string | null }): string {
  return t.prefix ? `${t.prefix}.${t.name}` : t.name;
}
