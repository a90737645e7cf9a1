export {
  type ProjectInfo,
  type ProjectErrorCode,
  type ReadFile,
  type ListDir,
  ProjectError,
  detectProject,
  stripElixirComments,
} from './detect.js';
