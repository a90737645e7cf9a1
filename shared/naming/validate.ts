/**
 * Name validation: Elixir module names, snake_case identifiers, reserved words and the
 * special atoms/forms that must not be used as field, association or key names.
 */

/** Elixir's reserved words: they cannot be used as variable or function names. */
export const ELIXIR_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'true',
  'false',
  'nil',
  'when',
  'and',
  'or',
  'not',
  'in',
  'fn',
  'do',
  'end',
  'catch',
  'rescue',
  'after',
  'else',
]);

/**
 * Special atoms and special forms that must not be field names: struct/Ecto internals
 * (`__struct__`, `__meta__`, `__schema__`, …), compile-time pseudo-variables (`__MODULE__`,
 * …), quoting forms, and `__block__`/`__aliases__`, which `post.__block__` cannot even parse.
 */
export const SPECIAL_NAMES: ReadonlySet<string> = new Set([
  '__struct__',
  '__meta__',
  '__info__',
  '__schema__',
  '__changeset__',
  '__fields__',
  '__derive__',
  '__protocol__',
  '__impl__',
  '__deriving__',
  '__using__',
  '__before_compile__',
  '__after_compile__',
  '__on_definition__',
  '__MODULE__',
  '__ENV__',
  '__CALLER__',
  '__DIR__',
  '__STACKTRACE__',
  '__block__',
  '__aliases__',
  '__cursor__',
  'quote',
  'unquote',
  'unquote_splicing',
  'super',
]);

/** Every name that may not be a field/association/key name. */
export const FORBIDDEN_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...ELIXIR_RESERVED_WORDS,
  ...SPECIAL_NAMES,
]);

const MODULE_RE = /^[A-Z][A-Za-z0-9_]*(\.[A-Z][A-Za-z0-9_]*)*$/;
const SNAKE_RE = /^[a-z_][a-z0-9_]*$/;

/** `^[A-Z]\w*(\.[A-Z]\w*)*$` with ASCII `\w` (the check `phx.gen.schema` applies). */
export function isElixirModuleName(name: string): boolean {
  return MODULE_RE.test(name);
}

/** `^[a-z_][a-z0-9_]*$`: lowercase ASCII snake_case, not starting with a digit. */
export function isSnakeIdentifier(name: string): boolean {
  return SNAKE_RE.test(name);
}

/** Why `name` is not a valid Elixir module name, or `undefined` when it is. */
export function moduleNameError(name: string, what = 'module name'): string | undefined {
  if (isElixirModuleName(name)) return undefined;
  if (name === '') return `expected a ${what}, got an empty string`;
  const hint = suggestModuleName(name);
  return (
    `expected the ${what} ${JSON.stringify(name)} to be a valid Elixir module name: ` +
    'dot-separated segments that each start with an uppercase ASCII letter followed by ' +
    `ASCII letters, digits or underscores (e.g. "Blog.Post")` +
    (hint !== undefined && hint !== name ? `; did you mean ${JSON.stringify(hint)}?` : '')
  );
}

/**
 * Why `name` is not usable as a snake_case identifier (field, table, association, …), or
 * `undefined` when it is. Also rejects reserved words and special names.
 */
export function identifierError(name: string, what = 'name'): string | undefined {
  if (name === '') return `expected a ${what}, got an empty string`;
  if (!isSnakeIdentifier(name)) {
    const hint = suggestSnake(name);
    return (
      `expected the ${what} ${JSON.stringify(name)} to be lowercase snake_case ASCII ` +
      '(letters, digits and underscores, not starting with a digit)' +
      (hint !== '' && hint !== name ? `; did you mean ${JSON.stringify(hint)}?` : '')
    );
  }
  if (ELIXIR_RESERVED_WORDS.has(name)) {
    return `the ${what} ${JSON.stringify(name)} is an Elixir reserved word; pick another name (e.g. ${JSON.stringify(name + '_value')})`;
  }
  if (SPECIAL_NAMES.has(name)) {
    return `the ${what} ${JSON.stringify(name)} is reserved by Elixir/Ecto; pick another name`;
  }
  return undefined;
}

function suggestSnake(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function suggestModuleName(name: string): string | undefined {
  const segments = name
    .split('.')
    .map((seg) =>
      seg
        .replace(/[^A-Za-z0-9_]+/g, '_')
        .split('_')
        .filter((p) => p !== '')
        .map((p) => p[0]!.toUpperCase() + p.slice(1))
        .join(''),
    )
    .filter((seg) => seg !== '');
  const s = segments.join('.');
  return isElixirModuleName(s) ? s : undefined;
}
