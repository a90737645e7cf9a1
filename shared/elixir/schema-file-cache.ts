/**
 * What each schema file gave when it was last parsed, per project root and path, so that a read
 * after one file changed parses that file only (./schemas.ts). A file's schemas depend on its own
 * text and on the attributes that the base modules it `use`s quote (`use MyApp.Schema`, defined in
 * another file): an entry is reused only when the text is the same and every module it uses
 * quotes the same attributes now as when it was built. Entries are cloned in and out: callers may
 * change what they get.
 */
import type { ProjectSchema, SchemaAttrs } from './schema-types.js';

export interface FileEntry {
  content: string;
  /** The attributes its own `defmacro __using__` quote, per module. */
  usingAttrs: [string, SchemaAttrs][];
  /** Every module its schema modules `use`, and what each quoted when it was built. */
  seen: string;
  uses: string[];
  /** The uses that no file read before it defined (./schemas.ts reads those files again). */
  unknown: string[];
  schemas: ProjectSchema[];
  /** Why the file was skipped (a syntax error), when it was. */
  skipped?: string;
}

const MAX_ENTRIES = 20_000;
const entries = new Map<string, FileEntry>();

/** What `uses` quote in `usingAttrs` now, as a comparable string. */
export function seenOf(uses: readonly string[], usingAttrs: Map<string, SchemaAttrs>): string {
  return JSON.stringify(uses.map((u) => [u, usingAttrs.get(u) ?? null]));
}

/** The entry of `file` under `scope` when its text is `content`. */
export function cachedFile(scope: string, file: string, content: string): FileEntry | undefined {
  const hit = entries.get(`${scope}\0${file}`);
  return hit?.content === content ? hit : undefined;
}

/** The entry's schemas, for a caller to keep or change. */
export function schemasOf(entry: FileEntry): ProjectSchema[] {
  return structuredClone(entry.schemas);
}

export function rememberFile(scope: string, file: string, entry: FileEntry): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(`${scope}\0${file}`, { ...entry, schemas: structuredClone(entry.schemas) });
}
