/** Names derived from module names, shared by validation and the generators. */
import { pluralize, underscore } from '../../naming/index.js';
import type { App } from '../normalized.js';

/** Last segment of a module name. */
export function lastSegment(module: string): string {
  const parts = module.split('.');
  return parts[parts.length - 1] ?? module;
}

/** Namespace of a module ("Blog" for "Blog.Post"), or null for a single segment. */
export function namespaceOf(module: string): string | null {
  const i = module.lastIndexOf('.');
  return i < 0 ? null : module.slice(0, i);
}

/** The FK column Ecto derives for has_many/has_one/many_to_many owners: "<underscored last segment>_id". */
export function ownerKey(module: string): string {
  return `${underscore(lastSegment(module))}_id`;
}

export function defaultTable(module: string): string {
  return pluralize(underscore(lastSegment(module)));
}

/**
 * Ecto's default index name: table, columns and "index" joined by `_`, each with non-word
 * characters as `_` and trailing `_` trimmed.
 */
export function defaultIndexName(table: string, columns: readonly string[]): string {
  return [table, ...columns, 'index']
    .map((p) => p.replace(/[^\w]/g, '_').replace(/_+$/, ''))
    .join('_');
}

/** Strips "MyApp." from a fully-qualified module when the app is known. */
export function relativeModule(module: string, app: App | null): string {
  if (app && module.startsWith(`${app.base_module}.`))
    return module.slice(app.base_module.length + 1);
  return module;
}
