/**
 * shared/mcp: tools as data, result and error helpers, roots → allowed dirs, the project root.
 * Stdio entries import './stdio-console.js' first (routes console output to stderr).
 */
export { routeConsoleToStderr } from './console.js';
export {
  ToolError,
  describeError,
  errorResult,
  formatChoices,
  toolErrorResult,
  type ToolErrorOptions,
} from './errors.js';
export { logToStderr, type LogLevel } from './log.js';
export { portableJsonSchema, withPortableJsonSchema } from './portable-schema.js';
export {
  NO_ROOT_MESSAGE,
  noRootMessage,
  resolveProjectRoot,
  tryResolveProjectRoot,
  type ResolveProjectRootOptions,
} from './project-root.js';
export {
  DEFAULT_ROOTS_TIMEOUT_MS,
  ROOTS_INPUT_KEY,
  RootsInputRequired,
  RootsResolver,
  combineRoots,
  dirsFromRootUris,
  rootsResolverFor,
  type AllowedDirs,
  type RootsDeps,
} from './roots.js';
export {
  TOOL_NAME_PATTERN,
  defineTool,
  registerTools,
  type AnyTool,
  type ServerDeps,
  type ToolContext,
  type ToolDefinition,
  type ToolHints,
  type ToolOutcome,
} from './tool.js';
export {
  CONFIRM_INPUT_KEY,
  ConfirmInputRequired,
  confirmDestructive,
  formatDestructive,
  requestDeclares,
  type DestructiveItem,
} from './confirm.js';
