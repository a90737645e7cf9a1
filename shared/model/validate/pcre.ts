/**
 * What a JavaScript regex (checked with the `u` flag) uses that Elixir's PCRE rejects or reads
 * differently, or undefined: `\\u`, `\\U`, `\\l`, `\\L` and `\\N{…}` do not compile in PCRE; `[]`
 * and `[^]` are complete classes in JavaScript but start a class containing "]" in PCRE; a
 * lookbehind must have a fixed length in PCRE (no `*`, `+`, `?` or `{n,m}` inside it).
 */
export function pcreProblem(src: string): string | undefined {
  let inClass = false;
  const groups: boolean[] = []; // per open group: is it a lookbehind?
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n !== undefined && 'uUlL'.includes(n)) {
        return `uses \\${n}, which Elixir's regex engine (PCRE) does not support (write the character itself)`;
      }
      if (n === 'N' && src[i + 2] === '{') {
        return "uses \\N{…}, which Elixir's regex engine (PCRE) does not support";
      }
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      const rest = src.slice(i + 1);
      if (rest.startsWith(']') || rest.startsWith('^]')) {
        return `uses ${rest.startsWith('^') ? '[^]' : '[]'}, which Elixir's regex engine (PCRE) reads as the start of a class containing "]"`;
      }
      inClass = true;
    } else if (c === '(') {
      groups.push(src.startsWith('(?<=', i) || src.startsWith('(?<!', i));
      if (src[i + 1] === '?') i++; // group syntax, not a quantifier
    } else if (c === ')') {
      groups.pop();
    } else if (groups.includes(true)) {
      const range = c === '{' ? /^\{(\d+),(\d*)\}/.exec(src.slice(i)) : null;
      if (c === '*' || c === '+' || c === '?' || (range !== null && range[1] !== range[2])) {
        return "has a lookbehind of variable length, which Elixir's regex engine (PCRE) does not support";
      }
    }
  }
  return undefined;
}
