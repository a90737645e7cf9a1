import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeConsoleToStderr } from '../../shared/mcp/index.js';

describe('routeConsoleToStderr', () => {
  const restorers: (() => void)[] = [];
  afterEach(() => {
    for (const r of restorers.splice(0)) r();
  });

  it('sends console.log/info/debug/dir/table to stderr and nothing to stdout', () => {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((c: unknown) => {
      out.push(String(c));
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((c: unknown) => {
      err.push(String(c));
      return true;
    });
    restorers.push(
      () => stdout.mockRestore(),
      () => stderr.mockRestore(),
    );
    const restore = routeConsoleToStderr();
    restorers.unshift(restore);
    expect(routeConsoleToStderr()).toBe(restore); // idempotent

    console.log('log %s', 'x');
    console.info('info');
    console.debug('debug');
    console.dir({ a: 1 });
    console.table([{ a: 1 }]);
    console.count('n');

    expect(out).toEqual([]);
    const text = err.join('');
    for (const s of ['log x\n', 'info\n', 'debug\n', '{ a: 1 }\n', 'n: 1\n']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/│.*a.*│/);
  });

  it('restores the original methods', () => {
    const original = console.log;
    const restore = routeConsoleToStderr();
    expect(console.log).not.toBe(original);
    restore();
    expect(console.log).toBe(original);
  });
});
