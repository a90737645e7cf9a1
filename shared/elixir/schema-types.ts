/** What the schema reader (./schemas.ts, ./schema-block.ts) reports per schema module. */

export const SCHEMA_ASSOCIATION_KINDS = [
  'belongs_to',
  'has_many',
  'has_one',
  'many_to_many',
  'embeds_one',
  'embeds_many',
] as const;
export type SchemaAssociationKind = (typeof SCHEMA_ASSOCIATION_KINDS)[number];

export interface ProjectSchemaField {
  name: string;
  /** The type as written in Elixir, aliases expanded: ":string", "Ecto.Enum", "{:array, :string}". */
  type: string;
  /** Ecto.Enum values, when they are literal. */
  values?: string[];
  virtual?: true;
  primary_key?: true;
  /** 1-based line of the call that defines it. */
  line: number;
  /** Keyword options as one-line source text: { default: '"draft"', redact: "true" }. */
  options: Record<string, string>;
  /** What defines it: a `field`, `timestamps`, or a `belongs_to` (its foreign key). */
  from: 'field' | 'timestamps' | 'belongs_to';
}

export interface ProjectSchemaAssociation {
  kind: SchemaAssociationKind;
  name: string;
  /** The associated module (aliases expanded), or null when it is not a literal (`through:`). */
  target: string | null;
  /** belongs_to: the foreign key column. */
  foreign_key?: string;
  line: number;
  options: Record<string, string>;
}

/** One call of the changeset pipeline: `validate_length(:title, max: 80)`. */
export interface ChangesetStep {
  name: string;
  line: number;
  /** The field(s) it is about (cast: the permitted fields); null when not literal. */
  fields: string[] | null;
  /** A literal list argument (validate_inclusion values). */
  values: (string | number | boolean)[] | null;
  options: Record<string, string>;
  /** validate_format: the `~r` body (null when not a plain `~r` literal). */
  regex?: string | null;
}

/**
 * A Phoenix 1.8 scoped changeset: `def changeset(post, attrs, user_scope)` whose pipeline has
 * `put_change(:user_id, user_scope.user.id)`.
 */
export interface ChangesetScope {
  /** The third parameter (`user_scope`). */
  param: string;
  /** The key put from it (`user_id`). */
  key: string;
  /** The path read from the parameter (`["user", "id"]`). */
  access_path: string[];
  line: number;
}

export interface ChangesetRead {
  line: number;
  /** 2, or 3 for a scoped changeset. */
  arity: 2 | 3;
  steps: ChangesetStep[];
  other: { line: number; what: string }[];
  /** changeset/3: the scope key it puts (null when its pipeline puts none in a form read here). */
  scope: ChangesetScope | null;
}

export interface ProjectSchema {
  /** Fully-qualified module, e.g. "MyApp.Blog.Post". */
  module: string;
  table: string | null;
  embedded: boolean;
  /** Relative to the project root. */
  file: string;
  /** 1-based line of the schema/embedded_schema call. */
  line: number;
  /** Types as written: {name: "id", type: ":id"}. */
  primary_key: { name: string; type: string; options?: Record<string, string> } | false;
  prefix?: string;
  fields: ProjectSchemaField[];
  associations: ProjectSchemaAssociation[];
  /** The timestamps call, when there is one. */
  timestamps?: {
    type: string;
    inserted_at: string | false;
    updated_at: string | false;
    line: number;
    options: Record<string, string>;
  };
  /** changeset/2 (or a scoped changeset/3), when the module defines one. */
  changeset?: ChangesetRead;
  /** Statements of the schema block that are not fields, associations or timestamps. */
  unreadable: { line: number; what: string }[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ProjectSchemas {
  schemas: ProjectSchema[];
  skipped: SkippedFile[];
}

/** The module being read and its lexical aliases. */
export interface Scope {
  module: string | null;
  aliases: Map<string, string>;
}

/** Schema-relevant module attributes (from the module itself or a base module's __using__). */
export interface SchemaAttrs {
  prefix?: string | null;
  primary_key?: { name: string; type: string; options?: Record<string, string> } | false;
  foreign_key_type?: string;
  timestamps_type?: string;
  /** Names from @timestamps_opts inserted_at:/updated_at: (false = not defined). */
  inserted_at?: string | false;
  updated_at?: string | false;
}
