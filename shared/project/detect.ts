/**
 * Detect the target Phoenix/Mix project from its `mix.exs` and `config/config.exs`.
 *
 * Pure: files are read through the caller's containment-checked `read` callback (this module
 * never touches the file system). The files are parsed with tree-sitter-elixir and only their
 * literal data is read (shared/elixir/terms.ts), so comments, strings, heredocs, odd spacing and
 * entry order do not matter, and nothing is evaluated.
 */
import {
  aliasValue,
  allCalls,
  atomValue,
  callArgs,
  callArgTerms,
  callName,
  definitionValue,
  keywordGet,
  stringTerm,
  withElixirTree,
  type Term,
} from '../elixir/terms.js';
import type { Node } from '../elixir/parser.js';
import { camelize } from '../naming/case.js';
import { isElixirModuleName } from '../naming/validate.js';

export type ReadFile = (rel: string) => Promise<string | null>;
/** Paths of the files under `relDir` (relative to the project root or to `relDir`). */
export type ListDir = (relDir: string) => Promise<readonly string[]>;

export interface ProjectInfo {
  /** The OTP application: `app: :my_app` of `project/0`. */
  otp_app: string;
  /** The base module: the prefix of `MyApp.MixProject`, else `Macro.camelize(otp_app)`. */
  base_module: string;
  /** The Ecto repo: the first of `ecto_repos: [...]` in the config, else `<Base>.Repo`. */
  repo: string;
  /** Every repo listed in `ecto_repos` for this app (empty when none was found). */
  repos: string[];
  /** Set when the project is an app inside an umbrella (`build_path: "../../_build"`, …). */
  umbrella?: { config_path: string };
  /** Human-readable remarks (defaults taken, other repos ignored), for tool warnings. */
  notes: string[];
}

export type ProjectErrorCode = 'not_a_mix_project' | 'umbrella_root' | 'unreadable_mix_exs';

/** A domain error about the project directory; its message says how to fix the input. */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  constructor(
    readonly code: ProjectErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Detection

/**
 * Detect `otp_app`, `base_module` and `repo` of the project whose root the `read` callback
 * serves. `list` is used only to name the apps of an umbrella in the error message.
 * Throws {@link ProjectError} when there is no `mix.exs`, when `mix.exs` has no `app:` in
 * `project/0`, or when the root is an umbrella (pass `project_root: "apps/<app>"` instead).
 */
export async function detectProject(read: ReadFile, list?: ListDir): Promise<ProjectInfo> {
  return (await readProject(read, list)).info;
}

/** {@link detectProject} plus the parsed `mix.exs` and config it read. */
export async function readProject(
  read: ReadFile,
  list?: ListDir,
): Promise<{ info: ProjectInfo; sources: ProjectSources }> {
  const mixExs = await read('mix.exs');
  if (mixExs === null) {
    throw new ProjectError(
      'not_a_mix_project',
      'The project root is not a Mix project: it has no mix.exs. Pass project_root pointing at ' +
        'the directory of your Phoenix app (the one with mix.exs), or create the app with ' +
        '`mix phx.new`.',
    );
  }
  const mix = await withElixirTree(mixExs, readMixExs);
  const project = mix.project;

  const appsPath = stringTerm(keywordGet(project, 'apps_path'));
  if (appsPath !== undefined) {
    const apps = await umbrellaApps(appsPath, read, list);
    const example = apps[0] ?? '<app>';
    throw new ProjectError(
      'umbrella_root',
      `The project root is an umbrella project (apps_path: "${appsPath}"); generators work on one ` +
        `app of it. Pass project_root: "${appsPath}/${example}"` +
        (apps.length > 0
          ? ` (apps found: ${apps.map((a) => `${appsPath}/${a}`).join(', ')}).`
          : ` with the app that owns your schemas (no apps were found under ${appsPath}/).`),
      { apps_path: appsPath, apps },
    );
  }

  const otpApp = atomValue(keywordGet(project, 'app'));
  if (otpApp === undefined) {
    throw new ProjectError(
      'unreadable_mix_exs',
      'Could not find `app: :my_app` in the project/0 keyword list of mix.exs, so the OTP app ' +
        'is unknown. Pass app: { otp_app, base_module, repo } explicitly.',
    );
  }

  const notes: string[] = [];
  const base = baseModule(mix.modules, mix.usesMixProject, otpApp);
  if (base.note !== undefined) notes.push(base.note);

  const configPath = stringTerm(keywordGet(project, 'config_path'));
  const lockfile = stringTerm(keywordGet(project, 'lockfile'));
  const inUmbrella =
    configPath !== undefined ||
    stringTerm(keywordGet(project, 'build_path'))?.startsWith('..') === true;
  const configRel = configPath ?? 'config/config.exs';
  // A reader may refuse paths outside the project root (an umbrella's config): use defaults.
  let config = await read(configRel).catch(() => null);
  if (config === null && configRel !== 'config/config.exs') {
    config = await read('config/config.exs').catch(() => null);
  }

  const configs = config === null ? [] : await readConfigCalls(config);
  const repos = ectoRepos(configs, otpApp);
  let repo: string;
  if (repos.length > 0) {
    repo = repos[0] as string;
    if (repos.length > 1) {
      notes.push(
        `ecto_repos lists ${repos.join(', ')}; using ${repo}. Pass app.repo to use another one.`,
      );
    }
  } else {
    repo = `${base.module}.Repo`;
    notes.push(
      config === null
        ? `No ${configRel} found; assuming the repo is ${repo}.`
        : `No ecto_repos for :${otpApp} in ${configRel}; assuming the repo is ${repo}.`,
    );
  }

  const info: ProjectInfo = { otp_app: otpApp, base_module: base.module, repo, repos, notes };
  if (inUmbrella) info.umbrella = { config_path: configRel };
  return {
    info,
    sources: {
      project,
      deps: mix.deps,
      configs,
      configPath: config === null ? null : configRel,
      ...(lockfile === undefined ? {} : { lockfile }),
    },
  };
}

/** What readProject read besides the names: for the readers of conventions and versions. */
export interface ProjectSources {
  /** The keyword list `project/0` returns (a `list` term), or null when not literal. */
  project: Term | null;
  /** The list `deps/0` returns, or null. */
  deps: Term | null;
  /** The `config` calls of the config file, in order. */
  configs: ConfigCall[];
  /** The config file read, relative to the project root, or null when none was readable. */
  configPath: string | null;
  /** `lockfile:` of project/0 (umbrella apps), when set. */
  lockfile?: string;
}

interface MixExs {
  project: Term | null;
  deps: Term | null;
  modules: string[];
  usesMixProject: boolean;
}

function readMixExs(root: Node): MixExs {
  const modules: string[] = [];
  let usesMixProject = false;
  for (const call of allCalls(root)) {
    const name = callName(call);
    const [first] = callArgs(call);
    if (name === 'defmodule' && first?.type === 'alias') modules.push(first.text);
    if (name === 'use' && first?.type === 'alias' && first.text === 'Mix.Project') {
      usesMixProject = true;
    }
  }
  const project = definitionValue(root, 'project');
  // `deps: deps()` names deps/0; a small project may list them inline: `deps: [{:ecto_sql, …}]`.
  const inline = keywordGet(project, 'deps');
  return {
    project,
    deps: definitionValue(root, 'deps') ?? (inline?.kind === 'list' ? inline : null),
    modules,
    usesMixProject,
  };
}

/** One `config :app, ...` call: the app and its remaining argument terms. */
export interface ConfigCall {
  app: string;
  args: Term[];
}

/** Every `config :app, …` call of a config file (also inside `if` blocks), in source order. */
export async function readConfigCalls(source: string): Promise<ConfigCall[]> {
  return withElixirTree(source, (root) => {
    const out: ConfigCall[] = [];
    for (const call of allCalls(root)) {
      if (callName(call) !== 'config') continue;
      const [app, ...args] = callArgTerms(call);
      const name = atomValue(app);
      if (name !== undefined) out.push({ app: name, args });
    }
    return out;
  });
}

/** The module prefix of `defmodule MyApp.MixProject do`, else `Macro.camelize(app)`. */
function baseModule(
  modules: readonly string[],
  usesMixProject: boolean,
  otpApp: string,
): { module: string; note?: string } {
  const camel = camelize(otpApp);
  const mixModule =
    modules.find((m) => /\.(MixProject|Mixfile|Project)$/.test(m)) ??
    (usesMixProject ? modules[0] : undefined);
  if (mixModule !== undefined && mixModule.includes('.')) {
    const prefix = mixModule.slice(0, mixModule.lastIndexOf('.'));
    if (isElixirModuleName(prefix)) return { module: prefix };
  }
  if (!isElixirModuleName(camel)) {
    return {
      module: camel,
      note: `The app name :${otpApp} does not camelize to a valid module name (${camel}); pass app.base_module.`,
    };
  }
  return { module: camel };
}

/**
 * The `ecto_repos: [...]` of `config :<otp_app>, ...` (or of the first config that has one),
 * in order.
 */
function ectoRepos(configs: readonly ConfigCall[], otpApp: string): string[] {
  const found: { app: string; repos: string[] }[] = [];
  for (const c of configs) {
    const kw = c.args.length === 1 ? c.args[0] : undefined;
    const list = keywordGet(kw, 'ecto_repos');
    if (list?.kind !== 'list') continue;
    const repos = list.items
      .map((t) => aliasValue(t))
      .filter((m): m is string => m !== undefined && isElixirModuleName(m));
    found.push({ app: c.app, repos });
  }
  const own = found.find((f) => f.app === otpApp && f.repos.length > 0);
  return (own ?? found.find((f) => f.repos.length > 0))?.repos ?? [];
}

/** App directories under the umbrella's apps path: those with a mix.exs. */
async function umbrellaApps(appsPath: string, read: ReadFile, list?: ListDir): Promise<string[]> {
  if (list === undefined) return [];
  let entries: readonly string[];
  try {
    entries = await list(appsPath);
  } catch {
    return [];
  }
  const prefix = appsPath.replace(/\/+$/, '') + '/';
  const names = new Set<string>();
  const candidates = new Set<string>();
  for (const raw of entries) {
    const rel = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const inside = rel.startsWith(prefix) ? rel.slice(prefix.length) : rel;
    const segs = inside.split('/').filter((s) => s !== '');
    const [first, second] = segs;
    if (first === undefined) continue;
    if (segs.length === 2 && second === 'mix.exs') names.add(first);
    else if (segs.length >= 2 || !first.includes('.')) candidates.add(first);
  }
  for (const c of candidates) {
    if (names.has(c)) continue;
    const mix = await read(`${prefix}${c}/mix.exs`).catch(() => null);
    if (mix !== null) names.add(c);
  }
  return [...names].sort();
}
