/**
 * The conventions one generation follows: the project's generator config, scopes and versions
 * (shared/project) merged with the call's explicit arguments, which always win. Every setting
 * taken from the project is listed in `from_project`, which the tools return, so a caller sees
 * why the output has `timestamps(type: :utc_datetime)` or UUID keys it did not ask for.
 */
import type { ScopeOptions, TimestampType } from '../model/index.js';
import {
  elixirForFormatting,
  hasRepoAllBy,
  parseVersion,
  projectVersions,
  readConventions,
  supportsScopes,
  type ProjectSources,
  type ProjectVersions,
  type ScopeConfig,
  type Version,
} from '../project/index.js';
import type { GeneratorInput } from './input.js';

/** Phoenix's own default for `sample_binary_id`. */
export const DEFAULT_SAMPLE_BINARY_ID = '11111111-1111-1111-1111-111111111111';

export interface Conventions {
  /** Defaults for schemas that do not set them (explicit args > project config). */
  defaults: { binary_id?: boolean; timestamp_type?: TimestampType };
  sample_binary_id: string;
  /** The project's scopes (only where Phoenix ≥ 1.8 is a dependency). */
  scopes: ScopeConfig[];
  /** The scopes as normalizeModel takes them (with the config file and why none are usable). */
  scope_options: Omit<ScopeOptions, 'requested'>;
  /** Phoenix is a dependency: Phoenix conventions (DataCase, PubSub, scopes) apply. */
  phoenix: boolean;
  /** `Repo.all_by/3` exists (Ecto ≥ 3.13). */
  repo_all_by: boolean;
  /** The Elixir whose `mix format` the output must match. */
  elixir: Version;
  /** Human-readable: what came from the project. */
  from_project: string[];
  /** Settings found but not used, and why. */
  ignored: string[];
}

/** What a generation without a project (a dry run) follows. */
export const NO_PROJECT_CONVENTIONS: Conventions = {
  defaults: {},
  sample_binary_id: DEFAULT_SAMPLE_BINARY_ID,
  scopes: [],
  scope_options: {
    available: [],
    where: 'config/config.exs',
    unavailable: 'there is no project to read config :<app>, :scopes from (pass project_root)',
  },
  phoenix: true,
  repo_all_by: false,
  elixir: [1, 14, 0],
  from_project: [],
  ignored: [],
};

type ArgDefaults = Pick<GeneratorInput, 'binary_id' | 'timestamp_type'>;

function explicitDefaults(args: ArgDefaults): Conventions['defaults'] {
  return {
    ...(args.binary_id === undefined ? {} : { binary_id: args.binary_id }),
    ...(args.timestamp_type === undefined ? {} : { timestamp_type: args.timestamp_type }),
  };
}

/** The conventions without a project: the call's arguments only. */
export function conventionsWithoutProject(args: ArgDefaults): Conventions {
  return { ...NO_PROJECT_CONVENTIONS, defaults: explicitDefaults(args) };
}

function versionNotes(v: ProjectVersions, elixir: Version): string[] {
  const show = (name: string, d: ProjectVersions['phoenix']) =>
    d.locked !== undefined
      ? `${name} ${d.locked} (mix.lock)`
      : d.requirement !== undefined
        ? `${name} ${d.requirement} (mix.exs)`
        : d.present
          ? `${name} (version unknown)`
          : undefined;
  const deps = [
    show('phoenix', v.phoenix),
    show('ecto', v.ecto),
    show('ecto_sql', v.ecto_sql),
  ].filter((s): s is string => s !== undefined);
  const e = v.elixir;
  const elixirSource =
    e.installed !== undefined && parseVersion(e.installed)?.join('.') === elixir.join('.')
      ? `installed elixir ${e.installed}`
      : e.requirement !== undefined
        ? `elixir: "${e.requirement}" in mix.exs`
        : 'no Elixir requirement, so 1.14';
  return [
    ...(deps.length > 0 ? [`versions: ${deps.join(', ')}`] : []),
    `formatting: as mix format of Elixir ${elixir[0]}.${elixir[1]} (${elixirSource})`,
  ];
}

/**
 * The conventions of a detected project. `lock` is the text of its mix.lock (null when absent);
 * `installedElixir` the output of the elixir probe, when one ran.
 */
export async function projectConventions(
  sources: ProjectSources,
  otpApp: string,
  args: ArgDefaults,
  lock: string | null,
  installedElixir?: string,
): Promise<Conventions> {
  const where = sources.configPath ?? 'config/config.exs';
  const read = readConventions(sources.configs, otpApp, where);
  const versions = await projectVersions(sources.project, sources.deps, lock, installedElixir);
  const explicit = explicitDefaults(args);
  const fromProject: string[] = [];
  const defaults: Conventions['defaults'] = { ...explicit };
  const g = read.generators;
  if (explicit.binary_id === undefined && g.binary_id !== undefined) {
    defaults.binary_id = g.binary_id;
    fromProject.push(`binary_id: ${g.binary_id} (generators config in ${where})`);
  }
  if (explicit.timestamp_type === undefined && g.timestamp_type !== undefined) {
    defaults.timestamp_type = g.timestamp_type;
    fromProject.push(`timestamp_type: :${g.timestamp_type} (generators config in ${where})`);
  }
  const phoenix = versions.phoenix.present;
  const ignored = [...read.ignored];
  let scopes = read.scopes;
  let unavailable: string | undefined;
  if (scopes.length > 0 && !supportsScopes(versions)) {
    unavailable = phoenix
      ? `the scopes in ${where} are not used: scoped contexts need Phoenix 1.8 or newer`
      : `the scopes in ${where} are not used: phoenix is not a dependency in mix.exs`;
    ignored.push(unavailable);
    scopes = [];
  }
  if (scopes.length > 0) {
    fromProject.push(
      `scopes: ${scopes.map((s) => `:${s.name}${s.default ? ' (default)' : ''}`).join(', ')} (${where})`,
    );
  }
  if (!phoenix) fromProject.push('no phoenix dependency in mix.exs: plain Ecto conventions');
  const elixir = elixirForFormatting(versions);
  fromProject.push(...versionNotes(versions, elixir));
  return {
    defaults,
    sample_binary_id: g.sample_binary_id ?? DEFAULT_SAMPLE_BINARY_ID,
    scopes,
    scope_options: {
      available: scopes,
      where,
      ...(unavailable === undefined ? {} : { unavailable }),
    },
    phoenix,
    repo_all_by: hasRepoAllBy(versions),
    elixir,
    from_project: fromProject,
    ignored,
  };
}
