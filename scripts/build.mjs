// Bundles each stdio server (and the CLI) into one ESM file under dist/, so Node resolves one
// file of ours instead of dozens. A client starts a server with `node dist/<server>.js`: a
// loader that sets the V8 flags and then imports the bundle, dist/<server>.server.js (below).
// Dependencies stay external (node_modules): the SDK, zod, nunjucks, tree-sitter's WASM.
//
//   node scripts/build.mjs [--outdir DIR] [--entry NAME=FILE]… [--only NAME]…
//
// --outdir (default dist) and --entry/--only are for `npm run bench`, which bundles the servers
// and its hello-world baseline into .bench/dist with exactly these options, without touching
// dist/ while others use it.
import { build } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let outdir = 'dist';
const extra = {};
const only = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const value = () => {
    const v = argv[++i];
    if (v === undefined) {
      process.stderr.write(`${arg} needs a value\n`);
      process.exit(2);
    }
    return v;
  };
  if (arg === '--outdir') outdir = value();
  else if (arg === '--only') only.push(value());
  else if (arg === '--entry') {
    const [name, file] = value().split('=');
    if (!name || !file) {
      process.stderr.write('--entry takes NAME=FILE\n');
      process.exit(2);
    }
    extra[name] = path.resolve(root, file);
  } else {
    process.stderr.write(`unknown option ${arg}\n`);
    process.exit(2);
  }
}

const entryPoints = {};
for (const name of existsSync(path.join(root, 'servers'))
  ? readdirSync(path.join(root, 'servers'))
  : []) {
  const entry = path.join(root, 'servers', name, 'index.ts');
  if (existsSync(entry)) entryPoints[name] = entry;
}
if (existsSync(path.join(root, 'cli', 'index.ts')))
  entryPoints.cli = path.join(root, 'cli', 'index.ts');
Object.assign(entryPoints, extra);
if (only.length > 0) {
  for (const name of Object.keys(entryPoints)) {
    if (!only.includes(name) && !(name in extra)) delete entryPoints[name];
  }
}

rmSync(path.resolve(root, outdir), { recursive: true, force: true });
if (Object.keys(entryPoints).length === 0) {
  process.stderr.write('nothing to build\n');
  process.exit(0);
}
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};
// A stdio server is two files: dist/<name>.js, a loader that sets the V8 heap flags
// (shared/mcp/heap.ts) and then imports dist/<name>.server.js, the bundle. In one file the
// dependencies (SDK, zod), imported statically, would be evaluated before the flags are set,
// and their start-up allocation would already have grown the young generation.
const servers = Object.keys(entryPoints).filter((n) => n !== 'cli' && !(n in extra));
await build({
  ...common,
  entryPoints: Object.fromEntries(
    Object.entries(entryPoints).map(([n, f]) => [servers.includes(n) ? `${n}.server` : n, f]),
  ),
  outdir,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
for (const name of servers) {
  await build({
    ...common,
    stdin: {
      contents: `import './shared/mcp/heap.ts';\nawait import('./${name}.server.js');\n`,
      resolveDir: root,
      sourcefile: `${name}-loader.js`,
    },
    external: [`./${name}.server.js`],
    outfile: path.join(outdir, `${name}.js`),
    banner: { js: '#!/usr/bin/env node' },
  });
}
process.stderr.write(
  `built ${Object.keys(entryPoints)
    .map((n) => `${outdir}/${n}.js`)
    .join(', ')}\n`,
);
