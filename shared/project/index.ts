export {
  type ProjectInfo,
  type ProjectErrorCode,
  type ReadFile,
  type ListDir,
  ProjectError,
  detectProject,
  type ConfigCall,
  type ProjectSources,
  readProject,
  readConfigCalls,
} from './detect.js';
export {
  type ProjectConventions,
  type GeneratorConfig,
  type ScopeConfig,
  appConfig,
  readConventions,
} from './conventions.js';
export {
  type ProjectVersions,
  type DependencyVersion,
  type Version,
  compareVersions,
  elixirForFormatting,
  hasRepoAllBy,
  knownFloor,
  lockedVersions,
  parseVersion,
  projectVersions,
  requirementFloor,
  supportsScopes,
} from './versions.js';
