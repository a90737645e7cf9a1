/**
 * The ecto-schema generator (pure: no fs, no MCP, no clock): one module per schema of the batch,
 * embedded ones included, at lib/<otp_app>/<module path>.ex.
 */
import type { Model, Schema } from '../model/index.js';
import type { PlanContext } from '../plan/index.js';
import { schemaSource, schemaView } from '../view/ecto-schema/schema.ex.js';
import { fullModule } from '../view/common.js';
import { existingReader, readBackInBatch } from './equivalent.js';
import type { PlannedFile } from '../workspace/index.js';

export async function planEctoSchemas(
  model: Model,
  _args: unknown,
  ctx: Pick<PlanContext, 'project' | 'warn' | 'phoenix'>,
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
  const renderSchema = (schema: Schema): PlannedFile => {
    const view = schemaView(app, schema, { phoenixParam });
    return { path: view.path, content: schemaSource(view) };
  };
  const reader = existingReader(model, ctx);
  const planned: PlannedFile[] = [];
  for (const [i, schema] of model.schemas.entries()) {
    const file = renderSchema(schema);
    const existing = await ctx.project.read(file.path).catch(() => null);
    if (existing !== null && existing !== file.content) {
      // A module that says the same in another layout (phx.gen's) is kept as it is.
      const same = await readBackInBatch(model, i, file.path, existing, reader);
      if (same && renderSchema(same).content === file.content) {
        planned.push({ ...file, content: existing });
        continue;
      }
    }
    planned.push(file);
  }
  return planned;
}
