/**
 * What a dry run would change, as unified diffs: each file a generator would create or change,
 * against what is on disk now (read only; nothing is written), and their colouring for a terminal.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unifiedDiff } from '../shared/diff/unified.js';
import type { GeneratorOutput } from '../shared/pipeline/input.js';
import type { ServerName } from './names.js';

export interface FileDiff {
  server: ServerName;
  path: string;
  action: GeneratorOutput['files'][number]['action'];
  /** The unified diff (`--- /dev/null` for a new file). */
  diff: string;
}

/** The current content of `rel` in the project, or null when it does not exist. */
async function current(project: string, rel: string): Promise<string | null> {
  const abs = path.resolve(project, rel);
  if (
    path.relative(project, abs).startsWith('..') ||
    path.isAbsolute(path.relative(project, abs))
  ) {
    throw new Error(`${rel} is outside the project ${project}`);
  }
  try {
    return await readFile(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The diffs of a dry run's files that would be created, updated or are in conflict (what
 * overwrite would write); unchanged and skipped files have none.
 */
export async function dryRunDiffs(
  project: string,
  steps: readonly { server: ServerName; output: GeneratorOutput }[],
): Promise<FileDiff[]> {
  const out: FileDiff[] = [];
  for (const { server, output } of steps) {
    for (const f of output.files) {
      if (f.content === undefined) continue;
      if (f.action !== 'created' && f.action !== 'updated' && f.action !== 'conflict') continue;
      const before = f.action === 'created' ? null : await current(project, f.path);
      const diff = unifiedDiff(f.path, before, f.content);
      if (diff !== '') out.push({ server, path: f.path, action: f.action, diff });
    }
  }
  return out;
}

const SGR = {
  bold: '\u001b[1m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  cyan: '\u001b[36m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
};

/** A unified diff with git's colours: file headers bold, hunk headers cyan, -/+ red/green. */
export function colorDiff(diff: string): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      const paint = (code: string) => `${code}${line}${SGR.reset}`;
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return paint(SGR.bold);
      if (line.startsWith('@@')) return paint(SGR.cyan);
      if (line.startsWith('-')) return paint(SGR.red);
      if (line.startsWith('+')) return paint(SGR.green);
      if (line.startsWith('\\')) return paint(SGR.dim);
      return line;
    })
    .join('\n');
}

/**
 * Whether to colour what goes to a stream: only a terminal, and never when NO_COLOR is set to
 * a non-empty value (https://no-color.org).
 */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}
