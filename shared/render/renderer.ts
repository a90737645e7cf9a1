/**
 * The one nunjucks Environment, for the prose in the repository's `templates/` (the views write
 * the code: docs/ARCHITECTURE.md, "Where Elixir is written"),
 * no HTML autoescaping (it would corrupt Elixir), undefined values throw, trim/lstrip blocks,
 * and the Elixir-literal filters so no raw user string reaches the output.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type nunjucks from 'nunjucks';
import {
  exAtom,
  exFloat,
  exInteger,
  exKey,
  exLiteral,
  exModule,
  exRegex,
  exString,
} from './literals.js';

/** The filters every template can use: `{{ field.name | ex_atom }}`. */
export const ELIXIR_FILTERS = {
  ex_string: exString,
  ex_atom: exAtom,
  ex_key: exKey,
  ex_module: exModule,
  ex_literal: exLiteral,
  ex_integer: exInteger,
  ex_float: exFloat,
  ex_regex: exRegex,
} as const satisfies Record<string, (...args: never[]) => string>;

export interface Renderer {
  readonly env: nunjucks.Environment;
  /** Absolute path of the templates directory this renderer loads from. */
  readonly templatesDir: string;
  /** Render `templates/<name>`, e.g. `ecto-schema/schema.ex.njk`. */
  render(name: string, context: object): string;
  /** Render a template given as a string (tests, small snippets). */
  renderString(source: string, context: object): string;
}

/**
 * The repository's `templates/` directory, found from this module's location so it works from
 * the sources (`shared/render/`) and from the build (`dist/shared/render/`): the nearest
 * ancestor holding both `package.json` and `templates/` (also when bundled into `dist/*.js`);
 * failing that, the nearest ancestor with a `package.json`, then the layout-implied root.
 */
export function defaultTemplatesDir(moduleUrl: string = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  let firstPackage: string | undefined;
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(join(dir, 'templates'))) return join(dir, 'templates');
      firstPackage ??= dir;
    }
    if (dirname(dir) === dir) break;
  }
  if (firstPackage !== undefined) return join(firstPackage, 'templates');
  let root = here.endsWith(`${sep}shared${sep}render`) ? resolve(here, '..', '..') : here;
  if (root.endsWith(`${sep}dist`)) root = dirname(root);
  return join(root, 'templates');
}

let nunjucksModule: typeof nunjucks | undefined;

/**
 * nunjucks, loaded on the first render rather than at import (~20 ms of every server's start-up
 * otherwise; `tools/list` never renders). Synchronous (`require`; nunjucks is CommonJS) so
 * `render` stays synchronous.
 */
function loadNunjucks(): typeof nunjucks {
  nunjucksModule ??= createRequire(import.meta.url)('nunjucks') as typeof nunjucks;
  return nunjucksModule;
}

export function createRenderer(templatesDir: string = defaultTemplatesDir()): Renderer {
  const nunjucks = loadNunjucks();
  const loader = new nunjucks.FileSystemLoader(templatesDir, { noCache: false });
  const env = new nunjucks.Environment(loader, {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  for (const [name, fn] of Object.entries(ELIXIR_FILTERS)) {
    env.addFilter(name, fn as (...args: unknown[]) => string);
  }
  return {
    env,
    templatesDir,
    render: (name, context) => env.render(name, context),
    renderString: (source, context) => env.renderString(source, context),
  };
}

let singleton: Renderer | undefined;

/** The process-wide renderer over the repository's `templates/`. */
export function getRenderer(): Renderer {
  singleton ??= createRenderer();
  return singleton;
}

/** Render `templates/<name>` with the process-wide renderer. */
export function render(name: string, context: object): string {
  return getRenderer().render(name, context);
}

/** Render a template string with the process-wide renderer's environment and filters. */
export function renderString(source: string, context: object): string {
  return getRenderer().renderString(source, context);
}
