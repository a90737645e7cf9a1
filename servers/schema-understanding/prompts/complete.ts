/** Argument completers shared by the prompts. */
import type { Completer } from './define.js';

/** Completes from a fixed list, by prefix (case-insensitive). */
export function fromList(values: readonly string[]): Completer {
  return (value) => values.filter((v) => v.toLowerCase().startsWith(value.toLowerCase()));
}

/** Completes project_root with the allowed directories (client roots ∩ --root dirs). */
export const completeProjectRoot: Completer = async (value, env) => {
  const dirs = await env.allowedDirs();
  return dirs.filter((d) => d.startsWith(value));
};
