/** Where the built server bundles are, from the CLI's own location. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './args.js';
import type { ServerName } from './names.js';

/**
 * The directory of the stdio bundles: the CLI's own directory when it runs as `dist/cli.js`,
 * `<repo>/dist` when it runs from source (`tsx cli/index.ts`).
 */
export function distDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(here) === 'dist' ? here : path.resolve(here, '..', 'dist');
}

/** Absolute path of `dist/<server>.js`; a CliError when it has not been built. */
export function serverBundle(name: ServerName, dir: string = distDir()): string {
  const file = path.join(dir, `${name}.js`);
  if (!existsSync(file)) {
    throw new CliError(`${file} does not exist. Build the servers first: npm run build`);
  }
  return file;
}
