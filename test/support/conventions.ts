/**
 * What the generation pipeline does before planning, for the golden runners (which call the pure
 * planners): the project's conventions when the case has a project with mix.exs (no installed
 * Elixir is probed, so goldens do not depend on the machine), and the formatter of its Elixir.
 */
import type { App, NormalizeOptions } from '../../shared/model/index.js';
import { conventionsWithoutProject, type Conventions } from '../../shared/pipeline/conventions.js';
import type { GeneratorInput } from '../../shared/pipeline/input.js';
import { resolveProject } from '../../shared/pipeline/run.js';
import type { ProjectReader } from '../../shared/plan/index.js';
import { elixirFormatter, withElixirFormatter } from '../../shared/render/index.js';

export async function caseConventions(
  input: GeneratorInput,
  project: ProjectReader,
): Promise<{ app?: App; conventions: Conventions }> {
  if (project.root === null || (await project.read('mix.exs')) === null) {
    return { conventions: conventionsWithoutProject(input) };
  }
  return resolveProject(input, project, [], async () => undefined);
}

/** Runs a planner as the pipeline does: laid out for the project's Elixir. */
export function planFor<T>(conventions: Conventions, plan: () => Promise<T>): Promise<T> {
  return withElixirFormatter(elixirFormatter(conventions.elixir), plan);
}

/** normalizeModel's options as the pipeline passes them: the defaults and the scopes. */
export function normalizeOptions(
  conventions: Conventions,
  input: Pick<GeneratorInput, 'scope'>,
): NormalizeOptions {
  return {
    defaults: conventions.defaults,
    scopes: { ...conventions.scope_options, requested: input.scope },
  };
}
