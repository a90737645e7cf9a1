/**
 * Reading the same many files call after call (a project's 300 migrations, replayed by every
 * evolution): the directory is listed with each file's size and mtime (one stat per file), and
 * a file whose stamp has not changed since this process last read it is answered from memory,
 * without the path checks, the open and the read a fresh read costs. Only for readers that give
 * stamps (the plan layer's project reader); others read every file.
 */
import type { ProjectReader } from '../plan/index.js';

const MAX_ENTRIES = 50_000;
const contents = new Map<string, { size: number; mtimeMs: number; content: string | null }>();

/**
 * The files under `dir` with these extensions, sorted, with their content (null: vanished;
 * undefined: the read failed, so the caller reads it itself and meets the error its own way).
 */
export async function readDirectory(
  reader: ProjectReader,
  dir: string,
  extensions: string[],
  signal?: AbortSignal,
): Promise<{ file: string; content: string | null | undefined }[]> {
  const opts = { recursive: true, extensions };
  if (!reader.stamps || reader.root === null) {
    const out: { file: string; content: string | null }[] = [];
    for (const file of await reader.list(dir, opts)) {
      signal?.throwIfAborted();
      out.push({ file, content: await reader.read(file) });
    }
    return out;
  }
  const out: { file: string; content: string | null | undefined }[] = [];
  for (const st of await reader.stamps(dir, opts)) {
    signal?.throwIfAborted();
    const key = `${reader.root}\0${st.path}`;
    const hit = contents.get(key);
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) {
      out.push({ file: st.path, content: hit.content });
      continue;
    }
    let content: string | null;
    try {
      content = await reader.read(st.path);
    } catch {
      out.push({ file: st.path, content: undefined });
      continue;
    }
    if (contents.size >= MAX_ENTRIES) contents.clear();
    contents.set(key, { size: st.size, mtimeMs: st.mtimeMs, content });
    out.push({ file: st.path, content });
  }
  return out;
}
