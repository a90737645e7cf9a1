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
import { replayMigrations, migrationsPath, type MigrationsReader } from './migrations.js';
import {
  readBackSchema,
  type SchemaLocations,
  type ScopeKey,
  type UnsupportedConstruct,
} from './schema-model.js';
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
  /** The application (its base module makes modules relative; its repo finds the migrations). */
  app: ReadBackApp;
  /** The project's usable scopes: scoped changesets read back as `scope` (see ReadBackOptions). */
  scopes?: readonly ScopeKey[];
  /** Use the parse caches (default true); false reads and parses everything afresh. */
  cache?: boolean;
  signal?: AbortSignal;
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
            (t.foreign_key ?? ownerKey(a.target)) === fk,
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // Indexed and keyed loops instead of Object.values: no array per object (~10k objects).
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const k in value) deepFreeze(value[k]);
  }
  return value;
}

/** The last read per project root, with the size and mtime of every file it depends on. */
const lastRead = new Map<string, { key: string; model: ProjectModel }>();

/** Size and mtime of everything a read depends on (null when the reader cannot tell). */
async function fingerprint(
  reader: MigrationsReader,
  opts: ReadProjectOptions,
  path: string,
): Promise<string | null> {
  if (!reader.stamps) return null;
  const parts = await Promise.all([
    reader.stamps('lib', { recursive: true, extensions: ['.ex'] }),
    reader.stamps(path, { recursive: true, extensions: ['.exs'] }),
    reader.stamps('config', { extensions: ['.exs'] }),
  ]);
  const stamps = parts.flat().map((s) => `${s.path}\0${s.size}\0${s.mtimeMs}`);
  const scopes = (opts.scopes ?? []).map((sc) => [sc.name, sc.schema_key, sc.access_path]);
  return `${JSON.stringify([opts.app, scopes])}\0${path}\0${stamps.join('\n')}`;
}

/**
 * Schemas, tables and their disagreements, read (never executed) from the project. A repeat
 * read of a project where no file under lib/, config/ or the migrations changed size or mtime
 * returns the previous answer. Answers are frozen (they may be shared): copy before changing.
 */
export async function readProjectModel(
  reader: MigrationsReader,
  opts: ReadProjectOptions,
): Promise<ProjectModel> {
  const app = opts.app;
  const path = await migrationsPath(reader, app.repo);
  const useCache = opts.cache !== false && reader.root !== null;
  const key = useCache ? await fingerprint(reader, opts, path) : null;
  const hit = reader.root === null ? undefined : lastRead.get(reader.root);
  if (key !== null && hit?.key === key) return hit.model;
  const model = deepFreeze(await readAfresh(reader, app, path, opts));
  if (key !== null && reader.root !== null) {
    if (lastRead.size >= 64) lastRead.clear();
    lastRead.set(reader.root, { key, model });
  }
  return model;
}

async function readAfresh(
  reader: MigrationsReader,
  app: ReadBackApp,
  path: string,
  opts: ReadProjectOptions,
): Promise<ProjectModel> {
  const signal = opts.signal ? { signal: opts.signal } : {};
  const [found, database] = await Promise.all([
    readProjectSchemas(reader, { ...signal, cache: opts.cache ?? true }),
    replayMigrations(reader, { path, repo: app.repo, ...signal, cache: opts.cache ?? true }),
  ]);
  const modules = found.schemas.map((s): SchemaModule => {
    const table = s.embedded
      ? null
      : (database.tables.find((t) => t.name === s.table && t.prefix === (s.prefix ?? null)) ??
        null);
    const back = readBackSchema(s, {
      baseModule: app.base_module,
      table,
      ...(opts.scopes ? { scopes: opts.scopes } : {}),
    });
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
