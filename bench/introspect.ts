/**
 * The introspection figure of `npm run bench`: introspect_database on a database of 200 tables
 * (180 entity tables with 12 columns, a foreign key, a unique and a plain index, a check
 * constraint and an enum column each, plus 20 join tables), target ≤ 1 s.
 *
 * Measured twice: in process (connect, read-only transaction, catalog reads, state, proposed model)
 * and through the real tool (the bundled schema-understanding server over stdio, model validation
 * included). The database is PHX_GEN_MCP_TEST_DATABASE_URL's server when set, else a private
 * temp cluster (test/support/pg-cluster.ts); without PostgreSQL binaries the figure is skipped.
 */
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import pg from 'pg';
import { introspect } from '../shared/database/introspect.js';
import { proposeModel } from '../shared/database/propose.js';
import { formatVersion, withReadOnlySession } from '../shared/database/session.js';
import { targetFromUrl } from '../shared/database/target.js';
import {
  findPgBin,
  startCluster,
  TEST_DATABASE_URL_ENV,
  type Cluster,
} from '../test/support/pg-cluster.js';
import { summarize, type Summary } from './stats.js';

export const INTROSPECT_TABLES = 200;
export const INTROSPECT_TARGET_MS = 1000;

export interface IntrospectResult {
  tables: number;
  columns: number;
  server: string;
  inProcess: Summary;
  overMcp: Summary | null;
  error?: string;
}

/** DDL of the 200-table database. */
export function benchSchemaSql(): string {
  const entities = INTROSPECT_TABLES - INTROSPECT_TABLES / 10;
  const out = ["CREATE TYPE item_status AS ENUM ('draft', 'active', 'archived');"];
  const name = (i: number) => `entity_${String(i).padStart(3, '0')}s`;
  for (let i = 0; i < entities; i++) {
    const parent =
      i === 0 ? '' : `parent_id bigint REFERENCES ${name(i - 1)} (id) ON DELETE CASCADE,`;
    out.push(`CREATE TABLE ${name(i)} (
      id bigserial PRIMARY KEY, title varchar(255) NOT NULL, slug varchar(80) NOT NULL, body text,
      price numeric(10, 2) CHECK (price >= 0), status item_status NOT NULL DEFAULT 'draft',
      tags text[] NOT NULL DEFAULT '{}', active boolean NOT NULL DEFAULT true, meta jsonb,
      ${parent}
      inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL);
      CREATE UNIQUE INDEX ${name(i)}_slug_index ON ${name(i)} (slug);
      CREATE INDEX ${name(i)}_title_index ON ${name(i)} (title);`);
    if (i > 0) out.push(`CREATE INDEX ${name(i)}_parent_id_index ON ${name(i)} (parent_id);`);
  }
  for (let j = 0; j < INTROSPECT_TABLES / 10; j++) {
    const [a, b] = [name(j * 2), name(j * 2 + 1)];
    out.push(`CREATE TABLE ${a}_${b} (
      ${a.slice(0, -1)}_id bigint NOT NULL REFERENCES ${a} (id) ON DELETE CASCADE,
      ${b.slice(0, -1)}_id bigint NOT NULL REFERENCES ${b} (id) ON DELETE CASCADE,
      PRIMARY KEY (${a.slice(0, -1)}_id, ${b.slice(0, -1)}_id));`);
  }
  return out.join('\n');
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<Summary> {
  await work(); // warm-up: the first run loads pg and the catalog caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/** Runs the figure; null when there is no PostgreSQL to run it on. */
export async function benchIntrospection(
  bundle: string | null,
  runs: number,
  env: Record<string, string>,
): Promise<IntrospectResult | null> {
  let cluster: Cluster | null = null;
  let adminUrl = process.env[TEST_DATABASE_URL_ENV] ?? null;
  if (adminUrl === null) {
    const bin = findPgBin();
    if (bin === null) return null;
    cluster = await startCluster(bin);
    adminUrl = cluster.url;
  }
  const dbName = `bench_introspect_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  try {
    await admin(adminUrl, `CREATE DATABASE ${dbName}`);
    await admin(url.href, benchSchemaSql());
    const target = targetFromUrl(url.href, 'the bench');
    let tables = 0;
    let columns = 0;
    let version = 0;
    const inProcess = await timeRuns(runs, async () => {
      const state = await withReadOnlySession(target, async (s) => {
        version = s.serverVersion;
        return introspect(s);
      });
      tables = state.tables.length;
      columns = state.tables.reduce((n, t) => n + t.columns.length, 0);
      proposeModel(state);
    });
    let overMcp: Summary | null = null;
    if (bundle !== null) {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [bundle],
        env,
        stderr: 'ignore',
      });
      const client = new Client({ name: 'phx-gen-mcp-bench', version: '0.0.0' });
      await client.connect(transport);
      try {
        overMcp = await timeRuns(runs, async () => {
          const r = await client.callTool({
            name: 'introspect_database',
            arguments: { database_url: url.href, drift: false },
          });
          if (r.isError) throw new Error(JSON.stringify(r.content));
        });
      } finally {
        await client.close();
      }
    }
    return { tables, columns, server: formatVersion(version), inProcess, overMcp };
  } finally {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await cluster?.stop();
  }
}
