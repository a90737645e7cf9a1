/**
 * The one entry point for untrusted input (`validate_schema_model`'s argument, an LLM's reply):
 * the shape check (zod), then the model rules. A model with shape errors still gets its rules
 * checked on every part that has the right shape, so that one answer lists every problem: the
 * fields, associations and indexes a shape error points into are set aside, and the schemas that
 * still fail are left out; the rules' paths point back into the model as the client wrote it.
 */
import * as z from 'zod';
import type { Issue } from './normalized.js';
import { didYouMean } from './parse/suggest.js';
import { AppSchema, SchemaDefSchema, SchemasSchema, type SchemaDef } from './schema.js';
import { TYPE_ALIASES } from './types.js';
import { normalizeModel, type NormalizeOptions, type NormalizeResult } from './validate.js';

/** The batch a client passes to the generators: the schemas and, optionally, the app. */
export const ModelSchema = z
  .object({
    app: AppSchema.optional(),
    schemas: SchemasSchema,
  })
  .describe('A batch of Ecto schemas to generate, with the application they belong to.');

/** A zod issue path as "schemas[0].fields[2].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

export function checkModel(raw: unknown, opts: NormalizeOptions = {}): NormalizeResult {
  const parsed = ModelSchema.safeParse(raw);
  if (parsed.success) return normalizeModel(parsed.data, opts);
  const errors = parsed.error.issues.map((i) => shapeIssue(i, raw));
  const partial = salvage(raw, parsed.error.issues);
  if (partial === null) return { model: null, errors, warnings: [] };
  const rules = normalizeModel(partial.input, opts);
  const seen = new Set(errors.map((e) => e.path));
  for (const e of rules.errors.map(partial.remap)) if (!seen.has(e.path)) errors.push(e);
  return { model: null, errors, warnings: rules.warnings.map(partial.remap) };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** A shape error with its path; a misspelt enum value gets "did you mean" and the valid values. */
function shapeIssue(i: z.core.$ZodIssue, raw: unknown): Issue {
  const path = formatPath(i.path);
  let valid: string[] | undefined;
  if (i.code === 'invalid_value') valid = i.values.filter((v) => typeof v === 'string');
  else if (i.code === 'invalid_union' && 'options' in i && Array.isArray(i.options)) {
    valid = (i.options as unknown[]).filter((v): v is string => typeof v === 'string');
  }
  const value = valueAt(raw, i.path);
  if (valid === undefined || valid.length === 0 || typeof value !== 'string') {
    return { path, message: i.message };
  }
  const alias = TYPE_ALIASES[value];
  const hint =
    alias !== undefined && valid.includes(alias)
      ? ` Did you mean "${alias}"?`
      : didYouMean(value, valid);
  return {
    path,
    message: `Unknown value ${JSON.stringify(value)}.${hint} Valid: ${valid.join(', ')}.`,
  };
}

const LISTS = ['fields', 'associations', 'indexes'] as const;

interface Partial {
  input: { app?: z.output<typeof AppSchema>; schemas: SchemaDef[] };
  /** A rule's issue on `input` → the same issue on the model as written. */
  remap: (i: Issue) => Issue;
}

/** The parts of a model that have the right shape, or null when there is nothing to check. */
function salvage(raw: unknown, issues: readonly z.core.$ZodIssue[]): Partial | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const model = raw as Record<string, unknown>;
  if (!Array.isArray(model.schemas)) return null;
  const bad = new Map<number, { whole: boolean; entries: Record<string, Set<number>> }>();
  for (const i of issues) {
    if (i.path[0] !== 'schemas' || typeof i.path[1] !== 'number') continue;
    const b = bad.get(i.path[1]) ?? { whole: false, entries: {} };
    bad.set(i.path[1], b);
    const [list, j] = [i.path[2], i.path[3]];
    if (typeof j === 'number' && (LISTS as readonly unknown[]).includes(list)) {
      (b.entries[list as string] ??= new Set()).add(j);
    } else b.whole = true;
  }
  const schemas: SchemaDef[] = [];
  /** Per kept schema: its index as written, and the written index of each kept entry. */
  const origin: { index: number; lists: Record<string, number[]> }[] = [];
  model.schemas.forEach((s: unknown, index) => {
    const b = bad.get(index);
    if (b?.whole || typeof s !== 'object' || s === null) return;
    const copy: Record<string, unknown> = { ...(s as Record<string, unknown>) };
    const lists: Record<string, number[]> = {};
    for (const list of LISTS) {
      const entries = copy[list];
      if (!Array.isArray(entries)) continue;
      const kept = entries.map((_, j) => j).filter((j) => !b?.entries[list]?.has(j));
      copy[list] = kept.map((j) => entries[j] as unknown);
      lists[list] = kept;
    }
    const ok = SchemaDefSchema.safeParse(copy);
    if (!ok.success) return;
    schemas.push(ok.data);
    origin.push({ index, lists });
  });
  if (schemas.length === 0) return null;
  const app = AppSchema.safeParse(model.app);
  const back = (text: string): string =>
    text.replace(
      /schemas\[(\d+)\](?:\.(fields|associations|indexes)\[(\d+)\])?/g,
      (whole, k: string, list: string | undefined, j: string | undefined) => {
        const o = origin[Number(k)];
        if (o === undefined) return whole;
        const inner = list === undefined ? '' : `.${list}[${o.lists[list]?.[Number(j)] ?? j}]`;
        return `schemas[${o.index}]${inner}`;
      },
    );
  return {
    input: { ...(app.success ? { app: app.data } : {}), schemas },
    remap: (i) => ({ path: back(i.path), message: back(i.message) }),
  };
}
