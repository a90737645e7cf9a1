/**
 * The ecto-schema generator (pure: no fs, no MCP, no clock): one module per schema of the batch,
 * embedded ones included, at lib/<otp_app>/<module path>.ex.
 *
 * A module that exists already: with on_conflict "update" (the default) it is patched to the model
 * (./schema-update.ts), and a new belongs_to whose target lives outside the batch gets its inverse
 * has_many/has_one in the target's module (./schema-inverse.ts), in the same all-or-nothing batch;
 * removals go to the pipeline for confirmation. With error, skip or overwrite, the freshly rendered
 * module is planned and the writer applies on_conflict.
 */
import { ModulePatchError } from '../elixir/module-patch.js';
import { collectRenames, type Model, type Schema, type SchemaDef } from '../model/index.js';
import {
  onConflictOf,
  type DestructiveItem,
  type OnConflictMode,
  type PlanContext,
} from '../plan/index.js';
import { schemaSource, schemaView, type SchemaView } from '../view/ecto-schema/schema.ex.js';
import { fullModule } from '../view/common.js';
import type { PlannedFile } from '../workspace/index.js';
import {
  existingReader,
  readBackInBatch,
  readBackLenient,
  type ExistingReader,
} from './equivalent.js';
import { planInverses } from './schema-inverse.js';
import { updateSchemaModule, type Removal } from './schema-update.js';

export interface EctoSchemaArgs {
  on_conflict?: OnConflictMode | undefined;
  /** The wire schemas of the batch, for their fields' renamed_from (update only). */
  schemas?: readonly SchemaDef[] | undefined;
}

type Ctx = Pick<PlanContext, 'project' | 'warn' | 'phoenix' | 'destructive'>;

export async function planEctoSchemas(
  model: Model,
  args: EctoSchemaArgs | undefined,
  ctx: Ctx,
): Promise<PlannedFile[]> {
  const app = model.app;
  if (app === null) throw new Error('planEctoSchemas: the model has no app');
  const customKeys = model.schemas.filter(
    (s) => s.primary_key !== false && s.primary_key.name !== 'id',
  );
  const phoenixParam = customKeys.length > 0 && ctx.phoenix === true;
  if (!phoenixParam) {
    for (const s of customKeys) {
      const key = s.primary_key === false ? '' : s.primary_key.name;
      ctx.warn(
        `${fullModule(app, s.module)} has the primary key :${key}. Phoenix builds URLs from :id, so if you use it in routes add \`@derive {Phoenix.Param, key: :${key}}\` to the module; it was not added because mix.exs does not list :phoenix (the module must compile with Ecto alone).`,
      );
    }
  }
  const update = onConflictOf(args?.on_conflict) === 'update' && ctx.project.root !== null;
  const view = (schema: Schema) => schemaView(app, schema, { phoenixParam });
  const reader = existingReader(model, ctx);
  const renames = update ? fieldRenames(model, args?.schemas) : [];
  const planned: PlannedFile[] = [];
  const before = new Map<number, string | null>();
  const destructive: DestructiveItem[] = [];
  for (const [i, schema] of model.schemas.entries()) {
    const v = view(schema);
    const file: PlannedFile = { path: v.path, content: schemaSource(v) };
    const existing = await ctx.project.read(file.path).catch(() => null);
    before.set(i, existing);
    if (existing === null || existing === file.content) {
      planned.push(file);
      continue;
    }
    // A module that says the same in another layout (phx.gen's) is kept as it is.
    const same = await readBackInBatch(model, i, file.path, existing, reader);
    if (same && schemaSource(view(same)) === file.content) {
      planned.push({ ...file, content: existing });
      continue;
    }
    if (!update) {
      planned.push(file);
      continue;
    }
    const patched = await patchModule(model, i, existing, v, {
      reader,
      view,
      renamed: renames[i] ?? new Map(),
      ctx,
    });
    if (patched === null) {
      planned.push(file);
      continue;
    }
    planned.push({ ...file, content: patched.content, expected: existing });
    destructive.push(
      ...patched.removed.map((r) => removalItem(file.path, fullModule(app, schema.module), r)),
    );
  }
  planned.push(...(await planInverses(model, before, { ...ctx, update })));
  if (destructive.length > 0) ctx.destructive?.(destructive);
  return planned;
}

/** Per batch schema: its fields' former names → new names (renamed_from). */
function fieldRenames(model: Model, defs: readonly SchemaDef[] | undefined): Map<string, string>[] {
  if (!defs) return [];
  const { renames } = collectRenames(defs, model);
  return model.schemas.map((s) => {
    const byNew = renames.columns.get(s.table) ?? new Map<string, string>();
    return new Map([...byNew].map(([to, from]) => [from, to]));
  });
}

interface PatchDeps {
  reader: ExistingReader;
  view: (schema: Schema) => SchemaView;
  renamed: Map<string, string>;
  ctx: Ctx;
}

/** The patched module, or null (with a warning) when the file cannot be patched. */
async function patchModule(
  model: Model,
  i: number,
  existing: string,
  next: SchemaView,
  deps: PatchDeps,
): Promise<{ content: string; removed: Removal[] } | null> {
  const app = model.app!;
  const schema = model.schemas[i]!;
  const path = deps.view(schema).path;
  const back = await readBackLenient(model, i, path, existing, deps.reader);
  const old = back?.schema ? deps.view(back.schema) : null;
  if (old && old.attributes.join('\n') !== next.attributes.join('\n')) {
    deps.ctx.warn(
      `${path}: the module attributes were left as they are; the model has ${next.attributes.join(', ') || 'none of @schema_prefix, @primary_key, @foreign_key_type, @derive'} (the module: ${old.attributes.join(', ') || 'none'}).`,
    );
  }
  try {
    const r = await updateSchemaModule({
      path,
      module: fullModule(app, schema.module),
      source: existing,
      next: next.parts,
      old: old?.parts ?? null,
      table: schema.embedded ? null : schema.table,
      unsupported: new Set(back?.unsupported.map((u) => u.what) ?? []),
      renamed: deps.renamed,
    });
    for (const n of r.notes) deps.ctx.warn(n);
    return r;
  } catch (e) {
    if (!(e instanceof ModulePatchError)) throw e;
    deps.ctx.warn(
      `${path}: ${e.message}, so it could not be brought to the model; pass on_conflict "overwrite" to replace it or "skip" to keep it.`,
    );
    return null;
  }
}

function removalItem(path: string, module: string, r: Removal): DestructiveItem {
  const what =
    r.kind === 'timestamps' ? 'timestamps (inserted_at, updated_at)' : `${r.kind} :${r.name}`;
  // The file is the place; `change` names the field (a column would print as `post.ex.views`).
  return {
    table: path,
    column: null,
    change: `remove ${what} from ${module}`,
    consequence:
      r.kind === 'association'
        ? `code that preloads or builds ${r.name} through ${module} stops working`
        : `code that reads or sets ${r.kind === 'timestamps' ? 'the timestamps' : r.name} on ${module} fails (the column's data goes only with a migration that drops it)`,
  };
}
