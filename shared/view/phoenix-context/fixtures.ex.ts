/**
 * Writes test/support/fixtures/<context>_fixtures.ex: per schema its unique-value helpers and
 * `<singular>_fixture/1`, which inserts a record through the context.
 */
import { ex, exAtom, exKey, exModule, literalEx, type Pair } from '../../render/index.js';
import { heredocAttribute, prose, stringAttribute } from '../doc.js';
import { assign, block, defBlock, defShort, pipeWithFn, stmt, type Statement } from './layout.js';
import type { ContextPlan, SchemaPlan } from './plan.js';

const kw = (key: string, value: string): Pair => ex.kw(exKey(key), literalEx(value));

export interface FixturesView {
  helpers: { doc: string; code: string }[];
  doc: string;
  fixture: string;
}

/** The unique helpers and `<singular>_fixture/1` of one schema (code at indent 2). */
export function fixturesView(ctx: ContextPlan, s: SchemaPlan): FixturesView {
  const helpers = s.uniqueHelpers.map((h) => ({
    doc: prose('phoenix-context/doc/unique-helper.md.njk', { h, s: { a_human: s.aHuman } }),
    code: defShort(2, 'def', h.name, [], ex.raw(h.body)),
  }));
  const defaults = ex.map(s.attrs.map((a) => kw(a.key, a.fixture)));
  const parents = s.parents.map((p) => {
    const name = p.sameContext ? p.fixture : `${p.fixturesModule}.${p.fixture}`;
    const fn = `${name}(${p.scopeArg ?? ''})`;
    return pipeWithFn(6, 'Map.put_new_lazy', [exAtom(p.key)], ex.raw(`${fn}.${p.pk}`));
  });
  const ok = stmt(4, ex.tuple([':ok', s.variable]));
  const owner = s.owner;
  let statements: Statement[];
  if (owner !== null) {
    // The owner is an argument of create_: taken from attrs under its name, or a new one.
    const p = owner.parent;
    const take =
      p === null
        ? stmt(6, ex.call('Map.pop!', [exAtom(owner.name)]), '|> ')
        : pipeWithFn(
            6,
            'Map.pop_lazy',
            [exAtom(owner.name)],
            ex.raw(
              `${p.sameContext ? p.fixture : `${p.fixturesModule}.${p.fixture}`}(${p.scopeArg ?? ''})`,
            ),
          );
    const lines = [
      '      attrs',
      stmt(6, ex.call('Enum.into', [defaults]), '|> '),
      ...parents,
      take,
    ];
    const args = [...(s.scope === null ? [] : ['scope']), owner.variable, 'attrs'];
    statements = [
      { text: `    {${owner.variable}, attrs} =\n${lines.join('\n')}` },
      {
        text: assign(4, ok.trim(), ex.call(`${ctx.module}.create_${s.singular}`, args)),
      },
    ];
  } else if (s.scope === null) {
    const lines = [
      '      attrs',
      stmt(6, ex.call('Enum.into', [defaults]), '|> '),
      ...parents,
      stmt(6, ex.call(`${ctx.module}.create_${s.singular}`), '|> '),
    ];
    statements = [{ text: `${ok} =\n${lines.join('\n')}` }];
  } else {
    // Scoped: the record is created in `scope`, which owns it.
    const attrs =
      parents.length === 0
        ? assign(4, 'attrs', ex.call('Enum.into', ['attrs', defaults]))
        : `    attrs =\n${['      attrs', stmt(6, ex.call('Enum.into', [defaults]), '|> '), ...parents].join('\n')}`;
    statements = [
      { text: attrs },
      {
        text: assign(
          4,
          ok.trim(),
          ex.call(`${ctx.module}.create_${s.singular}`, ['scope', 'attrs']),
        ),
      },
    ];
  }
  const body = block([
    ...statements,
    { text: `    ${s.variable}`, blankBefore: s.scope === null && owner === null },
  ]);
  return {
    helpers,
    doc: prose('phoenix-context/doc/fixture.md.njk', {
      s: {
        a_human: s.aHuman,
        scope: s.scope?.name ?? null,
        owner: owner === null ? null : { name: owner.name, made: owner.parent !== null },
      },
    }),
    fixture: defBlock(
      2,
      'def',
      `${s.singular}_fixture`,
      [...(s.scope === null ? [] : ['scope']), 'attrs \\\\ %{}'],
      body,
    ),
  };
}

export interface FixturesFileView {
  module: string;
  context_module: string;
  schemas: FixturesView[];
}

export function fixturesFileView(ctx: ContextPlan): FixturesFileView {
  return {
    module: ctx.fixturesModule,
    context_module: ctx.module,
    schemas: ctx.schemas.map((s) => fixturesView(ctx, s)),
  };
}

/** One schema's helpers and fixture (indent 2), as a fixtures module holds them. */
export function fixtureSource(s: FixturesView): string {
  const helpers = s.helpers.map((h) => `${stringAttribute('@doc', h.doc)}\n${h.code}\n\n`).join('');
  return `${helpers}${stringAttribute('@doc', s.doc)}\n${s.fixture}\n`;
}

/** A new test/support/fixtures/<context>_fixtures.ex. */
export function fixturesSource(f: FixturesFileView): string {
  const moduledoc = heredocAttribute(
    '@moduledoc',
    prose('phoenix-context/doc/fixtures.md.njk', { f }),
  );
  const schemas = f.schemas.map((s) => `\n${fixtureSource(s)}`).join('');
  return `defmodule ${exModule(f.module)} do\n${moduledoc}\n${schemas}end\n`;
}
