/**
 * What a generator (shared/generate) gets to work with, and nothing more: read access to the
 * project, a clock, a warning sink, the call's abort signal and a progress callback. The
 * orchestrator (shared/pipeline) builds one per call; generators import only this module, never
 * the orchestrator or the MCP layer, so they stay pure functions of (model, args, context).
 */
import type { App, KnownSchema, Model } from '../model/index.js';
import { rootReader, type PlannedFile } from '../workspace/index.js';

/** Read access to the target project (empty when a dry run has no project). */
export interface ProjectReader {
  root: string | null;
  read(rel: string): Promise<string | null>;
  list(relDir: string, opts?: { recursive?: boolean; extensions?: string[] }): Promise<string[]>;
  /** Files with size and mtime, for caches that must notice any change (optional). */
  stamps?(
    relDir: string,
    opts?: { recursive?: boolean; extensions?: string[] },
  ): Promise<{ path: string; size: number; mtimeMs: number }[]>;
  /**
   * {@link ProjectReader.stamps} with each file's text, read in the same walk (optional). A file
   * without `content` was not read: `reuse` said the caller has it, or `read` must be asked (it
   * gives the file's error its own way).
   */
  readFiles?(
    relDir: string,
    opts?: {
      recursive?: boolean;
      extensions?: string[];
      reuse?: (stamp: { path: string; size: number; mtimeMs: number }) => boolean;
      readAtMost?: number;
    },
  ): Promise<{ path: string; size: number; mtimeMs: number; content?: string }[]>;
}

/** One destructive change of an evolution (shared/evolve), for the user to confirm. */
export interface DestructiveItem {
  /** "posts" or "tenant.posts"; a file path for a schema module change. */
  table: string;
  column: string | null;
  change: string;
  consequence: string;
}

export interface PlanContext {
  project: ProjectReader;
  clock: () => Date;
  warn(message: string): void;
  /**
   * Report changes that can lose data or fail on existing rows; the pipeline asks for
   * confirmation (or refuses) before anything is written. Absent: the planner must not make any.
   */
  destructive?(items: readonly DestructiveItem[]): void;
  signal: AbortSignal;
  progress(done: number, total: number, message: string): Promise<void>;
  /**
   * Whether the project depends on Phoenix, as the pipeline read it from mix.exs and mix.lock (with
   * tree-sitter, like every other project fact). Absent or false: the output must compile with
   * Ecto alone.
   */
  phoenix?: boolean;
  /** Whether the project's Ecto has `Repo.all_by/3` (3.13+). Absent or false: a query instead. */
  repoAllBy?: boolean;
}

/** A server's generator: the files for a valid model. Reads only through `ctx.project`. */
export type Planner<A> = (model: Model, args: A, ctx: PlanContext) => Promise<PlannedFile[]>;

/** Finds the project's existing schemas, to resolve association targets outside the batch. */
export type KnownSchemasReader = (project: ProjectReader, app: App) => Promise<KnownSchema[]>;

/**
 * Reads the project for ONE call: the root's realpath is resolved once (containment is still
 * checked on every read), so make a new reader per call.
 */
export function projectReader(root: string | null): ProjectReader {
  if (root === null) return { root, read: async () => null, list: async () => [] };
  const fs = rootReader(root);
  return {
    root,
    read: (rel) => fs.readText(rel),
    list: (relDir, opts) => fs.listFiles(relDir, opts ?? {}),
    stamps: (relDir, opts) => fs.listStamps(relDir, opts ?? {}),
    readFiles: (relDir, opts) => fs.readFiles(relDir, opts ?? {}),
  };
}

/**
 * `reader` with its reads and listings remembered for the rest of one call: the planning of a
 * call runs under the project lock, and an evolution reads the same files from several places
 * (the migrations for the replay and for their versions, the schema modules for the targets and
 * for the read-back). Never keep one beyond a call.
 */
export function memoizedReader(reader: ProjectReader): ProjectReader {
  const reads = new Map<string, Promise<string | null>>();
  const lists = new Map<string, Promise<string[]>>();
  const memo: ProjectReader = {
    root: reader.root,
    read: (rel) => {
      let hit = reads.get(rel);
      if (hit === undefined) {
        hit = reader.read(rel);
        reads.set(rel, hit);
        // A failed read is not remembered: the next caller gets its own error.
        hit.catch(() => reads.delete(rel));
      }
      return hit;
    },
    list: (relDir, opts) => {
      const key = JSON.stringify([relDir, opts?.recursive ?? false, opts?.extensions ?? []]);
      let hit = lists.get(key);
      if (hit === undefined) {
        hit = reader.list(relDir, opts);
        lists.set(key, hit);
        hit.catch(() => lists.delete(key));
      }
      return hit.then((l) => [...l]);
    },
  };
  // `readFiles` is not passed on: its reads would bypass the remembered ones (callers fall back
  // to `stamps` and `read`).
  const stamps = reader.stamps?.bind(reader);
  if (stamps) {
    const listed = new Map<string, ReturnType<typeof stamps>>();
    memo.stamps = (relDir, opts) => {
      const key = JSON.stringify([relDir, opts?.recursive ?? false, opts?.extensions ?? []]);
      let hit = listed.get(key);
      if (hit === undefined) {
        hit = stamps(relDir, opts);
        listed.set(key, hit);
        hit.catch(() => listed.delete(key));
      }
      return hit.then((l) => [...l]);
    };
  }
  return memo;
}
