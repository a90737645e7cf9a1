/**
 * The generated parts of README.md: the tools, prompts and resources tables (listed over MCP from
 * each server's own registry, in memory) and the spec grammar and type table (from the same
 * functions that write the `phx-gen-mcp://docs/types.md` resource). Each sits between markers:
 *
 *   <!-- tools:start --> … <!-- tools:end -->      (also prompts, resources, grammar, types)
 *
 *   npm run readme                  rewrite README.md
 *   npx tsx scripts/readme-tables.ts --check   exit 1 when README.md is stale
 *
 * test/cli/readme.test.ts fails when README.md is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { SERVER_NAMES, type ServerName } from '../cli/names.js';
import { SERVER_FACTORIES } from '../cli/servers.js';
import { GeneratorInputShape } from '../shared/pipeline/input.js';
import {
  specGrammarMarkdown,
  typeTableMarkdown,
} from '../servers/schema-understanding/lib/types-doc.js';

export const README = path.join(
  path.dirname(path.dirname(fileURLToPath(import.meta.url))),
  'README.md',
);
export const REGENERATE = 'npm run readme';

type ListedTool = Awaited<ReturnType<Client['listTools']>>['tools'][number];
type ListedPrompt = Awaited<ReturnType<Client['listPrompts']>>['prompts'][number];
type ListedResource = Awaited<ReturnType<Client['listResources']>>['resources'][number];
type ListedTemplate = Awaited<
  ReturnType<Client['listResourceTemplates']>
>['resourceTemplates'][number];

export interface Inventory {
  server: ServerName;
  tools: ListedTool[];
  prompts: ListedPrompt[];
  resources: ListedResource[];
  templates: ListedTemplate[];
}

/** What each server publishes, asked over MCP (in memory) exactly as a client sees it. */
export async function inventory(): Promise<Inventory[]> {
  const out: Inventory[] = [];
  for (const server of SERVER_NAMES) {
    const mcp = SERVER_FACTORIES[server]({ cliRoots: [] });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverSide);
    const client = new Client({ name: 'readme-tables', version: '0' });
    await client.connect(clientSide);
    try {
      const caps = client.getServerCapabilities() ?? {};
      out.push({
        server,
        tools: caps.tools ? (await client.listTools()).tools : [],
        prompts: caps.prompts ? (await client.listPrompts()).prompts : [],
        resources: caps.resources ? (await client.listResources()).resources : [],
        templates: caps.resources ? (await client.listResourceTemplates()).resourceTemplates : [],
      });
    } finally {
      await client.close();
      await mcp.close();
    }
  }
  return out;
}

/** Text for one table cell: one line, no pipes, no raw HTML. */
export function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/\*/g, '\\*')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .trim();
}

/**
 * The first sentence of a description, or its part before a colon that opens a list (not cut at
 * "e.g."), at most `max` characters.
 */
export function firstSentence(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // The first sentence end (or list-opening colon) after at least 40 characters.
  const breaks = /(?<!\be\.g|\bi\.e|\betc)(\.(?=\s+[A-Z(`"]|$)|:(?=\s|$))/g;
  let s = flat;
  for (const m of flat.matchAll(breaks)) {
    if (m.index >= 40) {
      s = flat.slice(0, m.index + 1);
      break;
    }
  }
  if (s.endsWith(':')) s = `${s.slice(0, -1)}.`;
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

function effect(t: ListedTool): string {
  const a = t.annotations ?? {};
  if (a.readOnlyHint) return 'read-only';
  const parts = [a.destructiveHint ? 'writes, may overwrite' : 'writes'];
  if (a.idempotentHint) parts.push('idempotent');
  return parts.join(', ');
}

const GENERATOR_KEYS = Object.keys(GeneratorInputShape);

/** The input keys (required ones starred); the generators' shared input is named once. */
function inputs(t: ListedTool): string {
  const required = new Set(t.inputSchema.required ?? []);
  const keys = Object.keys(t.inputSchema.properties ?? {});
  const shared = GENERATOR_KEYS.every((k) => keys.includes(k));
  const own = keys
    .filter((k) => !shared || !GENERATOR_KEYS.includes(k))
    .map((k) => (required.has(k) ? `\`${k}\`\\*` : `\`${k}\``));
  return [...(shared ? ['the generator input'] : []), ...own].join(', ');
}

export function toolsTable(inv: readonly Inventory[]): string {
  const rows = inv.flatMap((s) =>
    s.tools.map(
      (t) =>
        `| \`${t.name}\` | ${s.server} | ${cell(firstSentence(t.description ?? t.title ?? ''))} | ${effect(t)} | ${inputs(t)} |`,
    ),
  );
  return [
    '| Tool | Server | What it does | Effect | Inputs (\\* required) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function promptsTable(inv: readonly Inventory[]): string {
  const rows = inv.flatMap((s) =>
    s.prompts.map((p) => {
      const args = (p.arguments ?? [])
        .map((a) => (a.required ? `\`${a.name}\`\\*` : `\`${a.name}\``))
        .join(', ');
      return `| \`${p.name}\` | ${s.server} | ${cell(firstSentence(p.description ?? p.title ?? ''))} | ${args} |`;
    }),
  );
  if (rows.length === 0) return '_No server publishes prompts._';
  return [
    '| Prompt | Server | What it does | Arguments (\\* required) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function resourcesTable(inv: readonly Inventory[]): string {
  const rows = inv.flatMap((s) => [
    ...s.resources.map(
      (r) =>
        `| \`${r.uri}\` | ${s.server} | ${cell(r.title ?? r.name)} | ${r.mimeType ?? ''} | ${cell(firstSentence(r.description ?? ''))} |`,
    ),
    ...s.templates.map(
      (r) =>
        `| \`${r.uriTemplate}\` (template) | ${s.server} | ${cell(r.title ?? r.name)} | ${r.mimeType ?? ''} | ${cell(firstSentence(r.description ?? ''))} |`,
    ),
  ]);
  if (rows.length === 0) return '_No server publishes resources._';
  return [
    '| URI | Server | Title | Type | What it holds |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export const BLOCKS = ['tools', 'prompts', 'resources', 'grammar', 'types'] as const;
export type Block = (typeof BLOCKS)[number];

export async function renderBlocks(): Promise<Record<Block, string>> {
  const inv = await inventory();
  return {
    tools: toolsTable(inv),
    prompts: promptsTable(inv),
    resources: resourcesTable(inv),
    grammar: specGrammarMarkdown(),
    types: typeTableMarkdown(),
  };
}

/** `readme` with the text between each block's markers replaced; throws when a marker is missing. */
export function replaceBlocks(readme: string, blocks: Readonly<Record<Block, string>>): string {
  let out = readme;
  for (const name of BLOCKS) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const i = out.indexOf(start);
    const j = out.indexOf(end);
    if (i < 0 || j < i) throw new Error(`README.md lacks the markers ${start} … ${end}`);
    const body = `\n<!-- Generated by \`${REGENERATE}\` from the servers; do not edit by hand. -->\n\n${blocks[name]}\n\n`;
    out = out.slice(0, i + start.length) + body + out.slice(j);
  }
  return out;
}

export async function expectedReadme(current: string): Promise<string> {
  return replaceBlocks(current, await renderBlocks());
}

async function cli(argv: readonly string[]): Promise<number> {
  const current = await readFile(README, 'utf8');
  const next = await expectedReadme(current);
  if (argv.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write(`README.md is stale: run ${REGENERATE}\n`);
    return 1;
  }
  if (next !== current) await writeFile(README, next);
  process.stderr.write(next === current ? 'README.md is up to date\n' : 'README.md updated\n');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await cli(process.argv.slice(2));
}
