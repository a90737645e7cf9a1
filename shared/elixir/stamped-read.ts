/**
 * Reading the same many files call after call (a project's 300 migrations, replayed by every
 * evolution): the directory is listed with each file's size and mtime (one stat per file), and
 * a file whose stamp has not changed since this process last read it is answered from memory,
 * without the open and the read a fresh read costs. With a reader that reads a directory in one
 * walk (the plan layer's project reader), the other files are read in that same walk, without
 * the per-path checks a read of each file makes again; other readers read every file.
 */
import type { ProjectReader } from '../plan/index.js';

const MAX_ENTRIES = 50_000;
const contents = new Map<string, { size: number; mtimeMs: number; content: string | null }>();

export interface ReadDirectoryOptions {
  signal?: AbortSignal | undefined;
  /** Answer unchanged files from memory and remember what is read (default true). */
  cache?: boolean;
  /** Read only the first this many files (sorted); the others come with content undefined. */
  readAtMost?: number;
}

/**
 * The files under `dir` with these extensions, sorted, with their content (null: vanished;
 * undefined: the read failed or was not made, so the caller reads it itself and meets the error
 * its own way).
 */
export async function readDirectory(
  reader: ProjectReader,
  dir: string,
  extensions: string[],
  opts: ReadDirectoryOptions = {},
): Promise<{ file: string; content: string | null | undefined }[]> {
  const { signal } = opts;
  const listOpts = { recursive: true, extensions };
  const readAtMost = opts.readAtMost ?? Infinity;
  const useCache = opts.cache !== false && reader.root !== null;
  const keyOf = (file: string) => `${reader.root}\0${file}`;
  const remember = (
    st: { path: string; size: number; mtimeMs: number },
    content: string | null,
  ) => {
    if (!useCache) return;
    if (contents.size >= MAX_ENTRIES) contents.clear();
    contents.set(keyOf(st.path), { size: st.size, mtimeMs: st.mtimeMs, content });
  };
  const cached = (st: { path: string; size: number; mtimeMs: number }) => {
    const hit = useCache ? contents.get(keyOf(st.path)) : undefined;
    return hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs ? hit : undefined;
  };
  if (reader.readFiles && reader.root !== null) {
    const files = await reader.readFiles(dir, {
      ...listOpts,
      reuse: (st) => !!cached(st),
      readAtMost,
    });
    signal?.throwIfAborted();
    return files.map((st) => {
      if (st.content !== undefined) {
        remember(st, st.content);
        return { file: st.path, content: st.content };
      }
      return { file: st.path, content: cached(st)?.content };
    });
  }
  if (!reader.stamps || reader.root === null || !useCache) {
    const out: { file: string; content: string | null | undefined }[] = [];
    for (const [i, file] of (await reader.list(dir, listOpts)).entries()) {
      signal?.throwIfAborted();
      out.push({ file, content: i < readAtMost ? await readOrUndefined(reader, file) : undefined });
    }
    return out;
  }
  const out: { file: string; content: string | null | undefined }[] = [];
  for (const [i, st] of (await reader.stamps(dir, listOpts)).entries()) {
    signal?.throwIfAborted();
    const hit = cached(st);
    if (hit) {
      out.push({ file: st.path, content: hit.content });
      continue;
    }
    const content = i < readAtMost ? await readOrUndefined(reader, st.path) : undefined;
    if (content !== undefined) remember(st, content);
    out.push({ file: st.path, content });
  }
  return out;
}

async function readOrUndefined(
  reader: ProjectReader,
  file: string,
): Promise<string | null | undefined> {
  try {
    return await reader.read(file);
  } catch {
    return undefined;
  }
}
