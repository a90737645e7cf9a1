/**
 * The options of `phx-gen-mcp generate` that are tool arguments, derived from the tools' own
 * input schemas so that the CLI and the tools cannot drift apart: `migrations_path` is
 * `--migrations-path`, with the tool's description as help and its schema as validation. Each
 * argument goes to the first step of the pipeline that takes it: parse_gen_spec when it does
 * (binary_id, timestamp_type, no_timestamps shape the model), else every generator whose schema
 * has it; `verify` only to the last generator, so the project compiles once, after every file.
 *
 * Loaded by `generate` only: it evaluates the tool modules.
 */
import * as z from 'zod';
import { generateEctoMigration } from '../servers/ecto-migration/tools/generate-ecto-migration.js';
import { generateEctoSchema } from '../servers/ecto-schema/tools/generate-ecto-schema.js';
import { generatePhoenixContext } from '../servers/phoenix-context/tools/generate-phoenix-context.js';
import { parseGenSpecTool } from '../servers/schema-understanding/tools/parse-gen-spec.js';
import { camelize } from '../shared/naming/index.js';
import { usageError } from './args.js';

/** The tools of the pipeline, in order; the generators are the last three. */
const PIPELINE = [
  parseGenSpecTool,
  generateEctoSchema,
  generateEctoMigration,
  generatePhoenixContext,
];
const GENERATOR_TOOLS = PIPELINE.slice(1).map((t) => t.name);

/**
 * Tool arguments the CLI fills itself (the specs are its arguments, the project is --project),
 * and those that replace the model it builds from specs: migrations from a live database
 * (from_database, baseline) are a call of their own, not a step of `generate`.
 */
export const CLI_OWNED_ARGS = new Set([
  'specs',
  'schemas',
  'project_root',
  'from_database',
  'baseline',
]);

export interface ToolOption {
  /** The tool argument, e.g. `migrations_path`. */
  key: string;
  /** The option, e.g. `--migrations-path`. */
  flag: string;
  kind: 'boolean' | 'choice' | 'value';
  choices?: readonly string[];
  description: string;
  /** The tools that receive it. */
  tools: readonly string[];
  /** The argument's schema in the first tool that takes it (validation). */
  schema: z.ZodType;
}

interface JsonProperty {
  type?: string;
  enum?: unknown[];
  description?: string;
}

function kindOf(p: JsonProperty): Pick<ToolOption, 'kind' | 'choices'> {
  if (p.type === 'boolean') return { kind: 'boolean' };
  if (p.type === 'string' && Array.isArray(p.enum)) {
    return { kind: 'choice', choices: p.enum.map(String) };
  }
  return { kind: 'value' };
}

/** Every tool argument of the pipeline as a CLI option, in the order the tools declare them. */
export function toolOptions(): ToolOption[] {
  const byKey = new Map<string, ToolOption>();
  for (const tool of PIPELINE) {
    const json = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, JsonProperty>;
    };
    for (const [key, prop] of Object.entries(json.properties ?? {})) {
      if (CLI_OWNED_ARGS.has(key)) continue;
      const known = byKey.get(key);
      if (known !== undefined) {
        // parse_gen_spec's arguments shape the model; the generators get the model.
        if (known.tools[0] !== parseGenSpecTool.name) known.tools = [...known.tools, tool.name];
        continue;
      }
      byKey.set(key, {
        key,
        flag: `--${key.replace(/_/g, '-')}`,
        ...kindOf(prop),
        description: (prop.description ?? '').replace(/^With specs: /, ''),
        tools: [tool.name],
        schema: (tool.input.shape as Record<string, z.ZodType>)[key]!,
      });
    }
  }
  const verify = byKey.get('verify');
  if (verify) verify.tools = verify.tools.filter((t) => t === GENERATOR_TOOLS.at(-1));
  return [...byKey.values()];
}

/** The negation of a boolean option (`--no-with-tests`); none for one that is already a "no". */
function negation(o: ToolOption): string | undefined {
  if (o.kind === 'boolean') return o.key.startsWith('no_') ? undefined : `no-${o.flag.slice(2)}`;
  // A value that may also be false (`scope`: a name, or false for none): `--no-scope`.
  return o.kind === 'value' && o.schema.safeParse(false).success
    ? `no-${o.flag.slice(2)}`
    : undefined;
}

/** The options for node's parseArgs. */
export function parseArgsOptions(
  options: readonly ToolOption[],
): Record<string, { type: 'boolean' | 'string' }> {
  const out: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const o of options) {
    out[o.flag.slice(2)] = { type: o.kind === 'boolean' ? 'boolean' : 'string' };
    const no = negation(o);
    if (no !== undefined) out[no] = { type: 'boolean' };
  }
  return out;
}

/** `text` in lines of at most `width` characters, each prefixed with `indent`. */
function wrap(text: string, indent: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** Help for the options: each option on its line, the tool's description under it. */
export function optionsHelp(options: readonly ToolOption[]): string {
  return options
    .flatMap((o) => {
      const name =
        o.kind === 'boolean'
          ? negation(o) === undefined
            ? o.flag
            : `--[no-]${o.flag.slice(2)}`
          : `${o.flag} ${o.kind === 'choice' ? o.choices!.join('|') : o.key.toUpperCase()}${negation(o) === undefined ? '' : ` | --${negation(o)!}`}`;
      const text = o.description.charAt(0).toUpperCase() + o.description.slice(1);
      return [`  ${name}`, ...wrap(text, '      ')];
    })
    .join('\n');
}

/** `--app my_app` (the OTP app; the base module is its camelized name) or the tool's JSON. */
function appValue(raw: string, schema: z.ZodType, help: string): unknown {
  if (raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch (e) {
      throw usageError(
        `--app ${JSON.stringify(raw)} is not valid JSON: ${(e as Error).message}`,
        help,
      );
    }
  }
  if (schema.safeParse(raw).success) return raw;
  return { otp_app: raw, base_module: camelize(raw) };
}

/**
 * The tool arguments the command line gives, validated by the tools' own schemas (a usage error
 * names the option), grouped by tool.
 */
export function toolArgs(
  options: readonly ToolOption[],
  values: Record<string, unknown>,
  help: string,
): { args: Record<string, unknown>; byTool: Record<string, Record<string, unknown>> } {
  const args: Record<string, unknown> = {};
  const byTool: Record<string, Record<string, unknown>> = {};
  for (const o of options) {
    const name = o.flag.slice(2);
    const no = negation(o);
    let value: unknown;
    if (values[name] !== undefined && no !== undefined && values[no] !== undefined) {
      throw usageError(`${o.flag} and --${no} contradict each other.`, help);
    }
    if (values[name] !== undefined) value = values[name];
    else if (no !== undefined && values[no] === true) value = false;
    else continue;
    if (o.kind === 'choice' && !o.choices!.includes(String(value))) {
      throw usageError(
        `${o.flag} must be one of ${o.choices!.join(', ')}; got ${JSON.stringify(value)}.`,
        help,
      );
    }
    if (o.key === 'app') value = appValue(String(value), o.schema, help);
    const checked = o.schema.safeParse(value);
    if (!checked.success) {
      const why = checked.error.issues.map((i) => i.message).join('; ');
      throw usageError(`${o.flag} ${JSON.stringify(values[name])}: ${why}`, help);
    }
    args[o.key] = checked.data;
    for (const tool of o.tools) (byTool[tool] ??= {})[o.key] = checked.data;
  }
  return { args, byTool };
}
