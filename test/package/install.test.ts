/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty folder (its
 * dependencies only, from the npm cache when it has them), and `npx phx-gen-mcp` run from there:
 * `config`, `generate` into a project, and `serve` driven by a real MCP client. Nothing of the
 * checkout (its node_modules, its devDependencies) is reachable from that folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempProject } from '../support/mcp.js';
import { repo } from '../cli/helpers.js';

const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let work: string;
let app: string;
let project: { root: string; cleanup(): Promise<void> };

const npm = (args: string[], cwd: string) =>
  execa('npm', args, {
    cwd,
    reject: false,
    stdin: 'ignore',
    timeout: 150_000,
    env: { npm_config_update_notifier: 'false', npm_config_fund: 'false' },
  });

const npx = (args: string[]) =>
  execa('npx', ['--no-install', 'phx-gen-mcp', ...args], {
    cwd: app,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-pack-'));
  app = path.join(work, 'app');
  project = await tempProject();
  // dist/ is built by the global setup; scripts stay off so the pack does not rebuild it under
  // the other tests' feet.
  const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo);
  expect(pack.exitCode, pack.stderr).toBe(0);
  const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
  await mkdir(app);
  await writeFile(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'user-app', private: true }),
  );
  const install = await npm(
    ['install', '--prefer-offline', '--no-audit', path.join(work, path.basename(filename))],
    app,
  );
  expect(install.exitCode, install.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await project?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('holds only the runtime dependencies, and the files the bin needs', async () => {
    const installed = new Set(
      (await readdir(path.join(app, 'node_modules'))).flatMap((d) =>
        d.startsWith('@') ? [] : [d],
      ),
    );
    const scoped = await readdir(path.join(app, 'node_modules', '@modelcontextprotocol'));
    expect(scoped).toEqual(expect.arrayContaining(['client', 'server']));
    for (const dev of Object.keys(pkg.devDependencies)) {
      const [scope, name] = dev.startsWith('@') ? dev.split('/') : [undefined, dev];
      const present = scope
        ? existsSync(path.join(app, 'node_modules', scope, name!))
        : installed.has(dev);
      expect(present, `${dev} (a devDependency) was installed`).toBe(false);
    }
    const own = path.join(app, 'node_modules', pkg.name);
    expect(existsSync(path.join(own, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(path.join(own, 'test'))).toBe(false);
  });

  it('npx phx-gen-mcp config prints the installed bundles', async () => {
    const r = await npx(['config', '--client', 'claude', '--root', project.root]);
    expect(r.exitCode, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { mcpServers: Record<string, { args: string[] }> };
    const bundle = json.mcpServers['ecto-schema']!.args[0]!;
    expect(bundle).toBe(path.join(app, 'node_modules', pkg.name, 'dist', 'ecto-schema.js'));
    expect(existsSync(bundle)).toBe(true);
  });

  it('npx phx-gen-mcp generate writes into a project', async () => {
    const r = await npx([
      'generate',
      '--project',
      project.root,
      '--format',
      'none',
      'Blog Tag tags name',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created +lib\/my_app\/blog\/tag\.ex/);
    expect(existsSync(path.join(project.root, 'lib/my_app/blog.ex'))).toBe(true);
  });

  it('npx phx-gen-mcp serve answers a real MCP client', async () => {
    const client = new Client({ name: 'pack-test', version: '0' });
    await client.connect(
      new StdioClientTransport({
        command: 'npx',
        args: ['--no-install', 'phx-gen-mcp', 'serve', 'ecto-schema', '--root', project.root],
        cwd: app,
        stderr: 'pipe',
      }),
    );
    try {
      const result = await client.callTool({
        name: 'generate_ecto_schema',
        arguments: { specs: ['Shop Item items title:string'], dry_run: true },
      });
      expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
      const out = result.structuredContent as { files: { path: string; content: string }[] };
      expect(out.files.map((f) => f.path)).toEqual(['lib/my_app/shop/item.ex']);
      expect(out.files[0]!.content).toContain('defmodule MyApp.Shop.Item do');
    } finally {
      await client.close();
    }
  });
});
