/** The --flags of a spec line (--table, --binary-id, …), read wherever they stand in the line. */
import { IDENT_RE } from '../schema.js';
import { TIMESTAMP_TYPES, type TimestampType } from '../types.js';
import { didYouMean } from './suggest.js';
import { unquote, type Token } from './tokens.js';

export const FLAGS = [
  '--table <name>',
  '--prefix <name>',
  '--primary-key <name>',
  '--binary-id',
  '--no-binary-id',
  '--no-timestamps',
  '--timestamp-type <type>',
  '--embedded',
  '--scope <name>',
  '--no-scope',
];

/** Reports a problem at a token (undefined: the end of the line) and its 1-based position. */
export type IssueAt = (tok: Token | undefined, position: number, message: string) => void;

/** A token that is not a flag, with its 1-based position in the line. */
export interface Positional {
  tok: Token;
  pos: number;
}

/** The options of one line: the call's options, overridden by the line's flags. */
export interface LineFlags {
  table: string | undefined;
  prefix: string | undefined;
  primary_key: string | undefined;
  binary_id: boolean;
  /** `--no-binary-id` on the line is explicit: it wins over a project's `binary_id: true`. */
  no_binary_id: boolean;
  no_timestamps: boolean;
  timestamp_type: TimestampType | undefined;
  embedded: boolean;
  /** `--scope NAME` (a name) or `--no-scope` (false); undefined: the call's or project's default. */
  scope?: string | false;
}

/** Reads the flags among tokens[k…]; returns them and the other tokens in order. */
export function readFlags(
  tokens: Token[],
  k: number,
  defaults: LineFlags,
  issue: IssueAt,
): { flags: LineFlags; rest: Positional[] } {
  const flags = { ...defaults };
  const rest: Positional[] = [];
  for (let t = k; t < tokens.length; t++) {
    const tok = tokens[t]!;
    if (!tok.text.startsWith('--')) {
      rest.push({ tok, pos: t + 1 });
      continue;
    }
    const [rawName, inline] = tok.text.includes('=')
      ? [tok.text.slice(0, tok.text.indexOf('=')), tok.text.slice(tok.text.indexOf('=') + 1)]
      : [tok.text, undefined];
    const takeValue = (): string | undefined => {
      if (inline !== undefined) return unquote(inline);
      const next = tokens[t + 1];
      if (!next || next.text.startsWith('--')) {
        issue(
          tok,
          t + 1,
          `${rawName} needs a value, e.g. ${rawName} ${rawName === '--timestamp-type' ? 'utc_datetime' : 'name'}.`,
        );
        return undefined;
      }
      t++;
      return unquote(next.text);
    };
    switch (rawName) {
      case '--table':
      case '--prefix':
      case '--primary-key': {
        const v = takeValue();
        if (v === undefined) break;
        if (!IDENT_RE.test(v)) {
          issue(
            tok,
            t + 1,
            `${rawName} "${v}" must be snake_case (lowercase letters, digits and _).`,
          );
          break;
        }
        if (rawName === '--table') flags.table = v;
        else if (rawName === '--prefix') flags.prefix = v;
        else flags.primary_key = v;
        break;
      }
      case '--scope': {
        const v = takeValue();
        if (v === undefined) break;
        if (!IDENT_RE.test(v)) {
          issue(tok, t + 1, `--scope "${v}" must be a scope name such as user (snake_case).`);
          break;
        }
        flags.scope = v;
        break;
      }
      case '--no-scope':
        flags.scope = false;
        break;
      case '--binary-id':
        flags.binary_id = true;
        break;
      case '--no-binary-id':
        flags.binary_id = false;
        flags.no_binary_id = true;
        break;
      case '--no-timestamps':
        flags.no_timestamps = true;
        break;
      case '--embedded':
        flags.embedded = true;
        break;
      case '--timestamp-type': {
        const v = takeValue();
        if (v === undefined) break;
        if (!(TIMESTAMP_TYPES as readonly string[]).includes(v)) {
          issue(
            tok,
            t + 1,
            `unknown timestamp type "${v}".${didYouMean(v, TIMESTAMP_TYPES)} Valid: ${TIMESTAMP_TYPES.join(', ')}.`,
          );
          break;
        }
        flags.timestamp_type = v as TimestampType;
        break;
      }
      default:
        issue(
          tok,
          t + 1,
          `unknown flag ${rawName}.${didYouMean(
            rawName.slice(2),
            FLAGS.map((f) => f.split(' ')[0]!.slice(2)),
          )} Valid flags: ${FLAGS.join(', ')}.`,
        );
    }
  }
  return { flags, rest };
}
