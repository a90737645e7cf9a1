/**
 * Property (issue 19): a random model is generated (schema modules and migrations), then edited at
 * random (fields added, removed, renamed with renamed_from, retyped; belongs_to added and removed;
 * unique and required switched), and the edited model is generated again with on_conflict
 * "update" and every destructive change allowed: the modules are patched, alter migrations are
 * added. Reading the project back (list_ecto_schemas' reader) gives the edited model, and every
 * file parses (tree-sitter here; Elixir's parser and mix format at the end, in one process).
 * Fixed seeds keep it deterministic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOrThrow } from '../../shared/elixir/module-patch.js';
import { readProjectModel } from '../../shared/elixir/read-back.js';
import { planMigrations } from '../../shared/generate/ecto-migration.js';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import {
  normalizeModel,
  type App,
  type FieldDef,
  type Schema,
  type SchemaDef,
} from '../../shared/model/index.js';
import { projectReader, type PlanContext } from '../../shared/plan/index.js';
import { writeFiles } from '../../shared/workspace/index.js';
import { checkElixirSources, describeElixirFailures, elixirAvailable } from '../support/elixir.js';

const APP: App = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
const NAMES = ['alpha', 'beta', 'gamma', 'delta'];
const EXTRA = ['kappa', 'lambda', 'mu'];
const TYPES = ['string', 'text', 'integer', 'boolean'] as const;
type Type = (typeof TYPES)[number];
const CASTS: Record<Type, Type[]> = {
  string: ['text'],
  text: ['string'],
  integer: ['string', 'text'],
  boolean: [],
};

const fieldArb = fc.record({
  type: fc.constantFrom(...TYPES),
  required: fc.boolean(),
  unique: fc.boolean(),
});

const baseArb = fc
  .record({
    count: fc.integer({ min: 1, max: 3 }),
    fields: fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 4 }), {
      minLength: 3,
      maxLength: 3,
    }),
    parent: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), {
      minLength: 3,
      maxLength: 3,
    }),
  })
  .map(({ count, fields, parent }) =>
    Array.from({ length: count }, (_, i): SchemaDef => {
      const p = parent[i];
      return {
        module: `Shop.Item${i}`,
        fields: fields[i]!.map((f, j) => field(NAMES[j]!, f.type, f.required, f.unique)),
        associations:
          p !== null && p !== undefined && p < count && p !== i
            ? [{ kind: 'belongs_to', name: `item${p}`, target: `Shop.Item${p}` }]
            : [],
      };
    }),
  );

function field(name: string, type: Type, required: boolean, unique: boolean): FieldDef {
  return {
    name,
    type,
    required,
    ...(unique && type !== 'boolean' ? { unique: true } : {}),
  };
}

type Edit =
  | { op: 'add'; s: number; name: number; type: Type; required: boolean }
  | { op: 'remove' | 'unique' | 'required'; s: number; f: number }
  | { op: 'rename'; s: number; f: number; name: number }
  | { op: 'retype'; s: number; f: number; type: Type }
  | { op: 'belongs_to'; s: number; target: number }
  | { op: 'unlink'; s: number };

const nat = fc.integer({ min: 0, max: 5 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    s: nat,
    name: fc.integer({ min: 0, max: 2 }),
    type: fc.constantFrom(...TYPES),
    required: fc.boolean(),
  }),
  fc.record({
    op: fc.constantFrom('remove' as const, 'unique' as const, 'required' as const),
    s: nat,
    f: nat,
  }),
  fc.record({
    op: fc.constant('rename' as const),
    s: nat,
    f: nat,
    name: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    op: fc.constant('retype' as const),
    s: nat,
    f: nat,
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({ op: fc.constant('belongs_to' as const), s: nat, target: nat }),
  fc.record({ op: fc.constant('unlink' as const), s: nat }),
);

/** The batch with the edits applied (the original is not changed). */
function applyEdits(base: SchemaDef[], edits: Edit[]): SchemaDef[] {
  const out: SchemaDef[] = structuredClone(base).map((s) => ({ ...s, fields: s.fields ?? [] }));
  for (const e of edits) {
    const s = out[e.s % out.length]!;
    const fields = s.fields!;
    const f = 'f' in e && fields.length > 0 ? fields[e.f % fields.length]! : undefined;
    switch (e.op) {
      case 'add':
        // A required column is added nullable (a table with rows cannot take a NOT NULL column
        // without a default), so the model says so with null: true.
        fields.push({
          ...field(EXTRA[e.name]!, e.type, e.required, false),
          ...(e.required ? { null: true } : {}),
        });
        break;
      case 'remove':
        if (f && fields.length > 1) fields.splice(fields.indexOf(f), 1);
        break;
      case 'unique':
        if (f && f.type !== 'boolean') f.unique = !(f.unique ?? false);
        break;
      case 'required':
        if (f) f.required = !(f.required ?? true);
        break;
      case 'rename': {
        // Renaming an indexed column renames its index (`rename index(…)`), which the migration
        // replay does not interpret yet (test/evolve/roundtrip.test.ts, NEEDS_RENAME_INDEX).
        const was = base
          .find((b) => b.module === s.module)
          ?.fields?.find((b) => b.name === f?.name);
        if (f && was && !was.unique && f.renamed_from === undefined) {
          f.renamed_from = f.name;
          f.name = EXTRA[e.name]!;
        }
        break;
      }
      case 'retype':
        // Only conversions PostgreSQL makes on its own (others are refused as not generable).
        if (f && CASTS[f.type as Type]?.includes(e.type)) f.type = e.type;
        break;
      case 'belongs_to': {
        const t = e.target % out.length;
        const target = out[t]!;
        if (target !== s && !(s.associations ?? []).length) {
          s.associations = [
            { kind: 'belongs_to', name: `item${t}`, target: target.module, required: false },
          ];
        }
        break;
      }
      case 'unlink':
        s.associations = [];
        break;
    }
  }
  return out;
}

const isValid = (schemas: SchemaDef[]) => normalizeModel({ app: APP, schemas }).model !== null;

const caseArb = fc
  .record({ base: baseArb, edits: fc.array(editArb, { minLength: 1, maxLength: 4 }) })
  .map(({ base, edits }) => ({ base, edited: applyEdits(base, edits) }))
  .filter(({ base, edited }) => isValid(base) && isValid(edited));

/** A normalized schema in a form where equal meaning is equal data. */
function canonical(s: Schema): unknown {
  return {
    ...s,
    associations: s.associations
      .map(({ inferred: _i, target_index: _t, ...a }) => a)
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: [...s.indexes].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The scope `mix phx.gen.auth` configures (Phoenix 1.8), the project's default. */
const USER_SCOPE = {
  name: 'user',
  default: true,
  module: 'MyApp.Accounts.Scope',
  access_path: ['user', 'id'],
  schema_key: 'user_id',
  schema_type: 'id' as const,
  schema_table: 'users',
  test_data_fixture: 'MyApp.AccountsFixtures',
};

let minute = 0;
async function generate(
  root: string,
  schemas: SchemaDef[],
  update: boolean,
  scoped: boolean,
): Promise<Schema[]> {
  const { model, errors } = normalizeModel(
    { app: APP, schemas },
    scoped ? { scopes: { available: [USER_SCOPE], where: 'config/config.exs' } } : {},
  );
  if (!model) throw new Error(JSON.stringify(errors));
  const ctx: PlanContext = {
    project: projectReader(root),
    clock: () => new Date(Date.UTC(2024, 4, 1, 12, minute++)),
    warn: () => undefined,
    destructive: () => undefined, // allow_destructive: true
    signal: new AbortController().signal,
    progress: async () => undefined,
  };
  const args = { on_conflict: update ? ('update' as const) : ('error' as const), schemas };
  const files = [
    ...(await planEctoSchemas(model, args, ctx)),
    ...(await planMigrations(model, args, ctx)),
  ];
  const written = await writeFiles(root, files, { onConflict: 'error', dryRun: false });
  if (!written.written && written.conflicts.length > 0) {
    throw new Error(`conflicts: ${JSON.stringify(written.conflicts)}`);
  }
  return model.schemas;
}

const sources: { path: string; content: string }[] = [];

afterAll(async () => {
  if (!elixirAvailable() || sources.length === 0) return;
  // One Elixir process for every file of every run: each parses and is mix-format exact.
  const failures = describeElixirFailures(await checkElixirSources(sources));
  expect(failures).toBe('');
}, 60_000);

// The last seed runs in a project whose default scope makes every schema scoped (changeset/3).
const SEEDS = [
  { seed: 19, scoped: false },
  { seed: 1919, scoped: false },
  { seed: 191919, scoped: false },
  { seed: 17, scoped: true },
];

describe('evolution property', () => {
  for (const { seed, scoped } of SEEDS) {
    const what = scoped ? ', every schema scoped' : '';
    it(`random edits → update → read back → the edited model (seed ${seed}${what})`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArb, async ({ base, edited }) => {
          const root = mkdtempSync(path.join(tmpdir(), 'evolve-prop-'));
          try {
            await generate(root, base, false, scoped);
            const wanted = await generate(root, edited, true, scoped);
            expect(wanted.every((w) => w.scope?.name === (scoped ? 'user' : undefined))).toBe(true);
            const project = projectReader(root);
            const read = await readProjectModel(project, {
              app: APP,
              cache: false,
              ...(scoped ? { scopes: [USER_SCOPE] } : {}),
            });
            expect(read.modules.flatMap((m) => m.unsupported)).toEqual([]);
            expect(read.database.warnings).toEqual([]);
            const again = normalizeModel(
              { app: APP, schemas: read.schemas },
              scoped ? { scopes: { available: [USER_SCOPE], where: 'config/config.exs' } } : {},
            );
            expect(again.errors).toEqual([]);
            const byModule = new Map(again.model!.schemas.map((s) => [s.module, s]));
            for (const s of wanted) {
              const back = byModule.get(s.module);
              expect(back, s.module).toBeDefined();
              expect(canonical({ ...back!, context: s.context })).toEqual(canonical(s));
            }
            const files = [
              ...(await project.list('lib', { recursive: true, extensions: ['.ex'] })),
              ...(await project.list('priv/repo/migrations', { extensions: ['.exs'] })),
            ];
            for (const f of files) {
              const content = (await project.read(f))!;
              (await parseOrThrow(content, f)).delete();
              if (!f.endsWith('repo.ex')) sources.push({ path: `${seed}/${f}`, content });
            }
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
        }),
        { seed, numRuns: scoped ? 8 : 12 },
      );
    }, 60_000);
  }
});
