/** Command-line parsing for the CLI: node's parseArgs plus errors that carry an exit code. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** An error the CLI reports as one message on stderr and an exit code (1 failure, 2 usage). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A usage error: the problem, then the command's help. Exit code 2. */
export function usageError(problem: string, help: string): CliError {
  return new CliError(`${problem}\n\n${help}`, 2);
}

export interface ParsedCommand {
  values: Record<string, unknown>;
  positionals: string[];
  /** The arguments that are not positionals (options and their values), in order. */
  optionArgs: string[];
  help: boolean;
}

/**
 * Strict parsing (unknown options and missing values are usage errors naming the option).
 * `--help`/`-h` is always accepted; callers check `values.help`.
 */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  help: string,
  positionals: { min?: number; max?: number; name?: string } = { max: 0 },
): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: (positionals.max ?? Infinity) > 0,
      tokens: true,
    });
  } catch (e) {
    const message = (e as Error).message.split('. To specify a positional')[0] ?? '';
    throw usageError(message.replace(/\.?$/, '.'), help);
  }
  const values = parsed.values as Record<string, unknown>;
  const positionalAt = new Set(
    parsed.tokens.filter((t) => t.kind === 'positional').map((t) => t.index),
  );
  const optionArgs = argv.filter((_, i) => !positionalAt.has(i));
  if (values.help === true) {
    return { values, positionals: parsed.positionals, optionArgs, help: true };
  }
  const count = parsed.positionals.length;
  const what = positionals.name ?? 'argument';
  if (positionals.min !== undefined && count < positionals.min) {
    throw usageError(`Missing ${what}.`, help);
  }
  if (positionals.max !== undefined && count > positionals.max) {
    const extra = parsed.positionals.slice(positionals.max);
    throw usageError(
      `Unexpected ${extra.length === 1 ? 'argument' : 'arguments'} ${extra.map((a) => JSON.stringify(a)).join(' ')}.`,
      help,
    );
  }
  return { values, positionals: parsed.positionals, optionArgs, help: false };
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function stringsOption(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function flag(values: Record<string, unknown>, name: string): boolean {
  return values[name] === true;
}
