/**
 * Builders for the evolve tests: a model from wire schemas, and the database state its create
 * migrations would leave (what replaying them gives), so a test states "the project as it was"
 * and "the model as it is now" in the same notation.
 */
import { expect } from 'vitest';
import { desiredTables } from '../../shared/evolve/desired.js';
import { diffModel, type TableDiff } from '../../shared/evolve/diff.js';
import {
  collectRenames,
  normalizeModel,
  type DatabaseState,
  type Model,
  type SchemaDef,
  type TableState,
} from '../../shared/model/index.js';

export const app = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

export function model(schemas: SchemaDef[]): Model {
  const r = normalizeModel({ app, schemas });
  expect(r.errors).toEqual([]);
  return r.model as Model;
}

/** The state a project generated from `schemas` has once its migrations ran. */
export function stateOf(schemas: SchemaDef[], extra: TableState[] = []): DatabaseState {
  const tables = desiredTables(model(schemas)).map(
    ({ module: _module, columns, ...t }): TableState => ({
      ...t,
      check_constraints: [],
      columns: columns.map(({ default_ex: _d, ...c }) => c),
    }),
  );
  return { source: 'migrations', tables: [...tables, ...extra], enums: [], warnings: [] };
}

/** The diff of the evolved `now` schemas against the state of `before`. */
export function evolve(before: SchemaDef[] | DatabaseState, now: SchemaDef[]): TableDiff[] {
  const state = Array.isArray(before) ? stateOf(before) : before;
  const m = model(now);
  const { renames, errors } = collectRenames(now, m);
  expect(errors).toEqual([]);
  return diffModel(state, m, renames);
}

/** The one diff of a single-table batch. */
export function evolveOne(before: SchemaDef[] | DatabaseState, now: SchemaDef[]): TableDiff {
  const diffs = evolve(before, now);
  expect(diffs).toHaveLength(1);
  return diffs[0] as TableDiff;
}

export const post = (fields: SchemaDef['fields'], extra: Partial<SchemaDef> = {}): SchemaDef => ({
  module: 'Blog.Post',
  fields,
  ...extra,
});
