/**
 * Writes test/<app>/<context>_test.exs: per schema one `describe "<plural>"` block with a test of
 * each context function (`describeView` builds the statements; the `*Source` functions print).
 */
import {
  ex,
  exKey,
  exModule,
  exString,
  literalEx,
  type Ex,
  type Pair,
} from '../../render/index.js';
import { assertRaise, assertion, assign, block, fits, stmt, type Statement } from './layout.js';
import { singularize } from '../../naming/index.js';
import type {
  ContextPlan,
  ManyToManyPlan,
  OwnerPlan,
  ParentPlan,
  SchemaPlan,
  ScopePlan,
} from './plan.js';

const kw = (key: string, value: string): Pair => ex.kw(exKey(key), literalEx(value));

export interface DescribeView {
  name: string;
  /** alias, imports and @invalid_attrs (indent 4). */
  header: string;
  tests: { name: string; body: string }[];
}

/** Names a test file uses: how it writes the context module. */
export interface TestRefs {
  context: string;
}

const TEST_RESERVED_ALIASES = new Set(['Ecto', 'Decimal']);

type Test = { name: string; stmts: Statement[] };

/** What every test of one describe block writes the same way. */
interface TestNames {
  s: SchemaPlan;
  /** The context as the file writes it (`Blog`). */
  context: string;
  /** The schema struct as the file writes it (alias or full module). */
  ref: string;
  /** The record variable (`post`) and its primary key expression (`post.id`). */
  v: string;
  pk: string;
  /** A call of a context function: `Blog.get_post!(post.id)`. */
  call(fn: string, args?: Array<string | Ex>): Ex;
  /** `{:ok, %Post{}}` */
  okStruct: Ex;
  /** `post = post_fixture()` */
  fixture: Statement;
  /** `assert {:ok, %Post{} = post} = rhs` (bound only when field assertions follow). */
  assertOk(bind: boolean, rhs: Ex): Statement[];
  /** Scoped functions (each takes the scope first; tests bind `scope` first). */
  scoped: boolean;
  /** The arity of a context function that takes `k` arguments besides the scope. */
  n(k: number): number;
  /** The arity of create_ (the scope and the owner, when there are, and attrs). */
  nc: number;
  /** A fixture call with its scope argument first, when it takes one. */
  fx(name: string, scopeArg: string | null, args?: Ex[]): Ex;
}

/** One `describe "<plural>"` block (statements at indent 4 and 6). */
export function describeView(ctx: ContextPlan, s: SchemaPlan, refs: TestRefs): DescribeView {
  const c = refs.context;
  const aliasFree = !TEST_RESERVED_ALIASES.has(s.alias) && s.alias !== c.split('.').pop();
  const ref = aliasFree ? s.alias : s.module;
  const v = s.variable;
  const okStruct = ex.tuple([':ok', ex.map([], ref)]);
  const okBound = `{:ok, %${ref}{} = ${v}}`;
  const scoped = s.scope !== null;
  const names: TestNames = {
    context: c,
    scoped,
    n: (k) => (scoped ? k + 1 : k),
    nc: (scoped ? 2 : 1) + (s.owner === null ? 0 : 1),
    fx: (name, scopeArg, args = []) =>
      ex.call(name, scopeArg === null ? args : [scopeArg, ...args]),
    s,
    ref,
    v,
    pk: `${v}.${s.pk.name}`,
    call: (fn, args = []) => ex.call(`${c}.${fn}`, scoped ? ['scope', ...args] : args),
    okStruct,
    fixture: { text: assign(6, v, ex.call(`${s.singular}_fixture`, scoped ? ['scope'] : [])) },
    // `assert {:ok, %Struct{} = var} = call`, or, when even its pattern cannot fit on a line,
    // the same check as two assertions (the formatter would break inside the tuple pattern).
    assertOk: (bind, rhs) =>
      !bind || fits(6, `assert ${okBound} =`)
        ? [{ text: assertion(6, bind ? okBound : okStruct, '=', rhs), blankBefore: true }]
        : [
            { text: assertion(6, ex.tuple([':ok', v]), '=', rhs), blankBefore: true },
            { text: assertion(6, `%${ref}{}`, '=', v) },
          ],
  };
  return {
    name: s.plural,
    header: block(describeHeader(ctx, s, aliasFree)),
    tests: [
      ...(s.scope === null ? [] : [subscribeTest(names, s.scope)]),
      ...readTests(names),
      ...createTests(names),
      ...(s.scope === null ? [] : [ownerTest(names, s.scope)]),
      ...(s.owner === null ? [] : ownerArgumentTests(names, s.owner)),
      ...updateTests(names),
      ...removeTests(names),
    ].map((t) => ({
      name: t.name,
      body: block(
        s.scope === null
          ? t.stmts
          : [{ text: assign(6, 'scope', ex.call(s.scope.fixture)) }, ...t.stmts],
      ),
    })),
  };
}

/** The schema alias, this context's fixtures, the parents' fixtures of other contexts, @invalid_attrs. */
function describeHeader(ctx: ContextPlan, s: SchemaPlan, aliasFree: boolean): Statement[] {
  const header: Statement[] = [];
  if (aliasFree) header.push({ text: `    alias ${s.module}` });
  header.push({ text: `    import ${ctx.fixturesModule}`, blankBefore: header.length > 0 });
  const foreign = new Map<string, string[]>();
  if (s.scope !== null && s.scope.fixturesModule !== ctx.fixturesModule) {
    foreign.set(s.scope.fixturesModule, [s.scope.fixture]);
  }
  for (const p of withOwner(s)) {
    if (p.fixturesModule === ctx.fixturesModule) continue;
    const list = foreign.get(p.fixturesModule) ?? [];
    if (!list.includes(p.fixture)) list.push(p.fixture);
    foreign.set(p.fixturesModule, list);
  }
  for (const m of s.manyToMany) {
    if (m.fixture === null || m.fixture.module === ctx.fixturesModule) continue;
    const list = foreign.get(m.fixture.module) ?? [];
    if (!list.includes(m.fixture.name)) list.push(m.fixture.name);
    foreign.set(m.fixture.module, list);
  }
  for (const [mod, fns] of foreign) {
    const only = ex.list(fns.map((f) => `${exKey(f)} 0`));
    header.push({ text: stmt(4, ex.callNoParens('import', [mod], [ex.kw('only:', only)])) });
  }
  if (s.invalid) {
    header.push({
      text: stmt(4, ex.map(s.invalid.map((i) => kw(i.key, i.literal))), '@invalid_attrs '),
      blankBefore: true,
      attribute: true,
    });
  }
  return header;
}

/** list_/0 and get_!/1. */
function readTests(names: TestNames): Test[] {
  const { s, v, pk, call, fixture, n, scoped } = names;
  const otherScope: Statement = {
    text: assign(6, 'other_scope', ex.call(s.scope?.fixture ?? 'scope_fixture')),
  };
  return [
    {
      name: `list_${s.plural}/${n(0)} returns all ${scoped ? `scoped ${s.humanPlural}` : s.humanPlural}`,
      stmts: scoped
        ? [
            otherScope,
            fixture,
            { text: assign(6, `other_${v}`, ex.call(`${s.singular}_fixture`, ['other_scope'])) },
            { text: assertion(6, call(`list_${s.plural}`), '==', ex.list([v])) },
            {
              text: assertion(
                6,
                ex.call(`${names.context}.list_${s.plural}`, ['other_scope']),
                '==',
                ex.list([`other_${v}`]),
              ),
            },
          ]
        : [fixture, { text: assertion(6, call(`list_${s.plural}`), '==', ex.list([v])) }],
    },
    {
      name: `get_${s.singular}!/${n(1)} returns the ${s.human} with the given ${s.pk.name}`,
      stmts: [
        fixture,
        ...(scoped ? [otherScope] : []),
        { text: assertion(6, call(`get_${s.singular}!`, [pk]), '==', v) },
        ...(scoped
          ? [
              {
                text: assertRaise(
                  6,
                  'Ecto.NoResultsError',
                  ex.call(`${names.context}.get_${s.singular}!`, ['other_scope', pk]),
                ),
              },
            ]
          : []),
      ],
    },
  ];
}

/** The parents a test creates: the owner's first (when a fixture can make it), then the others. */
function withOwner(s: SchemaPlan): ParentPlan[] {
  const p = s.owner?.parent;
  return p === undefined || p === null ? s.parents : [p, ...s.parents];
}

/** create_/1 with valid data (parents created first), and with invalid data. */
function createTests({ s, v, call, assertOk, nc, fx }: TestNames): Test[] {
  const owner = s.owner;
  // Without a fixture for the owner no test can call create_ (a warning says so).
  if (owner !== null && owner.parent === null) return [];
  const ownerArg = owner === null ? [] : [owner.variable];
  const parents: Statement[] = withOwner(s).map((p) => ({
    text: assign(6, p.variable, fx(p.fixture, p.scopeArg)),
  }));
  const validAttrs = ex.map([
    ...s.attrs.map((a) => kw(a.key, a.create.attr)),
    ...s.parents.map((p) => kw(p.key, `${p.variable}.${p.pk}`)),
  ]);
  const tests: Test[] = [
    {
      name: `create_${s.singular}/${nc} with valid data creates ${s.aHuman}`,
      stmts: [
        ...parents,
        { text: stmt(6, validAttrs, 'valid_attrs = ') },
        ...assertOk(
          s.attrs.length + s.parents.length > 0 || owner !== null,
          call(`create_${s.singular}`, [...ownerArg, 'valid_attrs']),
        ),
        ...s.attrs.map((a) => ({
          text: assertion(6, `${v}.${a.key}`, '==', literalEx(a.create.assert)),
        })),
        ...withOwner(s).map((p) => ({
          text: assertion(6, `${v}.${p.key}`, '==', `${p.variable}.${p.pk}`),
        })),
        ...(s.scope === null
          ? []
          : [{ text: assertion(6, `${v}.${s.scope.key}`, '==', s.scope.access) }]),
      ],
    },
  ];
  if (s.invalid) {
    tests.push({
      name: `create_${s.singular}/${nc} with invalid data returns an error changeset`,
      stmts: [
        ...(owner === null ? [] : parents.slice(0, 1)),
        {
          text: assertion(
            6,
            '{:error, %Ecto.Changeset{}}',
            '=',
            call(`create_${s.singular}`, [...ownerArg, '@invalid_attrs']),
          ),
        },
      ],
    });
  }
  return tests;
}

/** update_/2 with valid data, and with invalid data (the record is unchanged). */
function updateTests(names: TestNames): Test[] {
  const { s, v, pk, call, fixture, assertOk, n } = names;
  const updateAttrs = ex.map(s.attrs.map((a) => kw(a.key, a.update.attr)));
  const tests: Test[] = [
    {
      name: `update_${s.singular}/${n(2)} with valid data updates the ${s.human}`,
      stmts: [
        fixture,
        { text: stmt(6, updateAttrs, 'update_attrs = ') },
        ...assertOk(s.attrs.length > 0, call(`update_${s.singular}`, [v, 'update_attrs'])),
        ...s.attrs.map((a) => ({
          text: assertion(6, `${v}.${a.key}`, '==', literalEx(a.update.assert)),
        })),
      ],
    },
  ];
  if (s.scope !== null) tests.push(otherScopeRaises(names, 'update', [v, '%{}']));
  if (s.invalid) {
    tests.push({
      name: `update_${s.singular}/${n(2)} with invalid data returns an error changeset`,
      stmts: [
        fixture,
        {
          text: assertion(
            6,
            '{:error, %Ecto.Changeset{}}',
            '=',
            call(`update_${s.singular}`, [v, '@invalid_attrs']),
          ),
        },
        { text: assertion(6, v, '==', call(`get_${s.singular}!`, [pk])) },
      ],
    });
  }
  return tests;
}

/** delete_/1 and change_/1. */
function removeTests(names: TestNames): Test[] {
  const { s, v, pk, call, okStruct, fixture, n, fx } = names;
  return [
    {
      name: `delete_${s.singular}/${n(1)} deletes the ${s.human}`,
      stmts: [
        fixture,
        { text: assertion(6, okStruct, '=', call(`delete_${s.singular}`, [v])) },
        { text: assertRaise(6, 'Ecto.NoResultsError', call(`get_${s.singular}!`, [pk])) },
      ],
    },
    ...(s.scope === null ? [] : [otherScopeRaises(names, 'delete', [v])]),
    ...s.manyToMany.flatMap((m) => manyToManyTest(names, m)),
    ...s.children.flatMap((c) =>
      c.fixture === null
        ? []
        : [
            {
              name: `delete_${s.singular}/${n(1)} keeps the ${s.human} while ${c.human} point at it`,
              stmts: [
                fixture,
                {
                  text: stmt(
                    6,
                    fx(c.fixture, c.scopeArg, [
                      ex.map([c.ownerName === null ? kw(c.foreign_key, pk) : kw(c.ownerName, v)]),
                    ]),
                  ),
                },
                {
                  text: assertion(
                    6,
                    '{:error, %Ecto.Changeset{}}',
                    '=',
                    call(`delete_${s.singular}`, [v]),
                  ),
                  blankBefore: true,
                },
                { text: assertion(6, call(`get_${s.singular}!`, [pk]), '==', v) },
              ],
            },
          ],
    ),
    {
      name: `change_${s.singular}/${n(1)} returns ${s.aHuman} changeset`,
      stmts: [
        fixture,
        { text: assertion(6, '%Ecto.Changeset{}', '=', call(`change_${s.singular}`, [v])) },
      ],
    },
  ];
}

/** create_ with `<singular>_ids` sets the many_to_many; update_ with `[]` empties it. */
function manyToManyTest({ s, v, call, n, nc, fx }: TestNames, m: ManyToManyPlan): Test[] {
  if (m.fixture === null) return [];
  const one = singularize(m.name);
  const other = one === v ? `other_${one}` : one;
  return [
    {
      name: `create_${s.singular}/${nc} and update_${s.singular}/${n(2)} set the ${m.name.replaceAll('_', ' ')} from ${m.idsKey}`,
      stmts: [
        { text: assign(6, other, fx(m.fixture.name, m.fixture.scopeArg)) },
        {
          text: assign(
            6,
            v,
            fx(`${s.singular}_fixture`, s.scope === null ? null : 'scope', [
              ex.map([kw(m.idsKey, `[${other}.${m.targetKey}]`)]),
            ]),
          ),
        },
        { text: assertion(6, `${v}.${m.name}`, '==', ex.list([other])) },
        {
          text: assertion(
            6,
            ex.tuple([':ok', v]),
            '=',
            call(`update_${s.singular}`, [v, ex.map([kw(m.idsKey, '[]')])]),
          ),
          blankBefore: true,
        },
        { text: assertion(6, `${v}.${m.name}`, '==', '[]') },
      ],
    },
  ];
}

/**
 * Scoped: `<fn>_<singular>` called with another scope's `other_scope` raises MatchError and
 * leaves the record as it was.
 */
function otherScopeRaises(names: TestNames, fn: 'update' | 'delete', args: string[]): Test {
  const { s, v, pk, call, fixture, context } = names;
  return {
    name: `${fn}_${s.singular}/${names.n(args.length)} with another scope raises`,
    stmts: [
      { text: assign(6, 'other_scope', ex.call(s.scope!.fixture)) },
      fixture,
      {
        text: assertRaise(
          6,
          'MatchError',
          ex.call(`${context}.${fn}_${s.singular}`, ['other_scope', ...args]),
        ),
        blankBefore: true,
      },
      { text: assertion(6, call(`get_${s.singular}!`, [pk]), '==', v) },
    ],
  };
}

/** Scoped: subscribers get the writes of their scope, and only those. */
function subscribeTest(names: TestNames, scope: ScopePlan): Test {
  const { s, v, context } = names;
  return {
    name: `subscribe_${s.plural}/1 receives the scope's changes only`,
    stmts: [
      { text: assign(6, 'other_scope', ex.call(scope.fixture)) },
      {
        text: assertion(6, ':ok', '=', ex.call(`${context}.subscribe_${s.plural}`, ['scope'])),
        blankBefore: true,
      },
      { text: assign(6, `other_${v}`, ex.call(`${s.singular}_fixture`, ['other_scope'])) },
      { text: assign(6, v, ex.call(`${s.singular}_fixture`, ['scope'])) },
      { text: stmt(6, ex.callNoParens('assert_receive', [ex.tuple([':created', `^${v}`])])) },
      {
        text: stmt(6, ex.callNoParens('refute_received', [ex.tuple([':created', `^other_${v}`])])),
      },
    ],
  };
}

/**
 * The owner's key comes from the owner argument; one in attrs is ignored (never cast), on create
 * and on update; an owner of the same scope must be the caller's scope's.
 */
function ownerArgumentTests(names: TestNames, owner: OwnerPlan): Test[] {
  const { s, v, call, nc, fx, ref } = names;
  const p = owner.parent;
  if (p === null) return [];
  const other = `other_${owner.variable}`;
  const scopeArg = s.scope === null ? null : 'scope';
  const updated = v === 'updated' ? 'updated_record' : 'updated';
  const tests: Test[] = [
    {
      name: `create_${s.singular}/${nc} takes ${owner.key} from ${owner.variable}, not from attrs`,
      stmts: [
        { text: assign(6, owner.variable, fx(p.fixture, p.scopeArg)) },
        { text: assign(6, other, fx(p.fixture, p.scopeArg)) },
        {
          text: assign(
            6,
            v,
            fx(`${s.singular}_fixture`, scopeArg, [
              ex.map([kw(owner.name, owner.variable), kw(owner.key, `${other}.${owner.pk}`)]),
            ]),
          ),
        },
        {
          text: assertion(6, `${v}.${owner.key}`, '==', `${owner.variable}.${owner.pk}`),
          blankBefore: true,
        },
      ],
    },
    {
      name: `update_${s.singular}/${names.n(2)} cannot move the ${s.human} to another ${owner.variable.replaceAll('_', ' ')}`,
      stmts: [
        names.fixture,
        { text: assign(6, other, fx(p.fixture, p.scopeArg)) },
        {
          text: assertion(
            6,
            `{:ok, %${ref}{} = ${updated}}`,
            '=',
            call(`update_${s.singular}`, [v, ex.map([kw(owner.key, `${other}.${owner.pk}`)])]),
          ),
          blankBefore: true,
        },
        { text: assertion(6, `${updated}.${owner.key}`, '==', `${v}.${owner.key}`) },
      ],
    },
  ];
  if (owner.sameScope && s.scope !== null) {
    tests.push({
      name: `create_${s.singular}/${nc} with another scope's ${owner.variable.replaceAll('_', ' ')} raises`,
      stmts: [
        { text: assign(6, 'other_scope', ex.call(s.scope.fixture)) },
        { text: assign(6, other, fx(p.fixture, 'other_scope')) },
        {
          text: assertRaise(6, 'MatchError', call(`create_${s.singular}`, [other, ex.map([])])),
          blankBefore: true,
        },
      ],
    });
  }
  return tests;
}

/** Scoped: the scope key comes from the scope; one in attrs is ignored (never cast). */
function ownerTest(names: TestNames, scope: ScopePlan): Test {
  const { s, v } = names;
  return {
    name: `create_${s.singular}/${names.nc} takes ${scope.key} from the scope, not from attrs`,
    stmts: [
      { text: assign(6, 'other_scope', ex.call(scope.fixture)) },
      {
        text: assign(
          6,
          v,
          ex.call(`${s.singular}_fixture`, [
            'scope',
            ex.map([kw(scope.key, `other_${scope.access}`)]),
          ]),
        ),
      },
      { text: assertion(6, `${v}.${scope.key}`, '==', scope.access), blankBefore: true },
    ],
  };
}

export interface TestFileView {
  module: string;
  data_case: string;
  context_alias: string;
  describes: DescribeView[];
}

export function testFileView(ctx: ContextPlan): TestFileView {
  const refs = { context: ctx.alias };
  return {
    module: ctx.testModule,
    data_case: ctx.dataCase,
    context_alias: `alias ${ctx.module}`,
    describes: ctx.schemas.map((s) => describeView(ctx, s, refs)),
  };
}

/** One describe block (indent 2), as a test module holds it. */
export function describeSource(d: DescribeView): string {
  const tests = d.tests
    .map((t) => `\n    test ${exString(t.name)} do\n${t.body}\n    end\n`)
    .join('');
  return `  describe ${exString(d.name)} do\n${d.header}\n${tests}  end\n`;
}

/** A new test/<app>/<context>_test.exs. */
export function testSource(t: TestFileView): string {
  const describes = t.describes.map((d) => `\n${describeSource(d)}`).join('');
  return `defmodule ${exModule(t.module)} do\n  use ${exModule(t.data_case)}\n\n  ${t.context_alias}\n${describes}end\n`;
}
