/**
 * The MCP Inspector CLI (a client nobody here wrote) against every server of mcp.json, started
 * through `--config` like a host would: `tools/list --strict` (schema portability lint, exit 6 on
 * an error-severity finding), a generator dry run without roots, and a real write where the
 * config gives the project as MCP roots. Every stdout line of every server is JSON-RPC.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../support/mcp.js';
import { CHILD_MS } from '../support/timeouts.js';
import {
  expectOnlyJsonRpc,
  mcpJsonServers,
  recorded,
  repo,
  SPEC_POST,
  SPEC_TAG,
} from './helpers.js';

const inspectorPkg = path.join(repo, 'node_modules', '@modelcontextprotocol', 'inspector');
const INSPECTOR = path.join(
  inspectorPkg,
  (
    JSON.parse(readFileSync(path.join(inspectorPkg, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    }
  ).bin.inspector!,
);

const servers = mcpJsonServers();
let tmp: string;
let project: { root: string; cleanup(): Promise<void> };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  log: string;
}

/**
 * One Inspector CLI run against one server entry, from a config file of its own (so each run has
 * its own stdout log), optionally with MCP roots in the entry.
 */
async function inspector(
  id: string,
  server: string,
  args: string[],
  roots?: string[],
): Promise<Run> {
  const log = path.join(tmp, `${id}.stdout.jsonl`);
  const config = path.join(tmp, `${id}.mcp.json`);
  const entry = {
    ...recorded(servers[server]!, log),
    ...(roots
      ? { roots: roots.map((r) => ({ uri: pathToFileURL(r).href, name: path.basename(r) })) }
      : {}),
  };
  await writeFile(config, JSON.stringify({ mcpServers: { [server]: entry } }, null, 2));
  const r = await execa(
    process.execPath,
    [INSPECTOR, '--cli', '--config', config, '--server', server, ...args],
    {
      reject: false,
      stdin: 'ignore',
      timeout: CHILD_MS,
      cwd: tmp,
      // No OS keychain here; keep the Inspector's secret store in memory.
      env: { MCP_INSPECTOR_SECRET_STORE: 'memory' },
    },
  );
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr, log };
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-inspector-'));
  project = await tempProject();
  const jobs: [string, Promise<Run>][] = [
    ...Object.keys(servers).map((name): [string, Promise<Run>] => [
      `list:${name}`,
      inspector(`list-${name}`, name, ['--method', 'tools/list', '--strict']),
    ]),
    [
      'dry-run',
      inspector('dry-run', 'ecto-schema', [
        '--method',
        'tools/call',
        '--tool-name',
        'generate_ecto_schema',
        '--tool-args-json',
        JSON.stringify({ specs: [SPEC_TAG, SPEC_POST], dry_run: true }),
        '--format',
        'json',
        '-q',
      ]),
    ],
    [
      'write',
      inspector(
        'write',
        'ecto-migration',
        [
          '--method',
          'tools/call',
          '--tool-name',
          'generate_ecto_migration',
          '--tool-args-json',
          JSON.stringify({ specs: [SPEC_TAG, SPEC_POST], format: 'none' }),
          '--format',
          'json',
          '-q',
        ],
        [project.root],
      ),
    ],
  ];
  const done = await Promise.all(jobs.map(([, p]) => p));
  jobs.forEach(([key], i) => (runs[key] = done[i]!));
}, CHILD_MS + 30_000);

afterAll(async () => {
  await project?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

describe('MCP Inspector CLI', () => {
  it.each(Object.keys(servers))('%s: tools/list --strict exits 0', (name) => {
    const r = runs[`list:${name}`]!;
    expect(r.code, r.stderr).toBe(0);
    const { tools } = JSON.parse(r.stdout) as { tools: { name: string }[] };
    expect(tools.length).toBeGreaterThan(0);
  });

  it('tools/call generate_ecto_schema with dry_run returns the files without a project', () => {
    const r = runs['dry-run']!;
    expect(r.code, r.stderr).toBe(0);
    const { result } = JSON.parse(r.stdout) as {
      result: {
        structuredContent: {
          project_root: string | null;
          dry_run: boolean;
          files: { path: string; content?: string }[];
        };
      };
    };
    expect(result.structuredContent.dry_run).toBe(true);
    expect(result.structuredContent.project_root).toBeNull();
    const post = result.structuredContent.files.find((f) => f.path === 'lib/my_app/blog/post.ex');
    expect(post?.content).toContain('many_to_many :tags');
  });

  it('tools/call generate_ecto_migration writes into the project given as config roots', async () => {
    const r = runs.write!;
    expect(r.code, r.stderr).toBe(0);
    const { result } = JSON.parse(r.stdout) as {
      result: { structuredContent: { project_root: string; files: { path: string }[] } };
    };
    expect(result.structuredContent.files.map((f) => path.basename(f.path))).toEqual([
      expect.stringMatching(/_create_tags\.exs$/),
      expect.stringMatching(/_create_posts\.exs$/),
      expect.stringMatching(/_create_posts_tags\.exs$/),
    ]);
    for (const f of result.structuredContent.files) {
      expect(existsSync(path.join(project.root, f.path))).toBe(true);
    }
    expect(await readdir(path.join(project.root, 'priv/repo/migrations'))).toHaveLength(3);
  });

  it('every server wrote only JSON-RPC on stdout in every run', () => {
    for (const r of Object.values(runs)) expectOnlyJsonRpc(r.log);
  });
});
