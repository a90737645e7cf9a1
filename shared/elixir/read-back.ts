/**
 * The project read back as a model: every schema module of `lib/` as the wire model the generators
 * take (./schema-model.ts), the tables its migrations build (./migrations.ts), and where the two
 * disagree (./schema-table.ts). This is what list_ecto_schemas returns; the generators use the same
 * read-back to tell that an existing file already says what a model says.
 */
import type { DatabaseState } from '../model/database.js';
import type { SchemaDef } from '../model/schema.js';
import { defaultTable, lastSegment, ownerKey } from '../model/index.js';
import { underscore } from '../naming/index.js';
import { detectProject } from '../project/detect.js';
import { replayMigrations, migrationsPath, type MigrationsReader } from './migrations.js';
import { readBackSchema, type SchemaLocations, type UnsupportedConstruct } from './schema-model.js';
import { schemaVsTable, type Disagreement } from './schema-table.js';
import type { ProjectSchema, SkippedFile } from './schema-types.js';
import { readProjectSchemas } from './schemas.js';

export interface ReadBackApp {
  otp_app: string;
  base_module: string;
  repo: string;
}

export interface SchemaModule extends ProjectSchema {
  /** The module as the generators' wire model (also in the top-level `schemas`). */
  model: SchemaDef;
  unsupported: UnsupportedConstruct[];
  locations: SchemaLocations;
  disagreements: Disagreement[];
}

export interface ProjectModel {
  app: ReadBackApp;
  migrations_path: string;
  modules: SchemaModule[];
  /** Every module's `model`, in the same order: feed it to the generators as `schemas`. */
  schemas: SchemaDef[];
  database: DatabaseState;
  skipped: SkippedFile[];
}

export interface ReadProjectOptions {
  app?: ReadBackApp;
  signal?: AbortSignal;
}

async function appOf(reader: MigrationsReader): Promise<ReadBackApp> {
  try {
    const info = await detectProject(reader.read, (dir) =>
      reader.list(dir, { recursive: true, extensions: ['.exs'] }),
    );
    return { otp_app: info.otp_app, base_module: info.base_module, repo: info.repo };
  } catch {
    return { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
  }
}

/**
 * A belongs_to whose target declares the matching has_many/has_one says so in `inverse` (and
 * `inverse_name` when it is not the default name), as the model that generated them did.
 */
function linkInverses(models: SchemaDef[]): void {
  const byModule = new Map(models.map((m) => [m.module, m]));
  for (const m of models) {
    for (const a of m.associations ?? []) {
      if (a.kind !== 'belongs_to') continue;
      const fk = a.foreign_key ?? `${a.name}_id`;
      const inverse = byModule
        .get(a.target)
        ?.associations?.find(
          (t) =>
            (t.kind === 'has_many' || t.kind === 'has_one') &&
            t.target === m.module &&
            (t.foreign_key ?? ownerKey(m.module)) === fk,
        );
      if (!inverse || (inverse.kind !== 'has_many' && inverse.kind !== 'has_one')) continue;
      a.inverse = inverse.kind;
      const single = underscore(lastSegment(m.module));
      const plural = m.table ?? defaultTable(m.module);
      const defaultName = inverse.kind === 'has_many' ? plural : single;
      if (inverse.name !== defaultName) a.inverse_name = inverse.name;
    }
  }
}

/** Schemas, tables and their disagreements, read (never executed) from the project. */
export async function readProjectModel(
  reader: MigrationsReader,
  opts: ReadProjectOptions = {},
): Promise<ProjectModel> {
  const app = opts.app ?? (await appOf(reader));
  const path = await migrationsPath(reader, app.repo);
  const signal = opts.signal ? { signal: opts.signal } : {};
  const [found, database] = await Promise.all([
    readProjectSchemas(reader, signal),
    replayMigrations(reader, { path, ...signal }),
  ]);
  const modules = found.schemas.map((s): SchemaModule => {
    const table = s.embedded
      ? null
      : (database.tables.find((t) => t.name === s.table && t.prefix === (s.prefix ?? null)) ??
        null);
    const back = readBackSchema(s, { baseModule: app.base_module, table });
    return { ...s, ...back, disagreements: schemaVsTable(s, database) };
  });
  linkInverses(modules.map((m) => m.model));
  return {
    app,
    migrations_path: path,
    modules,
    schemas: modules.map((m) => m.model),
    database,
    skipped: found.skipped,
  };
}
