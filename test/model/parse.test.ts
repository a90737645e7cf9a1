import { describe, expect, it } from 'vitest';
import { parseGenSpec, SpecError, type SpecIssue } from '../../shared/model/index.js';

function issuesOf(lines: string[], opts = {}): SpecIssue[] {
  try {
    parseGenSpec(lines, opts);
  } catch (e) {
    if (e instanceof SpecError) return e.issues;
    throw e;
  }
  throw new Error('expected a SpecError');
}

function fieldsOf(line: string) {
  const [s] = parseGenSpec([line]);
  return s!.fields!;
}

describe('parseGenSpec: module, context and table', () => {
  it('reads "Context Schema plural"', () => {
    expect(parseGenSpec(['Blog Post posts title'])).toEqual([
      {
        module: 'Blog.Post',
        context: 'Blog',
        table: 'posts',
        fields: [{ name: 'title', type: 'string' }],
        associations: [],
      },
    ]);
  });

  it('reads "Context.Schema plural" with the namespace as implicit context', () => {
    const [s] = parseGenSpec(['Blog.Post posts title:string']);
    expect(s).toMatchObject({ module: 'Blog.Post', table: 'posts' });
    expect(s!.context).toBeUndefined();
  });

  it('strips mix and the phx.gen command, and marks phx.gen.embedded as embedded', () => {
    const [s] = parseGenSpec(['mix phx.gen.embedded Blog.Meta views:integer']);
    expect(s).toMatchObject({
      module: 'Blog.Meta',
      embedded: true,
      fields: [{ name: 'views', type: 'integer' }],
    });
    expect(s!.table).toBeUndefined();
    const [c] = parseGenSpec(['mix phx.gen.context Accounts User users email:string:unique']);
    expect(c).toMatchObject({ module: 'Accounts.User', context: 'Accounts', table: 'users' });
  });

  it('gives html/json/live without a context the camelized plural as context (Phoenix rule)', () => {
    const [s] = parseGenSpec(['phx.gen.html Post posts title']);
    expect(s).toMatchObject({ module: 'Post', context: 'Posts' });
  });

  it('derives the table when the plural is left out', () => {
    const [s] = parseGenSpec(['Catalog.Category name:string']);
    expect(s!.table).toBe('categories');
    expect(s!.fields).toEqual([{ name: 'name', type: 'string' }]);
  });

  it('applies flags on the line and options outside it', () => {
    const [s] = parseGenSpec(
      ['Blog.Post posts title --table blog_posts --prefix cms --primary-key post_id'],
      {
        binary_id: true,
        timestamp_type: 'utc_datetime',
      },
    );
    expect(s).toMatchObject({
      table: 'blog_posts',
      prefix: 'cms',
      primary_key: { name: 'post_id', type: 'binary_id' },
      timestamps: { type: 'utc_datetime' },
    });
    const [t] = parseGenSpec(['Blog.Post posts title --no-timestamps --binary-id']);
    expect(t).toMatchObject({ timestamps: false, primary_key: { name: 'id', type: 'binary_id' } });
    const [u] = parseGenSpec(['Blog.Post posts title'], {
      no_timestamps: true,
      table: 'articles',
      prefix: 'p',
      primary_key: 'uid',
    });
    expect(u).toMatchObject({
      timestamps: false,
      table: 'articles',
      prefix: 'p',
      primary_key: { name: 'uid', type: 'id' },
    });
    const [v] = parseGenSpec(['Blog.Post posts title --timestamp-type=utc_datetime_usec']);
    expect(v!.timestamps).toEqual({ type: 'utc_datetime_usec' });
  });
});

describe('parseGenSpec: every Phoenix type', () => {
  const scalars = [
    'string',
    'text',
    'integer',
    'float',
    'decimal',
    'boolean',
    'map',
    'uuid',
    'binary',
    'date',
    'time',
    'time_usec',
    'naive_datetime',
    'naive_datetime_usec',
    'utc_datetime',
    'utc_datetime_usec',
  ];
  it.each(scalars)('parses %s', (type) => {
    expect(fieldsOf(`Blog.Post posts x:${type}`)).toEqual([{ name: 'x', type }]);
  });

  it('defaults to string and maps datetime to naive_datetime', () => {
    expect(fieldsOf('Blog.Post posts title published_at:datetime')).toEqual([
      { name: 'title', type: 'string' },
      { name: 'published_at', type: 'naive_datetime' },
    ]);
  });

  it('parses array:T, map:T, enum values and references', () => {
    expect(
      fieldsOf(
        'Blog.Post posts tags:array:string scores:map:integer status:enum:draft:published user_id:references:users',
      ),
    ).toEqual([
      { name: 'tags', type: 'array', inner: 'string' },
      { name: 'scores', type: 'map', inner: 'integer' },
      { name: 'status', type: 'enum', values: ['draft', 'published'] },
      { name: 'user_id', type: 'references', references: { table: 'users' } },
    ]);
  });

  it('parses arrays of enums (beyond Phoenix)', () => {
    expect(fieldsOf('Blog.Post posts colors:array:enum:red:green')).toEqual([
      { name: 'colors', type: 'array', inner: 'enum', values: ['red', 'green'] },
    ]);
  });

  it('strips unique and redact in any order, also on the bare form', () => {
    expect(
      fieldsOf('Accounts.User users email:string:unique:redact token:redact:unique slug:unique'),
    ).toEqual([
      { name: 'email', type: 'string', unique: true, redact: true },
      { name: 'token', type: 'string', unique: true, redact: true },
      { name: 'slug', type: 'string', unique: true },
    ]);
  });
});

describe('parseGenSpec: extensions', () => {
  it('parses the four association kinds', () => {
    const [s] = parseGenSpec([
      'Blog.Post posts author:belongs_to:Accounts.User comments:has_many:Blog.Comment cover:has_one:Blog.Cover tags:many_to_many:Blog.Tag',
    ]);
    expect(s!.associations).toEqual([
      { kind: 'belongs_to', name: 'author', target: 'Accounts.User' },
      { kind: 'has_many', name: 'comments', target: 'Blog.Comment' },
      { kind: 'has_one', name: 'cover', target: 'Blog.Cover' },
      { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag' },
    ]);
  });

  it('parses optional, on_delete and join_table', () => {
    const [s] = parseGenSpec([
      'Blog.Post posts editor:belongs_to:Accounts.User:optional:on_delete=nilify_all tags:many_to_many:Blog.Tag:join_table=post_tags owner_id:references:users:on_delete=delete_all subtitle:string:optional',
    ]);
    expect(s!.associations).toEqual([
      {
        kind: 'belongs_to',
        name: 'editor',
        target: 'Accounts.User',
        required: false,
        on_delete: 'nilify_all',
      },
      { kind: 'many_to_many', name: 'tags', target: 'Blog.Tag', join_table: 'post_tags' },
    ]);
    expect(s!.fields).toEqual([
      {
        name: 'owner_id',
        type: 'references',
        references: { table: 'users', on_delete: 'delete_all' },
      },
      { name: 'subtitle', type: 'string', required: false },
    ]);
  });

  it('parses typed defaults, size, precision and scale', () => {
    expect(
      fieldsOf(
        'Shop.Product products name:string:size=80:default="A: thing" price:decimal:precision=10:scale=2 stock:integer:default=0 active:boolean:default=true ratio:float:default=0.5 opens:time:default="09:00:00" tags:array:string:default=\'["a","b"]\' meta:map:default={}',
      ),
    ).toEqual([
      { name: 'name', type: 'string', size: 80, default: 'A: thing' },
      { name: 'price', type: 'decimal', precision: 10, scale: 2 },
      { name: 'stock', type: 'integer', default: 0 },
      { name: 'active', type: 'boolean', default: true },
      { name: 'ratio', type: 'float', default: 0.5 },
      { name: 'opens', type: 'time', default: '09:00:00' },
      { name: 'tags', type: 'array', inner: 'string', default: ['a', 'b'] },
      { name: 'meta', type: 'map', default: {} },
    ]);
  });
});

describe('parseGenSpec: errors name the token, its position and the valid choices', () => {
  it('unknown type, with a suggestion and the list', () => {
    const [i] = issuesOf(['Blog.Post posts title:strng']);
    expect(i).toMatchObject({ line: 1, token: 'title:strng', position: 3, column: 17 });
    expect(i!.message).toContain('unknown type "strng"');
    expect(i!.message).toContain('Did you mean "string"?');
    expect(i!.message).toContain('Valid types: string, text, integer');
  });

  it.each([
    ['Blog.Post posts tags:array', 'needs an element type'],
    ['Blog.Post posts tags:array:strin', 'unknown array element type "strin"'],
    ['Blog.Post posts status:enum', 'enum type requires at least one value'],
    ['Blog.Post posts user_id:references', 'needs the table'],
    ['Blog.Post posts author:belongs_to', 'needs the target schema module'],
    ['Blog.Post posts author:belongs_to:users', 'is not a module name'],
    ['Blog.Post posts x:references:users:on_delete=cascade', 'unknown on_delete "cascade"'],
    [
      'Blog.Post posts title:string:on_delete=delete_all',
      'on_delete= applies to references and belongs_to only',
    ],
    [
      'Blog.Post posts title:string:join_table=x',
      'join_table= applies to many_to_many associations only',
    ],
    [
      'Blog.Post posts author:belongs_to:Accounts.User:join_table=x',
      'join_table= does not apply to belongs_to',
    ],
    ['Blog.Post posts views:integer:default=abc', 'is not a whole number'],
    ['Blog.Post posts flag:boolean:default=yes', 'must be true or false'],
    ['Blog.Post posts title:string:size=0', 'must be a positive whole number'],
    ['Blog.Post posts title:string:colour=red', 'unknown modifier "colour="'],
    ['Blog.Post posts title:string:extra', 'unexpected "extra" after type string'],
    ['Blog Post-Item posts title', 'not a valid schema module name'],
    ['Blog.Po$t posts title', 'not a valid module name'],
    ['Blog.Post post-items title', 'all lowercase using snake_case'],
    ['blog.post posts title', 'expected a schema module'],
    ['Blog.Post posts Title:string', 'is not a valid field name'],
    ['Blog.Post posts 1st:string', 'is not a valid field name'],
    ['Blog.Post posts title --web Admin', 'unknown flag --web'],
    ['Blog.Post posts title --timestamp-type utc', 'unknown timestamp type "utc"'],
    ['Blog.Post posts title --table', '--table needs a value'],
    ['Blog.Post posts title:string:default="unterminated', 'unterminated " quote'],
    ['phx.gen.auth Accounts User users', 'phx.gen.auth is not supported here'],
    ['', 'empty spec line'],
  ])('%s', (line, text) => {
    const issues = issuesOf([line]);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.message).join('\n')).toContain(text);
  });

  it('reports every bad line, with its line number', () => {
    const issues = issuesOf([
      'Blog.Post posts title:strng',
      'Blog.Tag tags name',
      'Blog.Comment comments body:txt',
    ]);
    expect(issues.map((i) => [i.line, i.token])).toEqual([
      [1, 'title:strng'],
      [3, 'body:txt'],
    ]);
  });

  it('rejects a table option for several lines', () => {
    expect(
      issuesOf(['Blog.Post posts title', 'Blog.Tag tags name'], { table: 'x' })[0]!.message,
    ).toContain('single spec line');
  });
});
