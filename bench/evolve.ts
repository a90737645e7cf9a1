/**
 * The evolution figures of issue 19, in process through the real SDK client (in-memory
 * transport, so the figures are the servers' work, not stdio's): the read-back project of
 * bench/read-back.ts (100 schema modules, 300 migrations) with its contexts, tests and fixtures
 * generated, and one schema that gains one field. Each of the three generators is called with
 * that one changed schema and on_conflict "update" (the default) as a dry run, so every call
 * does the whole evolution (read the project's schemas, replay the 300 migrations, diff, patch
 * the context's tests and fixtures, compare with the disk) and the project stays as it is.
 * The first calls warm the parser and the caches; the timed ones are what a session pays.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type McpServer } from '@modelcontextprotocol/server';
import { createServer as ectoSchema } from '../servers/ecto-schema/server.js';
import { createServer as ectoMigration } from '../servers/ecto-migration/server.js';
import { createServer as phoenixContext } from '../servers/phoenix-context/server.js';
import { planPhoenixContexts } from '../shared/generate/phoenix-context.js';
import { normalizeModel, type SchemaDef } from '../shared/model/index.js';
import { projectReader } from '../shared/plan/index.js';
import { writeFiles } from '../shared/workspace/index.js';
import { APP, domain } from './domain.js';
import { buildProject } from './read-back.js';
import { summarize, type Summary } from './stats.js';

export const EVOLVE_TARGET_MS = 50;

const TOOLS = [
  ['ecto-schema', 'generate_ecto_schema', ectoSchema],
  ['ecto-migration', 'generate_ecto_migration', ectoMigration],
  ['phoenix-context', 'generate_phoenix_context', phoenixContext],
] as const;

export interface EvolveResult {
  schemas: number;
  migrations: number;
  /** Per generator: wall time and CPU time (user + system, the whole process) per call. */
  calls: { tool: string; wall: Summary; cpu: Summary; files: string[] }[];
}

/**
 * The schema that evolves: one whose table the bench project's alter migrations leave alone
 * (they change the first 64 tables), so its only difference from the project is the new field.
 */
const EVOLVED = 80;

function evolvedSchema(): SchemaDef {
  const s = domain(100)[EVOLVED]!;
  return {
    ...s,
    fields: [...(s.fields ?? []), { name: 'subtitle', type: 'string', required: false }],
  };
}

async function connect(server: McpServer, root: string): Promise<Client> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client(
    { name: 'phx-gen-mcp-bench', version: '0.0.0' },
    { capabilities: { roots: { listChanged: true } } },
  );
  client.setRequestHandler('roots/list', async () => ({
    roots: [{ uri: pathToFileURL(root).href, name: 'bench' }],
  }));
  await client.connect(clientTransport);
  return client;
}

export async function measureEvolve(runs: number): Promise<EvolveResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-evolve-'));
  const clients: Client[] = [];
  try {
    const built = await buildProject(dir);
    const { model } = normalizeModel({ app: APP, schemas: domain(100) });
    if (!model) throw new Error('bench: the evolve domain is not a valid model');
    const files = await planPhoenixContexts(
      model,
      {},
      {
        project: projectReader(dir),
        clock: () => new Date('2024-01-01T00:00:00Z'),
        warn: () => undefined,
        signal: new AbortController().signal,
        progress: async () => undefined,
      },
    );
    await writeFiles(dir, files, { onConflict: 'overwrite', dryRun: false });
    const args = { schemas: [evolvedSchema()], dry_run: true, format: 'none' };
    const calls: EvolveResult['calls'] = [];
    const clock = () => new Date('2024-06-01T00:00:00Z');
    for (const [, tool, create] of TOOLS) {
      const client = await connect(create({ cliRoots: [], clock }), dir);
      clients.push(client);
      const call = async () => {
        const r = await client.callTool({ name: tool, arguments: args });
        if (r.isError) {
          throw new Error(`bench: ${tool}: ${JSON.stringify(r.content).slice(0, 600)}`);
        }
        return r.structuredContent as { files: { path: string; action: string }[] };
      };
      for (let w = 0; w < 3; w++) await call();
      const wall: number[] = [];
      const cpu: number[] = [];
      let last: Awaited<ReturnType<typeof call>> | null = null;
      for (let r = 0; r < runs; r++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        last = await call();
        wall.push(performance.now() - t0);
        const d = process.cpuUsage(c0);
        cpu.push((d.user + d.system) / 1000);
      }
      calls.push({
        tool,
        wall: summarize(wall),
        cpu: summarize(cpu),
        files: (last?.files ?? [])
          .filter((f) => f.action !== 'unchanged')
          .map((f) => `${f.path} ${f.action}`),
      });
    }
    return { ...built, calls };
  } finally {
    for (const c of clients) await c.close();
    await rm(dir, { recursive: true, force: true });
  }
}
