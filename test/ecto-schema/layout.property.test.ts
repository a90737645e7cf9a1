/**
 * Layout stress test: many random (valid) models with names, enum lists, defaults and module
 * names of every length around the 98-column limit go through the planner, and Elixir checks in
 * ONE process that every module parses and is exactly what `mix format` writes.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { normalizeModel, type FieldDef, type SchemaDef } from '../../shared/model/index.js';
import {
  describeElixirFailures,
  checkElixirSources,
  describeElixir,
  itElixir,
} from '../support/elixir.js';

const APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
const letters = 'abcdefghijklmnopqrstuvwxyz';

const word = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...letters.split('')), { minLength: min, maxLength: max })
    .map((cs) => cs.join(''));
const snake = (max: number) =>
  fc
    .array(word(1, 12), { minLength: 1, maxLength: 4 })
    .map((ws) => ws.join('_').slice(0, max).replace(/_+$/, ''))
    .filter((s) => s.length > 0);
const camel = fc
  .array(word(1, 14), { minLength: 1, maxLength: 3 })
  .map((ws) => ws.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));

const scalarDefaults: Record<string, fc.Arbitrary<string | number | boolean>> = {
  string: fc.string({ maxLength: 90 }),
  integer: fc.integer({ min: -10_000_000, max: 10_000_000 }),
  float: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  decimal: fc.integer({ min: 0, max: 99999 }).map((n) => `${n}.${n % 100}`),
  boolean: fc.boolean(),
  date: fc.constant('2024-02-29'),
  utc_datetime_usec: fc.constant('2024-01-01T00:00:00.123Z'),
};

const field: fc.Arbitrary<FieldDef> = fc.oneof(
  fc
    .record({
      name: snake(50),
      type: fc.constantFrom(
        'string',
        'integer',
        'float',
        'decimal',
        'boolean',
        'date',
        'utc_datetime_usec',
      ),
    })
    .chain((f) =>
      fc.record({
        name: fc.constant(f.name),
        type: fc.constant(f.type),
        redact: fc.boolean(),
        default: fc.option(scalarDefaults[f.type]!, { nil: undefined }),
      }),
    ),
  fc
    .record({
      name: snake(50),
      type: fc.constant('enum' as const),
      values: fc.uniqueArray(snake(25), { minLength: 1, maxLength: 12 }),
    })
    .chain((f) =>
      fc.record({
        name: fc.constant(f.name),
        type: fc.constant('enum' as const),
        values: fc.constant(f.values),
        default: fc.option(fc.constantFrom(...f.values), { nil: undefined }),
      }),
    ),
  fc.record({
    name: snake(50),
    type: fc.constant('array' as const),
    inner: fc.constant('string' as const),
    default: fc.option(fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }), {
      nil: undefined,
    }),
    validations: fc.option(
      fc.record({ inclusion: fc.array(word(1, 20), { minLength: 1, maxLength: 8 }) }),
      { nil: undefined },
    ),
  }),
  fc.record({
    name: snake(50),
    type: fc.constant('map' as const),
    default: fc.option(
      fc.dictionary(word(1, 15), fc.oneof(fc.integer(), fc.string({ maxLength: 20 }))),
      {
        nil: undefined,
      },
    ),
  }),
);

const batch: fc.Arbitrary<SchemaDef[]> = fc
  .uniqueArray(fc.tuple(camel, camel), {
    minLength: 1,
    maxLength: 4,
    selector: ([, s]) => s,
  })
  .chain((names) =>
    fc.tuple(
      ...names.map(([ctx, name], i) =>
        fc.record({
          module: fc.constant(`${ctx}.${name}`),
          fields: fc.uniqueArray(field, { maxLength: 7, selector: (f) => f.name }),
          associations: fc.constant(
            i > 0
              ? [
                  {
                    kind: 'belongs_to' as const,
                    name: `parent_${i}`,
                    target: `${names[0]![0]}.${names[0]![1]}`,
                  },
                ]
              : [],
          ),
          primary_key: fc.constantFrom(undefined, { type: 'binary_id' as const }, { name: 'code' }),
        }),
      ),
    ),
  )
  .map((schemas) =>
    schemas.map(
      (s) =>
        Object.fromEntries(
          Object.entries(s).filter(([, v]) => v !== undefined),
        ) as unknown as SchemaDef,
    ),
  );

describeElixir('ecto-schema layout under random models', () => {
  itElixir(
    'every module parses and is mix-format clean',
    async () => {
      const samples = fc.sample(batch, { numRuns: 120, seed: 20240501 });
      const files: { path: string; content: string }[] = [];
      let valid = 0;
      for (const [n, schemas] of samples.entries()) {
        const { model } = normalizeModel({ app: APP, schemas });
        if (!model) continue;
        valid++;
        const planned = await planEctoSchemas(
          model,
          {},
          {
            project: { root: null, read: async () => null, list: async () => [] },
            warn: () => {},
          },
        );
        files.push(...planned.map((f) => ({ path: `${n}/${f.path}`, content: f.content })));
      }
      expect(valid).toBeGreaterThan(60);
      const failures = describeElixirFailures(await checkElixirSources(files));
      expect(failures).toBe('');
    },
    60_000,
  );
});
