import { describe, expect, it } from 'vitest';
import { parseMixDiagnostics } from '../../shared/mix/index.js';

// Output layouts the live tests in compile.test.ts cannot produce with the installed Elixir 1.14.
// 1.14 texts: captured from `mix compile` here. 1.16+ texts: the exact layouts asserted by
// elixir-lang/elixir lib/elixir/test/elixir/kernel/diagnostics_test.exs (main, 2026), with our
// paths. 1.15 (`error:` header, old location line): from the 1.15 changelog layout.

describe('Elixir 1.14 layout (captured)', () => {
  it('parses a stderr with warnings, one per call site', () => {
    const stderr = [
      'warning: function unused/1 is unused',
      '  lib/w.ex:5',
      '',
      'warning: Mp.Nope.h/0 is undefined (module Mp.Nope is not available or is yet to be defined)',
      'Invalid call found at 2 locations:',
      '  lib/w.ex:2: Mp.W.g/0',
      '  lib/w.ex:3: Mp.W.k/0',
      '',
      'warning: use Mix.Config is deprecated. Use the Config module instead',
      '  config/config.exs:1',
      '',
    ].join('\n');
    expect(parseMixDiagnostics(stderr)).toEqual([
      { file: 'lib/w.ex', line: 5, severity: 'warning', message: 'function unused/1 is unused' },
      {
        file: 'lib/w.ex',
        line: 2,
        severity: 'warning',
        message:
          'Mp.Nope.h/0 is undefined (module Mp.Nope is not available or is yet to be defined)',
      },
      {
        file: 'lib/w.ex',
        line: 3,
        severity: 'warning',
        message:
          'Mp.Nope.h/0 is undefined (module Mp.Nope is not available or is yet to be defined)',
      },
      {
        file: 'config/config.exs',
        line: 1,
        severity: 'warning',
        message: 'use Mix.Config is deprecated. Use the Config module instead',
      },
    ]);
  });

  it('parses raised errors and ignores their stacktrace', () => {
    const stdout = [
      'Compiling 1 file (.ex)',
      '',
      '== Compilation error in file lib/e.ex ==',
      "** (SyntaxError) lib/e.ex:3:9: syntax error before: ','",
      '    |',
      '  3 |     foo(,)',
      '    |         ^',
      '    (elixir 1.14.0) lib/kernel/parallel_compiler.ex:346: anonymous fn/5 in Kernel.ParallelCompiler.spawn_workers/7',
      '** (TokenMissingError) lib/t.ex:5:1: missing terminator: end (for "do" starting at line 1)',
      "** (Mix) Can't continue due to errors on dependencies",
    ].join('\n');
    expect(parseMixDiagnostics(stdout)).toEqual([
      {
        file: 'lib/e.ex',
        line: 3,
        column: 9,
        severity: 'error',
        message: "syntax error before: ','",
      },
      {
        file: 'lib/t.ex',
        line: 5,
        column: 1,
        severity: 'error',
        message: 'missing terminator: end (for "do" starting at line 1)',
      },
      { file: '', severity: 'error', message: "Can't continue due to errors on dependencies" },
    ]);
  });

  it('keeps a warning that names no file', () => {
    expect(
      parseMixDiagnostics(
        'warning: redefining module Foo (current version loaded from _build/Foo.beam)\n\n',
      ),
    ).toEqual([
      {
        file: '',
        severity: 'warning',
        message: 'redefining module Foo (current version loaded from _build/Foo.beam)',
      },
    ]);
  });
});

describe('Elixir 1.15 layout', () => {
  it('parses `error:` headers with the old location line and drops the summary', () => {
    const out = [
      'error: undefined variable "x"',
      '  lib/e.ex:3: App.E.f/1',
      '',
      '',
      '== Compilation error in file lib/e.ex ==',
      '** (CompileError) lib/e.ex: cannot compile module App.E (errors have been logged)',
      '',
    ].join('\n');
    expect(parseMixDiagnostics(out)).toEqual([
      { file: 'lib/e.ex', line: 3, severity: 'error', message: 'undefined variable "x"' },
    ]);
  });
});

describe('Elixir 1.16+ layout (boxes)', () => {
  it('parses a warning box with several call sites', () => {
    const out = [
      '    warning: Unknown.bar/0 is undefined (module Unknown is not available or is yet to be defined)',
      '    │',
      '  5 │     Unknown.bar()',
      '    │             ~',
      '    │',
      '    └─ lib/sample.ex:5:13: Sample.a/0',
      '    └─ lib/sample.ex:6:13: Sample.a/0',
      '',
    ].join('\n');
    const message =
      'Unknown.bar/0 is undefined (module Unknown is not available or is yet to be defined)';
    expect(parseMixDiagnostics(out)).toEqual([
      { file: 'lib/sample.ex', line: 5, column: 13, severity: 'warning', message },
      { file: 'lib/sample.ex', line: 6, column: 13, severity: 'warning', message },
    ]);
  });

  it('parses an error box and drops the "(errors have been logged)" summary', () => {
    const out = [
      '    error: undefined function unknown_func_call!/1 (expected Sample to define such a function or for it to be imported, but none are available)',
      '    │',
      '  5 │     _result = unknown_func_call!(:hello!)',
      '    │               ^^^^^^^^^^^^^^^^^^',
      '    │',
      '    └─ lib/sample.ex:5:15: Sample.foo/0',
      '',
      '',
      '== Compilation error in file lib/sample.ex ==',
      '** (CompileError) lib/sample.ex: cannot compile module Sample (errors have been logged)',
      '',
    ].join('\n');
    expect(parseMixDiagnostics(out)).toEqual([
      {
        file: 'lib/sample.ex',
        line: 5,
        column: 15,
        severity: 'error',
        message:
          'undefined function unknown_func_call!/1 (expected Sample to define such a function or for it to be imported, but none are available)',
      },
    ]);
  });

  it('parses a raised syntax error box and ignores the stacktrace after it', () => {
    const out = [
      '== Compilation error in file lib/e.ex ==',
      '** (TokenMissingError) token missing on lib/e.ex:12:4:',
      '    error: syntax error: expression is incomplete',
      '    │',
      ' 12 │ 1 -',
      '    │    ^',
      '    │',
      '    └─ lib/e.ex:12:4',
      '    nofile:10: :fake.fun/3',
      '    (elixir 1.17.0) lib/kernel/parallel_compiler.ex:429: anonymous fn/5',
    ].join('\n');
    expect(parseMixDiagnostics(out)).toEqual([
      {
        file: 'lib/e.ex',
        line: 12,
        column: 4,
        severity: 'error',
        message: 'syntax error: expression is incomplete',
      },
    ]);
  });

  it('parses a warning with a line but no column', () => {
    const out = [
      '    warning: variable "unused" is unused (if the variable is not meant to be used, prefix it with an underscore)',
      '    │',
      '  3 │   def a(unused), do: 1',
      '    │   ~~~~~~~~~~~~~~~~~~~~',
      '    │',
      '    └─ lib/warn_line.ex:3: Sample.a/1',
      '',
    ].join('\n');
    expect(parseMixDiagnostics(out)).toMatchObject([{ file: 'lib/warn_line.ex', line: 3 }]);
    expect(parseMixDiagnostics(out)[0]).not.toHaveProperty('column');
  });
});
