/**
 * What a Phoenix project says about the code it wants generated, read from its own files the
 * way `mix phx.gen.*` reads them (no evaluation: literal config only):
 *
 * - `config :app, :generators, …` / `config :app, generators: […]`: `binary_id`,
 *   `timestamp_type`, `sample_binary_id`, `migration`, `repo` (phx.gen merges this keyword list
 *   into every generator's options, so these keys are the ones that change schema, migration
 *   and context output);
 * - `config :app, :scopes, name: […]` (Phoenix 1.8, written by `mix phx.gen.auth`);
 * - the versions of Elixir, Phoenix, Ecto and Ecto SQL (project/versions.ts).
 *
 * Several `config` calls for the same app merge like `Config.config/2,3` (keyword lists deep
 * merged, later calls win).
 */
import {
  aliasValue,
  atomValue,
  booleanValue,
  keywordEntries,
  stringTerm,
  type Term,
} from '../elixir/terms.js';
import type { ConfigCall } from './detect.js';

export const CONVENTION_TIMESTAMP_TYPES = [
  'naive_datetime',
  'naive_datetime_usec',
  'utc_datetime',
  'utc_datetime_usec',
] as const;
export type ConventionTimestampType = (typeof CONVENTION_TIMESTAMP_TYPES)[number];

/** The `:generators` settings phx.gen honours that change what we write. */
export interface GeneratorConfig {
  binary_id?: boolean;
  timestamp_type?: ConventionTimestampType;
  sample_binary_id?: string;
  migration?: boolean;
  repo?: string;
}

/** One entry of `config :app, :scopes` (the keys `Mix.Phoenix.Scope` reads). */
export interface ScopeConfig {
  name: string;
  default: boolean;
  /** `MyApp.Accounts.Scope`. */
  module: string;
  /** `:current_scope`. */
  assign_key?: string;
  /** `[:user, :id]`: how the owner's key is reached from the scope struct. */
  access_path: string[];
  /** `:user_id`: the column the scoped schema gets. */
  schema_key: string;
  /** `:id` or `:binary_id`. */
  schema_type: 'id' | 'binary_id';
  /** `:users`, or absent for a scope without a table (a plain column). */
  schema_table?: string;
  /** `MyApp.AccountsFixtures`. */
  test_data_fixture?: string;
  /** `:register_and_log_in_user`. */
  test_setup_helper?: string;
}

export interface ProjectConventions {
  generators: GeneratorConfig;
  scopes: ScopeConfig[];
  /** Where each setting came from, for the tools' answers ("binary_id: true from config/config.exs"). */
  notes: string[];
  /** Settings present but not understood (not literal, unknown values): said, then ignored. */
  ignored: string[];
}

/** `Keyword.merge` that also merges nested keyword lists (what `Config` does). */
function deepMerge(a: Term | undefined, b: Term): Term {
  const ea = keywordEntries(a);
  const eb = keywordEntries(b);
  if (ea === null || eb === null) return b;
  const out = new Map<string, Term>(ea);
  for (const [k, v] of eb) out.set(k, deepMerge(out.get(k), v));
  return {
    kind: 'list',
    items: [...out].map(([k, v]) => ({ kind: 'tuple', items: [{ kind: 'atom', value: k }, v] })),
  };
}

/** The merged configuration of `app` (its top-level keys). */
export function appConfig(configs: readonly ConfigCall[], app: string): Map<string, Term> {
  const out = new Map<string, Term>();
  for (const c of configs) {
    if (c.app !== app) continue;
    if (c.args.length === 1) {
      for (const [k, v] of keywordEntries(c.args[0]) ?? []) out.set(k, deepMerge(out.get(k), v));
    } else if (c.args.length === 2) {
      const key = atomValue(c.args[0]);
      if (key !== undefined) out.set(key, deepMerge(out.get(key), c.args[1]!));
    }
  }
  return out;
}

function readGenerators(
  term: Term | undefined,
  where: string,
  notes: string[],
  ignored: string[],
): GeneratorConfig {
  const g: GeneratorConfig = {};
  for (const [key, value] of keywordEntries(term) ?? []) {
    const shown = `generators ${key}`;
    switch (key) {
      case 'binary_id':
      case 'migration': {
        const b = booleanValue(value);
        if (b === undefined) ignored.push(`${shown} in ${where} is not a literal boolean`);
        else g[key] = b;
        break;
      }
      case 'timestamp_type': {
        const t = atomValue(value);
        if (t !== undefined && (CONVENTION_TIMESTAMP_TYPES as readonly string[]).includes(t)) {
          g.timestamp_type = t as ConventionTimestampType;
        } else {
          ignored.push(
            `${shown} in ${where} must be one of :${CONVENTION_TIMESTAMP_TYPES.join(', :')}`,
          );
        }
        break;
      }
      case 'sample_binary_id': {
        const s = stringTerm(value);
        if (s !== undefined && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s)) {
          g.sample_binary_id = s.toLowerCase();
        } else ignored.push(`${shown} in ${where} is not a literal UUID string`);
        break;
      }
      case 'repo': {
        const r = aliasValue(value);
        if (r === undefined) ignored.push(`${shown} in ${where} is not a module`);
        else g.repo = r;
        break;
      }
      default:
        // context_app, api_prefix, …: about the web layer or umbrellas, not what we write.
        break;
    }
  }
  for (const [k, v] of Object.entries(g)) {
    const shown =
      k === 'timestamp_type'
        ? `:${String(v)}`
        : typeof v === 'string' && k !== 'repo'
          ? `"${v}"`
          : String(v);
    notes.push(`${k}: ${shown} (from the generators config in ${where})`);
  }
  return g;
}

function atomList(term: Term | undefined): string[] | undefined {
  if (term?.kind !== 'list') return undefined;
  const out: string[] = [];
  for (const t of term.items) {
    const a = atomValue(t);
    if (a === undefined) return undefined;
    out.push(a);
  }
  return out;
}

function readScope(name: string, term: Term, where: string, ignored: string[]): ScopeConfig | null {
  const kw = new Map(keywordEntries(term) ?? []);
  const module = aliasValue(kw.get('module'));
  const accessPath = atomList(kw.get('access_path'));
  const schemaKey = atomValue(kw.get('schema_key'));
  const schemaType = atomValue(kw.get('schema_type')) ?? 'id';
  if (module === undefined || accessPath === undefined || accessPath.length === 0) {
    ignored.push(
      `scope :${name} in ${where} has no literal module and access_path, so it is not used`,
    );
    return null;
  }
  if (schemaKey === undefined || (schemaType !== 'id' && schemaType !== 'binary_id')) {
    ignored.push(
      `scope :${name} in ${where} needs schema_key: :<column> and schema_type: :id or :binary_id, so it is not used`,
    );
    return null;
  }
  const scope: ScopeConfig = {
    name,
    default: booleanValue(kw.get('default')) === true,
    module,
    access_path: accessPath,
    schema_key: schemaKey,
    schema_type: schemaType,
  };
  const table = atomValue(kw.get('schema_table'));
  if (table !== undefined) scope.schema_table = table;
  const assign = atomValue(kw.get('assign_key'));
  if (assign !== undefined) scope.assign_key = assign;
  const fixture = aliasValue(kw.get('test_data_fixture'));
  if (fixture !== undefined) scope.test_data_fixture = fixture;
  const helper = atomValue(kw.get('test_setup_helper'));
  if (helper !== undefined) scope.test_setup_helper = helper;
  return scope;
}

/** The conventions of `app` from its parsed config calls (`where` names the file in notes). */
export function readConventions(
  configs: readonly ConfigCall[],
  app: string,
  where: string,
): ProjectConventions {
  const notes: string[] = [];
  const ignored: string[] = [];
  const cfg = appConfig(configs, app);
  const generators = readGenerators(cfg.get('generators'), where, notes, ignored);
  const scopes: ScopeConfig[] = [];
  for (const [name, value] of keywordEntries(cfg.get('scopes')) ?? []) {
    const s = readScope(name, value, where, ignored);
    if (s !== null) scopes.push(s);
  }
  return { generators, scopes, notes, ignored };
}
