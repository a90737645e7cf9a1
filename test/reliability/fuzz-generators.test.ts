/**
 * Input fuzzing (issue 9): thousands of random and adversarial models through every generator
 * planner that exists. Each model either gets validation errors (never an exception) or yields
 * files that ALL parse with `elixir` (one process for every file of every case), are exactly what
 * `mix format` writes, and contain no interpolation and no System/File/Code/:os call that the
 * user did not ask for. RELIABILITY_SEED and RELIABILITY_*_RUNS change the sample locally.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { GenerationError } from '../../shared/plan/index.js';
import { FIELD_TYPES, checkModel } from '../../shared/model/index.js';
import { projectReader, type PlanContext } from '../../shared/plan/index.js';
import { checkElixirSources, describeElixir, describeElixirFailures } from '../support/elixir.js';
import { model, validishModel } from './arbitraries.js';
import { astCheck } from './ast-check.js';
import { connect } from '../support/mcp.js';
import { generatorPlanners, generatorServers, recordFigures } from './support.js';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261121);
const VALIDISH_RUNS = Number(process.env.RELIABILITY_VALIDISH_RUNS ?? 1500);
const MCP_RUNS = Number(process.env.RELIABILITY_MCP_RUNS ?? 150);
const WILD_RUNS = Number(process.env.RELIABILITY_WILD_RUNS ?? 2000);

/** Interpolations a generator may write on its own (Phoenix fixtures' unique values). */
const ALLOWED_INTERPOLATIONS = [/^System\.unique_integer\(\[:positive\]\)$/];
const ALLOWED_CALLS = [/^System\.unique_integer\(\[:positive\]\)$/];

const planCtx = (): PlanContext => ({
  project: projectReader(null),
  clock: () => new Date('2026-01-02T03:04:05Z'),
  warn: () => undefined,
  signal: new AbortController().signal,
  progress: async () => undefined,
});

describeElixir('generators under adversarial models', () => {
  it('reject with validation errors or emit parseable, injection-free Elixir', async () => {
    const started = performance.now();
    const planners = await generatorPlanners();
    expect(planners.length).toBeGreaterThan(0);

    const inputs = [
      ...fc.sample(validishModel, { seed: SEED, numRuns: VALIDISH_RUNS }),
      ...fc.sample(model, { seed: SEED + 1, numRuns: WILD_RUNS }),
    ];
    let rejected = 0;
    let plannerRefusals = 0;
    const typesAccepted = new Set<string>();
    let accepted = 0;
    const crashes: string[] = [];
    const emptyErrors: string[] = [];
    // Distinct contents only: the same file from two cases is checked once.
    const byContent = new Map<string, { label: string; cases: number }>();
    let filesGenerated = 0;
    const perPlanner: Record<string, number> = {};

    for (const [i, input] of inputs.entries()) {
      let result;
      try {
        result = checkModel(input);
      } catch (e) {
        crashes.push(`case ${i}: checkModel threw ${(e as Error).stack}`);
        continue;
      }
      if (result.model === null) {
        rejected++;
        if (result.errors.length === 0 || result.errors.some((e) => e.message.trim() === '')) {
          emptyErrors.push(`case ${i}: ${JSON.stringify(result.errors)}`);
        }
        continue;
      }
      accepted++;
      for (const s of result.model.schemas) {
        for (const f of s.fields) typesAccepted.add(f.inner ? `${f.type}:${f.inner}` : f.type);
      }
      for (const p of planners) {
        let files;
        try {
          files = await p.plan(result.model, {}, planCtx());
        } catch (e) {
          // A planner may refuse a valid model with a clear GenerationError (e.g. no context to write).
          if (e instanceof GenerationError && e.message.trim() !== '') {
            plannerRefusals++;
            continue;
          }
          crashes.push(`case ${i} ${p.name}: ${(e as Error).stack}\n${JSON.stringify(input)}`);
          continue;
        }
        filesGenerated += files.length;
        perPlanner[p.name] = (perPlanner[p.name] ?? 0) + files.length;
        for (const f of files) {
          const seen = byContent.get(f.content);
          if (seen) seen.cases++;
          else byContent.set(f.content, { label: `case ${i} ${p.name} ${f.path}`, cases: 1 });
        }
      }
    }
    const planMs = performance.now() - started;

    // A slice of the same inputs through each generator tool over MCP (dry run): the tool's
    // input schema, the pipeline and the output schema see them too. A tool may refuse with a
    // clear error, never with "Internal error".
    const tMcp = performance.now();
    const servers = await generatorServers();
    const mcpInputs = [
      ...inputs.slice(0, MCP_RUNS),
      ...inputs.slice(VALIDISH_RUNS, VALIDISH_RUNS + MCP_RUNS),
    ];
    let mcpCalls = 0;
    let mcpOk = 0;
    for (const g of servers) {
      const c = await connect(
        g.createServer({ cliRoots: [], clock: () => new Date('2026-01-02T03:04:05Z') }),
      );
      try {
        for (const [i, input] of mcpInputs.entries()) {
          mcpCalls++;
          const r = (await c.client.callTool({
            name: g.tool,
            arguments: { ...input, dry_run: true },
          })) as {
            isError?: boolean;
            content?: { type: string; text?: string }[];
            structuredContent?: { files: { path: string; content?: string }[] };
          };
          const text = r.content?.map((x) => x.text ?? '').join('\n') ?? '';
          if (r.isError) {
            if (/Internal error/i.test(text) || text.trim() === '') {
              crashes.push(
                `mcp ${g.tool} input ${i}: ${text.slice(0, 500)}\n${JSON.stringify(input).slice(0, 2000)}`,
              );
            }
            continue;
          }
          mcpOk++;
          for (const f of r.structuredContent?.files ?? []) {
            const content = f.content ?? '';
            if (!byContent.has(content))
              byContent.set(content, { label: `mcp ${g.tool} ${i} ${f.path}`, cases: 1 });
          }
        }
      } finally {
        await c.close();
      }
    }
    const mcpMs = performance.now() - tMcp;

    const sources = [...byContent.entries()].map(([content, v]) => ({ path: v.label, content }));
    const t1 = performance.now();
    const checked = await checkElixirSources(sources);
    const parseMs = performance.now() - t1;
    const t2 = performance.now();
    const ast = await astCheck(sources.map((s) => s.content));
    const astMs = performance.now() - t2;

    const invalid = checked.filter((r) => r.syntaxError !== null || r.formatterError !== null);
    const notFormatted = checked.filter((r) => r.formatDiff !== null);
    const injections: string[] = [];
    const badRegexes: string[] = [];
    ast.forEach((f, i) => {
      const label = sources[i]!.path;
      for (const x of f.interpolations) {
        if (!ALLOWED_INTERPOLATIONS.some((re) => re.test(x)))
          injections.push(`${label}: interpolation #{${x}}`);
      }
      for (const r of f.badRegexes) badRegexes.push(`${label}: ${r}`);
      for (const c of f.calls) {
        if (!ALLOWED_CALLS.some((re) => re.test(c))) injections.push(`${label}: call ${c}`);
      }
    });

    await recordFigures('fuzz-generators', {
      seed: SEED,
      planners: planners.map((p) => p.name),
      cases: inputs.length,
      accepted,
      rejected_with_errors: rejected,
      planner_refusals: plannerRefusals,
      crashes: crashes.length,
      field_types_accepted: typesAccepted.size,
      files_generated: filesGenerated,
      files_per_planner: perPlanner,
      distinct_files_checked: sources.length,
      invalid_elixir: invalid.length,
      not_mix_format_exact: notFormatted.length,
      not_mix_format_exact_samples: describeElixirFailures(notFormatted.slice(0, 4)),
      injections_found: injections.length,
      regexes_elixir_rejects: badRegexes.length,
      regexes_elixir_rejects_samples: badRegexes.slice(0, 5),
      plan_ms: Math.round(planMs),
      mcp_dry_run_calls: mcpCalls,
      mcp_dry_run_ok: mcpOk,
      mcp_ms: Math.round(mcpMs),
      elixir_parse_and_format_ms: Math.round(parseMs),
      elixir_ast_check_ms: Math.round(astMs),
    });

    expect(crashes, crashes.slice(0, 3).join('\n\n')).toEqual([]);
    expect(emptyErrors).toEqual([]);
    expect(
      invalid.map((r) => `${r.path}: ${r.syntaxError?.message ?? r.formatterError}`).slice(0, 5),
    ).toEqual([]);
    // Exactly what `mix format` writes, for every accepted model (long names, long lists, …).
    expect(describeElixirFailures(notFormatted.slice(0, 5))).toBe('');
    expect(injections.slice(0, 10)).toEqual([]);
    expect(badRegexes.slice(0, 10)).toEqual([]);
    // Every field type reached the generators.
    const baseTypes = new Set([...typesAccepted].map((t) => t.split(':')[0]));
    expect(FIELD_TYPES.filter((t) => !baseTypes.has(t))).toEqual([]);
    // Both outcomes must be exercised substantially, else the fuzzer tests nothing.
    expect(accepted).toBeGreaterThan(VALIDISH_RUNS / 10);
    expect(rejected).toBeGreaterThan(WILD_RUNS / 2);
  }, 120_000);
});
