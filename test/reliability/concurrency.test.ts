/**
 * Concurrency (issue 9): 50 concurrent calls against ONE server per generator, over the real
 * in-memory MCP client: 20 distinct targets, 20 identical calls on one shared target, 10 calls
 * that want different content at that same target. Afterwards: every file on disk is exactly a
 * content some call planned for it (no corrupted, partial or interleaved file), conflicting calls
 * got a clear isError, no temp file is left, and migration versions are unique.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, errorText, structured, tempProject } from '../support/mcp.js';
import {
  generatorServers,
  isTempName,
  recordFigures,
  snapshotTree,
  type GeneratorServer,
} from './support.js';
import { readFile } from 'node:fs/promises';

interface Out {
  files: { path: string; action: string; content?: string }[];
}

const figures: Record<string, unknown> = {};
afterAll(async () => {
  await recordFigures('concurrency', figures);
});

/** Path key that ignores a migration's version prefix (it depends on what exists at plan time). */
const keyOf = (p: string) => p.replace(/(^|\/)\d{14}_/, '$1');

const servers = await generatorServers();

describe.each(servers.map((s) => [s.server, s] as [string, GeneratorServer]))('%s', (_name, g) => {
  it('50 concurrent calls: no corrupted or partial file, conflicts reported, no temp files', async () => {
    const p = await tempProject();
    const c = await connect(
      g.createServer({ cliRoots: [p.root], clock: () => new Date('2026-01-02T03:04:05Z') }),
      { roots: [p.root] },
    );
    try {
      const distinct = Array.from({ length: 20 }, (_, i) => [
        `Ctx${i} Thing${i} things_${i} name:string`,
      ]);
      const shared = ['Blog Post posts title:string'];
      const rival = ['Blog Post posts title:string body:text'];
      const inputs = [
        ...distinct.map((specs) => ({ specs, kind: 'distinct' })),
        ...Array.from({ length: 20 }, () => ({ specs: shared, kind: 'shared' })),
        ...Array.from({ length: 10 }, () => ({ specs: rival, kind: 'rival' })),
      ];
      // What each distinct input may put where (dry runs against the untouched project).
      const allowed = new Map<string, Set<string>>();
      for (const specs of [...distinct, shared, rival]) {
        const out = structured<Out>(
          await c.client.callTool({
            name: g.tool,
            arguments: { specs, dry_run: true, on_conflict: 'error' },
          }),
        );
        for (const f of out.files) {
          const k = keyOf(f.path);
          if (!allowed.has(k)) allowed.set(k, new Set());
          allowed.get(k)!.add(f.content ?? '');
        }
      }
      const before = await snapshotTree(p.root);
      const t = performance.now();
      // Interleave the kinds so shared and rival calls really race.
      const order = inputs
        .map((x, i) => ({ x, i }))
        .sort((a, b) => ((a.i * 7919) % 50) - ((b.i * 7919) % 50));
      const results = await Promise.all(
        order.map(({ x }) =>
          c.client
            // error: a rival call must conflict (update would evolve the winner's files).
            .callTool({
              name: g.tool,
              arguments: { specs: x.specs, format: 'none', on_conflict: 'error' },
            })
            .then((r) => ({ kind: x.kind, r })),
        ),
      );
      const ms = performance.now() - t;
      const stats = { ok: 0, conflicts: 0, other_errors: 0 };
      const other: string[] = [];
      for (const { kind, r } of results) {
        if (!r.isError) {
          stats.ok++;
          continue;
        }
        const text = errorText(r);
        if (kind !== 'distinct' && /Nothing was written|conflict|changed|already exist/i.test(text))
          stats.conflicts++;
        else {
          stats.other_errors++;
          other.push(`${kind}: ${text.slice(0, 300)}`);
        }
      }
      const after = await snapshotTree(p.root);
      const written = [...after.entries()]
        .filter(([k, v]) => v.kind === 'file' && !before.has(k))
        .map(([k]) => k);
      const temps = [...after.keys()].filter(isTempName);
      const corrupted: string[] = [];
      for (const rel of written) {
        const content = await readFile(path.join(p.root, rel), 'utf8');
        if (!allowed.get(keyOf(rel))?.has(content)) corrupted.push(rel);
      }
      const versions = written
        .map((w) => /(?:^|\/)(\d{14})_/.exec(w)?.[1])
        .filter((v): v is string => v !== undefined);
      const dupVersions = versions.filter((v, i) => versions.indexOf(v) !== i);
      // Every distinct target made it.
      for (let i = 0; i < 20; i++) {
        const re = new RegExp(`(ctx${i}|thing${i}|things_${i})[_./]`);
        expect(
          written.some((w) => re.test(w)),
          `target ${i}: ${written.join(', ')}`,
        ).toBe(true);
      }
      figures[`${g.server}`] = {
        calls: results.length,
        ...stats,
        files_written: written.length,
        corrupted_or_partial: corrupted.length,
        temp_files_left: temps.length,
        duplicate_migration_versions: dupVersions.length,
        ms: Math.round(ms),
      };
      expect(other).toEqual([]);
      expect(corrupted).toEqual([]);
      expect(temps).toEqual([]);
      expect(dupVersions).toEqual([]);
      // The shared target exists once, with one of the two planned contents.
      expect(stats.ok).toBeGreaterThanOrEqual(21);
    } finally {
      await c.close();
      await p.cleanup();
    }
  }, 60_000);
});
