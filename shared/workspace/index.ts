/**
 * shared/workspace: the only module that touches the file system (lint-enforced).
 * - ./paths.ts: path rules, containment, realpath'd allowed dirs;
 * - ./read.ts: containment-checked reads for the servers;
 * - ./write.ts: the one all-or-nothing writer.
 */
export { WorkspaceError, type WorkspaceErrorCode } from './errors.js';
export {
  expandHome,
  isInside,
  pathKey,
  realRoot,
  relativePathProblem,
  resolveRealDirs,
  splitRelativePath,
} from './paths.js';
export {
  DEFAULT_LIST_LIMIT,
  MAX_READ_BYTES,
  exists,
  listFiles,
  readText,
  rootReader,
  type ListFilesOptions,
  type RootReader,
} from './read.js';
export {
  nodeFsOps,
  writeFiles,
  type FileAction,
  type FileResult,
  type FsOps,
  type OnConflict,
  type PlannedFile,
  type WritableHandle,
  type WriteOptions,
  type WriteOutcome,
} from './write.js';
export { isExecutableFile, isFile, procTable } from './probe.js';
