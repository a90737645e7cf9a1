/**
 * Case conversions with the exact semantics of Elixir's `Macro.camelize/1`,
 * `Macro.underscore/1` (Elixir 1.14) and `Phoenix.Naming.humanize/1`.
 *
 * Like their Elixir originals they only treat ASCII letters specially; every other
 * character is copied through unchanged.
 */

const isUpper = (c: string | undefined): boolean => c !== undefined && c >= 'A' && c <= 'Z';
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const toUpper = (c: string): string => (isLower(c) ? c.toUpperCase() : c);
const toLower = (c: string): string => (isUpper(c) ? c.toLowerCase() : c);

/**
 * `Macro.camelize/1`: `blog_post` → `BlogPost`, `api_v2` → `ApiV2`, `blog/post` → `Blog.Post`.
 * Leading underscores are dropped, `__` collapses, `_` before a digit is dropped, `_` before
 * anything other than a lowercase letter or digit is kept (`api_V2` → `Api_V2`).
 */
export function camelize(input: string): string {
  let out = '';
  let i = 0;
  // camelize/1 head: skip leading underscores, upcase the first character.
  const head = (): void => {
    while (input[i] === '_') i++;
    if (i < input.length) {
      out += toUpper(input[i] as string);
      i++;
    }
  };
  head();
  while (i < input.length) {
    const c = input[i] as string;
    const next = input[i + 1];
    if (c === '_' && next === '_') {
      i++; // do_camelize(<<?_, ?_, t>>) -> do_camelize(<<?_, t>>)
    } else if (c === '_' && isLower(next)) {
      out += toUpper(next as string);
      i += 2;
    } else if (c === '_' && isDigit(next)) {
      out += next as string;
      i += 2;
    } else if (c === '_' && next === undefined) {
      i++; // trailing "_" is dropped
    } else if (c === '/') {
      out += '.';
      i++;
      head();
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * `Macro.underscore/1`: `BlogPost` → `blog_post`, `HTTPServer` → `http_server`,
 * `Blog.Post` → `blog/post`, `ApiV2` → `api_v2`.
 */
export function underscore(input: string): string {
  if (input === '') return '';
  let out = toLower(input[0] as string);
  let prev = input[0] as string;
  let i = 1;
  while (i < input.length) {
    const h = input[i] as string;
    const t = input[i + 1];
    if (isUpper(h) && t !== undefined && !isUpper(t) && !isDigit(t) && t !== '.' && t !== '_') {
      out += '_' + toLower(h) + t;
      prev = t;
      i += 2;
    } else if (isUpper(h) && !isUpper(prev) && prev !== '_') {
      out += '_' + toLower(h);
      prev = h;
      i += 1;
    } else if (h === '.') {
      // do_underscore(<<?., t>>) -> "/" <> underscore(t): the next char starts afresh.
      out += '/';
      i += 1;
      if (i < input.length) {
        const first = input[i] as string;
        out += toLower(first);
        prev = first;
        i += 1;
      }
    } else {
      out += toLower(h);
      prev = h;
      i += 1;
    }
  }
  return out;
}

/**
 * `Phoenix.Naming.humanize/1`: drops a trailing `_id`, replaces `_` with spaces and
 * upcases the first character (`:string.titlecase/1`, so the rest keeps its case):
 * `published_at` → `Published at`, `author_id` → `Author`.
 */
export function humanize(input: string): string {
  const base = input.endsWith('_id') ? input.slice(0, -3) : input;
  const spaced = base.replaceAll('_', ' ');
  const first = spaced.codePointAt(0);
  if (first === undefined) return '';
  const firstChar = String.fromCodePoint(first);
  return firstChar.toUpperCase() + spaced.slice(firstChar.length);
}
