/**
 * Validation and normalization of the wire model: everything Phoenix silently accepts and we
 * reject (reserved words, clashes, unknown types or targets, defaults that do not fit), with exact
 * paths and messages that name the bad value and the fix. Returns the normalized model with every
 * default filled and every association resolved (FK types, tables, inverse has_many).
 *
 * The rules live in validate/ by concern: one field (field.ts, defaults.ts, validations.ts), one
 * schema (schema.ts), one association (association.ts), indexes (indexes.ts), and the checks
 * across the batch (batch.ts).
 */
import type { AppDef, SchemaDef } from './schema.js';
import type { App, Issue, Model, Schema } from './normalized.js';
import {
  addInverses,
  checkContexts,
  checkSchemas,
  indexBatch,
  resolveAssociations,
} from './validate/batch.js';
import { appFromDef } from './validate/app.js';
import type { KnownSchema } from './validate/known.js';
import { normalizeSchemaShell, type SchemaDefaults } from './validate/schema.js';
import { applyScopes, type ScopeOptions } from './validate/scope.js';

export type { KnownSchema } from './validate/known.js';
export type { SchemaDefaults } from './validate/schema.js';
export type { ScopeOptions } from './validate/scope.js';
export {
  defaultIndexName,
  defaultTable,
  lastSegment,
  namespaceOf,
  ownerKey,
} from './validate/names.js';
export { pcreProblem } from './validate/pcre.js';
export { appFromDef } from './validate/app.js';

export interface NormalizeInput {
  app?: AppDef | null;
  schemas: SchemaDef[];
}

export interface NormalizeOptions {
  known?: KnownSchema[];
  /**
   * Defaults for schemas that leave them out (the project's generator config or the call's
   * arguments): `binary_id` keys, the timestamps type. Without them: `id`, `naive_datetime`.
   */
  defaults?: SchemaDefaults;
  /**
   * The project's Phoenix 1.8 scopes and the call's choice (validate/scope.ts). Without them
   * (no project read, e.g. parse_gen_spec) scope names are kept unchecked and nothing is scoped.
   */
  scopes?: ScopeOptions;
}

export interface NormalizeResult {
  /** null when there are errors. */
  model: Model | null;
  errors: Issue[];
  warnings: Issue[];
}

export function normalizeModel(
  input: NormalizeInput,
  opts: NormalizeOptions = {},
): NormalizeResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const warn = (path: string, message: string) => warnings.push({ path, message });

  const app: App | null = input.app ? appFromDef(input.app) : null;

  // Pass 1: schema-level values and fields; then the checks across the batch.
  const schemas: Schema[] = input.schemas.map((def, i) =>
    normalizeSchemaShell(def, i, app, err, opts.defaults ?? {}),
  );
  if (opts.scopes) applyScopes(input.schemas, schemas, opts.scopes, err);
  const batch = indexBatch(input.schemas, schemas, app, opts.known ?? [], err, warn);
  checkContexts(batch);
  resolveAssociations(batch);
  addInverses(batch);
  checkSchemas(batch);

  if (errors.length > 0) return { model: null, errors, warnings };
  return { model: { app, schemas }, errors, warnings };
}
