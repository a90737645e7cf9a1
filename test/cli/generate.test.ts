/**
 * `phx-gen-mcp generate`: the orchestrator as a real MCP client of the four built servers, writing
 * into temp Phoenix-shaped projects; dry runs, the all-or-nothing conflict check across servers,
 * and the errors a user sees. The runs are independent, so they go concurrently.
 */
import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerateReport } from '../../cli/generate.js';
import { main, specLines } from '../../cli/main.js';
import { checkElixirSources, describeElixirFailures, itElixir } from '../support/elixir.js';
import { tempProject } from '../support/mcp.js';
import { CHAINED_MS } from '../support/timeouts.js';
import { filesUnder, runCli, type CliRun } from './helpers.js';

const SPECS = [
  'Blog Post posts title:string body:text author:belongs_to:Accounts.User tags:many_to_many:Blog.Tag',
  'Blog Tag tags name:string:unique',
  'Accounts User users email:string:unique',
];

const projects: { cleanup(): Promise<void> }[] = [];
async function project() {
  const p = await tempProject();
  projects.push(p);
  return p.root;
}
afterAll(async () => {
  await Promise.all(projects.map((p) => p.cleanup()));
});

/** The main run, shared by the tests that look at it (started by the first one to ask). */
let firstRun: Promise<{ root: string; run: CliRun; report: GenerateReport }> | undefined;
function generated() {
  firstRun ??= (async () => {
    const root = await project();
    const run = await runCli(['generate', '--project', root, '--json', ...SPECS]);
    if (run.code !== 0) throw new Error(`generate failed (${run.code}):\n${run.stderr}`);
    return { root, run, report: JSON.parse(run.stdout) as GenerateReport };
  })();
  return firstRun;
}

/** main() in this process, for the cases that never reach a server. */
async function inProcess(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// Each test starts the CLI and its four servers, all at once, and may first wait for the main run:
// on a loaded 2-core machine that takes well over the default 30 s.
describe.concurrent('phx-gen-mcp generate', { timeout: CHAINED_MS }, () => {
  it('runs the three generators over MCP and reports every file', async () => {
    const { root, report } = await generated();
    expect(report.schemas).toEqual(['Blog.Post', 'Blog.Tag', 'Accounts.User']);
    expect(report.steps.map((s) => `${s.server}:${s.tool}`)).toEqual([
      'ecto-schema:generate_ecto_schema',
      'ecto-migration:generate_ecto_migration',
      'phoenix-context:generate_phoenix_context',
    ]);
    expect(report.protocol_errors).toEqual([]);
    const written = report.steps.flatMap((s) => s.output.files);
    expect(written.length).toBeGreaterThanOrEqual(10);
    for (const f of written) {
      expect(f.action).toBe('created');
      expect(statSync(path.join(root, f.path)).isFile()).toBe(true);
    }
    expect(written.map((f) => f.path)).toEqual(
      expect.arrayContaining(['lib/my_app/blog/post.ex', 'lib/my_app/accounts.ex']),
    );
    // mix is looked up by each server: its files were formatted, or the result says why not
    for (const s of report.steps) expect(s.output.format?.status).toBeDefined();
  });

  it('prints progress and the servers’ log messages on stderr', async () => {
    const { run } = await generated();
    expect(run.stderr).toContain('Starting 4 MCP servers');
    expect(run.stderr).toMatch(/\[ecto-migration\] +\d+% Planned \d+ file\(s\)/);
    expect(run.stderr).toMatch(/\[phoenix-context\] info: Wrote \d+ file\(s\)/);
    // every progress notification of every generator, in order, the last ones included (the SDK
    // client used to drop those that arrived together with the result)
    for (const server of ['ecto-schema', 'ecto-migration', 'phoenix-context']) {
      const steps = run.stderr
        .split('\n')
        .filter((l) => l.startsWith(`[${server}] `) && /^\[[a-z-]+\] +\d+% /.test(l))
        .map((l) => l.replace(/^\[[a-z-]+\] +/, ''));
      expect(steps[0], server).toMatch(/^0% Planning /);
      expect(steps.slice(-3), server).toEqual([
        expect.stringMatching(/^33% Planned \d+ file\(s\)$/),
        expect.stringMatching(/^66% Wrote \d+ file\(s\)$/),
        expect.stringMatching(/^100% /),
      ]);
    }
  });

  itElixir(
    'writes Elixir that parses and is mix-formatted',
    async () => {
      const { root, report } = await generated();
      const files = report.steps
        .flatMap((s) => s.output.files)
        .map((f) => ({ path: f.path, content: readFileSync(path.join(root, f.path), 'utf8') }));
      expect(describeElixirFailures(await checkElixirSources(files))).toBe('');
    },
    CHAINED_MS,
  );

  it(
    'with --on-conflict error, stops before any server writes when one of them would conflict',
    async () => {
      const { root } = await generated();
      const before = filesUnder(root);
      const post = readFileSync(path.join(root, 'lib/my_app/blog/post.ex'), 'utf8');
      const r = await runCli([
        'generate',
        '--project',
        root,
        '--format',
        'none',
        '--on-conflict',
        'error',
        'Blog Post posts title:string subtitle:string',
        'Blog Rating ratings stars:integer',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Nothing was written');
      expect(r.stderr).toContain('lib/my_app/blog/post.ex');
      expect(r.stderr).toContain('--on-conflict');
      expect(filesUnder(root)).toEqual(before);
      expect(readFileSync(path.join(root, 'lib/my_app/blog/post.ex'), 'utf8')).toBe(post);
    },
    CHAINED_MS,
  );

  it('--dry-run shows the files of all three generators and writes nothing', async () => {
    const root = await project();
    const before = filesUnder(root);
    const r = await runCli(['generate', '--project', root, '--dry-run', SPECS[1]!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ecto-schema › generate_ecto_schema');
    expect(r.stdout).toMatch(/created +lib\/my_app\/blog\/tag\.ex/);
    expect(r.stdout).toMatch(/created +priv\/repo\/migrations\/\d{14}_create_tags\.exs/);
    expect(r.stdout).toMatch(/Dry run: \d+ file\(s\) for 1 schema\(s\); nothing was written/);
    // a unified diff per new file, without colour when stdout is not a terminal
    expect(r.stdout).toContain('--- /dev/null\n+++ b/lib/my_app/blog/tag.ex\n@@ -0,0 +1,');
    expect(r.stdout).toContain('\n+defmodule MyApp.Blog.Tag do\n');
    expect(r.stdout).not.toContain('\u001b[');
    expect(filesUnder(root)).toEqual(before);
  });

  it(
    '--dry-run --json: the diff of every file a run would change, against the project',
    async () => {
      const { root } = await generated();
      const before = filesUnder(root);
      const r = await runCli([
        'generate',
        '--project',
        root,
        '--dry-run',
        '--json',
        'Blog Tag tags name:string:unique slug:string',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as GenerateReport;
      const tag = report.diffs?.find((d) => d.path === 'lib/my_app/blog/tag.ex');
      // update (the default) patches the existing module: its diff is what a run would write
      expect(tag).toMatchObject({ server: 'ecto-schema', action: 'updated' });
      expect(tag?.diff).toMatch(
        /^--- a\/lib\/my_app\/blog\/tag\.ex\n\+\+\+ b\/lib\/my_app\/blog\/tag\.ex\n@@ /,
      );
      expect(tag?.diff).toContain('\n+    field :slug, :string\n');
      expect(tag?.diff).toContain('\n-    |> cast(attrs, [:name])\n');
      // unchanged files have no diff; nothing was written
      expect(report.diffs?.map((d) => d.path)).not.toContain('lib/my_app/blog/post.ex');
      expect(filesUnder(root)).toEqual(before);
    },
    CHAINED_MS,
  );

  it('a spec the parser rejects: the tool’s error text, exit 1', async () => {
    const root = await project();
    const r = await runCli(['generate', '--project', root, 'Blog Post posts title:strng']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('schema-understanding › parse_gen_spec failed');
    expect(r.stderr).toContain('Did you mean "string"?');
    expect(r.stderr).not.toContain('Details:');
  });

  it('a folder without mix.exs: exit 1 before any server starts', async () => {
    const root = await project();
    await rm(path.join(root, 'mix.exs'));
    const r = await inProcess(['generate', '--project', root, SPECS[1]!]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('has no mix.exs');
    expect(r.err).not.toContain('Starting');
  });

  it('usage errors exit 2 and name the problem', async () => {
    const cases: [string[], string][] = [
      [['generate', SPECS[1]!], '--project DIR is required'],
      [['generate', '--project', '.'], 'at least one SPEC'],
      [
        ['generate', '--project', '.', '--on-conflict', 'merge', 'X'],
        '--on-conflict must be one of',
      ],
      [['generate', '--project', '.', '--frobnicate', 'X'], "Unknown option '--frobnicate'"],
      [['generate', '--project'], "Option '--project <value>' argument missing"],
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [[], 'Usage:'],
    ];
    for (const [argv, message] of cases) {
      const r = await inProcess(argv);
      expect(r.code, message).toBe(2);
      expect(r.err).toContain(message);
    }
    // and through the real bin: the exit code reaches the shell
    const bin = await runCli(['generate', '--on-conflict', 'merge']);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('Usage: phx-gen-mcp generate');
  });

  it('--help for every command', async () => {
    for (const c of ['generate', 'config', 'demo']) {
      const r = await inProcess([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: phx-gen-mcp ${c} `));
    }
    expect((await inProcess(['--help'])).out).toContain('phx-gen-mcp generate --project DIR');
    const serve = await inProcess(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.err).toContain('--roots-timeout MS');
  });

  it('reads spec files: one spec per line, blanks and comments skipped', () => {
    expect(specLines('# blog\nBlog Post posts title\n\n  Blog Tag tags name  \r\n')).toEqual([
      'Blog Post posts title',
      'Blog Tag tags name',
    ]);
  });
});
