import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** `mix new app` in a fresh temp dir (offline, no deps, ~0.3 s). Returns the project root. */
export async function newMixProject(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'phx-gen-mcp-mix-'));
  await execa('mix', ['new', 'app'], { cwd: dir, stdin: 'ignore', env: { MIX_QUIET: '1' } });
  return {
    root: path.join(dir, 'app'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Live processes whose command line contains `marker`: "pid args…" (Linux /proc, else ps). */
export async function processesMatching(marker: string): Promise<string[]> {
  if (process.platform === 'linux') {
    const out: string[] = [];
    for (const pid of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      const args = cmdline.split('\0').join(' ').trim();
      if (args.includes(marker) && Number(pid) !== process.pid) out.push(`${pid} ${args}`);
    }
    return out;
  }
  const r = await execa('ps', ['-A', '-o', 'pid=,args='], { stdin: 'ignore' });
  return r.stdout
    .split('\n')
    .filter((l) => l.includes(marker) && !/\bps -A\b/.test(l))
    .map((l) => l.trim());
}

/** A marker unlikely to appear in any other command line. */
export function uniqueMarker(): string {
  return `${Math.floor(Math.random() * 9_000_000) + 1_000_000}.25`;
}
