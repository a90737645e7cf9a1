/**
 * Writes lib/<app>/<context>.ex: the context module and, per schema, its six functions
 * (list_, get_!, create_, update_, delete_, change_) with their @doc. The code of each function
 * is here (`functionsView`); the @doc prose is in templates/phoenix-context/doc/<function>.md.njk.
 */
import { ex, exAtom, exModule } from '../../render/index.js';
import { heredocAttribute, prose } from '../doc.js';
import { block, defBlock, defShort, pipeline, stmt } from './layout.js';
import type { ChildPlan, ContextPlan, ManyToManyPlan, SchemaPlan } from './plan.js';

/** How a file refers to the schemas and the repo (aliases it has, or full names). */
export interface ContextRefs {
  /** Full schema module → how this file writes it (`Post` or `MyApp.Blog.Post`). */
  schema: Map<string, string>;
  repo: string;
}

export interface FunctionsView {
  singular: string;
  plural: string;
  variable: string;
  human: string;
  a_human: string;
  human_plural: string;
  ref: string;
  pk_phrase: string;
  id_examples: [string, string];
  /** What `delete_<singular>` returns, in the @doc (a wrapped paragraph). */
  delete_doc: string;
  /** Whether `delete_<singular>` can return `{:error, changeset}`. */
  delete_can_fail: boolean;
  /** How create/update set the many_to_many associations, in their @doc ("" when none). */
  ids_doc: string;
  code: {
    list: string;
    get: string;
    create: string;
    update: string;
    delete: string;
    change: string;
    /** The private `put_<singular>_<assoc>/2` of each many_to_many ("" when none). */
    helpers: string;
  };
}

/**
 * `defp put_post_tags(changeset, attrs)`: when attrs carry `tag_ids` (atom or string key), the
 * tags with those keys replace the post's tags (`put_assoc`); without the key, they stay.
 */
function manyToManyHelper(m: ManyToManyPlan, refs: ContextRefs): string {
  const target = refs.schema.get(m.target) ?? m.target;
  const ids = `attrs[${exAtom(m.idsKey)}] || attrs[${JSON.stringify(m.idsKey)}]`;
  const query = ex.call(`${refs.repo}.all`, [
    ex.call('where', [target, ex.list(['t']), `t.${m.targetKey} in ^ids`]),
  ]);
  const put = ex.call('Ecto.Changeset.put_assoc', ['changeset', exAtom(m.name), query]);
  const body = [
    `    case ${ids} do`,
    '      nil ->',
    '        changeset',
    '',
    '      ids ->',
    stmt(8, put),
    '    end',
  ].join('\n');
  return defBlock(2, 'defp', m.helper, ['changeset', 'attrs'], body);
}

/** The six context functions of one schema (code at indent 2). */
export function functionsView(s: SchemaPlan, refs: ContextRefs): FunctionsView {
  const ref = refs.schema.get(s.module) ?? s.module;
  const repo = refs.repo;
  const v = s.variable;
  const match = `%${ref}{} = ${v}`;
  const ids: [string, string] =
    s.pk.type === 'binary_id'
      ? ['"7488a646-e31f-11e4-aace-600308960662"', '"7488a646-e31f-11e4-aace-600308960668"']
      : ['123', '456'];
  return {
    singular: s.singular,
    plural: s.plural,
    variable: v,
    human: s.human,
    a_human: s.aHuman,
    human_plural: s.humanPlural,
    ref,
    pk_phrase: s.pk.name === 'id' ? 'id' : `primary key \`${s.pk.name}\``,
    id_examples: ids,
    delete_doc: deleteDoc(s),
    delete_can_fail: s.children.some(blocks),
    ids_doc:
      s.manyToMany.length === 0
        ? ''
        : wrapWords(
            prose('phoenix-context/doc/ids.md.njk', { many: s.manyToMany })
              .replace(/\s+/g, ' ')
              .trim(),
          ),
    code: {
      list: defBlock(2, 'def', `list_${s.plural}`, [], stmt(4, ex.call(`${repo}.all`, [ref]))),
      get: defShort(2, 'def', `get_${s.singular}!`, ['id'], ex.call(`${repo}.get!`, [ref, 'id'])),
      create: defBlock(
        2,
        'def',
        `create_${s.singular}`,
        ['attrs'],
        pipeline(4, `%${ref}{}`, [
          ex.call(`${ref}.changeset`, ['attrs']),
          ...s.manyToMany.map((m) => ex.call(m.helper, ['attrs'])),
          ex.call(`${repo}.insert`),
        ]),
      ),
      update: defBlock(
        2,
        'def',
        `update_${s.singular}`,
        [match, 'attrs'],
        pipeline(4, v, [
          ...(s.manyToMany.length === 0
            ? []
            : [ex.call(`${repo}.preload`, [ex.list(s.manyToMany.map((m) => exAtom(m.name)))])]),
          ex.call(`${ref}.changeset`, ['attrs']),
          ...s.manyToMany.map((m) => ex.call(m.helper, ['attrs'])),
          ex.call(`${repo}.update`),
        ]),
      ),
      helpers: s.manyToMany.map((m) => manyToManyHelper(m, refs)).join('\n\n'),
      delete: defBlock(
        2,
        'def',
        `delete_${s.singular}`,
        [match],
        s.children.length === 0
          ? stmt(4, ex.call(`${repo}.delete`, [v]))
          : pipeline(4, v, [
              ex.call('Ecto.Changeset.change'),
              ...s.children.map((c) =>
                ex.call('Ecto.Changeset.no_assoc_constraint', [exAtom(c.name)]),
              ),
              ex.call(`${repo}.delete`),
            ]),
      ),
      change: defBlock(
        2,
        'def',
        `change_${s.singular}`,
        [match, 'attrs \\\\ %{}'],
        stmt(4, ex.call(`${ref}.changeset`, [v, 'attrs'])),
      ),
    },
  };
}

/** A child whose rows keep the record from being deleted (its key neither cascades nor nilifies). */
function blocks(c: ChildPlan): boolean {
  return c.on_delete !== 'delete_all' && c.on_delete !== 'nilify_all';
}

/** Words wrapped at `width` columns (the @doc's indent of 2 included). */
function wrapWords(text: string, width = 94): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Exactly what deleting a record does with the rows that point at it (prose: delete-returns). */
function deleteDoc(s: SchemaPlan): string {
  const names = (cs: ChildPlan[]) => cs.map((c) => `\`:${c.name}\``).join(', ');
  const text = prose('phoenix-context/doc/delete-returns.md.njk', {
    variable: s.variable,
    cascade: names(s.children.filter((c) => c.on_delete === 'delete_all')),
    nilify: names(s.children.filter((c) => c.on_delete === 'nilify_all')),
    blocking: names(s.children.filter(blocks)),
    children: s.children.length,
  });
  return wrapWords(text.replace(/\s+/g, ' ').trim());
}

export interface ContextFileView {
  module: string;
  name: string;
  /** The alias lines (indent 2), laid out as a block. */
  aliases: string;
  schemas: FunctionsView[];
}

/** Aliases a new context file declares: the repo and each schema (unless the name is taken). */
export function newContextRefs(ctx: ContextPlan): {
  refs: ContextRefs;
  aliases: { sortKey: string; line: string }[];
} {
  const schema = new Map<string, string>();
  const used = new Set(['Repo']);
  const aliases = [{ sortKey: ctx.repo.module, line: ctx.repo.line }];
  for (const s of ctx.schemas) {
    if (used.has(s.alias)) {
      schema.set(s.module, s.module);
    } else {
      used.add(s.alias);
      schema.set(s.module, s.alias);
      aliases.push({ sortKey: s.module, line: `alias ${s.module}` });
    }
  }
  aliases.sort((a, b) => cmpModules(a.sortKey, b.sortKey));
  return { refs: { schema, repo: 'Repo' }, aliases };
}

export function cmpModules(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function contextFileView(ctx: ContextPlan): ContextFileView {
  const { refs, aliases } = newContextRefs(ctx);
  return {
    module: ctx.module,
    name: ctx.context,
    aliases: block(aliases.map((a) => ({ text: `  ${a.line}` }))),
    schemas: ctx.schemas.map((s) => functionsView(s, refs)),
  };
}

const FUNCTIONS = ['list', 'get', 'create', 'update', 'delete', 'change'] as const;

/** The six functions of one schema, each with its @doc, as a context module holds them. */
export function functionsSource(s: FunctionsView): string {
  return FUNCTIONS.map((fn) => {
    const doc = prose(`phoenix-context/doc/${fn}.md.njk`, { s });
    return `${heredocAttribute('@doc', `${doc}\n`)}\n${s.code[fn]}\n`;
  })
    .concat(s.code.helpers === '' ? [] : [`${s.code.helpers}\n`])
    .join('\n');
}

/** A new lib/<app>/<context>.ex. */
export function contextSource(c: ContextFileView): string {
  const moduledoc = heredocAttribute(
    '@moduledoc',
    prose('phoenix-context/doc/context.md.njk', { ctx: c }),
  );
  const functions = c.schemas.map((s) => `\n${functionsSource(s)}`).join('');
  return `defmodule ${exModule(c.module)} do\n${moduledoc}\n\n  import Ecto.Query, warn: false\n\n${c.aliases}\n${functions}end\n`;
}
