/** Small tools that exercise every path of the registerTools wrapper. */
import * as z from 'zod';
import {
  ToolError,
  defineTool,
  formatChoices,
  resolveProjectRoot,
  type AnyTool,
} from '../../shared/mcp/index.js';
import { writeFiles } from '../../shared/workspace/index.js';

const hints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export const probeRoots = defineTool({
  name: 'probe_roots',
  title: 'Probe roots',
  description: 'Returns the allowed dirs and the chosen project root.',
  input: z.object({
    project_root: z.string().optional(),
    optional: z.boolean().default(false),
    /** false: only report the allowed dirs. */
    resolve: z.boolean().default(true),
  }),
  output: z.object({ allowed: z.array(z.string()), project_root: z.string().nullable() }),
  annotations: hints,
  async handler(args, ctx) {
    const allowed = await ctx.roots();
    const root = args.resolve
      ? await resolveProjectRoot(allowed, args.project_root, { optional: args.optional })
      : undefined;
    return {
      structured: { allowed, project_root: root ?? null },
      summary: `allowed: ${allowed.join(', ') || '(none)'}; project: ${root ?? '(none)'}`,
    };
  },
});

export const failDomain = defineTool({
  name: 'fail_domain',
  title: 'Fail (domain)',
  description: 'Throws a ToolError.',
  input: z.object({ type: z.string() }),
  output: z.object({ ok: z.boolean() }),
  annotations: hints,
  async handler(args) {
    const valid = ['string', 'integer', 'boolean'];
    throw new ToolError(
      `Field type ${JSON.stringify(args.type)} is unknown. Valid types: ${formatChoices(valid)}. ` +
        'Fix the spelling.',
      { details: { value: args.type, valid } },
    );
  },
});

export const failBug = defineTool({
  name: 'fail_bug',
  title: 'Fail (bug)',
  description: 'Throws a TypeError.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: hints,
  async handler() {
    const obj: { deep?: { value: string } } = {};
    if (obj.deep === undefined) throw new TypeError('boom: deep is undefined');
    return { structured: { ok: true }, summary: obj.deep.value };
  },
});

export const badOutput = defineTool({
  name: 'bad_output',
  title: 'Bad output',
  description: 'Returns structured content that breaks its own schema.',
  input: z.object({}),
  output: z.object({ count: z.number() }),
  annotations: hints,
  async handler() {
    return { structured: { count: 'three' as unknown as number }, summary: 'three' };
  },
});

export const withProgress = defineTool({
  name: 'with_progress',
  title: 'Progress',
  description: 'Reports progress three times and logs once.',
  input: z.object({ steps: z.number().int().min(1).max(10) }),
  output: z.object({ done: z.number() }),
  annotations: hints,
  async handler(args, ctx) {
    for (let i = 1; i <= args.steps; i++) await ctx.progress(i, args.steps, `step ${i}`);
    await ctx.log('info', `did ${args.steps} steps`);
    return { structured: { done: args.steps }, summary: `done ${args.steps}` };
  },
});

export const writeOutside = defineTool({
  name: 'write_outside',
  title: 'Write outside',
  description: 'Asks the workspace to write ../evil.ex under the project.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: { ...hints, readOnlyHint: false },
  async handler(_args, ctx) {
    const root = await resolveProjectRoot(await ctx.roots());
    await writeFiles(root, [{ path: '../evil.ex', content: 'x' }], { onConflict: 'error' });
    return { structured: { ok: true }, summary: 'wrote' };
  },
});

export const waitForCancel = defineTool({
  name: 'wait_for_cancel',
  title: 'Wait for cancel',
  description: 'Waits until the client cancels, then throws the abort reason.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: hints,
  async handler(_args, ctx) {
    await ctx.progress(0);
    if (!ctx.signal.aborted) {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    }
    throw ctx.signal.reason;
  },
});

export const allProbeTools: readonly AnyTool[] = [
  probeRoots,
  failDomain,
  failBug,
  badOutput,
  withProgress,
  writeOutside,
  waitForCancel,
];
