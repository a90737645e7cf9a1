/**
 * Module name ↔ path/table helpers built on the Elixir-exact case conversions.
 */
import { camelize, underscore } from './case.js';
import { pluralize, singularize } from './inflect.js';

/** The last `.`-separated segment of a module name: `Blog.PostCategory` → `PostCategory`. */
export function lastSegment(module: string): string {
  const i = module.lastIndexOf('.');
  return i === -1 ? module : module.slice(i + 1);
}

/** `Blog.PostCategory` → `blog/post_category` (`Macro.underscore/1`). */
export function moduleToPath(module: string): string {
  return underscore(module);
}

/** `blog/post_category` → `Blog.PostCategory` (`Macro.camelize/1`). */
export function pathToModule(path: string): string {
  return camelize(path);
}

/** The singular snake_case name of a schema: `Blog.PostCategory` → `post_category`. */
export function singularFor(module: string): string {
  return underscore(lastSegment(module));
}

/** The plural snake_case name of a schema: `Blog.PostCategory` → `post_categories`. */
export function pluralFor(module: string): string {
  return pluralize(singularFor(module));
}

/** The default table of a schema: plural of the underscored last segment. */
export function tableForModule(module: string): string {
  return pluralFor(module);
}

/** The schema module (last segment) for a table: `post_categories` → `PostCategory`. */
export function schemaForTable(table: string): string {
  return camelize(singularize(table));
}
