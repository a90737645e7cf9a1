/** shared/plan: the contract between the orchestrator and the generators (types and error). */
export {
  memoizedReader,
  projectReader,
  type DestructiveItem,
  type KnownSchemasReader,
  type PlanContext,
  type Planner,
  type ProjectReader,
} from './context.js';
export { GenerationError, type GenerationErrorOptions } from './errors.js';
export {
  DEFAULT_ON_CONFLICT,
  ON_CONFLICT_MODES,
  onConflictOf,
  type OnConflictMode,
} from './on-conflict.js';
