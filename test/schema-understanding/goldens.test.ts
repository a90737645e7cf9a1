/**
 * parse_gen_spec is the front door of the generators: for every golden case that is given as
 * `specs`, its `schemas` must be exactly what the generators themselves derive from those specs,
 * and must normalize without errors. The worked examples are checked the same way.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeModel, type AppDef } from '../../shared/model/index.js';
import { schemasFromInput } from '../../shared/pipeline/run.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';
import { EXAMPLES, exampleInput } from '../../servers/schema-understanding/lib/examples.js';
import { createServer } from '../../servers/schema-understanding/server.js';
import { connect, structured, type Connected } from '../support/mcp.js';

const goldenRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden');

interface Case {
  name: string;
  input: GeneratorInput & { specs: string[]; app?: AppDef };
}

function goldenSpecCases(): Case[] {
  if (!existsSync(goldenRoot)) return [];
  const out: Case[] = [];
  for (const server of readdirSync(goldenRoot)) {
    const dir = path.join(goldenRoot, server);
    let cases: string[];
    try {
      cases = readdirSync(dir);
    } catch {
      continue;
    }
    for (const c of cases) {
      const file = path.join(dir, c, 'input.json');
      if (!existsSync(file)) continue;
      const input = JSON.parse(readFileSync(file, 'utf8')) as Case['input'];
      if (Array.isArray(input.specs)) out.push({ name: `${server}/${c}`, input });
    }
  }
  return out;
}

const cases: Case[] = [
  ...goldenSpecCases(),
  ...EXAMPLES.map((e) => ({ name: `example ${e.name}`, input: exampleInput(e) })),
];

let c: Connected;
beforeAll(async () => {
  c = await connect(createServer({ cliRoots: [] }));
});
afterAll(() => c.close());

describe('parse_gen_spec feeds the generators unchanged', () => {
  it.each(cases.map((k) => [k.name, k] as const))('%s', async (_name, k) => {
    const { specs, binary_id, timestamp_type, no_timestamps } = k.input;
    const r = await c.client.callTool({
      name: 'parse_gen_spec',
      arguments: {
        specs,
        ...(binary_id === undefined ? {} : { binary_id }),
        ...(timestamp_type === undefined ? {} : { timestamp_type }),
        ...(no_timestamps === undefined ? {} : { no_timestamps }),
      },
    });
    const out = structured<{ schemas: unknown[] }>(r);
    // Exactly what the generators derive from the same specs…
    expect(out.schemas).toEqual(schemasFromInput(k.input));
    // …and a model they accept.
    const { errors } = normalizeModel({
      app: k.input.app ?? { otp_app: 'my_app', base_module: 'MyApp' },
      schemas: out.schemas as never,
    });
    expect(errors).toEqual([]);
  });
});
