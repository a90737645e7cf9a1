/**
 * Spec lines given as command-line arguments. Each spec is one argument; a spec typed without
 * quotes reaches us as several words (`Catalog Product products name:string` → four arguments),
 * which would silently parse as other schemas. This spots that and shows the quoted command.
 */
import { shellWord } from './shell.js';

const UPPER = /^[A-Z]/;
const MIX_PREFIX = /^(mix|phx\.gen\.[a-z]+)$/;

/** Whether one argument can only be part of a spec, never a whole one: a spec starts with a module. */
function isSpecFragment(arg: string): boolean {
  return !/\s/.test(arg) && !UPPER.test(arg);
}

/**
 * The spec lines the words most likely belong to: a new spec starts at a module name that
 * follows a table or field word (or at `mix`/`phx.gen.*`). Arguments that already hold
 * whitespace were quoted and stay whole.
 */
export function regroupSpecWords(args: readonly string[]): string[] {
  const specs: string[][] = [];
  let current: string[] | undefined;
  for (const arg of args) {
    if (/\s/.test(arg)) {
      specs.push([arg]);
      current = undefined;
      continue;
    }
    const prev = current?.[current.length - 1];
    const startsSpec =
      current === undefined ||
      (arg === 'mix' && prev !== undefined) ||
      (MIX_PREFIX.test(arg) && arg !== 'mix' && prev !== 'mix') ||
      (UPPER.test(arg) && prev !== undefined && !UPPER.test(prev) && !MIX_PREFIX.test(prev));
    if (startsSpec) {
      current = [arg];
      specs.push(current);
    } else {
      current!.push(arg);
    }
  }
  return specs.map((words) => words.join(' '));
}

/**
 * When the SPEC arguments look like the words of specs split by the shell, the message saying
 * so, with the command as it should have been typed; undefined when they look like whole specs.
 * `optionArgs` are the command's other arguments, in order, for the suggested command.
 */
export function splitSpecProblem(
  command: string,
  optionArgs: readonly string[],
  specArgs: readonly string[],
): string | undefined {
  if (specArgs.length < 2 || !specArgs.some(isSpecFragment)) return undefined;
  const specs = regroupSpecWords(specArgs);
  const fragments = specArgs.filter(isSpecFragment).slice(0, 3);
  return (
    `Each SPEC must be one argument, in quotes: ${fragments.map((f) => JSON.stringify(f)).join(', ')} ` +
    `cannot start a spec (a spec starts with a module such as Blog or Blog.Post), so the shell ` +
    `must have split a spec into words. Quote each spec:\n\n` +
    `  ${[command, ...optionArgs.map(shellWord), ...specs.map((s) => shellWord(s))].join(' ')}\n`
  );
}
