/**
 * The repo settings that change what a migration does, read from `config/*.exs` with tree-sitter
 * (./terms.ts; nothing is evaluated): `priv:` (where the migrations are), and the defaults
 * ecto_sql applies when a migration leaves them out: `migration_primary_key` (the implicit key
 * of `create table`), `migration_foreign_key` (the type and column of `references`) and
 * `migration_timestamps` (the options of `timestamps()`). config/config.exs is read first, then
 * the other files in name order; the first file that sets a key wins.
 */
import type { ProjectReader } from '../plan/index.js';
import {
  allCalls,
  atomValue,
  callArgTerms,
  callName,
  keywordEntries,
  stringTerm,
  withElixirTree,
  type Term,
} from './terms.js';

/** What a migration gets when it does not say: ecto_sql's defaults unless the config changes them. */
export interface MigrationDefaults {
  /** The implicit key of `create table`, or false (`migration_primary_key: false`). */
  primary_key: { name: string; type: string } | false;
  /** `references(...)` without `type:` / `column:`. */
  foreign_key: { type: string; column: string };
  /** `timestamps()` without options. */
  timestamps: { type: string; inserted_at: string; updated_at: string };
}

export const ECTO_SQL_DEFAULTS: MigrationDefaults = {
  primary_key: { name: 'id', type: ':bigserial' },
  foreign_key: { type: ':bigserial', column: 'id' },
  timestamps: { type: ':naive_datetime', inserted_at: 'inserted_at', updated_at: 'updated_at' },
};

export interface RepoMigrationConfig {
  /** `priv:` without a trailing slash, or null. */
  priv: string | null;
  defaults: MigrationDefaults;
}

/** A literal type as Elixir source (`:binary_id`, `Ecto.UUID`), or undefined. */
function typeText(t: Term | undefined): string | undefined {
  if (t?.kind === 'atom') return `:${t.value}`;
  if (t?.kind === 'alias') return t.value;
  return undefined;
}

function name(t: Term | undefined): string | undefined {
  return atomValue(t) ?? stringTerm(t);
}

/** The repo's keyword settings from one config file, merged in order (the file's last call wins). */
function settingsOf(root: Parameters<typeof allCalls>[0], repo: string): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const call of allCalls(root)) {
    if (callName(call) !== 'config') continue;
    const [app, mod, kw] = callArgTerms(call);
    if (atomValue(app) === undefined || mod?.kind !== 'alias' || mod.value !== repo) continue;
    for (const [k, v] of keywordEntries(kw) ?? []) out.set(k, v);
  }
  return out;
}

function applySettings(settings: Map<string, Term>, out: RepoMigrationConfig): void {
  const priv = stringTerm(settings.get('priv'));
  if (priv !== undefined) out.priv = priv.replace(/\/+$/, '');
  const pk = settings.get('migration_primary_key');
  if (pk?.kind === 'boolean' && !pk.value) out.defaults.primary_key = false;
  else if (pk !== undefined) {
    const kw = new Map(keywordEntries(pk) ?? []);
    out.defaults.primary_key = {
      name: name(kw.get('name')) ?? 'id',
      type: typeText(kw.get('type')) ?? ':bigserial',
    };
  }
  const fk = new Map(keywordEntries(settings.get('migration_foreign_key')) ?? []);
  out.defaults.foreign_key = {
    type: typeText(fk.get('type')) ?? out.defaults.foreign_key.type,
    column: name(fk.get('column')) ?? out.defaults.foreign_key.column,
  };
  const ts = new Map(keywordEntries(settings.get('migration_timestamps')) ?? []);
  out.defaults.timestamps = {
    type: typeText(ts.get('type')) ?? out.defaults.timestamps.type,
    inserted_at: name(ts.get('inserted_at')) ?? out.defaults.timestamps.inserted_at,
    updated_at: name(ts.get('updated_at')) ?? out.defaults.timestamps.updated_at,
  };
}

/** The repo's migration settings from the project's config files (defaults when none). */
export async function readRepoMigrationConfig(
  reader: ProjectReader,
  repo: string,
): Promise<RepoMigrationConfig> {
  const files = (await reader.list('config', { extensions: ['.exs'] })).sort((a, b) =>
    a.endsWith('/config.exs') ? -1 : b.endsWith('/config.exs') ? 1 : a.localeCompare(b),
  );
  const merged = new Map<string, Term>();
  for (const file of files) {
    const text = await reader.read(file);
    if (text === null || !text.includes(repo)) continue;
    const settings = await withElixirTree(text, (root) => settingsOf(root, repo));
    for (const [k, v] of settings) if (!merged.has(k)) merged.set(k, v);
  }
  const out: RepoMigrationConfig = { priv: null, defaults: structuredClone(ECTO_SQL_DEFAULTS) };
  applySettings(merged, out);
  return out;
}
