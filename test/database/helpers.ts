/**
 * Databases for the live-database tests, on the PostgreSQL that test/global-setup.ts provides:
 * each test file creates its own databases (unique names) and drops them at the end.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The superuser URL, or null when there is no PostgreSQL (the tests then skip, loudly). */
export const ADMIN_URL = inject('databaseUrl');

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${database}`;
  return url.href;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>, url = ADMIN_URL!): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** Creates a database (name made unique per process) and runs `sql` in it; returns its URL. */
export async function createDatabase(base: string, sql = ''): Promise<string> {
  const name = `${base}_${process.pid}_${++counter}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = urlFor(name);
  if (sql) await admin((c) => c.query(sql), url);
  return url;
}

/** Runs SQL in the database of `url` (fixtures, and the drift tests' hand-made hotfixes). */
export async function execSql(url: string, sql: string): Promise<void> {
  await admin((c) => c.query(sql), url);
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function fixture(name: string): Promise<string> {
  return readFile(path.join(FIXTURES, name), 'utf8');
}
