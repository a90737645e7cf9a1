/** Names that cannot be field, association or key names in an Ecto schema. */
import { ELIXIR_RESERVED_WORDS, SPECIAL_NAMES } from '../naming/index.js';

export const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([
  ...ELIXIR_RESERVED_WORDS,
  ...SPECIAL_NAMES,
]);
