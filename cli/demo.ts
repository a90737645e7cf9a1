/**
 * `phx-gen-mcp demo [DIR]` (what `npm start` runs): a sample Phoenix-shaped project in a fresh
 * folder, then a small multi-context domain generated into it through the real servers (the
 * same orchestrator as `generate`), then the file tree and what to do next.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './args.js';
import { distDir } from './paths.js';
import { DEMO_FILES, DEMO_MARKER, DEMO_SPECS } from './demo-project.js';
import {
  allWarnings,
  countActions,
  GENERATOR_STEPS,
  generate,
  type GenerateReport,
  type GenerateOptions,
} from './generate.js';

export const DEFAULT_DEMO_DIR = 'demo-app';

function isEmptyDir(dir: string): boolean {
  return readdirSync(dir).length === 0;
}

function isPreviousDemo(dir: string): boolean {
  try {
    return readFileSync(path.join(dir, 'mix.exs'), 'utf8').startsWith(DEMO_MARKER);
  } catch {
    return false;
  }
}

/**
 * The folder to create the demo in. A missing or empty folder is used as is; a previous demo is
 * kept and the next free `<name>-2`, `<name>-3`, … is used instead; any other non-empty folder
 * (or a file) is refused.
 */
export function chooseDemoDir(requested: string): { dir: string; note?: string } {
  const dir = path.resolve(requested);
  if (!existsSync(dir)) return { dir };
  if (!statSync(dir).isDirectory()) {
    throw new CliError(
      `${dir} exists and is not a directory; pass another folder: phx-gen-mcp demo DIR`,
    );
  }
  if (isEmptyDir(dir)) return { dir };
  if (!isPreviousDemo(dir)) {
    throw new CliError(
      `${dir} is not empty and is not a previous demo, so nothing was written there. Pass a new folder: phx-gen-mcp demo DIR (npm start -- DIR)`,
    );
  }
  for (let n = 2; n < 1000; n++) {
    const candidate = `${dir}-${n}`;
    if (!existsSync(candidate) || (statSync(candidate).isDirectory() && isEmptyDir(candidate))) {
      return {
        dir: candidate,
        note: `${path.basename(dir)}/ holds a previous demo (kept); this one goes to ${path.basename(candidate)}/. Remove old demos with: rm -rf ${path.basename(dir)}*`,
      };
    }
  }
  throw new CliError(`Too many previous demos next to ${dir}; remove some or pass a folder.`);
}

export async function writeDemoProject(dir: string): Promise<void> {
  for (const [rel, content] of Object.entries(DEMO_FILES)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content, { flag: 'wx' });
  }
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
export function listTree(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTree(dir, child));
    else out.push(child);
  }
  return out.sort();
}

/** An ASCII tree of `files`, each generated file tagged with the server that wrote it. */
export function renderTree(
  root: string,
  files: readonly string[],
  tags: ReadonlyMap<string, string>,
): string {
  interface Node {
    dirs: Map<string, Node>;
    files: string[];
  }
  const tree: Node = { dirs: new Map(), files: [] };
  for (const f of files) {
    const parts = f.split('/');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      if (!node.dirs.has(part)) node.dirs.set(part, { dirs: new Map(), files: [] });
      node = node.dirs.get(part)!;
    }
    node.files.push(f);
  }
  const rows: [string, string][] = [[`${root}/`, '']];
  const walk = (node: Node, prefix: string) => {
    const items: { name: string; node?: Node; file?: string }[] = [
      ...[...node.dirs.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, n]) => ({ name, node: n })),
      ...node.files.sort().map((f) => ({ name: f.split('/').pop()!, file: f })),
    ];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      const tag = item.file === undefined ? '' : (tags.get(item.file) ?? '');
      rows.push([`${prefix}${last ? '└── ' : '├── '}${item.name}${item.node ? '/' : ''}`, tag]);
      if (item.node) walk(item.node, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  walk(tree, '');
  const width = Math.max(...rows.filter(([, t]) => t !== '').map(([l]) => l.length), 0);
  return rows.map(([l, t]) => (t === '' ? l : `${l.padEnd(width)}  ← ${t}`)).join('\n');
}

export interface DemoResult {
  dir: string;
  report: GenerateReport;
  text: string;
}

export async function runDemo(
  requested: string | undefined,
  opts: Pick<GenerateOptions, 'log' | 'dir' | 'mixPath'> = {},
): Promise<DemoResult> {
  const log = opts.log ?? (() => undefined);
  const { dir, note } = chooseDemoDir(requested ?? DEFAULT_DEMO_DIR);
  if (note) log(note);
  log(`Creating a sample Phoenix-shaped project in ${dir}`);
  await mkdir(dir, { recursive: true });
  await writeDemoProject(dir);
  log(`Generating ${DEMO_SPECS.length} schemas through the MCP servers:`);
  for (const s of DEMO_SPECS) log(`  ${s}`);
  // No mix format: the demo's deps are not fetched, so the formatter lacks Ecto's rules (the
  // servers would skip it and say so). The generators write mix-format-exact code anyway.
  const report = await generate({
    ...opts,
    project: dir,
    specs: DEMO_SPECS,
    toolArgs: Object.fromEntries(GENERATOR_STEPS.map((s) => [s.tool, { format: 'none' }])),
  });
  return { dir, report, text: demoSummary(dir, report) };
}

/** How to run this CLI again from the current directory (`node dist/cli.js` in a checkout). */
function selfCommand(): string {
  const cli = path.join(distDir(), 'cli.js');
  const rel = path.relative(process.cwd(), cli);
  return `node ${rel.startsWith('..') || path.isAbsolute(rel) ? cli : rel}`;
}

export function demoSummary(dir: string, report: GenerateReport): string {
  const tags = new Map<string, string>();
  for (const s of report.steps) for (const f of s.output.files) tags.set(f.path, s.server);
  const files = listTree(dir);
  const c = countActions(report);
  const contexts = [...new Set(report.schemas.map((m) => m.split('.').slice(0, -1).join('.')))]
    .filter((x) => x !== '')
    .sort();
  const rel = path.relative(process.cwd(), dir) || '.';
  const cdTarget = rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
  const warnings = allWarnings(report);
  const lines = [
    renderTree(path.basename(dir), files, tags),
    '',
    `Generated ${c.created + c.updated} file(s) for ${report.schemas.length} schemas (${report.schemas.join(', ')}) in ${contexts.length} contexts (${contexts.join(', ')}):`,
    ...report.steps.map(
      (s) => `  ${s.server.padEnd(16)} ${s.tool.padEnd(25)} ${s.output.files.length} file(s)`,
    ),
    ...(warnings.length > 0 ? ['', 'Warnings:', ...warnings.map((w) => `  - ${w}`)] : []),
    '',
    'Next steps (Elixir, and PostgreSQL on localhost with user/password postgres; see config/dev.exs):',
    `  cd ${cdTarget}`,
    '  mix deps.get',
    '  mix ecto.create',
    '  mix ecto.migrate',
    '  mix test',
    '',
    'Generate more into it (dry run first):',
    `  ${selfCommand()} generate --project ${cdTarget} --dry-run "Blog Reaction reactions kind:enum:like:love post:belongs_to:Blog.Post"`,
  ];
  return `${lines.join('\n')}\n`;
}
