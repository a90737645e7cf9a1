/**
 * The typed schema model: the one zod definition behind the tool input schemas, the TS types, the
 * published JSON Schema and the docs (docs/ARCHITECTURE.md, "Folder map"). Wire keys are snake_case.
 *
 * Shape rules live here (names, enums, ranges). Cross-field and cross-schema rules (reserved words,
 * clashes, unknown targets, defaults that do not fit their type…) live in `validate.ts`, which also
 * fills every default and returns the normalized model the generators use.
 */
import * as z from 'zod';
import {
  ARRAY_INNER_TYPES,
  FIELD_TYPES,
  ON_DELETE,
  PRIMARY_KEY_TYPES,
  TIMESTAMP_TYPES,
  TYPE_ALIASES,
  TYPE_DOCS,
} from './types.js';
import { didYouMean } from './parse/suggest.js';

/**
 * The error of a closed set of names: the bad value, "did you mean" and the valid names. zod's own
 * text ("Invalid option: expected one of …") names neither the value nor the likely fix, and it is
 * what a client sees when the SDK checks a tool's arguments before any of our code runs.
 */
function oneOf(values: readonly string[]) {
  return {
    error: (iss: { input?: unknown }) => {
      const got = iss.input;
      if (typeof got !== 'string') return `Expected one of: ${values.join(', ')}.`;
      const alias = TYPE_ALIASES[got];
      const hint =
        alias !== undefined && values.includes(alias)
          ? ` Did you mean "${alias}"?`
          : didYouMean(got, values);
      return `Unknown value ${JSON.stringify(got)}.${hint} Valid: ${values.join(', ')}.`;
    },
  };
}

/**
 * The error of an "object or `false`" option (primary key, timestamps). zod reports a failed union
 * as a bare "Invalid input"; this names what was wrong inside the object (a misspelt key type gets
 * its "did you mean"), or the two accepted shapes when the value is neither.
 */
function objectOrFalse(what: string, example: string) {
  return {
    error: (iss: { input?: unknown; errors?: { path: PropertyKey[]; message: string }[][] }) => {
      const got = iss.input;
      const inner = iss.errors?.[0] ?? [];
      if (got !== null && typeof got === 'object' && !Array.isArray(got) && inner.length > 0) {
        return inner
          .map((e) => (e.path.length > 0 ? `${e.path.map(String).join('.')}: ` : '') + e.message)
          .join('; ');
      }
      return `${what} must be an object such as ${example}, or false; got ${JSON.stringify(got)}.`;
    },
  };
}

export const MODULE_RE = /^[A-Z][A-Za-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)*$/;
export const IDENT_RE = /^[a-z_][a-z0-9_]*$/;
export const OTP_APP_RE = /^[a-z][a-z0-9_]*$/;

const moduleName = (what: string) =>
  z
    .string()
    .regex(MODULE_RE, {
      message: `${what} must be an Elixir module name such as Blog or Blog.Post (segments start with an uppercase ASCII letter; letters, digits and _ only)`,
    })
    .max(200);

const identifier = (what: string) =>
  z
    .string()
    .regex(IDENT_RE, {
      message: `${what} must be a snake_case identifier such as published_at (lowercase ASCII letters, digits and _, not starting with a digit)`,
    })
    .max(63, { message: `${what} is longer than PostgreSQL's 63-character identifier limit` });

const fieldTypeList = FIELD_TYPES.join(', ');

export const OnDeleteSchema = z
  .enum(ON_DELETE, oneOf(ON_DELETE))
  .describe(
    'What the database does with this row when the referenced row is deleted: nothing (the delete fails while rows point at it; the default), delete_all (delete these rows too), nilify_all (set the foreign key to NULL; needs an optional association), restrict (like nothing, checked immediately).',
  );

/** Longest string value (defaults, inclusion values): far beyond any real default, still bounded. */
export const MAX_VALUE_CHARS = 10_000;
/** Most values in a list (enum values, inclusion, array defaults). */
export const MAX_LIST_ITEMS = 1000;
/** PostgreSQL's INDEX_MAX_KEYS. */
export const MAX_INDEX_COLUMNS = 32;

const valueString = z.string().max(MAX_VALUE_CHARS);

export const LiteralValueSchema = z.union([valueString, z.number(), z.boolean()]);

export const DefaultValueSchema = z
  .union([
    valueString,
    z.number(),
    z.boolean(),
    z.null(),
    z.array(LiteralValueSchema).max(MAX_LIST_ITEMS),
    z.record(valueString, z.unknown()),
  ])
  .describe(
    'Default value, as JSON: a string for string/text/enum/uuid/decimal/date/time/datetime fields ("2024-01-31", "12:00:00", "120.50"), a number for integer/float, true/false for boolean, an array for array fields, an object for map fields. Set in the schema and as the column default.',
  );

export const ValidationsSchema = z
  .object({
    length: z
      .object({
        min: z.number().int().min(0).optional().describe('Minimum length (validate_length min:).'),
        max: z.number().int().min(1).optional().describe('Maximum length (validate_length max:).'),
        is: z.number().int().min(0).optional().describe('Exact length (validate_length is:).'),
      })
      .optional()
      .describe('validate_length for strings, arrays and binaries.'),
    format: z
      .string()
      .min(1)
      .max(500)
      .optional()
      .describe(
        'A regular expression the value must match (validate_format), written as the body of an Elixir/PCRE regex without delimiters, e.g. "^[^@\\\\s]+@[^@\\\\s]+$".',
      ),
    number: z
      .object({
        greater_than: z.number().optional(),
        greater_than_or_equal_to: z.number().optional(),
        less_than: z.number().optional(),
        less_than_or_equal_to: z.number().optional(),
      })
      .optional()
      .describe('validate_number bounds for integer, float and decimal fields.'),
    inclusion: z
      .array(LiteralValueSchema)
      .min(1)
      .max(MAX_LIST_ITEMS)
      .optional()
      .describe(
        'validate_inclusion: the value must be one of these (use type enum for a closed set of names).',
      ),
  })
  .describe('Changeset validations beyond validate_required.');

export const FieldSchema = z
  .object({
    name: identifier('A field name').describe('Field (column) name, snake_case, e.g. "title".'),
    type: z
      .enum(FIELD_TYPES, oneOf(FIELD_TYPES))
      .default('string')
      .describe(
        `Field type. One of: ${fieldTypeList}. ${Object.entries(TYPE_DOCS)
          .map(([t, d]) => `${t}: ${d}`)
          .join('; ')}.`,
      ),
    inner: z
      .enum(ARRAY_INNER_TYPES, oneOf(ARRAY_INNER_TYPES))
      .optional()
      .describe(
        'For type array: the element type (required). For type map: the type of every value (optional). enum is allowed for arrays only and then needs values.',
      ),
    values: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
            message:
              'An enum value must start with a letter or _ and contain only letters, digits and _',
          })
          .max(100),
      )
      .max(MAX_LIST_ITEMS)
      .optional()
      .describe(
        'For type enum (or array with inner enum): the allowed values, in order, e.g. ["draft", "published"].',
      ),
    references: z
      .object({
        table: identifier('A referenced table').describe('The referenced table, e.g. "users".'),
        on_delete: OnDeleteSchema.optional(),
        type: z
          .enum(PRIMARY_KEY_TYPES, oneOf(PRIMARY_KEY_TYPES))
          .optional()
          .describe(
            "The key type of the referenced table; defaults to the referenced schema's key type when it is in the batch, else to this schema's.",
          ),
      })
      .optional()
      .describe('For type references only: the table the column points at.'),
    required: z
      .boolean()
      .optional()
      .describe(
        'Whether the value is required (validate_required and NOT NULL). Defaults to true, except for map and references fields (booleans default to false, which validate_required accepts).',
      ),
    unique: z
      .boolean()
      .optional()
      .describe('Add a unique index and unique_constraint on this field. Default false.'),
    redact: z
      .boolean()
      .optional()
      .describe('Hide the value in inspect output and logs (redact: true). Default false.'),
    null: z
      .boolean()
      .optional()
      .describe(
        'Whether the column allows NULL. Defaults to the opposite of required; phx.gen writes nullable columns for required fields.',
      ),
    cast: z
      .boolean()
      .optional()
      .describe(
        'Whether changeset/2 casts the field (default true). false leaves it out of cast, validate_required and the constraints, as phx.gen does for references fields.',
      ),
    default: DefaultValueSchema.optional(),
    size: z
      .number()
      .int()
      .min(1)
      .max(10485760)
      .optional()
      .describe(
        'Column size for string and binary fields (e.g. 100 → varchar(100)); also caps validate_length max.',
      ),
    precision: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('Total number of digits of a decimal column.'),
    scale: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe('Digits after the decimal point of a decimal column (≤ precision).'),
    validations: ValidationsSchema.optional(),
    source: identifier('A column name')
      .optional()
      .describe(
        "The column behind the field when its name differs from the field's (Ecto's source:), e.g. a legacy column.",
      ),
    renamed_from: identifier('A former field name')
      .optional()
      .describe(
        'When evolving an existing schema: the name this field had before. The migration renames the column (its data is kept) instead of dropping the old one and adding a new one. Once the rename has run it has no further effect.',
      ),
  })
  .describe('A field (a column in the table, a field in the schema).');

export const ON_REPLACE = [
  'raise',
  'mark_as_invalid',
  'nilify',
  'update',
  'delete',
  'delete_if_exists',
] as const;

const associationBase = {
  name: identifier('An association name').describe(
    'Association name, snake_case, e.g. "author" or "comments".',
  ),
  target: moduleName('The target').describe(
    'The associated schema module relative to the application, e.g. "Accounts.User" for MyApp.Accounts.User. It may be another schema of this batch or one that already exists in the project.',
  ),
  on_replace: z
    .enum(ON_REPLACE, oneOf(ON_REPLACE))
    .optional()
    .describe(
      "Ecto's on_replace: what happens to the associated data when a changeset replaces it. Omitted: Ecto's default (raise), and delete for many_to_many. belongs_to: raise, mark_as_invalid, nilify, update, delete; has_one: those and delete_if_exists; has_many: raise, mark_as_invalid, nilify, delete, delete_if_exists; many_to_many: raise, mark_as_invalid, delete.",
    ),
};

export const BelongsToSchema = z
  .object({
    kind: z.literal('belongs_to'),
    ...associationBase,
    foreign_key: identifier('A foreign key')
      .optional()
      .describe('Foreign key column; defaults to "<name>_id".'),
    required: z
      .boolean()
      .optional()
      .describe('Whether the parent is required (NOT NULL, validate_required). Default true.'),
    unique: z
      .boolean()
      .optional()
      .describe(
        'At most one row per parent (unique index on the foreign key; the inverse becomes has_one). Default false.',
      ),
    on_delete: OnDeleteSchema.optional(),
    type: z
      .enum(PRIMARY_KEY_TYPES, oneOf(PRIMARY_KEY_TYPES))
      .optional()
      .describe(
        "Foreign key type; defaults to the target's primary key type when the target is in the batch, else to this schema's primary key type.",
      ),
    inverse: z
      .enum(['has_many', 'has_one', 'none'], oneOf(['has_many', 'has_one', 'none']))
      .optional()
      .describe(
        'When the target is in the same batch, the association added to the target: has_many (default), has_one (default when unique) or none.',
      ),
    references: identifier('A referenced column')
      .optional()
      .describe(
        "The target's column the foreign key points at (Ecto's references:); defaults to the target's primary key name, else \"id\".",
      ),
    inverse_name: identifier('An inverse name')
      .optional()
      .describe(
        'Name of the inverse association on the target; defaults to this table name (has_many) or singular (has_one).',
      ),
    owner: z
      .boolean()
      .optional()
      .describe(
        "The target owns these rows (e.g. a comment's post): the changeset never casts the foreign key, and the context takes the owner as an argument (create_comment(post, attrs) sets post_id from post), so attrs can neither set nor move it. At most one per schema; the association must be required. Default false.",
      ),
  })
  .describe('This schema holds the foreign key to the target (belongs_to).');

export const HasManySchema = z
  .object({
    kind: z.literal('has_many'),
    ...associationBase,
    foreign_key: identifier('A foreign key')
      .optional()
      .describe('Foreign key column on the target; defaults to "<this schema singular>_id".'),
    owner: z
      .boolean()
      .optional()
      .describe('Only a belongs_to can mark its target as the owner; leave it out here.'),
  })
  .describe('The target holds a foreign key to this schema; many of them (has_many).');

export const HasOneSchema = z
  .object({
    kind: z.literal('has_one'),
    ...associationBase,
    foreign_key: identifier('A foreign key')
      .optional()
      .describe('Foreign key column on the target; defaults to "<this schema singular>_id".'),
    owner: z
      .boolean()
      .optional()
      .describe('Only a belongs_to can mark its target as the owner; leave it out here.'),
  })
  .describe('The target holds a foreign key to this schema; at most one (has_one).');

export const ManyToManySchema = z
  .object({
    kind: z.literal('many_to_many'),
    ...associationBase,
    join_table: identifier('A join table')
      .optional()
      .describe(
        'Join table name; defaults to the two tables in alphabetical order joined by _, e.g. "posts_tags".',
      ),
    owner: z
      .boolean()
      .optional()
      .describe('Only a belongs_to can mark its target as the owner; leave it out here.'),
  })
  .describe('Many-to-many through a join table (a migration creates it).');

export const AssociationSchema = z.discriminatedUnion('kind', [
  BelongsToSchema,
  HasManySchema,
  HasOneSchema,
  ManyToManySchema,
]);

export const IndexSchema = z
  .object({
    columns: z
      .array(identifier('An index column'))
      .min(1)
      .max(MAX_INDEX_COLUMNS)
      .describe('Columns of the index, in order.'),
    unique: z
      .boolean()
      .optional()
      .describe('A unique index (and a unique_constraint in the changeset). Default false.'),
    name: identifier('An index name')
      .optional()
      .describe('Index name; defaults to Ecto\'s "<table>_<columns>_index".'),
  })
  .describe(
    'An index, possibly composite. Single-field unique indexes are simpler as field `unique: true`.',
  );

export const PrimaryKeySchema = z
  .union(
    [
      z.object({
        name: identifier('A primary key name')
          .default('id')
          .describe('Primary key column; default "id".'),
        type: z
          .enum(PRIMARY_KEY_TYPES, oneOf(PRIMARY_KEY_TYPES))
          .default('id')
          .describe('id (bigserial, default) or binary_id (UUID).'),
        autogenerate: z
          .boolean()
          .optional()
          .describe(
            'Whether Ecto generates the key on insert (default true). false: the application sets it (cast it in the changeset).',
          ),
      }),
      z.literal(false),
    ],
    objectOrFalse('primary_key', '{"name": "id", "type": "binary_id"}'),
  )
  .describe('The primary key, or false for none.');

export const TimestampsSchema = z
  .union(
    [
      z.object({
        type: z
          .enum(TIMESTAMP_TYPES, oneOf(TIMESTAMP_TYPES))
          .default('naive_datetime')
          .describe('Timestamp type; default naive_datetime.'),
        inserted_at: identifier('A timestamp column')
          .optional()
          .describe('Name of the insertion timestamp; default "inserted_at".'),
        updated_at: identifier('A timestamp column')
          .optional()
          .describe('Name of the update timestamp; default "updated_at".'),
      }),
      z.literal(false),
    ],
    objectOrFalse('timestamps', '{"type": "utc_datetime"}'),
  )
  .describe('inserted_at/updated_at columns, or false for none.');

export const SchemaDefSchema = z
  .object({
    module: moduleName('The schema module').describe(
      'Schema module relative to the application, e.g. "Blog.Post" for MyApp.Blog.Post.',
    ),
    context: z
      .union([moduleName('The context'), z.null()])
      .optional()
      .describe(
        'Phoenix context module relative to the application, e.g. "Blog". Omitted: the module\'s namespace ("Blog" for "Blog.Post"). null: no context.',
      ),
    table: identifier('A table name')
      .optional()
      .describe(
        'Table name, plural snake_case; defaults to the plural of the module\'s last segment ("posts").',
      ),
    embedded: z
      .boolean()
      .optional()
      .describe('An embedded_schema (no table, no migration). Default false.'),
    primary_key: PrimaryKeySchema.optional(),
    timestamps: TimestampsSchema.optional(),
    prefix: identifier('A prefix')
      .optional()
      .describe('PostgreSQL schema (prefix) of the table, e.g. "tenant".'),
    fields: z
      .array(FieldSchema)
      .max(500)
      .optional()
      .describe('Fields in the order they should appear.'),
    associations: z.array(AssociationSchema).max(200).optional().describe('Associations.'),
    indexes: z
      .array(IndexSchema)
      .max(200)
      .optional()
      .describe('Extra indexes, e.g. composite unique ones.'),
    scope: z
      .union([identifier('A scope name'), z.literal(false)])
      .optional()
      .describe(
        "Phoenix 1.8 scope of the context functions: the name of a scope in the project's `config :app, :scopes` (e.g. \"user\"), or false for none. Omitted: the call's `scope`, else the project's default scope. A scoped schema gets the scope key column, set from the scope and never cast.",
      ),
    renamed_from: identifier('A former table name')
      .optional()
      .describe(
        'When evolving an existing schema: the table this schema had before. The migration renames the table (its rows are kept) instead of creating a new one. Once the rename has run it has no further effect.',
      ),
  })
  .describe('One Ecto schema.');

const OTP_APP_MESSAGE = 'otp_app must be lowercase snake_case, e.g. my_app';

export const AppObjectSchema = z
  .object({
    otp_app: z
      .string()
      .regex(OTP_APP_RE, { message: OTP_APP_MESSAGE })
      .describe('The OTP application name, e.g. "my_app" (from mix.exs).'),
    base_module: moduleName('base_module').describe('The application base module, e.g. "MyApp".'),
    repo: moduleName('repo')
      .optional()
      .describe('The Ecto repo module; default "<base_module>.Repo".'),
  })
  .describe('The application, in full.');

export const APP_SHAPE_HINT =
  'app is the OTP app name ("my_app"; base module MyApp and repo MyApp.Repo are derived) or an object {"otp_app": "my_app", "base_module": "MyApp", "repo"?: "MyApp.Repo"}';

export const AppSchema = z
  .union(
    [
      z
        .string()
        .regex(OTP_APP_RE, { message: `${OTP_APP_MESSAGE}; ${APP_SHAPE_HINT}` })
        .describe(
          'Shorthand: the OTP application name, e.g. "my_app"; the base module ("MyApp") and the repo ("MyApp.Repo") are derived from it.',
        ),
      AppObjectSchema,
    ],
    { error: APP_SHAPE_HINT },
  )
  .describe(
    'The application: its OTP name ("my_app") or {otp_app, base_module, repo?}; detected from the project\'s mix.exs when omitted.',
  );

export const MAX_SCHEMAS = 1000;

export const SchemasSchema = z
  .array(SchemaDefSchema)
  .min(1)
  .max(MAX_SCHEMAS)
  .describe(
    'The schemas to generate. Associations may point at each other inside the batch. This is exactly the `schemas` array parse_gen_spec returns.',
  );

export type FieldDef = z.input<typeof FieldSchema>;
export type AssociationDef = z.input<typeof AssociationSchema>;
export type IndexDef = z.input<typeof IndexSchema>;
export type SchemaDef = z.input<typeof SchemaDefSchema>;
export type AppDef = z.input<typeof AppSchema>;
