/**
 * Size caps (issue 9), through each generator tool over the real MCP client: one past every cap
 * is an isError naming the offending key and the limit; at the cap the call works (dry run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCHEMAS } from '../../shared/model/index.js';
import { connect, errorText, structured, type Connected } from '../support/mcp.js';
import { generatorServers, recordFigures, type GeneratorServer } from './support.js';

const APP = { otp_app: 'my_app', base_module: 'MyApp' };
const schema = (i: number, fields: unknown[] = [{ name: 'title' }]) => ({
  module: `Ctx${i}.Thing${i}`,
  fields,
});
const field = (extra: Record<string, unknown>) => ({
  schemas: [schema(0, [{ name: 'title', ...extra }])],
});

/** [case, arguments, what the error must mention]. */
const OVER: [string, Record<string, unknown>, RegExp][] = [
  [
    'schemas per call',
    { schemas: Array.from({ length: MAX_SCHEMAS + 1 }, (_, i) => schema(i)) },
    /schemas[\s\S]*1000/,
  ],
  [
    'fields per schema',
    {
      schemas: [
        schema(
          0,
          Array.from({ length: 501 }, (_, i) => ({ name: `f${i}` })),
        ),
      ],
    },
    /fields[\s\S]*500/,
  ],
  [
    'associations per schema',
    {
      schemas: [
        {
          module: 'A.B',
          associations: Array.from({ length: 201 }, (_, i) => ({
            kind: 'has_many',
            name: `a${i}`,
            target: 'A.B',
          })),
        },
      ],
    },
    /associations[\s\S]*200/,
  ],
  ['module name length', { schemas: [{ module: `A${'b'.repeat(200)}` }] }, /module[\s\S]*200/],
  ['identifier length', field({ name: 'a'.repeat(64) }), /name[\s\S]*63/],
  ['format length', field({ validations: { format: 'a'.repeat(501) } }), /format[\s\S]*500/],
  ['default string length', field({ default: 'x'.repeat(10_001) }), /default[\s\S]*10000/],
  [
    'enum values count',
    field({ type: 'enum', values: Array.from({ length: 1001 }, (_, i) => `v${i}`) }),
    /values[\s\S]*1000/,
  ],
  [
    'inclusion count',
    field({ validations: { inclusion: Array.from({ length: 1001 }, (_, i) => `v${i}`) } }),
    /inclusion[\s\S]*1000/,
  ],
  [
    'index columns',
    {
      schemas: [
        {
          module: 'A.B',
          fields: [{ name: 'a' }],
          indexes: [{ columns: Array.from({ length: 33 }, () => 'a') }],
        },
      ],
    },
    /columns[\s\S]*32/,
  ],
  ['spec line length', { specs: [`Blog Post posts ${'x'.repeat(4000)}`] }, /specs[\s\S]*4000/],
  [
    'spec lines',
    { specs: Array.from({ length: 1001 }, (_, i) => `C${i} T${i} t_${i} a`) },
    /specs[\s\S]*1000/,
  ],
  [
    'project_root length',
    { specs: ['Blog Post posts'], project_root: `/${'a'.repeat(4096)}` },
    /project_root[\s\S]*4096/,
  ],
];

const AT: [string, Record<string, unknown>][] = [
  ['1000 schemas', { schemas: Array.from({ length: MAX_SCHEMAS }, (_, i) => schema(i)) }],
  [
    '500 fields',
    {
      schemas: [
        schema(
          0,
          Array.from({ length: 500 }, (_, i) => ({ name: `f${i}` })),
        ),
      ],
    },
  ],
  ['10000-char default', field({ default: `"#{x}"${'x'.repeat(9_994)}` })],
  ['4000-char spec line', { specs: [`Blog Post posts ${'a'.repeat(4000 - 16)}`] }],
];

let servers: GeneratorServer[] = [];
const figures: Record<string, unknown> = {};
beforeAll(async () => {
  servers = await generatorServers();
});
afterAll(async () => {
  await recordFigures('limits', figures);
});

describe('size caps through the generator tools', () => {
  it('one past each cap: a clear isError naming the key and the limit', async () => {
    let checked = 0;
    for (const g of servers) {
      const c: Connected = await connect(g.createServer({ cliRoots: [] }));
      try {
        for (const [name, args, mention] of OVER) {
          const r = await c.client.callTool({
            name: g.tool,
            arguments: { app: APP, dry_run: true, ...args },
          });
          const text = errorText(r);
          expect(text, `${g.tool}: ${name}`).toMatch(mention);
          // The error stays readable: it does not echo a megabyte of input back.
          expect(text.length, `${g.tool}: ${name}`).toBeLessThan(20_000);
          checked++;
        }
      } finally {
        await c.close();
      }
    }
    figures.caps_checked = OVER.map(([n]) => n);
    figures.over_cap_calls = checked;
  }, 60_000);

  it('at the caps: the call succeeds', async () => {
    const timings: Record<string, number> = {};
    for (const g of servers) {
      const c = await connect(g.createServer({ cliRoots: [] }));
      try {
        for (const [name, args] of AT) {
          const t = performance.now();
          const out = structured<{ files: unknown[] }>(
            await c.client.callTool({
              name: g.tool,
              arguments: { app: APP, dry_run: true, ...args },
            }),
          );
          timings[`${g.server} ${name}`] = Math.round(performance.now() - t);
          expect(out.files.length, `${g.tool}: ${name}`).toBeGreaterThan(0);
        }
      } finally {
        await c.close();
      }
    }
    figures.at_cap_ms = timings;
  }, 60_000);
});

describe('derived identifiers', () => {
  it('a foreign key derived from a long module name is refused, not truncated by PostgreSQL', async () => {
    const { checkModel } = await import('../../shared/model/index.js');
    const long = `Blog.${'A'.repeat(70)}`;
    const r = checkModel({
      app: APP,
      schemas: [
        {
          module: long,
          table: 'things',
          associations: [{ kind: 'has_many', name: 'items', target: 'Blog.Item' }],
        },
        { module: 'Blog.Item', fields: [{ name: 'x' }] },
      ],
    });
    expect(r.model).toBeNull();
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: 'schemas[0].associations[0]',
        message: expect.stringMatching(/63-character/),
      }),
    ]);
    // At the limit it is fine: 60 letters + "_id".
    const ok = checkModel({
      app: APP,
      schemas: [
        {
          module: `Blog.${'A'.repeat(60)}`,
          table: 'things',
          associations: [{ kind: 'has_many', name: 'items', target: 'Blog.Item' }],
        },
        { module: 'Blog.Item', fields: [{ name: 'x' }] },
      ],
    });
    expect(ok.errors).toEqual([]);
  });
});
