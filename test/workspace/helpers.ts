/** Temp dirs and tree snapshots for the workspace tests (real files, no fs mocks). */
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeFsOps, type FsOps, type WritableHandle } from '../../shared/workspace/index.js';

export async function makeTempDir(prefix = 'phx-ws-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Write a small tree: { 'a/b.txt': 'x' }. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
}

/** Every entry under `root` (hidden ones too): type, content or link target, mode. */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const abs = path.join(dir, name);
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      const st = await lstat(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[rel] = `link -> ${await readlink(abs)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${mode}`;
        await walk(abs, rel);
      } else out[rel] = `file ${mode} ${await readFile(abs, 'utf8')}`;
    }
  };
  await walk(root, '');
  return out;
}

export function errnoError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall} '${file}'`), {
    code,
    syscall,
    path: file,
  });
}

export type FsOpName = 'open' | 'write' | 'rename' | 'unlink' | 'mkdir' | 'rmdir';

/**
 * Real fs ops with injected faults. `fail(op, file, n)` is asked before each op (n = how many ops
 * of that kind ran before); return an errno code to fail it. A failing 'write' writes half of the
 * data first, like a disk that fills up midway.
 */
export function faultyFs(fail: (op: FsOpName, file: string, n: number) => string | undefined): {
  fs: FsOps;
  calls: { op: FsOpName; file: string }[];
} {
  const counts = new Map<FsOpName, number>();
  const calls: { op: FsOpName; file: string }[] = [];
  const check = (op: FsOpName, file: string): void => {
    const n = counts.get(op) ?? 0;
    counts.set(op, n + 1);
    calls.push({ op, file });
    const code = fail(op, file, n);
    if (code !== undefined) throw errnoError(code, op, file);
  };
  const fs: FsOps = {
    async open(file, flags, mode) {
      check('open', file);
      const handle = await nodeFsOps.open(file, flags, mode);
      const wrapped: WritableHandle = {
        async writeFile(data) {
          const n = counts.get('write') ?? 0;
          counts.set('write', n + 1);
          calls.push({ op: 'write', file });
          const code = fail('write', file, n);
          if (code !== undefined) {
            await handle.writeFile(data.subarray(0, Math.floor(data.length / 2)));
            throw errnoError(code, 'write', file);
          }
          await handle.writeFile(data);
        },
        chmod: (m) => handle.chmod(m),
        close: () => handle.close(),
      };
      return wrapped;
    },
    async rename(from, to) {
      check('rename', to);
      await nodeFsOps.rename(from, to);
    },
    async unlink(file) {
      check('unlink', file);
      await nodeFsOps.unlink(file);
    },
    async mkdir(dir) {
      check('mkdir', dir);
      await nodeFsOps.mkdir(dir);
    },
    async rmdir(dir) {
      check('rmdir', dir);
      await nodeFsOps.rmdir(dir);
    },
  };
  return { fs, calls };
}
