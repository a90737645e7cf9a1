/**
 * The README's command-line and client examples, run as written (with ~/src/my_app made a temp
 * project): the `generate` and `config` lines, the Claude Code line's shape, and the Vercel AI
 * SDK snippet.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../support/mcp.js';
import { repo } from './helpers.js';

const README = readFileSync(path.join(repo, 'README.md'), 'utf8');
const DOC_APP = '~/src/my_app';

/** The fenced blocks of a language, in order. */
function blocks(lang: string): string[] {
  return [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(
    (m) => m[1]!,
  );
}

/** The shell commands of the sh blocks that start with `prefix`, continuation lines joined. */
function commands(prefix: string): string[] {
  return blocks('sh')
    .flatMap((b) => b.replace(/\\\n\s*/g, '').split('\n'))
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith(prefix));
}

let project: { root: string; cleanup(): Promise<void> };
beforeAll(async () => {
  project = await tempProject();
});
afterAll(async () => {
  await project.cleanup();
});

const bash = (line: string) =>
  execa('bash', ['-c', line.replaceAll(DOC_APP, JSON.stringify(project.root))], {
    cwd: repo,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });

describe.concurrent('README examples', () => {
  it('the generate --dry-run example prints a diff per file and writes nothing', async () => {
    const [dry] = commands('node dist/cli.js generate').filter((c) => c.includes('--dry-run'));
    expect(dry).toBeDefined();
    const r = await bash(dry!);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('+++ b/lib/my_app/blog/post.ex');
    expect(r.stdout).toMatch(/Dry run: \d+ file\(s\) for 2 schema\(s\); nothing was written/);
  }, 60_000);

  it('every config example runs and prints a configuration', async () => {
    const lines = commands('node dist/cli.js config');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const runs = await Promise.all(lines.map(bash));
    runs.forEach((r, i) => {
      expect(r.exitCode, `${lines[i]}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toContain(project.root);
    });
  }, 60_000);

  it('the Claude Code line has the shape config --client claude-code prints', async () => {
    const doc = commands('claude mcp add');
    expect(doc).toHaveLength(1);
    const r = await bash(`node dist/cli.js config --client claude-code --root ${DOC_APP}`);
    const printed = r.stdout.split('\n').find((l) => l.startsWith('claude mcp add ecto-schema '));
    const general = (l: string) =>
      l
        .replace(/ \S+\/node /, ' NODE ')
        .replace(/ \S+\/dist\//, ' DIST/')
        .replace(/--root \S+$/, '--root APP');
    expect(general(doc[0]!)).toBe(general(printed!));
  }, 60_000);

  it('the Vercel AI SDK snippet runs as written and the dry run returns the files', async () => {
    const [snippet] = blocks('ts').filter((b) => b.includes("from '@ai-sdk/mcp'"));
    expect(snippet).toBeDefined();
    const code = snippet!
      .replaceAll('/home/me/phx-gen-mcp/dist/', `${path.join(repo, 'dist')}/`)
      .replaceAll('/home/me/src/my_app', project.root)
      .replace('console.log(result);', 'console.log(JSON.stringify(result));');
    // an app of its own, next to which the packages resolve
    const app = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-ai-sdk-app-'));
    try {
      await symlink(path.join(repo, 'node_modules'), path.join(app, 'node_modules'));
      await writeFile(path.join(app, 'app.mts'), code);
      const r = await execa(path.join(repo, 'node_modules', '.bin', 'tsx'), ['app.mts'], {
        cwd: app,
        reject: false,
        stdin: 'ignore',
        timeout: 60_000,
      });
      expect(r.exitCode, r.stderr).toBe(0);
      const result = JSON.parse(r.stdout) as {
        structuredContent: { dry_run: boolean; files: { path: string }[] };
      };
      expect(result.structuredContent.dry_run).toBe(true);
      expect(result.structuredContent.files.map((f) => f.path)).toEqual([
        'lib/my_app/blog/post.ex',
      ]);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  }, 60_000);
});
