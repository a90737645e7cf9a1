/**
 * The inverse of a new belongs_to whose target lives outside the batch (on_conflict "update"): a
 * new `belongs_to :post, MyApp.Blog.Post` on Comment adds `has_many :comments, MyApp.Blog.Comment`
 * (has_one for a unique belongs_to) to Post's module, unless Post already has an association back
 * or something of that name. Targets inside the batch get their inverse from the normalizer.
 */
import {
  readProjectSchemas,
  readSchemasFromSources,
  type ProjectSchema,
} from '../elixir/schemas.js';
import { ModulePatchError } from '../elixir/module-patch.js';
import { lastSegment, type Model, type Schema } from '../model/index.js';
import { underscore } from '../naming/index.js';
import type { PlanContext } from '../plan/index.js';
import { hasLine } from '../view/ecto-schema/schema.ex.js';
import { fullModule } from '../view/common.js';
import type { PlannedFile } from '../workspace/index.js';
import { addAssociations } from './schema-update.js';

interface Addition {
  target: ProjectSchema;
  code: string;
  note: string;
}

/** Whether `target` already has `name`, or a has_many/has_one back to `owner` over `fk`. */
function hasInverse(target: ProjectSchema, owner: string, name: string, fk: string): boolean {
  if (target.fields.some((f) => f.name === name)) return true;
  return target.associations.some(
    (t) =>
      t.name === name ||
      ((t.kind === 'has_many' || t.kind === 'has_one') &&
        t.target === owner &&
        (t.options['foreign_key']?.replace(/^:/, '') ?? fk) === fk),
  );
}

/** The belongs_to names the existing module (null: none) declares, read with tree-sitter. */
async function declared(existing: string | null, module: string): Promise<Set<string>> {
  if (existing === null) return new Set();
  const found = await readSchemasFromSources([{ file: 'existing.ex', content: existing }]);
  const read = found.schemas.find((m) => m.module === module);
  return new Set(read?.associations.filter((a) => a.kind === 'belongs_to').map((a) => a.name));
}

async function additionsOf(
  model: Model,
  s: Schema,
  existing: string | null,
  targets: Map<string, ProjectSchema>,
): Promise<Addition[]> {
  const app = model.app!;
  const out: Addition[] = [];
  const had = await declared(existing, fullModule(app, s.module));
  for (const a of s.associations) {
    if (a.kind !== 'belongs_to' || a.target_index !== null || a.inverse === 'none') continue;
    if (had.has(a.name)) continue;
    const target = targets.get(fullModule(app, a.target));
    if (!target || target.embedded) continue;
    const name =
      a.inverse_name ?? (a.inverse === 'has_many' ? s.table : underscore(lastSegment(s.module)));
    const owner = fullModule(app, s.module);
    if (hasInverse(target, owner, name, a.foreign_key)) continue;
    const pk = target.primary_key === false ? 'id' : target.primary_key.name;
    const code = hasLine(
      { kind: a.inverse, name, target: s.module, foreign_key: a.foreign_key },
      app,
      { module: a.target, primary_key: { name: pk, type: 'id' } },
    );
    out.push({
      target,
      code,
      note: `${target.file}: added ${code.trim()} (the inverse of ${owner}'s new belongs_to :${a.name}).`,
    });
  }
  return out;
}

export async function planInverses(
  model: Model,
  before: ReadonlyMap<number, string | null>,
  ctx: Pick<PlanContext, 'project' | 'warn'> & { update: boolean },
): Promise<PlannedFile[]> {
  if (!ctx.update || model.app === null) return [];
  const outside = model.schemas.some((s) =>
    s.associations.some(
      (a) => a.kind === 'belongs_to' && a.target_index === null && a.inverse !== 'none',
    ),
  );
  if (!outside) return [];
  const found = await readProjectSchemas(ctx.project);
  const targets = new Map(found.schemas.map((t) => [t.module, t]));
  const byFile = new Map<string, Addition[]>();
  for (const [i, s] of model.schemas.entries()) {
    for (const add of await additionsOf(model, s, before.get(i) ?? null, targets)) {
      byFile.set(add.target.file, [...(byFile.get(add.target.file) ?? []), add]);
    }
  }
  const planned: PlannedFile[] = [];
  for (const [file, adds] of byFile) {
    const source = await ctx.project.read(file);
    if (source === null) continue;
    try {
      const content = await addAssociations(
        source,
        adds[0]!.target.module,
        file,
        adds.map((a) => a.code),
      );
      planned.push({ path: file, content, expected: source });
      for (const a of adds) ctx.warn(a.note);
    } catch (e) {
      if (!(e instanceof ModulePatchError)) throw e;
      for (const a of adds) ctx.warn(`${file}: ${e.message}; add ${a.code.trim()} yourself.`);
    }
  }
  return planned;
}
