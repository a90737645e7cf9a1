/** Command lines shown to a user, to copy into a POSIX shell. */

/** One argument as a POSIX shell word: bare when safe, else double- or single-quoted. */
export function shellWord(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg)) return arg;
  if (!/["$`\\!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its arguments. */
export function shellLine(args: readonly string[]): string {
  return args.map(shellWord).join(' ');
}
