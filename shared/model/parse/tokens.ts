/** Tokens of a spec line: whitespace-separated, with quoted parts kept whole. */

export interface Token {
  text: string;
  column: number;
}

/** Splits a line on whitespace, keeping quoted parts ('…', "…") inside their token. */
export function tokenize(line: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    let quote: string | null = null;
    while (i < line.length && (quote !== null || !/\s/.test(line[i]!))) {
      const ch = line[i]!;
      if (quote !== null) {
        if (ch === '\\' && quote === '"' && i + 1 < line.length) i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      i++;
    }
    if (quote !== null)
      return { tokens, error: `unterminated ${quote} quote starting in column ${start + 1}` };
    tokens.push({ text: line.slice(start, i), column: start + 1 });
  }
  return { tokens };
}

/** Splits an attribute on ':' outside quotes and removes the quotes. */
export function splitColons(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === '\\' && quote === '"' && i + 1 < text.length) {
        cur += text[++i];
      } else if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ':') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function unquote(text: string): string {
  return splitColons(text).join(':');
}
