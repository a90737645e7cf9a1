/**
 * Property (issue 18): a random model, generated (schema modules and migrations, written through
 * the workspace writer) and read back by the project read, equals the normalized input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readProjectModel } from '../../shared/elixir/read-back.js';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import {
  normalizeModel,
  type App,
  type FieldDef,
  type Schema,
  type SchemaDef,
} from '../../shared/model/index.js';
import { projectReader, type PlanContext } from '../../shared/plan/index.js';
import { writeFiles } from '../../shared/workspace/index.js';

const APP: App = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
const NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

const field: fc.Arbitrary<FieldDef> = fc.oneof(
  fc.record({
    type: fc.constantFrom('string' as const),
    // At least as long as the longest default below: a default longer than its size is invalid.
    size: fc.option(fc.integer({ min: 11, max: 500 }), { nil: undefined }),
    unique: fc.boolean(),
    redact: fc.boolean(),
    default: fc.option(fc.constantFrom('x', 'hello world'), { nil: undefined }),
    validations: fc.option(
      fc.constantFrom(
        { length: { min: 2 } },
        { format: '^[a-z]+$' },
        { inclusion: ['a', 'b'] },
        { length: { min: 1, max: 9 }, format: '@' },
      ),
      { nil: undefined },
    ),
  }),
  fc.record({ type: fc.constantFrom('text' as const, 'date' as const, 'uuid' as const) }),
  fc.record({
    type: fc.constant('integer' as const),
    default: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
    validations: fc.option(fc.constant({ number: { greater_than: 0 } }), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('decimal' as const),
    precision: fc.constant(10),
    scale: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ type: fc.constantFrom('boolean' as const, 'float' as const, 'map' as const) }),
  fc.record({
    type: fc.constant('enum' as const),
    values: fc.constant(['draft', 'live']),
    default: fc.option(fc.constant('draft'), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('array' as const),
    inner: fc.constantFrom('string' as const, 'integer' as const),
  }),
  fc.record({
    type: fc.constant('utc_datetime' as const),
    required: fc.boolean(),
  }),
) as fc.Arbitrary<FieldDef>;

/** Only models the validator accepts: the property is about what the generators can write. */
const isValid = (schemas: SchemaDef[]) => normalizeModel({ app: APP, schemas }).model !== null;

const batch: fc.Arbitrary<SchemaDef[]> = fc
  .record({
    count: fc.integer({ min: 1, max: 3 }),
    binary: fc.boolean(),
    timestamps: fc.constantFrom(
      'naive_datetime' as const,
      'utc_datetime' as const,
      'utc_datetime_usec' as const,
      false as const,
    ),
    fields: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), {
      minLength: 3,
      maxLength: 3,
    }),
    parent: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), {
      minLength: 3,
      maxLength: 3,
    }),
    optional: fc.boolean(),
    // The options the model carries beyond phx.gen: source:, timestamp names, autogenerate,
    // on_replace.
    sourced: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    renamedTimestamps: fc.boolean(),
    manualKey: fc.boolean(),
    onReplace: fc.option(fc.constantFrom('nilify' as const, 'update' as const, 'delete' as const), {
      nil: undefined,
    }),
  })
  .map(({ count, binary, timestamps, fields, parent, optional, ...more }) =>
    Array.from({ length: count }, (_, i): SchemaDef => {
      const p = parent[i];
      const names = more.renamedTimestamps ? { inserted_at: 'created_at' } : {};
      return {
        module: `Shop.Item${i}`,
        primary_key: {
          name: 'id',
          type: binary ? 'binary_id' : 'id',
          ...(more.manualKey && i === 0 ? { autogenerate: false } : {}),
        },
        timestamps: timestamps === false ? false : { type: timestamps, ...names },
        fields: fields[i]!.map((f, j) => ({
          ...f,
          name: NAMES[j]!,
          ...(more.sourced[j] ? { source: `${NAMES[j]!}_col` } : {}),
        })),
        associations:
          p !== null && p !== undefined && p < count && p !== i
            ? [
                {
                  kind: 'belongs_to',
                  name: 'owner',
                  target: `Shop.Item${p}`,
                  required: !optional,
                  ...(optional ? { on_delete: 'nilify_all' as const } : {}),
                  ...(more.onReplace ? { on_replace: more.onReplace } : {}),
                },
              ]
            : [],
      };
    }),
  )
  .filter(isValid);

/** A normalized schema in a form where equal meaning is equal data. */
function canonical(s: Schema): unknown {
  return {
    ...s,
    fields: s.fields.map((f) => {
      const length = f.validations.length;
      if (!length || length.max !== f.size) return f;
      const { max: _max, ...rest } = length;
      const { length: _l, ...others } = f.validations;
      const validations = Object.keys(rest).length === 0 ? others : { ...others, length: rest };
      return { ...f, validations };
    }),
    associations: s.associations
      .map(({ inferred: _i, target_index: _t, ...a }) => a)
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: [...s.indexes].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

async function generateInto(root: string, schemas: SchemaDef[]): Promise<Schema[]> {
  const { model, errors } = normalizeModel({ app: APP, schemas });
  if (!model) throw new Error(JSON.stringify(errors));
  const ctx: PlanContext = {
    project: projectReader(root),
    clock: () => new Date('2024-05-01T12:00:00Z'),
    warn: () => undefined,
    signal: new AbortController().signal,
    progress: async () => undefined,
  };
  const files = [
    ...(await planEctoSchemas(model, {}, ctx)),
    ...(await planMigrations(model, {}, ctx)),
  ];
  await writeFiles(root, files, { onConflict: 'error', dryRun: false });
  return model.schemas;
}

describe('read-back property', () => {
  it('random models → generate → read back → the normalized input', async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (schemas) => {
        const root = mkdtempSync(path.join(tmpdir(), 'readback-prop-'));
        try {
          const wanted = await generateInto(root, schemas);
          const read = await readProjectModel(projectReader(root), { app: APP });
          expect(read.modules.flatMap((m) => m.unsupported)).toEqual([]);
          expect(read.database.warnings).toEqual([]);
          const again = normalizeModel({ app: APP, schemas: read.schemas });
          expect(again.errors).toEqual([]);
          const byModule = new Map(again.model!.schemas.map((s) => [s.module, s]));
          for (const s of wanted) {
            const back = byModule.get(s.module);
            expect(back, s.module).toBeDefined();
            expect(canonical({ ...back!, context: s.context })).toEqual(canonical(s));
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
