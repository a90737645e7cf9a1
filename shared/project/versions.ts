/**
 * The versions of Elixir, Phoenix, Ecto and Ecto SQL a project uses, and what the generated
 * code may therefore rely on. Sources, best first: `mix.lock` (the exact versions), the
 * requirements in `mix.exs` (their lowest allowed version), and for Elixir the installed
 * `elixir --version` (the one that will run `mix format`), which the caller probes.
 *
 * Pure: the caller reads the files and runs `elixir`.
 */
import { keywordGet, stringTerm, withElixirTree, termOf, type Term } from '../elixir/terms.js';

export type Version = readonly [major: number, minor: number, patch: number];

export interface DependencyVersion {
  /** The dependency is in mix.exs `deps/0` (or in mix.lock). */
  present: boolean;
  /** Exact version from mix.lock. */
  locked?: string;
  /** The requirement in mix.exs, e.g. "~> 1.8.1". */
  requirement?: string;
}

export interface ProjectVersions {
  elixir: { requirement?: string; installed?: string };
  phoenix: DependencyVersion;
  ecto: DependencyVersion;
  ecto_sql: DependencyVersion;
}

export function parseVersion(text: string): Version | undefined {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The lowest version a requirement allows (`~> 1.15` → 1.15.0, `>= 1.14.0 and < 2.0.0` →
 * 1.14.0, `~> 1.17 or ~> 1.18` → 1.17.0), or undefined when it has no lower bound we can read.
 */
export function requirementFloor(requirement: string): Version | undefined {
  let best: Version | undefined;
  for (const alternative of requirement.split(/\s+or\s+/)) {
    let floor: Version | undefined;
    for (const clause of alternative.split(/\s+and\s+/)) {
      const m = /^\s*(~>|>=|==|>)?\s*(\d+\.\d+(?:\.\d+)?)/.exec(clause);
      if (m === null) continue;
      const v = parseVersion(m[2] as string);
      if (v === undefined || m[1] === undefined) {
        if (v !== undefined && m[1] === undefined) floor = v;
        continue;
      }
      floor = floor === undefined || compareVersions(v, floor) > 0 ? v : floor;
    }
    if (floor !== undefined && (best === undefined || compareVersions(floor, best) < 0)) {
      best = floor;
    }
  }
  return best;
}

/** `{:name, "~> x"}` / `{:name, "~> x", opts}` / `{:name, opts}` entries of a deps list. */
export function dependencyRequirements(deps: Term | null): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (deps?.kind !== 'list') return out;
  for (const d of deps.items) {
    if (d.kind !== 'tuple') continue;
    const [name, second] = d.items;
    if (name?.kind !== 'atom') continue;
    out.set(name.value, stringTerm(second));
  }
  return out;
}

/** `"name": {:hex, :name, "1.2.3", …}` entries of mix.lock → name → version. */
export async function lockedVersions(lock: string): Promise<Map<string, string>> {
  return withElixirTree(lock, (root) => {
    const out = new Map<string, string>();
    const map = root.namedChildren.find((n) => n?.type === 'map');
    if (map === undefined || map === null) return out;
    const term = termOf(map);
    if (term.kind !== 'map') return out;
    for (const [key, value] of term.entries) {
      const name = key.kind === 'atom' || key.kind === 'string' ? key.value : undefined;
      if (name === undefined || value.kind !== 'tuple') continue;
      const [source, , version] = value.items;
      if (source?.kind === 'atom' && source.value === 'hex' && version?.kind === 'string') {
        out.set(name, version.value);
      }
    }
    return out;
  });
}

/** Versions from the parsed `project/0`, `deps/0` and the mix.lock text (null when absent). */
export async function projectVersions(
  project: Term | null,
  deps: Term | null,
  lock: string | null,
  installedElixir?: string,
): Promise<ProjectVersions> {
  const requirements = dependencyRequirements(deps);
  const locked = lock === null ? new Map<string, string>() : await lockedVersions(lock);
  const dep = (name: string): DependencyVersion => {
    const v: DependencyVersion = { present: requirements.has(name) || locked.has(name) };
    const l = locked.get(name);
    if (l !== undefined) v.locked = l;
    const r = requirements.get(name);
    if (r !== undefined) v.requirement = r;
    return v;
  };
  const elixir: ProjectVersions['elixir'] = {};
  const req = stringTerm(keywordGet(project, 'elixir'));
  if (req !== undefined) elixir.requirement = req;
  if (installedElixir !== undefined) elixir.installed = installedElixir;
  return { elixir, phoenix: dep('phoenix'), ecto: dep('ecto'), ecto_sql: dep('ecto_sql') };
}

/** The version a dependency is known to be at least: locked, else its requirement's floor. */
export function knownFloor(d: DependencyVersion): Version | undefined {
  if (d.locked !== undefined) return parseVersion(d.locked);
  return d.requirement === undefined ? undefined : requirementFloor(d.requirement);
}

function atLeast(v: Version | undefined, min: Version): boolean | undefined {
  return v === undefined ? undefined : compareVersions(v, min) >= 0;
}

/** Whether `Repo.all_by/3` exists (Ecto 3.13). Unknown counts as no: the query works everywhere. */
export function hasRepoAllBy(v: ProjectVersions): boolean {
  // ecto_sql x.y requires ecto x.y, so its floor bounds ecto's when ecto is not listed itself.
  return (
    (atLeast(knownFloor(v.ecto), [3, 13, 0]) ?? atLeast(knownFloor(v.ecto_sql), [3, 13, 0])) ===
    true
  );
}

/** Whether Phoenix 1.8 scopes apply: Phoenix is a dependency and at least 1.8 (unknown: yes). */
export function supportsScopes(v: ProjectVersions): boolean {
  if (!v.phoenix.present) return false;
  return atLeast(knownFloor(v.phoenix), [1, 8, 0]) ?? true;
}

/**
 * The formatter behaviour the project's `mix format` has: the installed Elixir when known,
 * else the lowest Elixir the project allows, else 1.14's.
 */
export function elixirForFormatting(v: ProjectVersions): Version {
  const installed = v.elixir.installed === undefined ? undefined : parseVersion(v.elixir.installed);
  const floor =
    v.elixir.requirement === undefined ? undefined : requirementFloor(v.elixir.requirement);
  // A project that requires a newer Elixir than the installed one cannot run mix format with
  // it; its own floor is then the better guess.
  if (installed !== undefined && (floor === undefined || compareVersions(installed, floor) >= 0)) {
    return installed;
  }
  return floor ?? [1, 14, 0];
}
