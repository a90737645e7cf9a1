/**
 * The prose of the generated code. Every line of Elixir is written by the TypeScript views next
 * to this file; the sentences a reader of the generated code reads as documentation (`@doc`,
 * `@moduledoc`) are text in templates/<generator>/doc/*.md.njk, so they can be reworded without
 * touching code. This module renders one such text and wraps it in its attribute.
 */
import { exString, render } from '../render/index.js';

/** The text of `templates/<name>` with `data`, without its final newline. */
export function prose(name: string, data: object): string {
  return render(name, data).replace(/\n$/, '');
}

/** `@doc """ … """` (or `@moduledoc`) at `indent`, for a text of several lines. */
export function heredocAttribute(attribute: string, text: string, indent = 2): string {
  const pad = ' '.repeat(indent);
  const body = text
    .split('\n')
    .map((line) => (line === '' ? '' : pad + line))
    .join('\n');
  return `${pad}${attribute} """\n${body}\n${pad}"""`;
}

/** `@doc "…"` at `indent`, for a one-line text. */
export function stringAttribute(attribute: string, text: string, indent = 2): string {
  return `${' '.repeat(indent)}${attribute} ${exString(text)}`;
}
