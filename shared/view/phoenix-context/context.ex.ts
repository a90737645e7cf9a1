/**
 * Writes lib/<app>/<context>.ex: the context module and, per schema, its six functions
 * (list_, get_!, create_, update_, delete_, change_) with their @doc. The code of each function
 * is here (`functionsView`); the @doc prose is in templates/phoenix-context/doc/<function>.md.njk.
 */
import { ex, exAtom, exKey, exModule, formatExpr, type Ex } from '../../render/index.js';
import { heredocAttribute, prose } from '../doc.js';
import { assign, block, defBlock, defShort, fits, pipeline, stmt } from './layout.js';
import type { ChildPlan, ContextPlan, ManyToManyPlan, SchemaPlan, ScopePlan } from './plan.js';

/** How a file refers to the schemas and the repo (aliases it has, or full names). */
export interface ContextRefs {
  /** Full schema module → how this file writes it (`Post` or `MyApp.Blog.Post`). */
  schema: Map<string, string>;
  repo: string;
  /** Full scope module → how this file writes it (`Scope` or `MyApp.Accounts.Scope`). */
  scope?: Map<string, string>;
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
  /** Scoped functions (Phoenix 1.8): the scope's words for the @docs; null when unscoped. */
  scope: { name: string; key: string; access: string; ref: string } | null;
  /** The scope parameter of the examples: `scope, ` (or `scope` alone in `sa_only`); '' unscoped. */
  sa: string;
  sa_only: string;
  /** The owner create_ takes (its words for the @docs); null when the schema has none. */
  owner: { variable: string; key: string; value: string; ref: string; same_scope: boolean } | null;
  /** The owner argument of create_'s examples: `post, `; '' without an owner. */
  oa: string;
  /** The keys of a new record the docs name: `post_id: post.id, user_id: scope.user.id`. */
  new_keys: string;
  code: {
    /** Scoped only: `subscribe_<plural>/1` and the private `broadcast_<singular>/2` ("" unscoped). */
    subscribe: string;
    broadcast: string;
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

/** The six context functions of one schema (code at indent 2), scoped or not. */
export function functionsView(s: SchemaPlan, refs: ContextRefs): FunctionsView {
  const ref = refs.schema.get(s.module) ?? s.module;
  const ids: [string, string] =
    s.pk.type === 'binary_id'
      ? ['"7488a646-e31f-11e4-aace-600308960662"', '"7488a646-e31f-11e4-aace-600308960668"']
      : ['123', '456'];
  const scopeRef = s.scope === null ? null : (refs.scope?.get(s.scope.module) ?? s.scope.module);
  const owner =
    s.owner === null
      ? null
      : {
          variable: s.owner.variable,
          key: s.owner.key,
          value: `${s.owner.variable}.${s.owner.pk}`,
          ref: refs.schema.get(s.owner.module) ?? s.owner.module,
          same_scope: s.owner.sameScope,
        };
  return {
    singular: s.singular,
    plural: s.plural,
    variable: s.variable,
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
    scope:
      s.scope === null || scopeRef === null
        ? null
        : { name: s.scope.name, key: s.scope.key, access: s.scope.access, ref: scopeRef },
    sa: s.scope === null ? '' : 'scope, ',
    sa_only: s.scope === null ? '' : 'scope',
    owner,
    oa: owner === null ? '' : `${owner.variable}, `,
    new_keys: [
      ...(owner === null ? [] : [`${owner.key}: ${owner.value}`]),
      ...(s.scope === null ? [] : [`${s.scope.key}: ${s.scope.access}`]),
    ].join(', '),
    code: {
      ...(s.scope === null || scopeRef === null
        ? unscopedCode(s, ref, refs.repo, owner)
        : scopedCode(s, s.scope, { ref, scope: scopeRef, repo: refs.repo, owner })),
      helpers: s.manyToMany.map((m) => manyToManyHelper(m, refs)).join('\n\n'),
    },
  };
}

type Code = Omit<FunctionsView['code'], 'helpers'>;

type Owner = FunctionsView['owner'];

/** create_'s parameters before `attrs`: `%Post{} = post` for an owner. */
function ownerParams(owner: Owner): string[] {
  return owner === null ? [] : [`%${owner.ref}{} = ${owner.variable}`];
}

/** The new record create_ starts from: `%Comment{post_id: post.id}` with an owner (at `indent`). */
function newRecord(ref: string, owner: Owner, indent: number): string {
  if (owner === null) return `%${ref}{}`;
  return formatExpr(ex.map([ex.kw(exKey(owner.key), owner.value)], ref), { indent });
}

function unscopedCode(s: SchemaPlan, ref: string, repo: string, owner: Owner): Code {
  const v = s.variable;
  const match = `%${ref}{} = ${v}`;
  return {
    subscribe: '',
    broadcast: '',
    list: defBlock(2, 'def', `list_${s.plural}`, [], stmt(4, ex.call(`${repo}.all`, [ref]))),
    get: defShort(2, 'def', `get_${s.singular}!`, ['id'], ex.call(`${repo}.get!`, [ref, 'id'])),
    create: defBlock(
      2,
      'def',
      `create_${s.singular}`,
      [...ownerParams(owner), 'attrs'],
      pipeline(4, newRecord(ref, owner, 4), [
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
      pipeline(4, v, [...updateSteps(s, ref, repo, ['attrs']), ex.call(`${repo}.update`)]),
    ),
    delete: defBlock(
      2,
      'def',
      `delete_${s.singular}`,
      [match],
      s.children.length === 0
        ? stmt(4, ex.call(`${repo}.delete`, [v]))
        : pipeline(4, v, [...deleteSteps(s), ex.call(`${repo}.delete`)]),
    ),
    change: defBlock(
      2,
      'def',
      `change_${s.singular}`,
      [match, 'attrs \\\\ %{}'],
      stmt(4, ex.call(`${ref}.changeset`, [v, 'attrs'])),
    ),
  };
}

/** The steps between the record and `Repo.update()`: preload, changeset, many_to_many puts. */
function updateSteps(s: SchemaPlan, ref: string, repo: string, changesetArgs: string[]): Ex[] {
  return [
    ...(s.manyToMany.length === 0
      ? []
      : [ex.call(`${repo}.preload`, [ex.list(s.manyToMany.map((m) => exAtom(m.name)))])]),
    ex.call(`${ref}.changeset`, changesetArgs),
    ...s.manyToMany.map((m) => ex.call(m.helper, ['attrs'])),
  ];
}

/** The steps before `Repo.delete()` when rows of other tables point at the record. */
function deleteSteps(s: SchemaPlan): Ex[] {
  return [
    ex.call('Ecto.Changeset.change'),
    ...s.children.map((c) => ex.call('Ecto.Changeset.no_assoc_constraint', [exAtom(c.name)])),
  ];
}

/**
 * `with {:ok, %Post{} = post} <- <steps> do broadcast …; {:ok, post} end`: the write, then the
 * broadcast of `event` to the scope's subscribers (indent 4).
 */
function writeAndBroadcast(
  s: SchemaPlan,
  ref: string,
  head: string | null,
  steps: Ex[],
  event: string,
): string {
  const v = s.variable;
  const bound = `{:ok, %${ref}{} = ${v}}`;
  const pattern = fits(4, `with ${bound} <-`) ? bound : `{:ok, ${v}}`;
  let write: string;
  if (
    head === null &&
    steps.length === 1 &&
    fits(4, `with ${pattern} <- ${stmt(0, steps[0]!)} do`)
  ) {
    write = `    with ${pattern} <- ${stmt(0, steps[0]!)} do`;
  } else {
    const rhs = head === null ? stmt(11, steps[0]!) : pipeline(11, head, steps);
    write = `    with ${pattern} <-\n${rhs} do`;
  }
  return [
    write,
    stmt(6, ex.call(`broadcast_${s.singular}`, ['scope', ex.tuple([event, v])])),
    stmt(6, ex.tuple([':ok', v])),
    '    end',
  ].join('\n');
}

/** `true = post.user_id == scope.user.id`: a record of another scope raises MatchError. */
function ownership(s: SchemaPlan, scope: ScopePlan): string {
  return stmt(4, ex.raw(`true = ${s.variable}.${scope.key} == ${scope.access}`));
}

/** `key = scope.user.id` then a PubSub call on the scope's topic (indent 4). */
function pubsubBody(scope: ScopePlan, fn: string, extra: string[]): string {
  return block([
    { text: assign(4, 'key', scope.access) },
    {
      text: stmt(4, ex.call(`Phoenix.PubSub.${fn}`, [scope.pubsub, scope.topic, ...extra])),
      blankBefore: true,
    },
  ]);
}

/**
 * The scoped functions (Phoenix 1.8): each takes the scope first, reads and writes only the
 * scope's records, checks ownership before changing one, and broadcasts every write on the
 * scope's topic. The scope key is put by `changeset/3` from the scope, never cast.
 */
function scopedCode(
  s: SchemaPlan,
  scope: ScopePlan,
  names: { ref: string; scope: string; repo: string; owner: Owner },
): Code {
  const { owner } = names;
  // An owner of the same scope must be the scope's: `true = post.user_id == scope.user.id`.
  const ownerCheck =
    owner !== null && owner.same_scope
      ? `${stmt(4, ex.raw(`true = ${owner.variable}.${scope.key} == ${scope.access}`))}\n\n`
      : '';
  const { ref, repo } = names;
  const v = s.variable;
  const sc = `%${names.scope}{} = scope`;
  const match = `%${ref}{} = ${v}`;
  const keyKw = ex.kw(exKey(scope.key), scope.access);
  const list = scope.allBy
    ? ex.call(`${repo}.all_by`, [ref], [keyKw])
    : ex.call(`${repo}.all`, [
        ex.call('where', [ref], [ex.kw(exKey(scope.key), `^${scope.access}`)]),
      ]);
  return {
    subscribe: defBlock(
      2,
      'def',
      `subscribe_${s.plural}`,
      [sc],
      pubsubBody(scope, 'subscribe', []),
    ),
    broadcast: defBlock(
      2,
      'defp',
      `broadcast_${s.singular}`,
      [sc, 'message'],
      pubsubBody(scope, 'broadcast', ['message']),
    ),
    list: defBlock(2, 'def', `list_${s.plural}`, [sc], stmt(4, list)),
    get: defShort(
      2,
      'def',
      `get_${s.singular}!`,
      [sc, 'id'],
      ex.call(`${repo}.get_by!`, [ref], [ex.kw(`${s.pk.name}:`, 'id'), keyKw]),
    ),
    create: defBlock(
      2,
      'def',
      `create_${s.singular}`,
      [sc, ...ownerParams(owner), 'attrs'],
      ownerCheck +
        writeAndBroadcast(
          s,
          ref,
          newRecord(ref, owner, 11),
          [
            ex.call(`${ref}.changeset`, ['attrs', 'scope']),
            ...s.manyToMany.map((m) => ex.call(m.helper, ['attrs'])),
            ex.call(`${repo}.insert`),
          ],
          ':created',
        ),
    ),
    update: defBlock(
      2,
      'def',
      `update_${s.singular}`,
      [sc, match, 'attrs'],
      `${ownership(s, scope)}\n\n${writeAndBroadcast(
        s,
        ref,
        v,
        [...updateSteps(s, ref, repo, ['attrs', 'scope']), ex.call(`${repo}.update`)],
        ':updated',
      )}`,
    ),
    delete: defBlock(
      2,
      'def',
      `delete_${s.singular}`,
      [sc, match],
      `${ownership(s, scope)}\n\n${
        s.children.length === 0
          ? writeAndBroadcast(s, ref, null, [ex.call(`${repo}.delete`, [v])], ':deleted')
          : writeAndBroadcast(s, ref, v, [...deleteSteps(s), ex.call(`${repo}.delete`)], ':deleted')
      }`,
    ),
    change: defBlock(
      2,
      'def',
      `change_${s.singular}`,
      [sc, match, 'attrs \\\\ %{}'],
      `${ownership(s, scope)}\n\n${stmt(4, ex.call(`${ref}.changeset`, [v, 'attrs', 'scope']))}`,
    ),
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
  const scope = new Map<string, string>();
  for (const s of ctx.schemas) {
    if (s.scope === null || scope.has(s.scope.module)) continue;
    if (used.has(s.scope.alias)) {
      scope.set(s.scope.module, s.scope.module);
    } else {
      used.add(s.scope.alias);
      scope.set(s.scope.module, s.scope.alias);
      aliases.push({ sortKey: s.scope.module, line: `alias ${s.scope.module}` });
    }
  }
  aliases.sort((a, b) => cmpModules(a.sortKey, b.sortKey));
  return { refs: { schema, repo: 'Repo', scope }, aliases };
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

/** The functions of one schema, each with its @doc, as a context module holds them. */
export function functionsSource(s: FunctionsView): string {
  const scoped =
    s.scope === null
      ? []
      : [
          `${heredocAttribute('@doc', `${prose('phoenix-context/doc/subscribe.md.njk', { s })}\n`)}\n${s.code.subscribe}\n`,
          `${s.code.broadcast}\n`,
        ];
  return scoped
    .concat(
      FUNCTIONS.map((fn) => {
        const doc = prose(`phoenix-context/doc/${fn}.md.njk`, { s });
        return `${heredocAttribute('@doc', `${doc}\n`)}\n${s.code[fn]}\n`;
      }),
    )
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
