/**
 * The files the generators write for a worked example, rendered by their own pure planners with
 * a fixed clock, no project (as a dry run without project_root) and the app my_app (MyApp).
 */
import { planEctoSchemas } from '../../../shared/generate/ecto-schema.js';
import { planMigrations } from '../../../shared/generate/ecto-migration.js';
import { planPhoenixContexts } from '../../../shared/generate/phoenix-context.js';
import { normalizeModel } from '../../../shared/model/index.js';
import { DEFAULT_APP } from '../../../shared/pipeline/run.js';
import { projectReader, type PlanContext } from '../../../shared/plan/index.js';
import type { PlannedFile } from '../../../shared/workspace/index.js';
import { exampleModel, type Example } from './examples.js';

/** The clock of the example migrations (their versions are 20240101000000, …). */
export const EXAMPLE_CLOCK = new Date('2024-01-01T00:00:00Z');

export interface GeneratorFiles {
  /** The tool that writes these files. */
  tool: string;
  files: PlannedFile[];
}

type Plan = (model: never, args: never, ctx: PlanContext) => Promise<PlannedFile[]>;

const GENERATORS: { tool: string; plan: Plan }[] = [
  { tool: 'generate_ecto_schema', plan: planEctoSchemas as Plan },
  { tool: 'generate_ecto_migration', plan: planMigrations as Plan },
  { tool: 'generate_phoenix_context', plan: planPhoenixContexts as Plan },
];

export async function renderExampleFiles(ex: Example): Promise<GeneratorFiles[]> {
  const { model, errors } = normalizeModel({ app: DEFAULT_APP, schemas: exampleModel(ex).schemas });
  if (!model) throw new Error(`example ${ex.name} is invalid: ${JSON.stringify(errors)}`);
  const ctx: PlanContext = {
    project: projectReader(null),
    clock: () => EXAMPLE_CLOCK,
    warn: () => undefined,
    signal: new AbortController().signal,
    progress: async () => undefined,
  };
  const out: GeneratorFiles[] = [];
  for (const g of GENERATORS) {
    out.push({ tool: g.tool, files: await g.plan(model as never, {} as never, ctx) });
  }
  return out;
}
