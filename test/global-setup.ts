import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import {
  findPgBin,
  startCluster,
  sweepOrphans,
  TEST_DATABASE_URL_ENV,
  type Cluster,
} from './support/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL superuser URL for the database tests, or null when there is no PostgreSQL. */
    databaseUrl: string | null;
  }
}

/**
 * Builds dist/ once so the stdio end-to-end tests run the same bundles a client would, and gives
 * the database tests a PostgreSQL: ${TEST_DATABASE_URL_ENV} when set (CI starts one), else a
 * private cluster started here in a temp dir (stopped and removed at teardown; one left behind by
 * a killed run is swept at the next start).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const given = process.env[TEST_DATABASE_URL_ENV];
  const bin = given ? null : findPgBin();
  const cluster: Promise<Cluster | null> = bin
    ? sweepOrphans(bin).then(() => startCluster(bin, process.pid))
    : Promise.resolve(null);
  const build = promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
  }).then(({ stderr }) => {
    if (stderr) process.stderr.write(stderr);
  });
  const [pg, built] = await Promise.allSettled([cluster, build]);
  const started = pg.status === 'fulfilled' ? pg.value : null;
  if (built.status === 'rejected' || pg.status === 'rejected') {
    await started?.stop();
    throw built.status === 'rejected' ? built.reason : (pg as PromiseRejectedResult).reason;
  }
  if (!given && !started) {
    process.stderr.write(
      `\n*** No PostgreSQL: ${TEST_DATABASE_URL_ENV} is not set and no initdb/pg_ctl was found. ` +
        'The live-database tests (introspect_database) are SKIPPED. Install PostgreSQL ' +
        '(Debian: apt-get install postgresql) to run them. ***\n\n',
    );
  }
  project.provide('databaseUrl', given ?? started?.url ?? null);
  return async () => {
    await started?.stop();
  };
}
