/**
 * The private test cluster: one whose owner process died (a killed test run) is stopped and
 * removed by the next sweep; one whose owner lives, and one without an owner, are left alone.
 */
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgBin, startCluster, sweepOrphans, type Cluster } from '../support/pg-cluster.js';

const bin = findPgBin();
const started: Cluster[] = [];
afterAll(async () => {
  await Promise.all(started.map((c) => c.stop()));
});

describe.skipIf(!bin)('test cluster sweep', () => {
  it('removes the cluster of a dead owner and keeps the others', async () => {
    const gone = execa(process.execPath, ['-e', '']);
    const deadPid = gone.pid!;
    await gone;
    const [orphan, owned, ownerless] = await Promise.all([
      startCluster(bin!, deadPid),
      startCluster(bin!, process.pid),
      startCluster(bin!),
    ]);
    started.push(owned, ownerless);
    // Another test run's sweep may get to the orphan first: what counts is that it is gone.
    const swept = await sweepOrphans(bin!);
    expect(swept).not.toContain(owned.dir);
    expect(swept).not.toContain(ownerless.dir);
    expect(existsSync(orphan.dir)).toBe(false);
    expect(existsSync(owned.dir)).toBe(true);
    expect(existsSync(ownerless.dir)).toBe(true);
  }, 120_000);
});
