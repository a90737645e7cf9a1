/**
 * Elixir literal emitters. Every user-provided string that reaches generated code goes through
 * one of these, so it can neither break out of its literal nor interpolate (`#{...}`).
 *
 * The output is what `mix format` (Elixir 1.14) keeps unchanged: atoms are unquoted exactly when
 * the formatter would unquote them, integers and floats carry the formatter's `_` digit groups.
 */
import { isElixirModuleName } from '../naming/validate.js';

/** Thrown when a value cannot be expressed as the requested Elixir literal. */
export class ElixirLiteralError extends Error {
  override name = 'ElixirLiteralError';
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

/**
 * Characters written as `\u{...}` escapes: controls (C0, DEL, C1), format characters (bidi
 * overrides, zero-width joiners, soft hyphen, BOM), line/paragraph separators, non-ASCII spaces,
 * private-use and unassigned code points. They are valid in Elixir strings, but invisible or
 * misleading in source ("trojan source"), so they are never emitted raw.
 */
const ESCAPE_AS_CODEPOINT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Zs}]/u;

function hex(cp: number): string {
  return cp.toString(16).toUpperCase();
}

/** Printable ASCII but `"` and `\\`: nothing in it needs escaping (unless it holds `#{`). */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Escape `s` for the inside of a double-quoted Elixir string, quoted atom or quoted key.
 * `forKey` writes `"` and `\` as `\u{22}` and `\u{5C}`: Elixir 1.14's formatter re-classifies a
 * quoted key from its escaped source text, turning `"a\"b":` into the broken `"a"b":` and
 * `"\\":` (the key `:"\\"`) into `\\:` (a different atom).
 */
function escapeBody(s: string, forKey = false): string {
  // Most generated strings (`"some title"`, messages, names) are plain: keep them as they are.
  if (PLAIN_ASCII.test(s) && !s.includes('#{')) return s;
  let out = '';
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new ElixirLiteralError(
        `cannot write a lone UTF-16 surrogate (U+${hex(cp)}) in an Elixir string: the text is not valid Unicode`,
      );
    }
    if (ch === '\\') out += forKey ? '\\u{5C}' : '\\\\';
    else if (ch === '"') out += forKey ? '\\u{22}' : '\\"';
    else if (ch === '#' && s[i] === '{') out += '\\#';
    else if (NAMED_ESCAPES[ch] !== undefined) out += NAMED_ESCAPES[ch];
    else if (ch !== ' ' && ESCAPE_AS_CODEPOINT.test(ch)) out += `\\u{${hex(cp)}}`;
    else out += ch;
  }
  return out;
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new ElixirLiteralError(`${what} expects a string, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** A double-quoted Elixir string: `he said "hi" #{x}` → `"he said \"hi\" \#{x}"`. */
export function exString(value: unknown): string {
  return `"${escapeBody(requireString(value, 'ex_string'))}"`;
}

// ---------------------------------------------------------------------------------------------
// Atoms (Macro.classify_atom/1 and the formatter's atom_to_algebra/2, Elixir 1.14)

/** Operators the formatter/inspect write unquoted (`:+`, `:|>`, `:when`, `:..`, `:%{}`). */
const UNQUOTED_OPERATORS = new Set([
  // not callable
  '%',
  '%{}',
  '{}',
  '<<>>',
  '...',
  '..',
  '.',
  '->',
  // unary
  '&',
  '!',
  '^',
  'not',
  '+',
  '-',
  '@',
  // binary
  '<-',
  '\\\\',
  'when',
  '|',
  '=',
  '||',
  '|||',
  'or',
  '&&',
  '&&&',
  'and',
  '==',
  '!=',
  '=~',
  '===',
  '!==',
  '<',
  '<=',
  '>=',
  '>',
  '|>',
  '<<<',
  '>>>',
  '<~',
  '~>',
  '<<~',
  '~>>',
  '<~>',
  'in',
  '++',
  '--',
  '<>',
  '+++',
  '---',
  '*',
  '/',
  '**',
]);

/**
 * Non-ASCII letters Elixir 1.14 accepts in unquoted atoms and that we therefore leave unquoted:
 * Latin-1 Supplement and Latin Extended-A letters except the compatibility characters Ĳ ĳ Ŀ ŀ ŉ
 * (verified one by one against `Macro.classify_atom/1`). Any other non-ASCII character makes
 * the atom quoted, which is always valid (the formatter may later unquote it; it never breaks).
 */
const LATIN_LETTER =
  /^[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u0131\u0134-\u013E\u0141-\u0148\u014A-\u017E]$/;

const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAtomStart = (c: string): boolean => isAsciiLetter(c) || c === '_' || LATIN_LETTER.test(c);
const isAtomContinue = (c: string): boolean =>
  isAtomStart(c) || (c >= '0' && c <= '9') || c === '@';

/**
 * 'unquoted' when `:name` parses back to the same atom and the formatter writes it so;
 * 'alias' for `Elixir.Foo`-style names (the formatter keeps them quoted); otherwise 'quoted'.
 * Lowercase starts are identifiers, uppercase starts are alias-like (`:Foo`, `:Foo@bar`): both
 * unquoted. A final `?` or `!` is allowed.
 */
function classifyAtom(name: string): 'unquoted' | 'alias' | 'quoted' {
  if (UNQUOTED_OPERATORS.has(name)) return 'unquoted';
  if (/^Elixir(\.[A-Z][A-Za-z0-9_]*)*$/.test(name)) return 'alias';
  const chars = Array.from(name);
  const first = chars[0];
  if (first === undefined || !isAtomStart(first)) return 'quoted';
  let end = chars.length;
  const last = chars[end - 1];
  if ((last === '?' || last === '!') && end > 1) end -= 1;
  for (let i = 1; i < end; i++) {
    if (!isAtomContinue(chars[i] as string)) return 'quoted';
  }
  return 'unquoted';
}

/**
 * An Elixir atom literal: `:foo`, `:foo?`, `:Foo`, `:+`, `:"foo bar"`; `nil`/`true`/`false`
 * bare. Matches `inspect/1` and the formatter, except that `Elixir.`-prefixed aliases are
 * written quoted (`:"Elixir.Foo"`, not `Foo`, which an `alias` in scope could capture) and
 * non-Latin letters are quoted (always valid; see `LATIN_LETTER`).
 */
export function exAtom(value: unknown): string {
  const name = requireString(value, 'ex_atom');
  if (name === 'nil' || name === 'true' || name === 'false') return name;
  // Elixir 1.14's formatter still writes this operator quoted.
  if (name === '..//') return ':"..//"';
  return classifyAtom(name) === 'unquoted' ? `:${name}` : `:"${escapeBody(name)}"`;
}

/**
 * A keyword-list key including its colon: `foo:`, `foo?:`, `"foo bar":`. Follows the
 * formatter (aliases such as `Elixir.Foo` are quoted). `"` and `\` inside a key are written
 * `\u{22}` and `\u{5C}` (see `escapeBody`).
 */
export function exKey(value: unknown): string {
  const name = requireString(value, 'ex_key');
  if (name === '..//') return '"..//":';
  return classifyAtom(name) === 'unquoted' ? `${name}:` : `"${escapeBody(name, true)}":`;
}

/** A module name, validated (`^[A-Z]\w*(\.[A-Z]\w*)*$`, ASCII); throws when invalid. */
export function exModule(value: unknown): string {
  const name = requireString(value, 'ex_module');
  if (!isElixirModuleName(name)) {
    throw new ElixirLiteralError(
      `ex_module: ${JSON.stringify(name)} is not a valid Elixir module name (expected e.g. "MyApp.Blog.Post")`,
    );
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** The formatter's `insert_underscores/1`: digit runs of 6+ get `_` every three digits. */
function groupDigits(digits: string): string {
  if (digits.length < 6) return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '_';
    out += digits[i];
  }
  return out;
}

/** An integer literal as the formatter writes it: `1_234_567`, `-42`. */
export function exInteger(value: unknown): string {
  if (typeof value === 'bigint') {
    const s = value.toString();
    return s.startsWith('-') ? `-${groupDigits(s.slice(1))}` : groupDigits(s);
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ElixirLiteralError(`ex_integer expects an integer, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new ElixirLiteralError(
      `the integer ${value} is outside ±2^53 and lost precision in JSON; pass it as a string or bigint`,
    );
  }
  return exInteger(BigInt(value));
}

/**
 * A float literal: the shortest round-trip digits laid out like Erlang/OTP 25's
 * `float_to_binary(f, [:short])` (what `inspect/1` prints: `0.1`, `100000.0`, `1.0e16`,
 * `1.0e-5`), then digit-grouped like the formatter (`123_456.5`). `1` becomes `1.0`.
 */
export function exFloat(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ElixirLiteralError(`ex_float expects a finite number, got ${describe(value)}`);
  }
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, expPart] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expPart); // scientific exponent: value = d.ddd × 10^exp
  const len = digits.length;
  const place = exp - (len - 1); // value = digits × 10^place
  const sci = `${digits[0]}.${len === 1 ? '0' : digits.slice(1)}e${exp}`;
  let text: string;
  if (place >= 0) {
    text = exp < 16 ? `${groupDigits(digits + '0'.repeat(place))}.0` : sci;
  } else if (exp >= 0) {
    text = `${groupDigits(digits.slice(0, exp + 1))}.${digits.slice(exp + 1)}`;
  } else {
    const fixed = `0.${'0'.repeat(-exp - 1)}${digits}`;
    text = fixed.length <= sci.length ? fixed : sci;
  }
  return sign + text;
}

/**
 * A JSON value as an Elixir literal: strings (escaped), integers, floats, booleans, `nil`,
 * lists and maps with string keys (`%{"a" => 1}`), on one line. Use `exFloat` when an
 * integral float (`1.0`) is meant: JSON cannot tell `1.0` from `1`. Integral numbers beyond
 * ±2^53 are written as floats: a JSON number that large is a double, not an exact integer.
 */
export function exLiteral(value: unknown): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return exString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return exInteger(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ElixirLiteralError(`${value} has no Elixir literal`);
    }
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? exInteger(value) : exFloat(value);
  }
  if (Array.isArray(value)) return `[${value.map(exLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '%{}';
    return `%{${entries.map(([k, v]) => `${exString(k)} => ${exLiteral(v)}`).join(', ')}}`;
  }
  throw new ElixirLiteralError(`ex_literal: ${describe(value)} has no Elixir literal`);
}

// ---------------------------------------------------------------------------------------------
// Regexes

/** Sigil delimiters, in order of preference: [open, close]. */
const REGEX_DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  ['/', '/'],
  ['|', '|'],
  ['{', '}'],
  ['[', ']'],
  ['(', ')'],
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
];

const REGEX_MODIFIERS = /^[unimsxfU]*$/;

/** An unescaped `#{` (interpolation in `~r`). */
const UNESCAPED_INTERPOLATION = /(^|[^\\])(\\\\)*#\{/;
/** An escape Elixir 1.14's `~r` turns into a control character (`\n` → LF); later versions keep it. */
const UNESCAPED_CONTROL_ESCAPE = /(^|[^\\])(\\\\)*\\[fnrtva]/;

/**
 * A regex literal whose `Regex.source/1` is exactly `source`, on every Elixir version. Uses the
 * `~r` sigil (`~R` is deprecated since Elixir 1.16 and warns, which breaks
 * `--warnings-as-errors`) with the first delimiter whose closing character does not occur in the
 * source, when `~r` copies the source verbatim: no unescaped `#{` (interpolation) and no `\f \n
 * \r \t \v \a` escapes (1.14 turns them into control characters). Those sources, sources with
 * control characters, an odd trailing backslash or every delimiter in use fall back to
 * `Regex.compile!("...", "mods")` with an escaped string.
 */
export function exRegex(value: unknown, modifiers: unknown = ''): string {
  const source = requireString(value, 'ex_regex');
  const mods = requireString(modifiers, 'ex_regex modifiers');
  if (!REGEX_MODIFIERS.test(mods)) {
    throw new ElixirLiteralError(
      `ex_regex: unknown regex modifiers ${JSON.stringify(mods)} (valid: u, n, i, m, s, x, f, U)`,
    );
  }
  const trailingBackslashes = /\\*$/.exec(source)?.[0].length ?? 0;
  const verbatimSafe =
    trailingBackslashes % 2 === 0 &&
    !ESCAPE_AS_CODEPOINT.test(source.replaceAll(' ', '')) &&
    !UNESCAPED_INTERPOLATION.test(source) &&
    !UNESCAPED_CONTROL_ESCAPE.test(source);
  if (verbatimSafe) {
    for (const [open, close] of REGEX_DELIMITERS) {
      if (!source.includes(close)) return `~r${open}${source}${close}${mods}`;
    }
  }
  return mods === ''
    ? `Regex.compile!(${exString(source)})`
    : `Regex.compile!(${exString(source)}, ${exString(mods)})`;
}
