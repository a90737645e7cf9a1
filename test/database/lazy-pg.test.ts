/**
 * `pg` is loaded only when introspect_database runs: the bundles (built by test/global-setup.ts)
 * import it dynamically, never at start-up, and keep it external (a runtime dependency).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('the PostgreSQL client', () => {
  it('is a runtime dependency of the package', () => {
    expect(pkg.dependencies.pg).toMatch(/^\^8\./);
  });

  it.each(['schema-understanding.server.js', 'ecto-schema.server.js', 'cli.js'])(
    'is never imported statically by dist/%s',
    (bundle) => {
      const code = readFileSync(path.join(root, 'dist', bundle), 'utf8');
      expect(code).not.toMatch(/^import\b[^;]*\bfrom\s+["']pg["']/m);
      expect(code).not.toMatch(/require\(["']pg["']\)/);
      if (bundle !== 'ecto-schema.server.js') expect(code).toContain('await import("pg")');
      else expect(code).not.toContain('"pg"');
    },
  );
});
