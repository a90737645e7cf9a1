export { camelize, underscore, humanize } from './case.js';
export { pluralize, singularize } from './inflect.js';
export {
  lastSegment,
  moduleToPath,
  pathToModule,
  singularFor,
  pluralFor,
  tableForModule,
  schemaForTable,
} from './modules.js';
export {
  ELIXIR_RESERVED_WORDS,
  SPECIAL_NAMES,
  FORBIDDEN_FIELD_NAMES,
  isElixirModuleName,
  isSnakeIdentifier,
  moduleNameError,
  identifierError,
} from './validate.js';
