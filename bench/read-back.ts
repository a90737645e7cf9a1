/**
 * The read-back figures of issue 18, in process: a project with 100 schema modules and 300
 * migrations (100 creates written by the generators, then 200 alters: add, modify, rename,
 * remove, indexes) read whole by `readProjectModel` (every module to the wire model, every
 * migration replayed, disagreements), then read again with nothing changed on disk (the caches
 * keyed by path and content answer), and read after one schema module changed (only that file is
 * read and parsed again; every module is still turned into the model). The parser is loaded
 * before timing (a server loads it once).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { elixirParser } from '../shared/elixir/parser.js';
import { readProjectModel } from '../shared/elixir/read-back.js';
import { planEctoSchemas } from '../shared/generate/ecto-schema.js';
import { planMigrations } from '../shared/generate/ecto-migration.js';
import { normalizeModel } from '../shared/model/index.js';
import { projectReader, type PlanContext } from '../shared/plan/index.js';
import { writeFiles } from '../shared/workspace/index.js';
import { APP, domain } from './domain.js';
import { summarize, type Summary } from './stats.js';

const READ_APP = { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };

export const READ_BACK_TARGETS = { wholeMs: 150, repeatMs: 10 };

export interface ReadBackResult {
  schemas: number;
  migrations: number;
  tables: number;
  whole: Summary;
  repeat: Summary;
  /** A read after one schema module changed (the caches answer every other file). */
  oneChanged: Summary;
  /** CPU time (user + system) of the same reads: what they cost on an idle machine. */
  wholeCpu: Summary;
  repeatCpu: Summary;
  oneChangedCpu: Summary;
}

/** Alter k of a table: add a column (and its index), change its type, rename it. */
function alterMigration(k: number, table: string): string {
  const col = `extra_${Math.floor(k / 3)}`;
  const steps = [
    `    alter table(:${table}) do\n      add :${col}, :string, size: 80\n    end\n\n    create index(:${table}, [:${col}])`,
    `    alter table(:${table}) do\n      modify :${col}, :text, null: true\n    end`,
    `    rename table(:${table}), :${col}, to: :renamed_${Math.floor(k / 3)}`,
  ];
  return `defmodule MyApp.Repo.Migrations.Evolve${k} do\n  use Ecto.Migration\n\n  def change do\n${steps[k % 3]}\n  end\nend\n`;
}

export async function buildProject(
  dir: string,
): Promise<{ schemas: number; migrations: number; sampleModule: string }> {
  const schemas = domain(100);
  const { model } = normalizeModel({ app: APP, schemas });
  if (!model) throw new Error('bench: the read-back domain is not a valid model');
  const ctx: PlanContext = {
    project: projectReader(dir),
    clock: () => new Date('2024-01-01T00:00:00Z'),
    warn: () => undefined,
    signal: new AbortController().signal,
    progress: async () => undefined,
  };
  const files = [
    ...(await planEctoSchemas(model, {}, ctx)),
    ...(await planMigrations(model, {}, ctx)),
  ];
  const creates = files.filter((f) => f.path.startsWith('priv/')).length;
  // The rest up to 300: alters on the tables, three per table (add, modify, rename).
  const tables = model.schemas.map((s) => s.table);
  for (let k = 0; k < 300 - creates; k++) {
    files.push({
      path: `priv/repo/migrations/${20250101000000 + k}_evolve_${k}.exs`,
      content: alterMigration(k, tables[Math.floor(k / 3) % tables.length]!),
    });
  }
  await writeFile(
    path.join(dir, 'mix.exs'),
    'defmodule MyApp.MixProject do\n  use Mix.Project\n  def project, do: [app: :my_app, version: "0.1.0"]\nend\n',
  );
  await writeFiles(dir, files, { onConflict: 'overwrite', dryRun: false });
  return {
    sampleModule: files.find((f) => f.path.startsWith('lib/') && f.content.includes('schema "'))!
      .path,
    schemas: model.schemas.length,
    migrations: files.filter((f) => f.path.startsWith('priv/')).length,
  };
}

export async function measureReadBack(requested: number): Promise<ReadBackResult> {
  // A read is ~0.1 s: take enough runs that the p50 says something on a shared machine.
  const runs = Math.max(requested, 15);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'phx-gen-mcp-readback-'));
  try {
    const { sampleModule, ...built } = await buildProject(dir);
    await elixirParser();
    const whole: number[] = [];
    const repeat: number[] = [];
    const wholeCpu: number[] = [];
    const repeatCpu: number[] = [];
    const oneChanged: number[] = [];
    const oneChangedCpu: number[] = [];
    // The module edited between reads: a field is renamed back and forth (a real edit, new size).
    const edited = path.join(dir, ...sampleModule.split('/'));
    const original = await readFile(edited, 'utf8');
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    let tables = 0;
    // Two untimed reads first: the first read of a process also compiles the readers (JIT), which
    // is start-up cost, not the cost of a read.
    for (let w = 0; w < 2; w++) {
      await readProjectModel(projectReader(dir), { app: READ_APP, cache: false });
    }
    for (let r = 0; r < runs; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const first = await readProjectModel(projectReader(dir), { app: READ_APP, cache: false });
      whole.push(performance.now() - t0);
      wholeCpu.push(cpuMs(c0));
      tables = first.database.tables.length;
      if (first.database.warnings.length > 0) {
        throw new Error(`bench: replay warnings: ${first.database.warnings[0]!.message}`);
      }
      await readProjectModel(projectReader(dir), { app: READ_APP });
      const c1 = process.cpuUsage();
      const t1 = performance.now();
      await readProjectModel(projectReader(dir), { app: READ_APP });
      repeat.push(performance.now() - t1);
      repeatCpu.push(cpuMs(c1));
      await writeFile(edited, r % 2 === 0 ? `${original}# edit ${r}\n` : original);
      const c2 = process.cpuUsage();
      const t2 = performance.now();
      await readProjectModel(projectReader(dir), { app: READ_APP });
      oneChanged.push(performance.now() - t2);
      oneChangedCpu.push(cpuMs(c2));
    }
    return {
      ...built,
      tables,
      whole: summarize(whole),
      repeat: summarize(repeat),
      wholeCpu: summarize(wholeCpu),
      repeatCpu: summarize(repeatCpu),
      oneChanged: summarize(oneChanged),
      oneChangedCpu: summarize(oneChangedCpu),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
