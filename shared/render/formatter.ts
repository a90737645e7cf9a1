/**
 * Which Elixir's `mix format` the generated code must match. The layout port (layout.ts,
 * algebra.ts) reproduces Elixir 1.14's formatter and the two later changes that move line
 * breaks in what we generate: 1.15 counts the `)` of `f(a, k: v)` with the keywords, and 1.18
 * no longer lets the closing bracket after a call's last list or map pass the line length. A generation
 * runs inside {@link withElixirFormatter} with the project's Elixir, and every layout under it
 * follows that version, without threading the version through each view function.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ElixirFormatter {
  /** The first Elixir version with this behaviour, `major.minor`. */
  readonly version: string;
  /**
   * Elixir ≥ 1.15: in `f(a, k: v)` the closing `)` belongs to the keywords' group, so it counts
   * when that group is measured (elixir-lang/elixir 26a4f3c).
   */
  readonly parenInKeywordGroup: boolean;
  /** Elixir ≥ 1.18: next_break_fits content respects the line length (elixir-lang/elixir#13792). */
  readonly strictNextBreakFits: boolean;
}

/** Elixir 1.14 (the CI's Debian Elixir). */
export const FORMATTER_1_14: ElixirFormatter = {
  version: '1.14',
  parenInKeywordGroup: false,
  strictNextBreakFits: false,
};
/** Elixir 1.15 to 1.17. */
export const FORMATTER_1_15: ElixirFormatter = {
  version: '1.15',
  parenInKeywordGroup: true,
  strictNextBreakFits: false,
};
/** Elixir 1.18 and newer. */
export const FORMATTER_1_18: ElixirFormatter = {
  version: '1.18',
  parenInKeywordGroup: true,
  strictNextBreakFits: true,
};

/** The formatter behaviour of Elixir `major.minor` (older than 1.14 is treated as 1.14). */
export function elixirFormatter(version: readonly [number, number, ...number[]]): ElixirFormatter {
  const [major, minor] = version;
  if (major > 1 || (major === 1 && minor >= 18)) return FORMATTER_1_18;
  return major === 1 && minor >= 15 ? FORMATTER_1_15 : FORMATTER_1_14;
}

const current = new AsyncLocalStorage<ElixirFormatter>();

/** Runs `fn` (and everything it awaits) laying code out as `formatter`'s Elixir does. */
export function withElixirFormatter<T>(formatter: ElixirFormatter, fn: () => T): T {
  return current.run(formatter, fn);
}

/** The formatter of the running generation (1.14's outside one). */
export function currentElixirFormatter(): ElixirFormatter {
  return current.getStore() ?? FORMATTER_1_14;
}
