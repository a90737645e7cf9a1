/**
 * The normalized model: every default filled, every reference resolved. Generators and views read
 * only this; they never re-derive defaults from the wire model.
 */
import type {
  ArrayInnerType,
  FieldType,
  OnDelete,
  PrimaryKeyType,
  TimestampType,
} from './types.js';

export type OnReplace =
  'raise' | 'mark_as_invalid' | 'nilify' | 'update' | 'delete' | 'delete_if_exists';

export type LiteralValue = string | number | boolean;
export type DefaultValue = LiteralValue | null | LiteralValue[] | Record<string, unknown>;

export interface App {
  otp_app: string;
  base_module: string;
  repo: string;
}

export interface Validations {
  length?: { min?: number; max?: number; is?: number };
  format?: string;
  number?: {
    greater_than?: number;
    greater_than_or_equal_to?: number;
    less_than?: number;
    less_than_or_equal_to?: number;
  };
  inclusion?: LiteralValue[];
}

export interface Field {
  name: string;
  type: FieldType;
  /** Element type of arrays, value type of maps; null otherwise. */
  inner: ArrayInnerType | null;
  /** Enum values (type enum, or array of enum); null otherwise. */
  values: string[] | null;
  /** type references only. */
  references: { table: string; on_delete: OnDelete; type: PrimaryKeyType } | null;
  required: boolean;
  unique: boolean;
  redact: boolean;
  /** Whether the column allows NULL (default: not required). */
  null: boolean;
  /** Whether changeset/2 casts it (phx.gen leaves references fields out). */
  cast: boolean;
  /** undefined: no default. */
  default: DefaultValue | undefined;
  size: number | null;
  precision: number | null;
  scale: number | null;
  validations: Validations;
  /** The column when it is not the field's name (Ecto's `source:`); absent: the name. */
  source?: string;
}

interface AssociationCommon {
  name: string;
  /** Module relative to the app base, e.g. "Accounts.User". */
  target: string;
  /** Index of the target in the batch, or null when it lives outside the batch. */
  target_index: number | null;
  /** Added by the normalizer as the inverse of a belongs_to in the batch. */
  inferred: boolean;
  /** Ecto's on_replace when the model gives one (absent: Ecto's default; many_to_many: delete). */
  on_replace?: OnReplace;
}

export interface BelongsTo extends AssociationCommon {
  kind: 'belongs_to';
  foreign_key: string;
  required: boolean;
  unique: boolean;
  on_delete: OnDelete;
  /** Resolved foreign key type. */
  type: PrimaryKeyType;
  /** Referenced table (the target's table when known, else the plural of its last segment). */
  target_table: string;
  /** Referenced column (the target's primary key name when known, else "id"). */
  target_key: string;
  inverse: 'has_many' | 'has_one' | 'none';
  inverse_name: string | null;
  /**
   * The target owns the rows: the foreign key is never cast, the context functions take the
   * owner as an argument and set the key from it. Absent: an ordinary (cast) foreign key.
   */
  owner?: true;
}

export interface HasMany extends AssociationCommon {
  kind: 'has_many' | 'has_one';
  foreign_key: string;
}

export interface ManyToMany extends AssociationCommon {
  kind: 'many_to_many';
  join_table: string;
  /** Join table column pointing at this schema, and at the target. */
  join_keys: [string, string];
  target_table: string;
  /** The target's primary key column (the join table's second key points at it); "id" when unknown. */
  target_key: string;
  /** Key types of this schema and of the target (for the join table's references). */
  key_types: [PrimaryKeyType, PrimaryKeyType];
}

export type Association = BelongsTo | HasMany | ManyToMany;

export interface Index {
  columns: string[];
  unique: boolean;
  name: string;
}

/**
 * A Phoenix 1.8 scope (one entry of `config :app, :scopes`, as `mix phx.gen.auth` writes it):
 * what a scoped schema, migration and context need to know about it.
 */
export interface SchemaScope {
  /** `user`: names the fixture (`user_scope_fixture`) and the PubSub topic. */
  name: string;
  /** `MyApp.Accounts.Scope` (full module). */
  module: string;
  /** `["user", "id"]`: how the owner's key is reached from the scope struct. */
  access_path: string[];
  /** `user_id`: the column of the scoped schema. */
  schema_key: string;
  schema_type: PrimaryKeyType;
  /** `users`: the table the key references; absent: a plain column. */
  schema_table?: string;
  /** `MyApp.AccountsFixtures`: where `<name>_scope_fixture/0` is defined. */
  test_data_fixture?: string;
  /** `register_and_log_in_user`: the ConnCase setup of web tests (not used by context tests). */
  test_setup_helper?: string;
}

export interface Schema {
  /** Module relative to the app base, e.g. "Blog.Post". */
  module: string;
  context: string | null;
  table: string;
  embedded: boolean;
  /** `autogenerate` absent: true (Ecto generates the key). */
  primary_key: { name: string; type: PrimaryKeyType; autogenerate?: false } | false;
  /** Custom column names when given (absent: inserted_at, updated_at). */
  timestamps: { type: TimestampType; inserted_at?: string; updated_at?: string } | false;
  prefix: string | null;
  fields: Field[];
  associations: Association[];
  /** Every index the migration creates: FK indexes, unique fields, composite ones. */
  indexes: Index[];
  /**
   * The scope of its context functions, when scoped. Its key is also the last field of `fields`
   * (`cast: false`: set from the scope, never cast).
   */
  scope?: SchemaScope;
}

export interface Model {
  app: App | null;
  schemas: Schema[];
}

export interface Issue {
  /** JSON-path-like location, e.g. "schemas[0].fields[2].name". */
  path: string;
  message: string;
}
