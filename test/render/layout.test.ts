import { beforeAll, describe, expect, it } from 'vitest';
import {
  ex,
  exToString,
  formatCallWithTrailingList,
  formatExpr,
  formatKeywordCall,
  formatLines,
  literalEx,
  type Ex,
} from '../../shared/render/index.js';
import { flatText, layoutExpr } from '../../shared/render/layout.js';
import {
  FORMATTER_1_14,
  FORMATTER_1_15,
  FORMATTER_1_18,
  elixirFormatter,
  withElixirFormatter,
} from '../../shared/render/index.js';
import { describeElixir, mixFormatMany } from '../support/elixir.js';

const atoms = (...names: string[]): string[] => names.map((n) => `:${n}`);

describe('layout: exact shapes (as produced by mix format, Elixir 1.14)', () => {
  it('a call with a trailing list stays on one line when it fits', () => {
    expect(formatCallWithTrailingList(4, '|> cast(attrs, ', atoms('title', 'body'))).toBe(
      '    |> cast(attrs, [:title, :body])',
    );
  });

  it('breaks the list one element per line, bracket kept on the call line', () => {
    const items = atoms(
      'aaaaaaaaaa',
      'bbbbbbbbbbbb',
      'cccccccccccc',
      'ddddddddddd',
      'eeeeeeeeeeeee',
      'ffff',
    );
    expect(formatCallWithTrailingList(4, '|> cast(attrs, ', items)).toBe(
      [
        '    |> cast(attrs, [',
        '      :aaaaaaaaaa,',
        '      :bbbbbbbbbbbb,',
        '      :cccccccccccc,',
        '      :ddddddddddd,',
        '      :eeeeeeeeeeeee,',
        '      :ffff',
        '    ])',
      ].join('\n'),
    );
    expect(formatCallWithTrailingList(4, '|> validate_required(', items)).toBe(
      [
        '    |> validate_required([',
        '      :aaaaaaaaaa,',
        '      :bbbbbbbbbbbb,',
        '      :cccccccccccc,',
        '      :ddddddddddd,',
        '      :eeeeeeeeeeeee,',
        '      :ffff',
        '    ])',
      ].join('\n'),
    );
  });

  it('breaks the arguments when even the head does not fit', () => {
    expect(
      formatCallWithTrailingList(
        4,
        '|> cast_with_a_very_long_function_name_that_never_ends_at_all_whatsoever(attrs_and_more_more, ',
        atoms('a', 'b', 'c'),
      ),
    ).toBe(
      [
        '    |> cast_with_a_very_long_function_name_that_never_ends_at_all_whatsoever(',
        '      attrs_and_more_more,',
        '      [:a, :b, :c]',
        '    )',
      ].join('\n'),
    );
  });

  it('aligns with a no-parens wrapper call (create unique_index)', () => {
    expect(
      formatCallWithTrailingList(
        4,
        'create unique_index(:posts, ',
        atoms('aaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbb', 'ccccccccccccccccccc', 'dddddddddddd'),
      ),
    ).toBe(
      [
        '    create unique_index(:posts, [',
        '             :aaaaaaaaaaaaaa,',
        '             :bbbbbbbbbbbbbbbbbbb,',
        '             :ccccccccccccccccccc,',
        '             :dddddddddddd',
        '           ])',
      ].join('\n'),
    );
  });

  it('keyword calls without parens: keywords move to the next line, then the list breaks', () => {
    const five = atoms(
      'aaaaaaaaaa',
      'bbbbbbbbbbbb',
      'cccccccccccc',
      'ddddddddddd',
      'eeeeeeeeeeeee',
    );
    expect(
      formatKeywordCall(
        4,
        'field',
        [':status', 'Ecto.Enum'],
        [['values:', atoms('draft', 'published')]],
      ),
    ).toBe('    field :status, Ecto.Enum, values: [:draft, :published]');
    expect(formatKeywordCall(4, 'field', [':status', 'Ecto.Enum'], [['values:', five]])).toBe(
      [
        '    field :status, Ecto.Enum,',
        '      values: [:aaaaaaaaaa, :bbbbbbbbbbbb, :cccccccccccc, :ddddddddddd, :eeeeeeeeeeeee]',
      ].join('\n'),
    );
    expect(
      formatKeywordCall(
        4,
        'field',
        [':status', 'Ecto.Enum'],
        [['values:', [...five, ':fffffffffffff', ':gggggggggggggg', ':hhhhhhhhhhhhhhhhh']]],
      ),
    ).toBe(
      [
        '    field :status, Ecto.Enum,',
        '      values: [',
        '        :aaaaaaaaaa,',
        '        :bbbbbbbbbbbb,',
        '        :cccccccccccc,',
        '        :ddddddddddd,',
        '        :eeeeeeeeeeeee,',
        '        :fffffffffffff,',
        '        :gggggggggggggg,',
        '        :hhhhhhhhhhhhhhhhh',
        '      ]',
      ].join('\n'),
    );
    expect(
      formatKeywordCall(
        4,
        'field',
        [':status', 'Ecto.Enum'],
        [
          ['values:', five],
          ['default:', ':aaaaaaaaaa'],
        ],
      ),
    ).toBe(
      [
        '    field :status, Ecto.Enum,',
        '      values: [:aaaaaaaaaa, :bbbbbbbbbbbb, :cccccccccccc, :ddddddddddd, :eeeeeeeeeeeee],',
        '      default: :aaaaaaaaaa',
      ].join('\n'),
    );
  });

  it('keyword calls whose positional arguments do not fit align every argument', () => {
    expect(
      formatKeywordCall(
        4,
        'field',
        [
          ':status_with_a_very_long_name_that_goes_on_and_on_forever_and_ever_and_ever_and_more',
          'Ecto.Enum',
        ],
        [['values:', [':a']]],
      ),
    ).toBe(
      [
        '    field :status_with_a_very_long_name_that_goes_on_and_on_forever_and_ever_and_ever_and_more,',
        '          Ecto.Enum,',
        '          values: [:a]',
      ].join('\n'),
    );
    const longDefault = `"${'a'.repeat(100)}"`;
    expect(
      formatKeywordCall(
        4,
        'field',
        [':title', ':string'],
        [
          ['default:', longDefault],
          ['redact:', 'true'],
        ],
      ),
    ).toBe(
      [
        '    field :title, :string,',
        '      default:',
        `        ${longDefault},`,
        '      redact: true',
      ].join('\n'),
    );
  });

  it('nested calls as arguments of a no-parens call', () => {
    const node = ex.callNoParens(
      'add',
      [
        ':user_id',
        ex.call(
          'references',
          [':users_with_a_long_table_name_here'],
          [ex.kw('on_delete:', ':delete_all'), ex.kw('type:', ':binary_id')],
        ),
      ],
      [ex.kw('null:', 'false')],
    );
    expect(formatLines(node, { indent: 4 })).toBe(
      [
        '    add :user_id,',
        '        references(:users_with_a_long_table_name_here, on_delete: :delete_all, type: :binary_id),',
        '        null: false',
      ].join('\n'),
    );
  });

  it('maps as the last argument', () => {
    const node = ex.call('Enum.into', [
      ex.map(
        ['body', 'title', 'published_at', 'view_count'].map((k) =>
          ex.kw(`${k}:`, `"some ${k} value here"`),
        ),
      ),
    ]);
    expect(formatExpr(node, { indent: 6, prefix: '|> ' })).toBe(
      [
        '|> Enum.into(%{',
        '        body: "some body value here",',
        '        title: "some title value here",',
        '        published_at: "some published_at value here",',
        '        view_count: "some view_count value here"',
        '      })',
      ].join('\n'),
    );
  });

  it('do-blocks count ` do` on the head line', () => {
    const node = ex.callNoParens('create', [
      ex.call('table', [':posts'], [ex.kw('primary_key:', 'false')]),
    ]);
    expect(formatExpr(node, { indent: 4, doBlock: true })).toBe(
      'create table(:posts, primary_key: false) do',
    );
  });

  it('a literal keyword list as the last argument loses its brackets', () => {
    expect(exToString(ex.call('foo', ['a', ex.list([ex.kw('b:', '1')])]))).toBe('foo(a, b: 1)');
    expect(exToString(ex.call('foo', [ex.list([ex.kw('b:', '1'), ':c'])]))).toBe('foo([b: 1, :c])');
  });

  it('exToString is the single-line source', () => {
    const node = ex.callNoParens(
      'field',
      [':tags', ex.tuple([':array', ':string'])],
      [ex.kw('default:', ex.list([]))],
    );
    expect(exToString(node)).toBe('field :tags, {:array, :string}, default: []');
    expect(exToString(ex.call('Repo.all', []))).toBe('Repo.all()');
    expect(exToString(ex.map([ex.arrow('"a"', '1')]))).toBe('%{"a" => 1}');
    expect(exToString(ex.map([], 'Post'))).toBe('%Post{}');
  });

  it('literalEx turns a rendered list literal into a list node, anything else stays atomic', () => {
    expect(literalEx('["a, b", "c]", [1, 2], ~D[2024-01-01]]')).toEqual(
      ex.list(['"a, b"', '"c]"', ex.list(['1', '2']), '~D[2024-01-01]']),
    );
    expect(literalEx('[]')).toEqual(ex.list([]));
    expect(literalEx('[1] ++ [2]')).toEqual(ex.raw('[1] ++ [2]'));
    expect(literalEx('"[not a list]"')).toEqual(ex.raw('"[not a list]"'));
    expect(literalEx('Decimal.new("1.5")')).toEqual(ex.raw('Decimal.new("1.5")'));
    const items = Array.from({ length: 39 }, (_, i) => String(i + 1));
    expect(
      formatExpr(ex.map([ex.kw('readings:', literalEx(`[${items.join(', ')}]`))]), { indent: 4 }),
    ).toBe(
      `%{\n      readings: [\n${items.map((i) => `        ${i}`).join(',\n')}\n      ]\n    }`,
    );
  });

  it('follows the Elixir version: 1.18 breaks a last map whose `)` passes the line', () => {
    // Observed with mix format 1.14.0, 1.15.8 and 1.18.4: a 99-column fixture line.
    const node = ex.call('Enum.into', [
      ex.map([
        ex.kw('email:', 'unique_user_email()'),
        ex.kw('name:', '"some namenn"'),
        ex.kw('role:', ':member'),
        ex.kw('active:', 'true'),
      ]),
    ]);
    const opts = { indent: 6, prefix: '|> ' };
    const oneLine =
      '|> Enum.into(%{email: unique_user_email(), name: "some namenn", role: :member, active: true})';
    expect(6 + oneLine.length).toBe(99);
    expect(formatExpr(node, opts)).toBe(oneLine);
    expect(withElixirFormatter(FORMATTER_1_15, () => formatExpr(node, opts))).toBe(oneLine);
    expect(withElixirFormatter(FORMATTER_1_18, () => formatExpr(node, opts))).toBe(
      [
        '|> Enum.into(%{',
        '        email: unique_user_email(),',
        '        name: "some namenn",',
        '        role: :member,',
        '        active: true',
        '      })',
      ].join('\n'),
    );
    // with two arguments the last one's own group is measured alone: 1.18 keeps the line too
    const two = ex.call('cast', ['attrs', ex.list([':' + 'x'.repeat(69), ':body'])]);
    const twoLine = `|> ${flatText(two)}`;
    expect(4 + twoLine.length).toBe(99);
    expect(
      withElixirFormatter(FORMATTER_1_18, () => formatExpr(two, { indent: 4, prefix: '|> ' })),
    ).toBe(twoLine);
    expect(elixirFormatter([1, 17, 3])).toBe(FORMATTER_1_15);
    expect(elixirFormatter([1, 19, 0])).toBe(FORMATTER_1_18);
    expect(elixirFormatter([1, 14, 0])).toBe(FORMATTER_1_14);
  });

  it('rejects what it cannot lay out', () => {
    expect(() => formatCallWithTrailingList(4, 'cast attrs', [':a'])).toThrow(/expected head/);
    expect(() =>
      formatExpr(ex.call('foo', [ex.callNoParens('bar', [':x'])]), { indent: 0 }),
    ).toThrow(/only supported as the outermost expression/);
  });
});

// ---------------------------------------------------------------------------------------------
// mix format truth: many shapes, each swept across the 98-column boundary.

interface Case {
  template: string;
  indent: number;
  prefix: string;
  /** A line printed before the statement (the head of a pipeline). */
  before?: string;
  node: Ex;
  doBlock?: boolean;
}

const pad = (base: string, n: number): string => base + 'x'.repeat(n);
const list = (names: string[]): Ex => ex.list(names);

/** Each template maps a padding p (0..PADS-1) to an expression; p shifts lengths by one column. */
const TEMPLATES: Record<string, (p: number) => Omit<Case, 'template' | 'indent'>> = {
  'pipe cast, padded item': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call('cast', [
      'attrs',
      list(atoms(pad('title', p), 'body', 'published_at', 'author_id')),
    ]),
  }),
  'pipe cast, padded first argument': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call('cast', [
      pad('attrs', p),
      list(atoms('title', 'body', 'published_at', 'a', 'b')),
    ]),
  }),
  'pipe cast, padded function name': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call(pad('cast', p), ['attrs_and_more', list(atoms('title', 'body', 'published_at'))]),
  }),
  'validate_required, many items': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call('validate_required', [
      list(
        atoms(
          'title',
          'body',
          pad('published_at', p % 20),
          'author',
          'category',
          'rating',
          pad('z', p),
        ),
      ),
    ]),
  }),
  'validate_inclusion with strings': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call('validate_inclusion', [
      pad(':status', p),
      list(['"draft"', '"published"', '"archived"']),
    ]),
  }),
  'validate_length keywords': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call(
      'validate_length',
      [pad(':title', p)],
      [ex.kw('min:', '3'), ex.kw('max:', '200'), ex.kw('count:', ':codepoints')],
    ),
  }),
  'unique_constraint list then keywords': (p) => ({
    prefix: '|> ',
    before: 'post',
    node: ex.call(
      'unique_constraint',
      [list(atoms('title', pad('slug', p)))],
      [ex.kw('name:', ':posts_title_slug_index')],
    ),
  }),
  'field Ecto.Enum, padded name': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'field',
      [pad(':status', p), 'Ecto.Enum'],
      [ex.kw('values:', list(atoms('draft', 'published', 'archived', 'deleted')))],
    ),
  }),
  'field Ecto.Enum, padded value, with default': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'field',
      [':status', 'Ecto.Enum'],
      [
        ex.kw(
          'values:',
          list(atoms('draft', 'published', 'archived', 'scheduled', pad('deleted', p))),
        ),
        ex.kw('default:', ':draft'),
      ],
    ),
  }),
  'field with long string default': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'field',
      [':title', ':string'],
      [ex.kw('default:', `"${pad('d', p)}"`), ex.kw('redact:', 'true')],
    ),
  }),
  'field with unicode default (width in graphemes)': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'field',
      [pad(':title', p), ':string'],
      [ex.kw('default:', '"héllo wörld — 😀 👩‍👩‍👧 中文 naïve café"')],
    ),
  }),
  'field array default': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'field',
      [pad(':tags', p), ex.tuple([':array', ':string'])],
      [ex.kw('default:', list(['"one"', '"two"', '"three"']))],
    ),
  }),
  belongs_to: (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'belongs_to',
      [pad(':author', p), 'MyApp.Accounts.User'],
      [
        ex.kw('foreign_key:', ':author_id'),
        ex.kw('type:', ':binary_id'),
        ex.kw('on_replace:', ':delete'),
      ],
    ),
  }),
  many_to_many: (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'many_to_many',
      [':tags', pad('MyApp.Blog.Tag', p)],
      [ex.kw('join_through:', '"posts_tags"'), ex.kw('on_replace:', ':delete')],
    ),
  }),
  'create unique_index': (p) => ({
    prefix: '',
    node: ex.callNoParens('create', [
      ex.call('unique_index', [':posts', list(atoms('title', pad('slug', p), 'author_id'))]),
    ]),
  }),
  'create index with options': (p) => ({
    prefix: '',
    node: ex.callNoParens('create', [
      ex.call(
        'index',
        [pad(':posts', p), list(atoms('author_id', 'inserted_at'))],
        [ex.kw('unique:', 'true'), ex.kw('name:', ':posts_author_time')],
      ),
    ]),
  }),
  'add references': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'add',
      [
        pad(':author_id', p),
        ex.call(
          'references',
          [':users'],
          [ex.kw('on_delete:', ':nothing'), ex.kw('type:', ':binary_id')],
        ),
      ],
      [ex.kw('null:', 'false')],
    ),
  }),
  'add with default': (p) => ({
    prefix: '',
    node: ex.callNoParens(
      'add',
      [':title', ':string'],
      [ex.kw('null:', 'false'), ex.kw('default:', `"${pad('', p)}"`), ex.kw('size:', '120')],
    ),
  }),
  'create table do': (p) => ({
    prefix: '',
    doBlock: true,
    node: ex.callNoParens('create', [
      ex.call(
        'table',
        [pad(':posts', p)],
        [ex.kw('primary_key:', 'false'), ex.kw('prefix:', ':blog')],
      ),
    ]),
  }),
  'fixture Enum.into map': (p) => ({
    prefix: '|> ',
    before: 'attrs',
    node: ex.call('Enum.into', [
      ex.map(['body', 'title'].map((k) => ex.kw(`${k}:`, `"some ${pad(k, p)}"`))),
    ]),
  }),
  'string-keyed map': (p) => ({
    prefix: '',
    node: ex.call('Map.merge', [
      'attrs',
      ex.map([ex.arrow('"name"', `"${pad('n', p)}"`), ex.arrow('"tags"', list(['"a"', '"b"']))]),
    ]),
  }),
  'tuple argument': (p) => ({
    prefix: '',
    node: ex.call('Repo.get_by', [
      'Post',
      ex.tuple([':id', '123_456', ':some_long_field_name', pad(':x', p + 20)]),
    ]),
  }),
  'empty list and no-arg call': (p) => ({
    prefix: '|> ',
    before: 'query',
    node: ex.call('Repo.preload', [list([]), ex.call(pad('foo', p))]),
  }),
  'two list arguments (comma inside the first list group)': (p) => ({
    prefix: '|> ',
    before: 'query',
    node: ex.call('select_merge_fields', [
      list(atoms('title', 'body', 'published_at', 'author_id', 'category_id', pad('rating', p))),
      list(atoms('b')),
    ]),
  }),
  'nested lists': (p) => ({
    prefix: '',
    node: ex.call('Keyword.merge', [
      'opts',
      ex.list([ex.kw('only:', list(atoms('a', pad('b', p), 'c'))), ex.kw('except:', list([]))]),
    ]),
  }),
  'def head with a long parameter (changeset of a long schema name)': (p) => ({
    prefix: '',
    node: ex.callNoParens('def', [ex.call('changeset', [pad('post', 40 + p), 'attrs'])]),
    doBlock: true,
  }),
  'tuple pattern {:ok, long_variable}': (p) => ({
    prefix: '',
    node: ex.tuple([':ok', pad('post', 60 + p)]),
  }),
  'map value from a rendered list literal (literalEx)': (p) => ({
    prefix: '',
    node: ex.map([
      ex.kw(
        'tags:',
        literalEx(
          `[${Array.from({ length: 10 + (p % 30) }, (_, i) => `"option${i}"`).join(', ')}]`,
        ),
      ),
      ex.kw(pad('name', p) + ':', '"some name"'),
    ]),
  }),
};

const PADS = 70;
const INDENTS = [4, 6, 8];

function wrap(indent: number, body: string): string {
  let head = 'defmodule T do\n  def f do\n';
  let foot = '  end\nend\n';
  for (let j = 0; j < (indent - 4) / 2; j++) {
    head += ' '.repeat(4 + 2 * j) + 'if a do\n';
    foot = ' '.repeat(4 + 2 * j) + 'end\n' + foot;
  }
  return head + body + '\n' + foot;
}

function caseSource(c: Case, text: string): string {
  const ind = ' '.repeat(c.indent);
  const before = c.before === undefined ? '' : `${ind}${c.before}\n`;
  const body = c.doBlock === true ? `${text}\n${ind}  :ok\n${ind}end` : text;
  return wrap(c.indent, `${before}${ind}${body}`);
}

/**
 * The sweep below against the installed Elixir (1.14 in CI), and against the Elixirs named below.
 */
describeElixir('layout matches mix format (Elixir 1.14) across the 98-column boundary', () => {
  sweep((f) => f(), 'mix');
});

// Local checks against other Elixirs (CI has only Debian's 1.14): PHX_GEN_MCP_MIX_1_15 and
// PHX_GEN_MCP_MIX_1_18 name the `mix` of an Elixir 1.15-1.17 and of an Elixir 1.18 or newer.
for (const [env, formatter] of [
  ['PHX_GEN_MCP_MIX_1_15', FORMATTER_1_15],
  ['PHX_GEN_MCP_MIX_1_18', FORMATTER_1_18],
] as const) {
  const mix = process.env[env];
  (mix === undefined ? describe.skip : describe)(
    `layout matches mix format (Elixir ${formatter.version}, ${env}) across the 98-column boundary`,
    () => {
      sweep((f) => withElixirFormatter(formatter, f), mix ?? 'mix');
    },
  );
}

function sweep(under: <T>(f: () => T) => T, mix: string): void {
  // Keep the cases near a decision: a single-line length or one of the laid-out lines (at a
  // fixed width of 98, in graphemes) within a few columns of 98, plus every 5th padding.
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const width = (s: string): number => [...segmenter.segment(s)].length;
  const nearBoundary = (c: Case): boolean => {
    const single = c.indent + width((c.prefix ?? '') + exToString(c.node));
    const opts = { indent: c.indent, prefix: c.prefix, doBlock: c.doBlock, width: 98 };
    const lines = formatLines(c.node, opts).split('\n');
    return Math.abs(single - 98) <= 4 || lines.some((l) => Math.abs(width(l) - 98) <= 3);
  };
  const cases: Case[] = [];
  for (const [template, build] of Object.entries(TEMPLATES)) {
    for (const indent of INDENTS) {
      for (let p = 0; p < PADS; p++) {
        const c: Case = { template, indent, ...build(p) };
        if (p % 5 === 0 || nearBoundary(c)) cases.push(c);
      }
    }
  }
  // the string API, swept too
  const stringApi = (p: number, indent: number): string =>
    formatCallWithTrailingList(
      indent,
      `|> ${pad('cast', p % 7)}(attrs, `,
      atoms(pad('title', p), 'body', 'published_at'),
    );

  let formatted: string[] = [];
  beforeAll(() => {
    const sources = cases.map((c) => {
      const single = (c.prefix ?? '') + exToString(c.node) + (c.doBlock === true ? ' do' : '');
      return caseSource(c, single);
    });
    const strSources = INDENTS.flatMap((indent) =>
      Array.from({ length: PADS }, (_, p) => {
        const items = atoms(pad('title', p), 'body', 'published_at').join(', ');
        return wrap(
          indent,
          `${' '.repeat(indent)}post\n${' '.repeat(indent)}|> ${pad('cast', p % 7)}(attrs, [${items}])`,
        );
      }),
    );
    formatted = mixFormatMany([...sources, ...strSources], mix);
  });

  it('sweeps produce multi-line layouts (the test exercises breaking)', () => {
    const multi = formatted.filter((f) => f.split('\n').length > 8).length;
    expect(multi).toBeGreaterThan(cases.length / 4);
    console.log(`layout sweep: ${cases.length} cases, ${multi} multi-line`);
  });

  for (const template of Object.keys(TEMPLATES)) {
    it(template, () => {
      cases.forEach((c, i) => {
        if (c.template !== template) return;
        const ours = caseSource(
          c,
          under(() =>
            formatExpr(c.node, { indent: c.indent, prefix: c.prefix, doBlock: c.doBlock }),
          ),
        );
        expect(ours, `${template}, indent ${c.indent}, case ${i}`).toBe(formatted[i]);
      });
    });
  }

  it('formatCallWithTrailingList', () => {
    let k = cases.length;
    for (const indent of INDENTS) {
      for (let p = 0; p < PADS; p++) {
        const ours = wrap(
          indent,
          `${' '.repeat(indent)}post\n${under(() => stringApi(p, indent))}`,
        );
        expect(ours, `indent ${indent}, pad ${p}`).toBe(formatted[k]);
        k++;
      }
    }
  });
}

describe('formatExpr: the one-line shortcut agrees with the algebra document', () => {
  const cases: { name: string; c: Case }[] = [];
  for (const [template, build] of Object.entries(TEMPLATES)) {
    for (const indent of INDENTS) {
      for (let p = 0; p < PADS; p++) {
        cases.push({
          name: `${template}, indent ${indent}, pad ${p}`,
          c: { template, indent, ...build(p) },
        });
      }
    }
  }

  it('flatText is exToString (the single-line source) for every sweep case', () => {
    for (const { name, c } of cases) expect(flatText(c.node), name).toBe(exToString(c.node));
    const unicode = ex.call('put', [ex.map([ex.kw('naïve:', '"été 🇫🇷"')]), ex.tuple([])]);
    expect(flatText(unicode)).toBe(exToString(unicode));
    expect(flatText(ex.callNoParens('timestamps'))).toBe(exToString(ex.callNoParens('timestamps')));
  });

  it('formatExpr is layoutExpr on both sides of the 98-column boundary', () => {
    let flat = 0;
    for (const { name, c } of cases) {
      for (const width of [98, 60]) {
        const opts = { indent: c.indent, prefix: c.prefix, doBlock: c.doBlock, width };
        const ours = formatExpr(c.node, opts);
        expect(ours, `${name}, width ${width}`).toBe(layoutExpr(c.node, opts));
        if (!ours.includes('\n')) flat++;
      }
    }
    // Both paths are exercised: some cases fit on one line, most of the rest break.
    expect(flat).toBeGreaterThan(cases.length / 10);
    expect(flat).toBeLessThan(cases.length * 2 - cases.length / 10);
  });

  it('a line of exactly the width stays flat, one more column breaks (graphemes, not bytes)', () => {
    const node = ex.call('f', [':a', '"é"']); // f(:a, "é"): 10 graphemes, 11 bytes
    expect(formatExpr(node, { indent: 88, width: 98 })).toBe('f(:a, "é")');
    const broken = formatExpr(node, { indent: 89, width: 98 });
    expect(broken).toBe(layoutExpr(node, { indent: 89, width: 98 }));
    expect(broken).toContain('\n');
  });
});
