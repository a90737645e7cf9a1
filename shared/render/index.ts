export {
  ElixirLiteralError,
  exString,
  exAtom,
  exKey,
  exModule,
  exInteger,
  exFloat,
  exLiteral,
  exRegex,
} from './literals.js';
export {
  ELIXIR_FILTERS,
  type Renderer,
  createRenderer,
  defaultTemplatesDir,
  getRenderer,
  render,
  renderString,
} from './renderer.js';
export {
  LINE_LENGTH,
  type Ex,
  type Pair,
  type FormatOptions,
  ex,
  exToString,
  flatText,
  literalEx,
  formatExpr,
  formatLines,
  formatCallWithTrailingList,
  formatKeywordCall,
} from './layout.js';
export {
  type ElixirFormatter,
  FORMATTER_1_14,
  FORMATTER_1_15,
  FORMATTER_1_18,
  currentElixirFormatter,
  elixirFormatter,
  withElixirFormatter,
} from './formatter.js';
