/**
 * on_conflict "update" for a context's tests and fixtures: a `describe "<plural>"` block or a
 * `<singular>_fixture/1` that this tool generated for the schema's earlier model is replaced by
 * the one for the model now; one the user changed is left as is and reported.
 *
 * "Generated for the earlier model" is decided from the piece itself, so it does not matter
 * whether the schema module and migrations were evolved before this call: the attrs maps,
 * assertions, parents and invalid attrs are read back (shared/elixir/generated-tests.ts), the
 * piece is printed again from those facts with the same views, and the two must be the same
 * code up to whitespace. Anything else in the piece (an extra test, an edited assertion, a
 * comment moved inside) makes it the user's.
 *
 * Values the generator derives from the clock (dates and times) are kept from the existing piece
 * for fields whose values differ only in their digits, so a re-run on another day with the same
 * model changes nothing.
 */
import { readDescribe, readFixture, type DescribeFacts } from '../elixir/generated-tests.js';
import { childrenAsWritten, ownerVariants } from './context-owner.js';
import {
  clashingDefinitions,
  replaceLinesEdit,
  sameCode,
  splitUnits,
  type Block,
  type Edit,
  type ModuleScan,
  type Unit,
} from '../elixir/module-patch.js';
import {
  functionsSource,
  functionsView,
  type ContextRefs,
} from '../view/phoenix-context/context.ex.js';
import { SCALAR_TYPES, TEMPORAL_TYPES, type Field, type Schema } from '../model/index.js';
import type { PlanContext } from '../plan/index.js';
import { fieldValues } from '../view/phoenix-context/values.js';
import {
  describeSource,
  describeView,
  type TestRefs,
} from '../view/phoenix-context/context_test.exs.js';
import { fixturesView } from '../view/phoenix-context/fixtures.ex.js';
import type {
  AttrPlan,
  ContextPlan,
  ParentPlan,
  SchemaPlan,
} from '../view/phoenix-context/plan.js';

/** A piece was regenerated (`edit`), is already right (null), or is the user's (reported). */
export type PieceResult = Edit | null;

/** What judging existing pieces needs besides the plan. */
export interface UpdateInfo {
  /** The normalized schema a plan was made from. */
  schemaOf(s: SchemaPlan): Schema | undefined;
  /** The generation clock (test values of dates and times). */
  now: Date;
}

const TEMPORAL: ReadonlySet<string> = new Set(TEMPORAL_TYPES);

const masked = (text: string): string => text.replace(/\d/g, '0');

/** Equal, or for a date/time type equal up to the digits (the clock's date and time). */
function sameValue(type: string, a: string, b: string): boolean {
  return a === b || (TEMPORAL.has(type) && masked(a) === masked(b));
}

/**
 * The fields `key` may have been when the piece was generated: any field of the schema now
 * under that name (a rename, a type that changed), or a plain field of each scalar type (a
 * field since removed), each unique or not.
 */
function formerFields(schema: Schema | undefined, key: string): Field[] {
  const plain = (type: Field['type']): Field => ({
    name: key,
    type,
    inner: null,
    values: null,
    references: null,
    required: true,
    unique: false,
    redact: false,
    null: false,
    cast: true,
    default: undefined,
    size: null,
    precision: null,
    scale: null,
    validations: {},
  });
  const base = [
    ...(schema?.fields ?? [])
      .filter((f) => f.type !== 'references')
      .map((f) => ({ ...f, name: key })),
    ...SCALAR_TYPES.map(plain),
  ];
  return base.flatMap((f) => [f, { ...f, unique: !f.unique }]);
}

/** Whether some former field gives exactly these test values (see formerFields). */
function generatedValues(
  info: UpdateInfo,
  s: SchemaPlan,
  key: string,
  matches: (type: string, v: ReturnType<typeof fieldValues>) => boolean,
): boolean {
  const quiet = { now: info.now, where: key, warn: () => undefined };
  return formerFields(info.schemaOf(s), key).some((f) => {
    try {
      return matches(f.type, fieldValues(f, { ...quiet, unique: f.unique }));
    } catch {
      return false;
    }
  });
}

function rowOf(source: string, offset: number): number {
  let row = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) row++;
  return row;
}

function reportEdited(ctx: PlanContext, where: string, what: string, s: SchemaPlan): void {
  const keys = [...s.attrs.map((a) => a.key), ...s.parents.map((p) => p.key)];
  ctx.warn(
    `${where}: ${what} was changed by the user: left as is. It is not what this tool generates for ${s.rel}, so bring it to the model yourself${keys.length > 0 ? ` (the generated one sets ${keys.join(', ')})` : ''}, or delete it and run the tool again to get the generated one.`,
  );
}

function fieldTypes(info: UpdateInfo, s: SchemaPlan): Map<string, string> {
  return new Map((info.schemaOf(s)?.fields ?? []).map((f) => [f.name, f.type]));
}

/** The new plan's attrs, each keeping the old piece's values where they differ only in digits. */
function stableAttrs(
  fresh: readonly AttrPlan[],
  old: readonly AttrPlan[],
  same: (a: AttrPlan, o: AttrPlan) => boolean,
): AttrPlan[] {
  const byKey = new Map(old.map((o) => [o.key, o]));
  return fresh.map((a) => {
    const o = byKey.get(a.key);
    return o !== undefined && same(a, o)
      ? { ...a, create: o.create, update: o.update, fixture: o.fixture }
      : a;
  });
}

function parentFrom(
  c: ContextPlan,
  p: {
    key: string;
    variable: string;
    pk: string;
    fixture: string;
    module: string | null;
    scopeArg: string | null;
  },
): ParentPlan {
  const module = p.module ?? c.fixturesModule;
  return {
    key: p.key,
    variable: p.variable,
    pk: p.pk,
    fixture: p.fixture,
    fixturesModule: module,
    fixturesPath: '',
    sameContext: module === c.fixturesModule,
    external: false,
    target: '',
    scopeArg: p.scopeArg,
  };
}

/** The plan the existing describe block was printed from, as far as its facts tell. */
function describedPlan(
  c: ContextPlan,
  s: SchemaPlan,
  facts: DescribeFacts,
  text: string,
): SchemaPlan | null {
  const create = facts.tests.find((t) => t.maps.has('valid_attrs'));
  const update = facts.tests.find((t) => t.maps.has('update_attrs'));
  if (!create || !update) return null;
  // `post = post_fixture()`, or with the scope argument: `post_fixture(scope)`.
  const fixtureOf = new Map<string, { fixture: string; scopeArg: string | null }>();
  for (const a of create.assigns) {
    const m = /^([a-z_]\w*)\((.*)\)$/.exec(a.value);
    if (m) fixtureOf.set(a.name, { fixture: m[1]!, scopeArg: m[2] === '' ? null : m[2]! });
  }
  const asserted = (t: typeof create, key: string) =>
    t.equals.find((e) => e.left === `${s.variable}.${key}`)?.right;
  const updates = new Map(update.maps.get('update_attrs')!.map((p) => [p.key, p.value]));
  const attrs: AttrPlan[] = [];
  const parents: ParentPlan[] = [];
  for (const p of create.maps.get('valid_attrs')!) {
    const ref = /^([a-z_]\w*)\.([a-z_]\w*)$/.exec(p.value);
    const made = ref ? fixtureOf.get(ref[1]!) : undefined;
    if (ref && made !== undefined) {
      const module = facts.importedFrom.get(made.fixture) ?? null;
      parents.push(parentFrom(c, { ...made, key: p.key, variable: ref[1]!, pk: ref[2]!, module }));
      continue;
    }
    const createAssert = asserted(create, p.key);
    const updateAssert = asserted(update, p.key);
    const updateAttr = updates.get(p.key);
    if (createAssert === undefined || updateAssert === undefined || updateAttr === undefined) {
      return null;
    }
    attrs.push({
      key: p.key,
      create: { attr: p.value, assert: createAssert },
      update: { attr: updateAttr, assert: updateAssert },
      fixture: p.value,
    });
  }
  return {
    ...s,
    attrs,
    parents,
    invalid: facts.invalid?.map((i) => ({ key: i.key, literal: i.value })) ?? null,
    // Only what the new model has can be recognised; a test for a removed association makes
    // the block differ, so it is reported.
    manyToMany: s.manyToMany.filter((m) => m.fixture === null || text.includes(m.idsKey)),
    children: childrenAsWritten(s, text).filter(
      (ch) => ch.fixture === null || text.includes(`while ${ch.human} point at it`),
    ),
  };
}

/** The describe block of `s` brought to the model (see the file comment). */
export async function updateDescribe(
  c: ContextPlan,
  s: SchemaPlan,
  refs: TestRefs,
  scan: ModuleScan,
  block: Block,
  ctx: PlanContext,
  info: UpdateInfo,
): Promise<PieceResult> {
  const render = (plan: SchemaPlan) => describeSource(describeView(c, plan, refs));
  const fresh = render(s);
  if (sameCode(block.text, fresh)) return null;
  const facts = await readDescribe(block.text);
  const described = facts && describedPlan(c, s, facts, block.text);
  // Printed for the model now, or for the same model with its owner marked the other way.
  const old =
    described &&
    [described, ...ownerVariants(described, s, info.schemaOf(s), true)].find((o) =>
      sameCode(render(o), block.text),
    );
  // The values must be ones the generator writes, or an edited value would pass for generated.
  const valuesOk = (a: AttrPlan) =>
    generatedValues(
      info,
      s,
      a.key,
      (type, v) =>
        sameValue(type, v.create.attr, a.create.attr) &&
        sameValue(type, v.create.assert, a.create.assert) &&
        sameValue(type, v.update.attr, a.update.attr) &&
        sameValue(type, v.update.assert, a.update.assert),
    );
  if (!old || !old.attrs.every(valuesOk)) {
    reportEdited(ctx, `${c.testPath}:${block.row + 1}`, `describe "${block.name}"`, s);
    return null;
  }
  const typeOf = fieldTypes(info, s);
  const same = (a: AttrPlan, o: AttrPlan) => {
    const t = typeOf.get(a.key) ?? '';
    return (
      sameValue(t, a.create.attr, o.create.attr) &&
      sameValue(t, a.create.assert, o.create.assert) &&
      sameValue(t, a.update.attr, o.update.attr) &&
      sameValue(t, a.update.assert, o.update.assert)
    );
  };
  const text = render({ ...s, attrs: stableAttrs(s.attrs, old.attrs, same) });
  return sameCode(text, block.text) ? null : replaceLinesEdit(scan, block, text);
}

/**
 * What to do with `<singular>_fixture/1` of `s` (see the file comment): `absent` or `current`
 * (generate as usual), `kept` (the user's: add nothing for this schema), or `replace` the unit
 * (its @doc and def) at `block` with the fixture of `plan`.
 */
export type FixtureUpdate =
  | { status: 'absent' | 'current' | 'kept' }
  | { status: 'replace'; block: { start: number; end: number }; plan: SchemaPlan };

export async function updateFixture(
  c: ContextPlan,
  s: SchemaPlan,
  scan: ModuleScan,
  ctx: PlanContext,
  info: UpdateInfo,
): Promise<FixtureUpdate> {
  const name = `${s.singular}_fixture`;
  const defs = scan.definitions.filter((d) => d.name === name);
  const def = defs[0];
  if (!def) return { status: 'absent' };
  const render = (plan: SchemaPlan) => `${fixturesView(c, plan).fixture}\n`;
  if (defs.length === 1 && sameCode(def.text, render(s))) return { status: 'current' };
  // `<singular>_fixture(attrs \\ %{})`, or scoped: `<singular>_fixture(scope, attrs \\ %{})`.
  const arity = s.scope === null ? 1 : 2;
  const facts = defs.length === 1 && def.maxArity === arity ? await readFixture(def.text) : null;
  const read: SchemaPlan | null = facts && {
    ...s,
    attrs: facts.attrs.map((a) => ({
      key: a.key,
      create: { attr: a.value, assert: a.value },
      update: { attr: a.value, assert: a.value },
      fixture: a.value,
    })),
    parents: facts.parents.map((p) => parentFrom(c, { ...p, variable: p.fixture })),
  };
  const old =
    read &&
    [read, ...ownerVariants(read, s, info.schemaOf(s), true)].find((o) =>
      sameCode(render(o), def.text),
    );
  const valueOk = (a: AttrPlan) =>
    a.fixture === `unique_${s.singular}_${a.key}()` ||
    generatedValues(info, s, a.key, (type, v) => sameValue(type, v.create.attr, a.fixture));
  if (!old || !old.attrs.every(valueOk)) {
    reportEdited(ctx, `${c.fixturesPath}:${rowOf(scan.source, def.start)}`, `${name}/${arity}`, s);
    return { status: 'kept' };
  }
  const typeOf = fieldTypes(info, s);
  const same = (a: AttrPlan, o: AttrPlan) =>
    sameValue(typeOf.get(a.key) ?? '', a.fixture, o.fixture);
  const plan = { ...s, attrs: stableAttrs(s.attrs, old.attrs, same) };
  if (sameCode(render(plan), def.text)) return { status: 'current' };
  return { status: 'replace', block: { start: def.unitStart, end: def.end }, plan };
}

/** Every subset of `items` (all of them for up to 3 items, else none and all). */
function subsets<T>(items: readonly T[]): T[][] {
  if (items.length > 3) return [[], [...items]];
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) {
    out.push(items.filter((_, i) => (mask & (1 << i)) !== 0));
  }
  return out;
}

/**
 * The context functions of `s` that this tool generated before the schema gained (or lost) a
 * many_to_many or a has_many/has_one pointing at it: create/update set `<singular>_ids`,
 * delete declares `no_assoc_constraint`. A function whose unit (its @doc and def) is exactly
 * what the tool wrote for the same schema with fewer of those associations is replaced by the
 * one for the model; `fresh` are the units generated for the model now; `handled` names them (name/arity) so the caller does not report them;
 * `arity` lists the replaced functions whose arity changed (create_ of an owner), whose callers
 * must change too.
 */
export async function updateFunctions(
  s: SchemaPlan,
  refs: ContextRefs,
  scan: ModuleScan,
  fresh: readonly Unit[],
  schema?: Schema,
): Promise<{ edits: Edit[]; handled: Set<string>; arity: { name: string; was: number }[] }> {
  const edits: Edit[] = [];
  const handled = new Set<string>();
  const arity: { name: string; was: number }[] = [];
  const stale = fresh.flatMap((u) => {
    if (u.kind !== 'definition') return [];
    let clash = clashingDefinitions(scan, u.name, u.minArity, u.maxArity);
    // create_ takes the owner: one parameter more than before its belongs_to became the owner.
    if (clash.length === 0 && u.name === `create_${s.singular}`) {
      const was = s.owner === null ? 1 : -1;
      clash = clashingDefinitions(scan, u.name, u.minArity + was, u.maxArity + was);
    }
    const def = clash[0];
    if (clash.length !== 1 || !def) return [];
    const lineAt = scan.source.lastIndexOf('\n', def.unitStart - 1) + 1;
    const existing = scan.source.slice(lineAt, def.end);
    // The @doc counts: marking an owner changes only the docs of update_ and change_.
    return sameCode(existing, u.text) ? [] : [{ unit: u, def, existing }];
  });
  if (stale.length === 0) return { edits, handled, arity };
  // One schema's functions have distinct names; an old create_ may differ in arity (above).
  const left = new Map(stale.map((x) => [x.unit.name, x]));
  for (const plan of [s, ...ownerVariants(s, s, schema, false)]) {
    for (const manyToMany of subsets(s.manyToMany)) {
      for (const children of subsets(s.children)) {
        if (left.size === 0) return { edits, handled, arity };
        const old = { ...plan, manyToMany, children };
        for (const u of await splitUnits(functionsSource(functionsView(old, refs)))) {
          if (u.kind !== 'definition') continue;
          const x = left.get(u.name);
          if (!x || !sameCode(u.text, x.existing)) continue;
          left.delete(u.name);
          handled.add(`${x.unit.name}/${x.unit.minArity}`);
          if (x.def.minArity !== x.unit.minArity)
            arity.push({ name: `${x.unit.name}/${x.unit.minArity}`, was: x.def.minArity });
          edits.push(
            replaceLinesEdit(scan, { start: x.def.unitStart, end: x.def.end }, x.unit.text),
          );
        }
      }
    }
  }
  return { edits, handled, arity };
}
