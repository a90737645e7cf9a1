/**
 * The JSON value in an LLM's reply: the whole reply, else the first ```json fence (or any fence)
 * that parses, else the first balanced {…} or […] that parses. LLMs wrap JSON in prose and fences
 * even when told not to.
 */

export type Extracted = { ok: true; value: unknown } | { ok: false; error: string };

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** End index (exclusive) of the balanced JSON value starting at `start`, string-aware. */
function balancedEnd(text: string, start: number): number | null {
  const open = text[start];
  const stack: string[] = [open === '{' ? '}' : ']'];
  let inString = false;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return null;
      if (stack.length === 0) return i + 1;
    }
  }
  return null;
}

export function extractJson(reply: string): Extracted {
  const whole = tryParse(reply.trim());
  if (whole.ok) return whole;

  const fences = [...reply.matchAll(/```([A-Za-z0-9_-]*)[^\S\n]*\n([\s\S]*?)```/g)];
  const ordered = [
    ...fences.filter((m) => m[1]!.toLowerCase() === 'json'),
    ...fences.filter((m) => m[1]!.toLowerCase() !== 'json'),
  ];
  for (const m of ordered) {
    const r = tryParse(m[2]!.trim());
    if (r.ok) return r;
  }

  for (let i = 0; i < reply.length; i++) {
    const ch = reply[i];
    if (ch !== '{' && ch !== '[') continue;
    const end = balancedEnd(reply, i);
    if (end === null) continue;
    const r = tryParse(reply.slice(i, end));
    if (r.ok && typeof r.value === 'object' && r.value !== null) return r;
  }
  return {
    ok: false,
    error:
      reply.trim() === ''
        ? 'the reply is empty'
        : `no JSON object found in the reply (parsing it whole failed: ${whole.error})`,
  };
}

/**
 * The model in an extracted value: `{ "schemas": [...] , "app"?: … }` as is, a bare array as the
 * schemas, a single schema object (has "module") as a batch of one.
 */
export function asModelInput(value: unknown): unknown {
  if (Array.isArray(value)) return { schemas: value };
  if (typeof value === 'object' && value !== null && !('schemas' in value) && 'module' in value) {
    return { schemas: [value] };
  }
  return value;
}
