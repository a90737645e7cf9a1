/**
 * The phoenix-context generator (issue 5): a normalized model → per context
 * `lib/<app>/<ctx>.ex`, `test/<app>/<ctx>_test.exs`, `test/support/fixtures/<ctx>_fixtures.ex`.
 *
 * A missing file is rendered whole. An existing one is extended, never rewritten: the real
 * parser (shared/elixir/module-patch.ts) finds the module, its definitions, aliases and
 * describes; only the missing aliases and units (a function with its @doc, a describe block, a
 * fixture) go in, before the module's final `end`; every other byte stays. Such a file is planned
 * with `expected` = the content read, so the writer refuses it if it changed meanwhile. A user
 * function with the name and arity of a generated one is kept (and reported when it differs).
 *
 * An existing file that cannot be extended safely (syntax error, another module, keyword-form
 * module) follows on_conflict: error (default) → a GenerationError that says why; skip → left as is;
 * overwrite → replaced by a fresh file. Pure: reads only through `ctx.project`, time from
 * `ctx.clock`.
 */
import {
  ModulePatchError,
  aliasScope,
  clashingDefinitions,
  patchModule,
  replaceLinesEdit,
  sameCode,
  scanModule,
  splitUnits,
  type Edit,
  type ModuleScan,
  type Unit,
} from '../elixir/module-patch.js';
import {
  updateDescribe,
  updateFixture,
  updateFunctions,
  type UpdateInfo,
} from './context-update.js';
import type { Model } from '../model/index.js';
import {
  GenerationError,
  onConflictOf,
  type OnConflictMode,
  type PlanContext,
} from '../plan/index.js';
import {
  cmpModules,
  contextSource,
  functionsSource,
  functionsView,
  contextFileView,
  type ContextRefs,
} from '../view/phoenix-context/context.ex.js';
import {
  describeSource,
  describeView,
  testFileView,
  testSource,
} from '../view/phoenix-context/context_test.exs.js';
import {
  fixtureSource,
  fixturesFileView,
  fixturesSource,
  fixturesView,
} from '../view/phoenix-context/fixtures.ex.js';
import {
  planContexts,
  withArticle,
  type ContextPlan,
  type SchemaPlan,
} from '../view/phoenix-context/plan.js';
import type { OnConflict, PlannedFile } from '../workspace/index.js';

export interface ContextArgs {
  /** Also the test module and the fixtures (default true). */
  with_tests?: boolean | undefined;
  /** update (default): generated fixtures and describe blocks are brought to the model. */
  on_conflict?: OnConflictMode | undefined;
}

type AliasLine = { sortKey: string; line: string };

/** The files of every context in the batch (see the file comment). */
export async function planPhoenixContexts(
  model: Model,
  args: ContextArgs,
  ctx: PlanContext,
): Promise<PlannedFile[]> {
  const skipped: string[] = [];
  const { contexts, errors } = planContexts(model, {
    now: ctx.clock(),
    warn: (m) => {
      skipped.push(m);
      ctx.warn(m);
    },
  });
  if (errors.length > 0) {
    throw new GenerationError(
      `The context functions cannot be generated; nothing was written.\n${errors.map((e) => `- ${e}`).join('\n')}`,
    );
  }
  if (contexts.length === 0) {
    throw new GenerationError(
      `No schema of the batch can get context functions; nothing was written.\n${skipped.map((e) => `- ${e}`).join('\n')}`,
    );
  }
  const withTests = args.with_tests ?? true;
  const mode = onConflictOf(args.on_conflict);
  const onConflict = mode === 'update' ? 'error' : mode;
  const update: UpdateInfo | null =
    mode === 'update'
      ? { schemaOf: (s) => model.schemas.find((x) => x.module === s.rel), now: ctx.clock() }
      : null;
  const files: PlannedFile[] = [];
  let done = 0;
  for (const c of contexts) {
    ctx.signal.throwIfAborted();
    files.push(await contextFile(c, ctx, onConflict, update !== null));
    if (withTests) {
      files.push(await testFile(c, ctx, onConflict, update));
      files.push(await fixturesFile(c, ctx, onConflict, update));
    }
    await ctx.progress(++done, contexts.length, `context ${c.module}`);
  }
  if (withTests) await checkExternalFixtures(contexts, ctx);
  return files;
}

/** Reads `path` and scans `module`, or says what to do (per on_conflict) when it cannot. */
async function existingModule(
  path: string,
  module: string,
  fresh: () => string,
  ctx: PlanContext,
  onConflict: OnConflict,
): Promise<{ scan: ModuleScan } | { file: PlannedFile }> {
  const existing = await ctx.project.read(path);
  if (existing === null) return { file: { path, content: fresh(), expected: null } };
  try {
    return { scan: await scanModule(existing, module, path) };
  } catch (e) {
    if (!(e instanceof ModulePatchError)) throw e;
    if (onConflict === 'error') {
      throw new GenerationError(
        `${e.message}\nNothing was written. Pass on_conflict "skip" to leave ${path} as is, or "overwrite" to replace it with a freshly generated file (its current content is lost).`,
      );
    }
    ctx.warn(
      onConflict === 'skip'
        ? `${e.message} It was left as is (on_conflict "skip").`
        : `${e.message} It was replaced by a freshly generated file (on_conflict "overwrite").`,
    );
    return { file: { path, content: fresh() } };
  }
}

/** How an existing module can write `module`: an alias it has, or one to add, or the full name. */
class Names {
  private readonly scope: Map<string, string>;
  readonly added: (AliasLine & { name: string; module: string })[] = [];

  /** `reserved`: names the generated code itself uses unaliased (`Ecto`, `Decimal`). */
  constructor(scan: ModuleScan, reserved: readonly string[] = []) {
    this.scope = aliasScope(scan);
    // A name the existing code already uses for another module must not be re-aliased.
    for (const r of [...reserved, ...scan.aliasHeads]) {
      if (!this.scope.has(r)) this.scope.set(r, `\u0000${r}`);
    }
  }

  /** `as` is the wanted alias name; `line` the alias directive to add. */
  ref(module: string, as: string, line = `alias ${module}`): string {
    if (this.scope.get(as) === module) return as;
    for (const [name, mod] of this.scope) if (mod === module) return name;
    if (this.scope.has(as)) return module;
    this.scope.set(as, module);
    this.added.push({ name: as, module, sortKey: module, line });
    return as;
  }

  /** The added aliases still used by `code` (sorted). */
  used(code: string): AliasLine[] {
    return this.added
      .filter((a) => new RegExp(`(^|[^\\w.])${a.name}[.{]`).test(code))
      .sort((a, b) => cmpModules(a.sortKey, b.sortKey))
      .map(({ sortKey, line }) => ({ sortKey, line }));
  }
}

function unitLabel(u: Extract<Unit, { kind: 'definition' }>): string {
  return u.minArity === u.maxArity
    ? `${u.name}/${u.minArity}`
    : `${u.name}/${u.minArity}..${u.maxArity}`;
}

/** The units of `snippet` the module lacks; `report` is called for kept user definitions. */
async function missingUnits(
  scan: ModuleScan,
  snippet: string | Unit[],
  report: ((u: Extract<Unit, { kind: 'definition' }>) => void) | null,
): Promise<string[]> {
  const out: string[] = [];
  for (const u of typeof snippet === 'string' ? await splitUnits(snippet) : snippet) {
    if (u.kind === 'describe') {
      if (!scan.describes.includes(u.name)) out.push(u.text);
      continue;
    }
    const clash = clashingDefinitions(scan, u.name, u.minArity, u.maxArity);
    if (clash.length === 0) out.push(u.text);
    else if (report && !clash.some((d) => sameCode(d.text, u.defText))) report(u);
  }
  return out;
}

async function contextFile(
  c: ContextPlan,
  ctx: PlanContext,
  onConflict: OnConflict,
  update: boolean,
): Promise<PlannedFile> {
  const found = await existingModule(
    c.contextPath,
    c.module,
    () => contextSource(contextFileView(c)),
    ctx,
    onConflict,
  );
  if ('file' in found) return found.file;
  const { scan } = found;
  const names = new Names(scan);
  const repo = names.ref(c.repo.module, 'Repo', c.repo.line);
  const parts: string[] = [];
  const replace: Edit[] = [];
  for (const s of c.schemas) {
    const refs: ContextRefs = { schema: new Map([[s.module, names.ref(s.module, s.alias)]]), repo };
    const units = await splitUnits(functionsSource(functionsView(s, refs)));
    const updated = update ? await updateFunctions(s, refs, scan, units) : null;
    replace.push(...(updated?.edits ?? []));
    parts.push(
      ...(await missingUnits(scan, units, (u) => {
        if (updated?.handled.has(`${u.name}/${u.minArity}`)) return;
        ctx.warn(
          `${c.module}.${unitLabel(u)} already exists in ${c.contextPath} and differs from the generated one; yours was kept and the generated ${u.name} was not added.`,
        );
      })),
    );
  }
  const code = parts.join('\n');
  const aliases = names.used([code, ...replace.map((e) => e.text)].join('\n'));
  const content = patchModule(scan, { aliases, code, replace });
  return { path: c.contextPath, content, expected: scan.source };
}

async function testFile(
  c: ContextPlan,
  ctx: PlanContext,
  onConflict: OnConflict,
  update: UpdateInfo | null,
): Promise<PlannedFile> {
  const found = await existingModule(
    c.testPath,
    c.testModule,
    () => testSource(testFileView(c)),
    ctx,
    onConflict,
  );
  if ('file' in found) return found.file;
  const { scan } = found;
  const names = new Names(scan, ['Ecto', 'Decimal']);
  const contextRef = names.ref(c.module, c.alias);
  const parts: string[] = [];
  const replace: Edit[] = [];
  for (const s of c.schemas) {
    const refs = { context: contextRef };
    const block = scan.describeBlocks.find((b) => b.name === s.plural);
    if (block) {
      const edit = update ? await updateDescribe(c, s, refs, scan, block, ctx, update) : null;
      if (edit) replace.push(edit);
      continue;
    }
    const snippet = describeSource(describeView(c, s, refs));
    parts.push(...(await missingUnits(scan, snippet, null)));
  }
  const code = parts.join('\n');
  const aliases = names.used([code, ...replace.map((e) => e.text)].join('\n'));
  const content = patchModule(scan, { aliases, code, replace });
  return { path: c.testPath, content, expected: scan.source };
}

async function fixturesFile(
  c: ContextPlan,
  ctx: PlanContext,
  onConflict: OnConflict,
  update: UpdateInfo | null,
): Promise<PlannedFile> {
  const found = await existingModule(
    c.fixturesPath,
    c.fixturesModule,
    () => fixturesSource(fixturesFileView(c)),
    ctx,
    onConflict,
  );
  if ('file' in found) return found.file;
  const { scan } = found;
  const parts: string[] = [];
  const replace: Edit[] = [];
  for (const s of c.schemas) {
    const u = update ? await updateFixture(c, s, scan, ctx, update) : null;
    if (u?.status === 'kept') continue;
    if (u?.status === 'replace') {
      // The unit in place, with the unique helpers it now calls right before it.
      const view = fixturesView(c, u.plan);
      const helpers = await missingUnits(scan, fixtureSource(view), null);
      const unit = fixtureSource({ ...view, helpers: [] });
      replace.push(replaceLinesEdit(scan, u.block, [...helpers, unit].join('\n')));
      continue;
    }
    const snippet = fixtureSource(fixturesView(c, s));
    parts.push(...(await missingUnits(scan, snippet, null)));
  }
  const code = parts.join('\n');
  const content = patchModule(scan, { aliases: [], code, replace });
  return { path: c.fixturesPath, content, expected: scan.source };
}

/**
 * Parents outside the batch: their fixture is assumed to exist. Warn unless the project's
 * fixtures module for it defines `<singular>_fixture/0..1`.
 */
async function checkExternalFixtures(contexts: ContextPlan[], ctx: PlanContext): Promise<void> {
  const seen = new Set<string>();
  for (const c of contexts) {
    for (const s of c.schemas) {
      for (const p of s.parents) {
        if (!p.external) continue;
        const key = `${p.fixturesModule}.${p.fixture}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (await definesFixture(p.fixturesPath, p.fixturesModule, p.fixture, ctx)) continue;
        ctx.warn(
          `${describeParent(s, p.key, p.target)}: the fixtures call ${key}/0, which ${p.fixturesPath} does not define${ctx.project.root === null ? ' (no project was read)' : ''}; generate ${p.target} with this tool (or mix phx.gen.context / phx.gen.auth) so the tests compile.`,
        );
      }
    }
  }
}

function describeParent(s: SchemaPlan, key: string, target: string): string {
  return `${s.rel}.${key} requires ${withArticle(target)} outside this batch`;
}

async function definesFixture(
  path: string,
  module: string,
  fixture: string,
  ctx: PlanContext,
): Promise<boolean> {
  const source = await ctx.project.read(path);
  if (source === null) return false;
  try {
    const scan = await scanModule(source, module, path);
    return clashingDefinitions(scan, fixture, 0, 0).some((d) => d.kind === 'def');
  } catch (e) {
    if (e instanceof ModulePatchError) return false;
    throw e;
  }
}
