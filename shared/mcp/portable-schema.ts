/**
 * JSON Schemas that strict clients accept. zod writes a nullable value as `"type": ["string",
 * "null"]`, which some clients (and the MCP Inspector's "schema portability" check) reject; the
 * same value as `anyOf: [{type: "string", …}, {type: "null"}]` means the same to every validator.
 * The tools keep their zod schemas (validation, types); only the JSON the SDK publishes changes.
 */
type Json = unknown;

/** Rewrites every `type: [...]` of a JSON Schema into an `anyOf` with one type per branch. */
export function portableJsonSchema<T extends Json>(schema: T): T {
  return rewrite(schema) as T;
}

const ANNOTATIONS = new Set(['description', 'title', 'default', 'examples', 'deprecated', '$id']);

function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'enum' || k === 'const' ? v : rewrite(v);
  if (!Array.isArray(out.type)) return out;
  const types = out.type as string[];
  const outer: Record<string, Json> = {};
  const inner: Record<string, Json> = {};
  for (const [k, v] of Object.entries(out)) {
    if (k === 'type') continue;
    (ANNOTATIONS.has(k) || k.startsWith('$') ? outer : inner)[k] = v;
  }
  outer.anyOf = types.map((t) => (t === 'null' ? { type: 'null' } : { type: t, ...inner }));
  return outer;
}

/** The part of Standard Schema (and its JSON Schema extension) the SDK reads. */
interface WithJsonSchema {
  '~standard': {
    version: number;
    vendor: string;
    validate(value: unknown): unknown;
    jsonSchema?: {
      input(options: { target: string }): Record<string, unknown>;
      output(options: { target: string }): Record<string, unknown>;
    };
  };
}

/**
 * The same schema for the SDK (validation is zod's), publishing the portable JSON Schema. The SDK
 * reads a tool schema through Standard Schema (`~standard.validate`, `~standard.jsonSchema`).
 */
export function withPortableJsonSchema<S extends WithJsonSchema>(schema: S): S {
  const std = schema['~standard'];
  const json = std.jsonSchema;
  if (json === undefined) return schema;
  return {
    '~standard': {
      version: std.version,
      vendor: std.vendor,
      validate: (value: unknown) => std.validate(value),
      jsonSchema: {
        input: (options: { target: string }) => portableJsonSchema(json.input(options)),
        output: (options: { target: string }) => portableJsonSchema(json.output(options)),
      },
    },
  } as unknown as S;
}
