// Bundles each stdio server (and the CLI) into one ESM file under dist/, so a client starts a
// server with `node dist/<server>.js` and Node resolves one file of ours instead of dozens.
// Dependencies stay external (node_modules): the SDK, zod, nunjucks, tree-sitter's WASM.
import { build } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entryPoints = {};
for (const name of existsSync(path.join(root, 'servers'))
  ? readdirSync(path.join(root, 'servers'))
  : []) {
  const entry = path.join(root, 'servers', name, 'index.ts');
  if (existsSync(entry)) entryPoints[name] = entry;
}
if (existsSync(path.join(root, 'cli', 'index.ts')))
  entryPoints.cli = path.join(root, 'cli', 'index.ts');

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
if (Object.keys(entryPoints).length === 0) {
  process.stderr.write('nothing to build\n');
  process.exit(0);
}
await build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});
process.stderr.write(
  `built ${Object.keys(entryPoints)
    .map((n) => `dist/${n}.js`)
    .join(', ')}\n`,
);
