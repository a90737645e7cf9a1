/**
 * The statement layout (shared/view/context-layout.ts) against the real formatter: generated
 * contexts, tests and fixtures for random names from short to very long, and random field
 * types, must parse and be exactly what `mix format` writes (half of them with an owner
 * belongs_to, so create_ takes the parent). One elixir process checks all.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { planPhoenixContexts } from '../../shared/generate/phoenix-context.js';
import { normalizeModel, type Model, type SchemaDef } from '../../shared/model/index.js';
import { camelize } from '../../shared/naming/index.js';
import {
  describeElixirFailures,
  checkElixirSources,
  describeElixir,
  itElixir,
} from '../support/elixir.js';

const word = fc.stringMatching(/^[a-z]{2,14}$/);
const snake = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join('_'));
const TYPES = [
  'string',
  'text',
  'integer',
  'float',
  'decimal',
  'boolean',
  'map',
  'uuid',
  'date',
  'utc_datetime',
  'naive_datetime_usec',
] as const;

const modelArb = fc
  .record({
    app: snake(1, 3),
    context: snake(1, 4),
    parentContext: snake(1, 3),
    schema: snake(1, 4),
    parent: snake(1, 3),
    /** The belongs_to owns the rows: create_ takes the parent as an argument. */
    owned: fc.boolean(),
    fields: fc.uniqueArray(
      fc.record({
        name: snake(1, 5),
        type: fc.constantFrom(...TYPES),
        unique: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4, selector: (f) => f.name },
    ),
  })
  .filter((m) => m.schema !== m.parent && m.context !== m.parentContext);

function build(m: {
  app: string;
  context: string;
  parentContext: string;
  schema: string;
  parent: string;
  owned: boolean;
  fields: { name: string; type: (typeof TYPES)[number]; unique: boolean }[];
}): { app: { otp_app: string; base_module: string }; schemas: SchemaDef[] } {
  const ctx = camelize(m.context);
  const pctx = camelize(m.parentContext);
  const fields = m.fields
    .filter((f) => !['id', 'inserted_at', 'updated_at', 'owner_id'].includes(f.name))
    .map((f) => ({ name: f.name, type: f.type, unique: f.unique && f.type !== 'map' }));
  return {
    app: { otp_app: m.app, base_module: camelize(m.app) },
    schemas: [
      {
        module: `${pctx}.${camelize(m.parent)}`,
        table: `p_${m.parent}`.slice(0, 40),
        fields: [{ name: 'name' }],
      },
      {
        module: `${ctx}.${camelize(m.schema)}`,
        table: `s_${m.schema}`.slice(0, 40),
        fields,
        associations: [
          {
            kind: 'belongs_to',
            name: 'owner',
            target: `${pctx}.${camelize(m.parent)}`,
            ...(m.owned ? { owner: true } : {}),
          },
        ],
      },
    ],
  };
}

function plan(model: Model, existing: Map<string, string>) {
  return planPhoenixContexts(
    model,
    {},
    {
      project: {
        root: existing.size > 0 ? '/virtual' : null,
        read: async (rel) => existing.get(rel) ?? null,
        list: async () => [],
      },
      clock: () => new Date('2024-05-02T10:23:45Z'),
      warn: () => {},
      signal: new AbortController().signal,
      progress: async () => {},
    },
  );
}

describeElixir('phoenix-context layout against mix format', () => {
  itElixir(
    'random names and types give parseable, mix-format clean files',
    async () => {
      const samples = fc.sample(modelArb, { numRuns: 40, seed: 20240502 });
      const files: { path: string; content: string }[] = [];
      for (const [i, m] of samples.entries()) {
        const input = build(m);
        const { model, errors } = normalizeModel(input);
        if (!model) {
          // Index names over 63 characters and similar model errors: not this test's subject.
          expect(errors.length).toBeGreaterThan(0);
          continue;
        }
        // Every other sample extends files that already hold another schema of the context.
        const existing = new Map<string, string>();
        if (i % 2 === 1) {
          const extra = normalizeModel({
            app: input.app,
            schemas: [{ module: `${camelize(m.context)}.ExtraThing`, fields: [{ name: 'label' }] }],
          });
          for (const f of await plan(extra.model!, new Map())) existing.set(f.path, f.content);
        }
        const planned = await plan(model, existing);
        if (i % 2 === 1) expect(planned.some((f) => f.expected !== null)).toBe(true);
        files.push(...planned.map((f) => ({ path: `${i}/${f.path}`, content: f.content })));
      }
      expect(files.length).toBeGreaterThan(60);
      const failures = describeElixirFailures(await checkElixirSources(files));
      expect(failures).toBe('');
    },
    60_000,
  );
});
