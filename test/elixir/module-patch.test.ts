/**
 * shared/elixir/module-patch.ts on real tree-sitter trees: module boundaries, definitions and
 * their arities, aliases, describes, where code goes, the errors that refuse a patch, and the
 * offsets (UTF-16 string indices) with non-ASCII text.
 */
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../shared/elixir/parser.js';
import {
  ModulePatchError,
  aliasScope,
  clashingDefinitions,
  patchModule,
  scanModule,
  splitUnits,
} from '../../shared/elixir/module-patch.js';
import { assertElixirClean, describeElixir, itElixir } from '../support/elixir.js';

const CODE = `  def added, do: :ok\n`;

async function patch(source: string, module: string, code = CODE, aliases: string[] = []) {
  const scan = await scanModule(source, module);
  return patchModule(scan, {
    aliases: aliases.map((m) => ({ sortKey: m, line: `alias ${m}` })),
    code,
  });
}

async function rejects(source: string, module: string): Promise<ModulePatchError> {
  try {
    await scanModule(source, module);
  } catch (e) {
    if (e instanceof ModulePatchError) return e;
    throw e;
  }
  throw new Error('expected a ModulePatchError');
}

describe('offsets', () => {
  it('tree-sitter reports UTF-16 string indices, also after astral characters', async () => {
    const src = 'defmodule A do\n  # 😀 é 日本\n  def a, do: "😀"\nend\n';
    const tree = await parseElixir(src);
    const block = tree.rootNode.namedChildren[0]!.namedChildren.find(
      (n) => n?.type === 'do_block',
    )!;
    const def = block.namedChildren.find((n) => n?.type === 'call')!;
    expect(def.startIndex).toBe(src.indexOf('def a'));
    expect(src.slice(def.startIndex, def.endIndex)).toBe('def a, do: "😀"');
    expect(tree.rootNode.endIndex).toBe(src.length);
    tree.delete();
  });

  it('inserts before the final end after non-ASCII comments, keeping every other byte', async () => {
    const src =
      '# café ☕\ndefmodule MyApp.Blog do\n  def a, do: "😀"\n  # ünïcode ✓ end\nend\n# après: end\n';
    const out = await patch(src, 'MyApp.Blog');
    expect(out).toBe(
      '# café ☕\ndefmodule MyApp.Blog do\n  def a, do: "😀"\n  # ünïcode ✓ end\n\n  def added, do: :ok\nend\n# après: end\n',
    );
  });
});

describe('scanModule', () => {
  it('reads definitions with every arity they define', async () => {
    const src = `defmodule M do
  def a, do: 1
  def b(x, y \\\\ 1, z \\\\ 2) when is_integer(x), do: x
  defp c(x), do: x
  def d do
    :ok
  end
  defdelegate e(x), to: Enum, as: :count
  defmacro f(ast), do: ast
  def unquote(:g)(x), do: x
  def x + y, do: x
end
`;
    const scan = await scanModule(src, 'M');
    expect(scan.definitions.map((d) => [d.kind, d.name, d.minArity, d.maxArity])).toEqual([
      ['def', 'a', 0, 0],
      ['def', 'b', 1, 3],
      ['defp', 'c', 1, 1],
      ['def', 'd', 0, 0],
      ['defdelegate', 'e', 1, 1],
      ['defmacro', 'f', 1, 1],
    ]);
    expect(clashingDefinitions(scan, 'b', 2, 2)).toHaveLength(1);
    expect(clashingDefinitions(scan, 'b', 4, 4)).toHaveLength(0);
    expect(clashingDefinitions(scan, 'c', 0, 1)).toHaveLength(1);
  });

  it('reads aliases in every form, and describes', async () => {
    const src = `defmodule MyApp.BlogTest do
  alias MyApp.Blog
  alias MyApp.Blog.Post, as: P
  alias MyApp.Accounts.{User, Admin.Role}
  alias __MODULE__.Helper

  describe "posts" do
  end

  describe "#{:dynamic}" do
  end
end
`;
    const scan = await scanModule(src, 'MyApp.BlogTest');
    expect([...aliasScope(scan)]).toEqual([
      ['Blog', 'MyApp.Blog'],
      ['P', 'MyApp.Blog.Post'],
      ['User', 'MyApp.Accounts.User'],
      ['Role', 'MyApp.Accounts.Admin.Role'],
      ['Helper', 'MyApp.BlogTest.Helper'],
    ]);
    expect(scan.describes).toEqual(['posts']);
    expect([...scan.aliasHeads].sort()).toEqual(['Admin', 'Helper', 'MyApp', 'P', 'User']);
  });

  it('only counts the top-level module of that name, not strings, nested modules or other modules', async () => {
    const src = `defmodule MyApp.Other do
  @doc "defmodule MyApp.Blog do"
  def a, do: "end"

  defmodule MyApp.Blog do
  end
end
`;
    const e = await rejects(src, 'MyApp.Blog');
    expect(e.code).toBe('not_found');
    expect(e.message).toContain('it defines MyApp.Other');
  });

  it('refuses a file with a syntax error, naming the line', async () => {
    const e = await rejects(
      'defmodule MyApp.Blog do\n  def a(\n\n  def b, do: 1\nend\n',
      'MyApp.Blog',
    );
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/syntax error near line \d+/);
  });

  it('refuses two top-level modules with the same name', async () => {
    const src = 'defmodule MyApp.Blog do\nend\n\ndefmodule MyApp.Blog do\nend\n';
    expect((await rejects(src, 'MyApp.Blog')).code).toBe('ambiguous');
  });

  it('refuses layouts it cannot extend without touching other bytes', async () => {
    expect((await rejects('defmodule MyApp.Blog, do: (def a, do: 1)\n', 'MyApp.Blog')).code).toBe(
      'layout',
    );
    expect(
      (await rejects('defmodule MyApp.Blog do\n  def a, do: 1 end\n', 'MyApp.Blog')).code,
    ).toBe('layout');
    expect((await rejects('defmodule MyApp.Blog do def a, do: 1\nend\n', 'MyApp.Blog')).code).toBe(
      'layout',
    );
  });
});

describe('patchModule', () => {
  it('appends after the last definition with one blank line, code after the module untouched', async () => {
    const src = `defmodule MyApp.Blog do
  @moduledoc """
  end
  """

  @text ~S"""
  end
  """

  def a, do: "end"
end

defimpl String.Chars, for: MyApp.Blog do
  def to_string(_), do: "end"
end
`;
    const out = await patch(src, 'MyApp.Blog');
    expect(out).toBe(
      src.replace('  def a, do: "end"\nend\n', '  def a, do: "end"\n\n  def added, do: :ok\nend\n'),
    );
  });

  it('puts aliases into the last alias run in alphabetical order', async () => {
    const src = `defmodule MyApp.Blog do
  import Ecto.Query, warn: false

  alias MyApp.Blog.Post
  alias MyApp.Repo

  def a, do: 1
end
`;
    const out = await patch(src, 'MyApp.Blog', '', ['MyApp.Blog.Comment', 'MyApp.Zeta']);
    expect(out).toContain(
      '  alias MyApp.Blog.Comment\n  alias MyApp.Blog.Post\n  alias MyApp.Repo\n  alias MyApp.Zeta\n\n  def a',
    );
  });

  it('appends after an unsorted alias run', async () => {
    const src = 'defmodule M do\n  alias B.X\n  alias A.Y\n\n  def a, do: 1\nend\n';
    const out = await patch(src, 'M', '', ['A.A']);
    expect(out).toBe(
      'defmodule M do\n  alias B.X\n  alias A.Y\n  alias A.A\n\n  def a, do: 1\nend\n',
    );
  });

  it('without aliases, adds them after use/import/@moduledoc as their own paragraph', async () => {
    const src = 'defmodule MyApp.BlogTest do\n  use MyApp.DataCase\n\n  test "x" do\n  end\nend\n';
    const out = await patch(src, 'MyApp.BlogTest', '', ['MyApp.Blog']);
    expect(out).toBe(
      'defmodule MyApp.BlogTest do\n  use MyApp.DataCase\n\n  alias MyApp.Blog\n\n  test "x" do\n  end\nend\n',
    );
  });

  it('without aliases or preamble, opens the body with them', async () => {
    const src = 'defmodule M do\n  def a, do: 1\nend\n';
    expect(await patch(src, 'M', '', ['A.B'])).toBe(
      'defmodule M do\n  alias A.B\n\n  def a, do: 1\nend\n',
    );
  });

  it('fills an empty module', async () => {
    expect(await patch('defmodule M do\nend\n', 'M', CODE, ['A.B'])).toBe(
      'defmodule M do\n  alias A.B\n\n  def added, do: :ok\nend\n',
    );
    expect(await patch('defmodule M do\nend\n', 'M')).toBe(
      'defmodule M do\n  def added, do: :ok\nend\n',
    );
  });

  it('keeps CRLF line endings and the body indentation of the file', async () => {
    const src = 'defmodule M do\r\n    alias A.C\r\n\r\n    def a, do: 1\r\nend\r\n';
    const out = await patch(src, 'M', CODE, ['A.B']);
    expect(out).toBe(
      'defmodule M do\r\n    alias A.B\r\n    alias A.C\r\n\r\n    def a, do: 1\r\n\r\n    def added, do: :ok\r\nend\r\n',
    );
  });

  it('returns the source itself when there is nothing to add', async () => {
    const src = 'defmodule M do\n  def a, do: 1\nend\n';
    expect(await patch(src, 'M', '', [])).toBe(src);
  });
});

describe('splitUnits', () => {
  it('groups attributes with their definition and reads describes', async () => {
    const units = await splitUnits(`  @doc """
  Docs.
  """
  def a(x, y \\\\ %{}), do: {x, y}

  @doc "One."
  @spec b() :: :ok
  def b, do: :ok

  describe "posts" do
    test "x" do
    end
  end
`);
    expect(
      units.map((u) => (u.kind === 'definition' ? [u.name, u.minArity, u.maxArity] : u.name)),
    ).toEqual([['a', 1, 2], ['b', 0, 0], 'posts']);
    expect(units[0]!.text).toBe('  @doc """\n  Docs.\n  """\n  def a(x, y \\\\ %{}), do: {x, y}\n');
    expect(units[1]!.text).toBe('  @doc "One."\n  @spec b() :: :ok\n  def b, do: :ok\n');
  });
});

describeElixir('patched files in Elixir', () => {
  itElixir('stay parseable and mix-format clean', async () => {
    const src = `# café
defmodule MyApp.Blog do
  @moduledoc """
  The end.
  """

  import Ecto.Query, warn: false

  alias MyApp.Repo

  def a, do: "end"

  # ünïcode ✓
end

IO.puts("end")
`;
    const out = await patch(src, 'MyApp.Blog', '  @doc "B."\n  def b do\n    :ok\n  end\n', [
      'MyApp.Blog.Post',
    ]);
    const long = `MyApp.${'VeryLongNamespace'.repeat(3)}.${'EvenLongerSchemaName'.repeat(2)}`;
    const withLong = await patch(src, 'MyApp.Blog', '', [long, 'MyApp.Accounts']);
    expect(withLong).toContain(
      `  alias MyApp.Accounts\n  alias MyApp.Repo\n\n  alias ${long}\n\n  def a`,
    );
    await assertElixirClean([
      { path: 'original.ex', content: src },
      { path: 'patched.ex', content: out },
      { path: 'long-alias.ex', content: withLong },
    ]);
  });
});
