import type { PrimaryKeyType } from '../types.js';

/** A schema that already exists in the project (from list_ecto_schemas), for resolving targets. */
export interface KnownSchema {
  /** Module relative to the app base, e.g. "Accounts.User". */
  module: string;
  table: string | null;
  primary_key: { name: string; type: PrimaryKeyType } | false;
  embedded?: boolean;
}
