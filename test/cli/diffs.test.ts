/** Colour for dry-run diffs: only on a terminal, never with NO_COLOR; git's colours. */
import { describe, expect, it } from 'vitest';
import { colorDiff, wantsColor } from '../../cli/diffs.js';
import { formatReport, mixStatuses, type GenerateReport } from '../../cli/generate.js';

const DIFF = '--- /dev/null\n+++ b/lib/a.ex\n@@ -0,0 +1 @@\n+defmodule A, do: nil\n';

const report: GenerateReport = {
  project: '/p',
  dry_run: true,
  schemas: ['A'],
  model: [],
  warnings: [],
  steps: [
    {
      server: 'ecto-schema',
      tool: 'generate_ecto_schema',
      output: {
        project_root: '/p',
        dry_run: true,
        files: [{ path: 'lib/a.ex', action: 'created', content: 'defmodule A, do: nil\n' }],
        warnings: [],
      },
    },
  ],
  diffs: [{ server: 'ecto-schema', path: 'lib/a.ex', action: 'created', diff: DIFF }],
  protocol_errors: [],
};

describe('dry-run diff colours', () => {
  it('colours only a terminal, and not when NO_COLOR is set', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });

  it('paints headers, hunks, additions and deletions like git', () => {
    expect(colorDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n')).toBe(
      '\u001b[1m--- a/x\u001b[0m\n\u001b[1m+++ b/x\u001b[0m\n\u001b[36m@@ -1 +1 @@\u001b[0m\n' +
        '\u001b[31m-old\u001b[0m\n\u001b[32m+new\u001b[0m\n same\n',
    );
  });

  it('the report carries the diff, coloured only when asked', () => {
    const plain = formatReport(report);
    expect(plain).toContain(`\n\n${DIFF}`);
    expect(plain).not.toContain('\u001b[');
    const coloured = formatReport(report, { color: true });
    expect(coloured).toContain('\u001b[32m+defmodule A, do: nil\u001b[0m');
  });
});

describe('mix statuses in the report', () => {
  type Step = GenerateReport['steps'][number];
  const skipped = { status: 'skipped' as const, reason: 'no mix executable found' };
  const step = (server: Step['server'], format: NonNullable<Step['output']['format']>): Step => ({
    server,
    tool: `generate_${server}`,
    output: { project_root: '/p', dry_run: false, files: [], warnings: [], format },
  });

  it('says a status shared by every generator once, naming them', () => {
    const r: GenerateReport = {
      ...report,
      diffs: [],
      steps: [
        step('ecto-schema', skipped),
        step('ecto-migration', skipped),
        step('phoenix-context', { status: 'formatted' }),
      ],
    };
    expect(mixStatuses(r)).toEqual([
      'mix format: skipped (no mix executable found): ecto-schema, ecto-migration',
      'mix format: formatted: phoenix-context',
    ]);
    const text = formatReport(r);
    expect(text.split('no mix executable found').length - 1).toBe(1);
  });
});
