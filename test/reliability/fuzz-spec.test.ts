/**
 * Spec parser fuzzing (issue 9): random and adversarial phx.gen-style lines. parseGenSpec never
 * throws anything but SpecError (with at least one issue, each with a message), and whatever it
 * accepts goes through the model's shape and rules without an exception: normalized, or errors.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SpecError, checkModel, formatSpecIssue, parseGenSpec } from '../../shared/model/index.js';
import { specLine } from './arbitraries.js';
import { recordFigures } from './support.js';

const SEED = 9_2026;
const RUNS = Number(process.env.RELIABILITY_SPEC_RUNS ?? 4000);

it('parseGenSpec throws only SpecError; accepted specs normalize or give issues', async () => {
  const started = performance.now();
  const stats = {
    batches: 0,
    lines: 0,
    spec_errors: 0,
    accepted: 0,
    normalized: 0,
    model_errors: 0,
  };
  fc.assert(
    fc.property(
      fc.array(specLine, { minLength: 1, maxLength: 3 }),
      fc.record({ binary_id: fc.boolean(), no_timestamps: fc.boolean() }, { requiredKeys: [] }),
      (lines, opts) => {
        stats.batches++;
        stats.lines += lines.length;
        let schemas;
        try {
          schemas = parseGenSpec(lines, opts);
        } catch (e) {
          if (!(e instanceof SpecError)) throw e;
          expect(e.issues.length).toBeGreaterThan(0);
          for (const i of e.issues) expect(formatSpecIssue(i).trim()).not.toBe('');
          stats.spec_errors++;
          return;
        }
        stats.accepted++;
        const r = checkModel({ app: { otp_app: 'my_app', base_module: 'MyApp' }, schemas });
        if (r.model) stats.normalized++;
        else {
          expect(r.errors.length).toBeGreaterThan(0);
          stats.model_errors++;
        }
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  // Long lines stay linear: 4000 characters (the tool's cap) and far beyond.
  const t = performance.now();
  for (const line of [
    `Blog Post posts ${'title:string '.repeat(300)}`,
    `Blog Post posts ${'x'.repeat(100_000)}`,
    `Blog Post posts ${'a:'.repeat(50_000)}`,
    `Blog Post posts ${'"'.repeat(50_001)}`,
    `Blog Post posts kind:enum${':v'.repeat(20_000)}`,
  ]) {
    try {
      parseGenSpec([line]);
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
    }
  }
  const longMs = performance.now() - t;
  expect(longMs).toBeLessThan(5_000);
  await recordFigures('fuzz-spec', {
    seed: SEED,
    ...stats,
    long_lines_ms: Math.round(longMs),
    ms: Math.round(performance.now() - started),
  });
  expect(stats.spec_errors).toBeGreaterThan(RUNS / 10);
  expect(stats.normalized).toBeGreaterThan(RUNS / 50);
}, 60_000);
