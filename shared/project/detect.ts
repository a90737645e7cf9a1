/**
 * Detect the target Phoenix/Mix project from its `mix.exs` and `config/config.exs`.
 *
 * Pure: files are read through the caller's containment-checked `read` callback (this module
 * never touches the file system). Parsing is lexical: comments are removed (strings, charlists,
 * sigils and `?#` character literals are respected) and the keyword entries we need are read
 * from what remains, which tolerates odd spacing, comments and entries in any order.
 */
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
// Lexing

/** Closing delimiter of a sigil opened with `open`. */
const SIGIL_CLOSE: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '<': '>',
  '/': '/',
  '|': '|',
  '"': '"',
  "'": "'",
};

/**
 * Replace comments with spaces and the *contents* of strings, charlists and sigils with `_`
 * (keeping their delimiters and the line structure), so later regexes only see code.
 * When `keepStrings` is true, string contents are kept (used to read `apps_path: "apps"`).
 */
export function stripElixirComments(src: string, keepStrings = false): string {
  let out = '';
  let i = 0;
  const n = src.length;
  const blank = (s: string): string => (keepStrings ? s : s.replace(/[^\n]/g, '_'));
  const readQuoted = (quote: string, heredoc: boolean): void => {
    const close = heredoc ? quote.repeat(3) : quote;
    out += close;
    i += close.length;
    let body = '';
    while (i < n) {
      if (src[i] === '\\' && i + 1 < n) {
        body += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (src.startsWith(close, i)) break;
      body += src[i];
      i++;
    }
    out += blank(body);
    if (i < n) {
      out += close;
      i += close.length;
    }
  };
  while (i < n) {
    const c = src[i] as string;
    const prev = i > 0 ? (src[i - 1] as string) : '';
    if (c === '#') {
      while (i < n && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '"' || c === "'") {
      readQuoted(c, src.startsWith(c.repeat(3), i));
    } else if (c === '~' && /[A-Za-z]/.test(src[i + 1] ?? '')) {
      // sigil: ~x<delim>...<close>modifiers
      let j = i + 1;
      while (j < n && /[A-Za-z]/.test(src[j] as string)) j++;
      const open = src[j] ?? '';
      const close = SIGIL_CLOSE[open];
      if (close === undefined) {
        out += c;
        i++;
        continue;
      }
      out += src.slice(i, j);
      i = j;
      if ((open === '"' || open === "'") && src.startsWith(open.repeat(3), i)) {
        readQuoted(open, true);
      } else {
        out += open;
        i++;
        let body = '';
        while (i < n && src[i] !== close) {
          if (src[i] === '\\' && i + 1 < n) {
            body += src.slice(i, i + 2);
            i += 2;
          } else {
            body += src[i];
            i++;
          }
        }
        out += blank(body);
        if (i < n) {
          out += close;
          i++;
        }
      }
    } else if (c === '?' && !/[A-Za-z0-9_!?]/.test(prev) && i + 1 < n) {
      // character literal such as ?# or ?\n
      const len = src[i + 1] === '\\' ? 3 : 2;
      out += '?' + '_'.repeat(len - 1);
      i += len;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Comment-free source in two forms of equal length: `code` with string contents blanked (for
 * matching) and `text` with them kept (for reading values at the matched offsets).
 */
interface Lexed {
  code: string;
  text: string;
}

function lex(src: string): Lexed {
  return { code: stripElixirComments(src), text: stripElixirComments(src, true) };
}

/** The `[start, end)` of `def project` (from its head to the next `def`/`defp` or the end). */
function projectSection(code: string): [number, number] {
  const m = /\bdef\s+project\b/.exec(code);
  if (m === null) return [0, code.length];
  const start = m.index + m[0].length;
  const next = /\n\s*defp?\s/.exec(code.slice(start));
  return [start, next === null ? code.length : start + next.index];
}

const ATOM = String.raw`:(?:"([^"\\]*)"|([A-Za-z_][A-Za-z0-9_@]*[?!]?))`;

function keywordAtom(src: Lexed, [from, to]: [number, number], key: string): string | undefined {
  const re = new RegExp(String.raw`(?:^|[\s\[,(])${key}:\s*(?=:)`, 'g');
  re.lastIndex = from;
  const m = re.exec(src.code);
  if (m === null || m.index >= to) return undefined;
  const v = new RegExp(ATOM, 'y');
  v.lastIndex = m.index + m[0].length;
  const a = v.exec(src.text);
  return a === null ? undefined : (a[1] ?? a[2]);
}

function keywordString(src: Lexed, [from, to]: [number, number], key: string): string | undefined {
  const re = new RegExp(String.raw`(?:^|[\s\[,(])${key}:\s*(?=")`, 'g');
  re.lastIndex = from;
  const m = re.exec(src.code);
  if (m === null || m.index >= to) return undefined;
  const v = /"([^"\\]*)"/y;
  v.lastIndex = m.index + m[0].length;
  return v.exec(src.text)?.[1];
}

const MODULE = String.raw`[A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)*`;

// ---------------------------------------------------------------------------------------------
// Detection

/**
 * Detect `otp_app`, `base_module` and `repo` of the project whose root the `read` callback
 * serves. `list` is used only to name the apps of an umbrella in the error message.
 * Throws {@link ProjectError} when there is no `mix.exs`, when `mix.exs` has no `app:` in
 * `project/0`, or when the root is an umbrella (pass `project_root: "apps/<app>"` instead).
 */
export async function detectProject(read: ReadFile, list?: ListDir): Promise<ProjectInfo> {
  const mixExs = await read('mix.exs');
  if (mixExs === null) {
    throw new ProjectError(
      'not_a_mix_project',
      'The project root is not a Mix project: it has no mix.exs. Pass project_root pointing at ' +
        'the directory of your Phoenix app (the one with mix.exs), or create the app with ' +
        '`mix phx.new`.',
    );
  }
  const src = lex(mixExs);
  const code = src.code;
  const section = projectSection(code);

  const appsPath = keywordString(src, section, 'apps_path');
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

  const otpApp = keywordAtom(src, section, 'app');
  if (otpApp === undefined) {
    throw new ProjectError(
      'unreadable_mix_exs',
      'Could not find `app: :my_app` in the project/0 keyword list of mix.exs, so the OTP app ' +
        'is unknown. Pass app: { otp_app, base_module, repo } explicitly.',
    );
  }

  const notes: string[] = [];
  const base = baseModule(code, otpApp);
  if (base.note !== undefined) notes.push(base.note);

  const configPath = keywordString(src, section, 'config_path');
  const inUmbrella =
    configPath !== undefined ||
    keywordString(src, section, 'build_path')?.startsWith('..') === true;
  const configRel = configPath ?? 'config/config.exs';
  // A reader may refuse paths outside the project root (an umbrella's config): use defaults.
  let config = await read(configRel).catch(() => null);
  if (config === null && configRel !== 'config/config.exs') {
    config = await read('config/config.exs').catch(() => null);
  }

  const repos = config === null ? [] : ectoRepos(stripElixirComments(config), otpApp);
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
  return info;
}

/** The module prefix of `defmodule MyApp.MixProject do`, else `Macro.camelize(app)`. */
function baseModule(code: string, otpApp: string): { module: string; note?: string } {
  const camel = camelize(otpApp);
  const re = new RegExp(String.raw`\bdefmodule\s+(${MODULE})\s+do\b`, 'g');
  const modules = [...code.matchAll(re)].map((m) => m[1] as string);
  const mixModule =
    modules.find((m) => /\.(MixProject|Mixfile|Project)$/.test(m)) ??
    (/\buse\s+Mix\.Project\b/.test(code) ? modules[0] : undefined);
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
function ectoRepos(config: string, otpApp: string): string[] {
  const found: { app: string | undefined; repos: string[] }[] = [];
  const re = /\becto_repos:\s*\[([^\]]*)\]/g;
  for (const m of config.matchAll(re)) {
    const before = config.slice(0, m.index);
    const configs = [...before.matchAll(/\bconfig\s*\(?\s*:([A-Za-z_][A-Za-z0-9_]*)/g)];
    const app = configs.length > 0 ? configs[configs.length - 1]?.[1] : undefined;
    const repos = (m[1] as string)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && isElixirModuleName(s));
    found.push({ app, repos });
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
