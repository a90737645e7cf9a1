/**
 * Whether an existing file already says what the model says, compared by meaning rather than by
 * text: the file is read back as a model (shared/elixir), that model takes the schema's place in
 * the batch, and both are rendered by the same view. Equal renders mean the existing file and the
 * model state the same schema (a phx.gen-written module differs from ours in layout only), so the
 * generator keeps the file byte for byte and reports it unchanged. Code the model cannot express
 * (a custom type, an extra changeset step) makes a file never equivalent.
 */
import { replayMigrations } from '../elixir/migrations.js';
import { readBackSchema, type UnsupportedConstruct } from '../elixir/schema-model.js';
import { readSchemasFromSources } from '../elixir/schemas.js';
import type { DatabaseState } from '../model/database.js';
import { normalizeModel, type Model, type Schema } from '../model/index.js';
import { batchScopes, knownTargets, schemaToWire } from '../model/wire.js';
import type { PlanContext } from '../plan/index.js';

export interface ExistingReader {
  /** The state the project's migrations build (replayed once per generation). */
  state(): Promise<DatabaseState>;
}

export function existingReader(model: Model, ctx: Pick<PlanContext, 'project'>): ExistingReader {
  let state: Promise<DatabaseState> | undefined;
  return {
    state: () =>
      (state ??= replayMigrations(ctx.project, {
        ...(model.app ? { repo: model.app.repo } : {}),
      })),
  };
}

/**
 * The schema `index` of `model` re-normalized with the module read back from `existing` in its
 * place; null when the file holds no such module or anything the model cannot express.
 */
export async function readBackInBatch(
  model: Model,
  index: number,
  file: string,
  existing: string,
  reader: ExistingReader,
): Promise<Schema | null> {
  const back = await readBackLenient(model, index, file, existing, reader);
  return back && back.unsupported.length === 0 ? back.schema : null;
}

/**
 * Like {@link readBackInBatch}, but also for a module with constructs the model cannot express:
 * the schema as far as it can be read (null when the module is not in the file or the batch
 * with it is not valid) and what was left out.
 */
export async function readBackLenient(
  model: Model,
  index: number,
  file: string,
  existing: string,
  reader: ExistingReader,
): Promise<{ schema: Schema | null; unsupported: UnsupportedConstruct[] } | null> {
  const app = model.app;
  const schema = model.schemas[index];
  if (!app || !schema) return null;
  const found = await readSchemasFromSources([{ file, content: existing }]);
  const full = `${app.base_module}.${schema.module}`;
  const read = found.schemas.find((s) => s.module === full);
  if (!read) return null;
  const state = schema.embedded ? null : await reader.state();
  const table =
    state?.tables.find((t) => t.name === read.table && t.prefix === (read.prefix ?? null)) ?? null;
  const back = readBackSchema(read, {
    baseModule: app.base_module,
    table,
    scopes: batchScopes(model.schemas),
  });
  // The read-back module says for itself which inverses it has: the batch's belongs_to must not
  // infer them into it again (a module lacking a has_many would otherwise read as having it).
  const wire = model.schemas.map((s, j) => {
    const w = schemaToWire(s);
    if (j === index) return w;
    return {
      ...w,
      associations: w.associations?.map((a) =>
        a.kind === 'belongs_to' && a.target === schema.module
          ? { ...a, inverse: 'none' as const }
          : a,
      ),
    };
  });
  wire[index] = { ...back.model, context: schema.context };
  const again = normalizeModel(
    { app, schemas: wire },
    {
      known: knownTargets(model.schemas),
      scopes: { available: batchScopes(model.schemas), where: 'the batch' },
    },
  );
  return { schema: again.model?.schemas[index] ?? null, unsupported: back.unsupported };
}
