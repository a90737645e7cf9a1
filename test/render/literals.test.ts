import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ElixirLiteralError,
  exAtom,
  exFloat,
  exInteger,
  exKey,
  exLiteral,
  exModule,
  exRegex,
  exString,
} from '../../shared/render/index.js';
import { describeElixir, elixirMap } from '../support/elixir.js';

describe('exString', () => {
  it.each([
    ['hello', '"hello"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['#{System.halt()}', '"\\#{System.halt()}"'],
    ['# not interpolation {', '"# not interpolation {"'],
    ["!#$%&'()*+,-./:;<=>?@[]^_`{|}~ ends in #", '"!#$%&\'()*+,-./:;<=>?@[]^_`{|}~ ends in #"'],
    ['#{ at the start', '"\\#{ at the start"'],
    ['\\#{x}', '"\\\\\\#{x}"'],
    ['a\nb\tc\rd', '"a\\nb\\tc\\rd"'],
    ['nul\u0000 del\u007f c1\u0085', '"nul\\u{0} del\\u{7F} c1\\u{85}"'],
    ['bidi\u202Eevil\u2066', '"bidi\\u{202E}evil\\u{2066}"'],
    ['zero\u200Bwidth\uFEFF', '"zero\\u{200B}width\\u{FEFF}"'],
    ['nbsp\u00A0', '"nbsp\\u{A0}"'],
    ['Ünïcödé 😀 中文', '"Ünïcödé 😀 中文"'],
  ])('%j → %s', (input, expected) => {
    expect(exString(input)).toBe(expected);
  });

  it('rejects non-strings and lone surrogates', () => {
    expect(() => exString(undefined)).toThrow(ElixirLiteralError);
    expect(() => exString(42)).toThrow('ex_string expects a string, got number');
    expect(() => exString('a\uD800b')).toThrow(/lone UTF-16 surrogate \(U\+D800\)/);
  });
});

describe('exAtom / exKey', () => {
  it.each([
    ['foo', ':foo', 'foo:'],
    ['foo?', ':foo?', 'foo?:'],
    ['foo!', ':foo!', 'foo!:'],
    ['_foo', ':_foo', '_foo:'],
    ['Foo', ':Foo', 'Foo:'],
    ['foo@bar', ':foo@bar', 'foo@bar:'],
    ['foo bar', ':"foo bar"', '"foo bar":'],
    ['1foo', ':"1foo"', '"1foo":'],
    ['foo-bar', ':"foo-bar"', '"foo-bar":'],
    ['', ':""', '"":'],
    ['nil', 'nil', 'nil:'],
    ['true', 'true', 'true:'],
    ['when', ':when', 'when:'],
    ['+', ':+', '+:'],
    ['::', ':"::"', '"::":'],
    ['..//', ':"..//"', '"..//":'],
    ['Foo.Bar', ':"Foo.Bar"', '"Foo.Bar":'],
    ['Elixir.Foo', ':"Elixir.Foo"', '"Elixir.Foo":'],
    ['élan', ':élan', 'élan:'],
    ['ℕ', ':"ℕ"', '"ℕ":'],
    ['say "hi"', ':"say \\"hi\\""', '"say \\u{22}hi\\u{22}":'],
    ['#{x}', ':"\\#{x}"', '"\\#{x}":'],
    ['a\nb', ':"a\\nb"', '"a\\nb":'],
    ['\\', ':"\\\\"', '"\\u{5C}":'],
  ])('%j → %s / %s', (input, atom, key) => {
    expect(exAtom(input)).toBe(atom);
    expect(exKey(input)).toBe(key);
  });
});

describe('exModule', () => {
  it('returns valid module names and throws on others', () => {
    expect(exModule('MyApp.Blog.Post')).toBe('MyApp.Blog.Post');
    expect(() => exModule('my_app.post')).toThrow(
      'ex_module: "my_app.post" is not a valid Elixir module name (expected e.g. "MyApp.Blog.Post")',
    );
    expect(() => exModule('Foo; System.halt()')).toThrow(ElixirLiteralError);
  });
});

describe('numbers', () => {
  it.each([
    [0, '0'],
    [42, '42'],
    [-42, '-42'],
    [12345, '12345'],
    [123456, '123_456'],
    [-1234567, '-1_234_567'],
    [Number.MAX_SAFE_INTEGER, '9_007_199_254_740_991'],
  ])('exInteger(%j) → %s', (n, s) => expect(exInteger(n)).toBe(s));

  it('exInteger takes bigints and refuses unsafe numbers', () => {
    expect(exInteger(12345678901234567890n)).toBe('12_345_678_901_234_567_890');
    expect(() => exInteger(2 ** 60)).toThrow(/lost precision/);
    expect(() => exInteger(1.5)).toThrow(ElixirLiteralError);
  });

  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [0, '0.0'],
    [-0, '-0.0'],
    [100000, '100_000.0'],
    [123456.5, '123_456.5'],
    [1e15, '1_000_000_000_000_000.0'],
    [1e16, '1.0e16'],
    [1.234e22, '1.234e22'],
    [0.0001, '0.0001'],
    [0.00001, '1.0e-5'],
    [0.000123, '1.23e-4'],
    [0.0012345, '0.0012345'],
    [5e-324, '5.0e-324'],
  ])('exFloat(%j) → %s', (n, s) => expect(exFloat(n)).toBe(s));

  it('exFloat refuses non-finite numbers', () => {
    expect(() => exFloat(Number.NaN)).toThrow(ElixirLiteralError);
    expect(() => exFloat(Infinity)).toThrow(ElixirLiteralError);
  });
});

describe('exLiteral', () => {
  it.each([
    [null, 'nil'],
    [true, 'true'],
    [false, 'false'],
    ['x', '"x"'],
    [3, '3'],
    [1234567, '1_234_567'],
    [1.5, '1.5'],
    [[], '[]'],
    [[1, 'a', null, [true]], '[1, "a", nil, [true]]'],
    [{}, '%{}'],
    [
      { a: 1, 'b c': [2.5], '#{x}': { d: null } },
      '%{"a" => 1, "b c" => [2.5], "\\#{x}" => %{"d" => nil}}',
    ],
  ])('%j → %s', (value, expected) => {
    expect(exLiteral(value)).toBe(expected);
  });

  it('writes integral numbers beyond ±2^53 as floats (JSON cannot carry them exactly)', () => {
    expect(exLiteral(1e100)).toBe('1.0e100');
    expect(exLiteral(2 ** 60)).toBe('1.152921504606847e18');
  });

  it('refuses values without a literal', () => {
    expect(() => exLiteral(undefined)).toThrow(ElixirLiteralError);
    expect(() => exLiteral(Number.NaN)).toThrow(ElixirLiteralError);
    expect(() => exLiteral(() => 1)).toThrow(ElixirLiteralError);
  });
});

describe('exRegex', () => {
  it.each([
    ['^[a-z]+$', '', '~r/^[a-z]+$/'],
    ['^\\d{3}-\\d{4}$', 'i', '~r/^\\d{3}-\\d{4}$/i'],
    ['a/b', '', '~r|a/b|'],
    ['a/b|c', 'u', '~r{a/b|c}u'],
    ['a/b|c{2}', '', '~r[a/b|c{2}]'],
    ['#{System.halt()}', '', 'Regex.compile!("\\#{System.halt()}")'],
    ['\\#{x}', '', '~r/\\#{x}/'],
    ['^[^\\s@]+@[^\\s@]+$', '', '~r/^[^\\s@]+@[^\\s@]+$/'],
    ['a\\\\', '', '~r/a\\\\/'],
    ['a\\\\n', '', '~r/a\\\\n/'],
    ['a\\nb', '', 'Regex.compile!("a\\\\nb")'],
    ['\\t', 'i', 'Regex.compile!("\\\\t", "i")'],
  ])('%j (%j) → %s', (source, mods, expected) => {
    expect(exRegex(source, mods)).toBe(expected);
  });

  it('falls back to Regex.compile! when no sigil can hold the source verbatim', () => {
    expect(exRegex('/|}](x)>"\'', 'i')).toBe('Regex.compile!("/|}](x)>\\"\'", "i")');
    expect(exRegex('a\nb')).toBe('Regex.compile!("a\\nb")');
    expect(exRegex('trailing\\')).toBe('Regex.compile!("trailing\\\\")');
  });

  it('validates modifiers', () => {
    expect(() => exRegex('a', 'g')).toThrow(/unknown regex modifiers "g"/);
  });
});

// ---------------------------------------------------------------------------------------------
// Elixir truth

const STRING_BATTERY = [
  '',
  'plain',
  'say "hi"',
  '#{1 + 1}',
  '#{"PWNED"}',
  '\\#{x}',
  '\\',
  '\\\\',
  '"\\"',
  '#',
  '#{',
  '{#}',
  'a\nb\r\nc\td',
  '\u0000\u0001\u001f\u007f\u0080\u0085\u009f',
  '\u00a0\u2028\u2029\u200b\u200d\u200e\u202e\u2066\ufeff\u00ad',
  '\u{e000}\u{f8ff}\u{10ffff}',
  'Ünïcödé 😀 中文 👩‍👩‍👧',
  'e\u0301',
  "single ' quote",
  '"""',
  '~s(sigil)',
  'end',
  '\\u{41}',
  '\\x41',
];

function randomStrings(seed: number, n: number): string[] {
  const special = fc.constantFrom(
    '#',
    '{',
    '}',
    '"',
    '\\',
    '\n',
    '\u0000',
    '\u007f',
    '\u0085',
    '\u202e',
    'a',
    'é',
    '😀',
    ' ',
  );
  const arb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: special, maxLength: 30 }),
  );
  return fc.sample(arb, { seed, numRuns: n });
}

describeElixir('literals agree with Elixir 1.14', () => {
  it('exString: parses back to the same binary (no interpolation) and is mix-format clean', () => {
    const inputs = [...STRING_BATTERY, ...randomStrings(7, 400)];
    const out = elixirMap(
      `Enum.map(inputs, fn [ours, orig] ->
        ast = Code.string_to_quoted!(ours)
        fmt = IO.iodata_to_binary(Code.format_string!(ours))
        [to_string(ast === orig), fmt]
      end)`,
      inputs.map((s) => [exString(s), s]),
    );
    inputs.forEach((s, i) => {
      expect(out[i], JSON.stringify(s)).toEqual(['true', exString(s)]);
    });
  });

  it('exAtom/exKey: same atom back, same text as the formatter, inspect where unquoted', () => {
    const ascii =
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@?!. -+*/\\|&^~<>=:%{}[]()"#\'';
    const randomAscii = fc.sample(
      fc.string({ unit: fc.constantFrom(...ascii.split('')), maxLength: 6 }),
      {
        seed: 99,
        numRuns: 1500,
      },
    );
    const operators = [
      '+',
      '-',
      '*',
      '/',
      '**',
      '++',
      '--',
      '+++',
      '---',
      '..',
      '...',
      '..//',
      '//',
      '<>',
      '<-',
      '->',
      '\\\\',
      '|>',
      '<<<',
      '>>>',
      '<<~',
      '~>>',
      '<~',
      '~>',
      '<~>',
      '<|>',
      '^^^',
      '~~~',
      '&&&',
      '|||',
      '&&',
      '||',
      '!',
      '^',
      '&',
      '@',
      '=',
      '==',
      '===',
      '!=',
      '!==',
      '=~',
      '<',
      '>',
      '<=',
      '>=',
      '|',
      '::',
      '%',
      '%{}',
      '{}',
      '<<>>',
      '.',
      'when',
      'and',
      'or',
      'not',
      'in',
      'not in',
      'fn',
      'do',
      'end',
      'nil',
      'true',
      'false',
      '__MODULE__',
      'Elixir',
      'Elixir.Foo',
      'Elixir.Foo.Bar',
      'Elixir.foo',
      'Foo.Bar',
      'foo.bar',
      'a@',
      '@a',
      'a?b',
      'a!?',
      'A?',
      'A@b!',
    ];
    // Every Latin-1 / Latin Extended-A code point, in the three positions that matter.
    const latin: string[] = [];
    for (let cp = 0xa0; cp <= 0x24f; cp++) {
      const c = String.fromCodePoint(cp);
      latin.push(`a${c}`, `${c}a`, c, `A${c}`, `${c}?`);
    }
    const inputs = [...new Set([...operators, ...randomAscii, ...latin, ...randomStrings(11, 300)])]
      // atoms are limited to 255 characters
      .filter((s) => Array.from(s).length <= 255);
    const out = elixirMap(
      `Enum.map(inputs, fn [atom_src, key_src, orig] ->
        atom = String.to_atom(orig)
        same_atom = Code.string_to_quoted!(atom_src) === atom
        same_key = Code.string_to_quoted!("[" <> key_src <> " 1]") === [{atom, 1}]
        fmt_atom = IO.iodata_to_binary(Code.format_string!(atom_src))
        fmt_key = IO.iodata_to_binary(Code.format_string!("[" <> key_src <> " 1]"))
        [to_string(same_atom), to_string(same_key), fmt_atom, fmt_key,
         Macro.inspect_atom(:literal, atom), Macro.inspect_atom(:key, atom)]
      end)`,
      inputs.map((s) => [exAtom(s), exKey(s), s]),
    );
    const latinFormatterDiffers: string[] = [];
    inputs.forEach((s, i) => {
      const [sameAtom, sameKey, fmtAtom, fmtKey, inspAtom, inspKey] = out[i] as string[];
      const atom = exAtom(s);
      const key = exKey(s);
      // Always: the literal denotes the same atom and is what the formatter keeps ...
      expect([sameAtom, sameKey], JSON.stringify(s)).toEqual(['true', 'true']);
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\x00-\x7f]*$/.test(s);
      if (ascii) {
        expect(fmtAtom, JSON.stringify(s)).toBe(atom);
        expect(fmtKey, JSON.stringify(s)).toBe(`[${key} 1]`);
        // ... and what inspect prints, except for Elixir.-aliases, the formatter's `..//`, and
        // escapes: we write control characters as \u{..} and, in keys, `"`/`\\` as \u{22}/\u{5C}.
        const printable = /^[\x20-\x7e]*$/.test(s) && !s.includes('"') && !s.includes('\\');
        if (printable && !s.startsWith('Elixir') && s !== '..//') {
          expect(atom, JSON.stringify(s)).toBe(inspAtom);
          expect(key, JSON.stringify(s)).toBe(inspKey);
        }
      } else if (fmtAtom !== atom) {
        // Non-Latin letters are quoted on purpose; the formatter may unquote them later.
        expect(atom.startsWith(':"'), JSON.stringify(s)).toBe(true);
        latinFormatterDiffers.push(s);
      }
    });
    // With ASCII and the Latin-1/Latin Extended-A letters (U+00C0..U+017F) we agree with the
    // formatter exactly; other characters Elixir allows (µ, ·, Latin Extended-B, Greek, …) we quote.
    const latinSet = new Set(latin);
    const latinMismatches = latinFormatterDiffers.filter((s) => {
      const cps = Array.from(s).map((c) => c.codePointAt(0) as number);
      return latinSet.has(s) && cps.every((cp) => cp < 0x80 || (cp >= 0xc0 && cp < 0x180));
    });
    expect(latinMismatches).toEqual([]);
  });

  it('exFloat matches inspect/1 (plus the formatter digit groups) on random doubles', () => {
    const values: number[] = [];
    for (let e = -325; e <= 309; e++) {
      for (const m of [1, 1.23, 4.940656458412465, 1.7976931348623157]) {
        const v = m * 10 ** e;
        if (Number.isFinite(v) && v !== 0) values.push(e % 3 === 0 ? -v : v);
      }
    }
    values.push(2 ** 53, 2 ** 53 + 2, 2 ** 54, 2 ** 52 + 0.5, 0.1 + 0.2);
    values.push(
      ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { seed: 5, numRuns: 1500 }),
    );
    const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
    const out = elixirMap(
      `Enum.map(inputs, fn [ours, js] ->
        {f, ""} = Float.parse(js)
        {v, _} = Code.eval_string(ours)
        [inspect(f), to_string(v === f), IO.iodata_to_binary(Code.format_string!(ours))]
      end)`,
      finite.map((v) => [exFloat(v), v.toExponential()]),
    );
    finite.forEach((v, i) => {
      const [inspected, same, formatted] = out[i] as string[];
      const ours = exFloat(v);
      expect(ours.replaceAll('_', ''), String(v)).toBe(inspected);
      expect(same, String(v)).toBe('true');
      expect(formatted, String(v)).toBe(ours);
    });
  });

  it('exLiteral/exInteger: evaluate to the JSON value and are formatter-clean', () => {
    const values: unknown[] = [
      null,
      true,
      false,
      0,
      -1,
      123456,
      -9007199254740991,
      1.5,
      -0.25,
      1e100,
      -(2 ** 60),
      '#{"PWNED"}',
      'a "quoted" \\ string\n',
      [],
      [1, [2, [3, []]], 'x', null],
      {},
      { a: 1, 'b c': [true, { '#{x}': 'y' }], '"': -2.5e-7 },
    ];
    values.push(...fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: 3, numRuns: 150 }));
    const encode = `
      enc = fn
        enc, v when is_map(v) -> "{" <> (v |> Enum.sort() |> Enum.map_join(",", fn {k, x} -> str_enc.(k) <> ":" <> enc.(enc, x) end)) <> "}"
        enc, v when is_list(v) -> "[" <> Enum.map_join(v, ",", &enc.(enc, &1)) <> "]"
        _, v when is_binary(v) -> str_enc.(v)
        _, v when is_float(v) -> "{\\"f\\":" <> Float.to_string(v) <> "}"
        _, v when is_integer(v) -> Integer.to_string(v)
        _, true -> "true"
        _, false -> "false"
        _, nil -> "null"
      end`;
    const out = elixirMap(
      `str_enc = fn s -> "\\"" <> Base.encode64(s) <> "\\"" end
      ${encode}
      Enum.map(inputs, fn [ours] ->
        {v, _} = Code.eval_string(ours)
        [enc.(enc, v), IO.iodata_to_binary(Code.format_string!(ours))]
      end)`,
      values.map((v) => [exLiteral(v)]),
    );
    const canonical = (v: unknown): unknown => {
      if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
      if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? v : { f: v };
      if (Array.isArray(v)) return v.map(canonical);
      if (v !== null && typeof v === 'object') {
        return Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1))
            .map(([k, x]) => [Buffer.from(k, 'utf8').toString('base64'), canonical(x)]),
        );
      }
      return v;
    };
    values.forEach((v, i) => {
      const [decoded, formatted] = out[i] as string[];
      expect(JSON.parse(decoded as string), JSON.stringify(v)).toEqual(canonical(v));
      // Long literals may be broken over lines by the formatter; short ones are kept as is.
      if (exLiteral(v).length <= 98) expect(formatted, JSON.stringify(v)).toBe(exLiteral(v));
    });
  });

  it('exRegex: Regex.source is the input verbatim, options kept, formatter-clean', () => {
    const sources = [
      '^[a-z]+$',
      '^\\d{3}-\\d{4}$',
      'a/b',
      'a/b|c',
      'a/b|c}',
      'a/b|c}]',
      'a/b|c}](x)',
      'a/b|c}](x)>',
      'a/b|c}](x)>"',
      '/|}](x)>"\'',
      '#{"PWNED"}',
      '\\#{x}',
      'a\\nb\\t\\\\n',
      '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      'a\\\\',
      '\\/',
      '\\\\\\/',
      'ünï😀',
      'tab\there',
      'x{2,}?(?<name>y)(?i)z',
      '"""',
      "'''",
      '(a)(b)',
      '[[:alpha:]]',
      'trailing\\\\',
    ];
    const mods = ['', 'i', 'u', 'imsx', 'U', 'f'];
    const cases = sources.map((s, i) => [s, mods[i % mods.length] as string] as const);
    const out = elixirMap(
      `Enum.map(inputs, fn [ours] ->
        {r, _} = Code.eval_string(ours)
        [r.source, inspect(r.opts), IO.iodata_to_binary(Code.format_string!(ours))]
      end)`,
      cases.map(([s, m]) => [exRegex(s, m)]),
    );
    cases.forEach(([s, m], i) => {
      const [source, opts, formatted] = out[i] as string[];
      expect(source, s).toBe(s);
      // Elixir 1.14 keeps the modifiers as given, as a string.
      expect(opts, s).toBe(JSON.stringify(m));
      expect(formatted, s).toBe(exRegex(s, m));
    });
  });
});
