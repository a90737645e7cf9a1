import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ELIXIR_FILTERS,
  createRenderer,
  defaultTemplatesDir,
  getRenderer,
  renderString,
} from '../../shared/render/index.js';
import { tempDir } from '../support/elixir.js';

const REPO = join(import.meta.dirname, '..', '..');

describe('renderer', () => {
  it('is configured for Elixir output: no autoescape, undefined throws, trim/lstrip blocks', () => {
    const r = createRenderer(tempDir());
    expect(r.renderString('{{ s }}', { s: '<a href="x">&</a>' })).toBe('<a href="x">&</a>');
    expect(() => r.renderString('{{ missing }}', {})).toThrow(/undefined|null/i);
    expect(r.renderString('  {% if true %}\n  a\n  {% endif %}\nb', {})).toBe('  a\nb');
  });

  it('registers every Elixir filter', () => {
    const r = createRenderer(tempDir());
    for (const name of Object.keys(ELIXIR_FILTERS)) {
      expect(typeof r.env.getFilter(name), name).toBe('function');
    }
    const out = r.renderString(
      '{{ name | ex_atom }} {{ name | ex_key }} {{ title | ex_string }} {{ mod | ex_module }} ' +
        '{{ value | ex_literal }} {{ n | ex_integer }} {{ f | ex_float }} {{ re | ex_regex("i") }}',
      {
        name: 'published at',
        title: 'Hi #{there}',
        mod: 'MyApp.Blog',
        value: { a: [1, null] },
        n: 1234567,
        f: 1,
        re: '^a/b$',
      },
    );
    expect(out).toBe(
      ':"published at" "published at": "Hi \\#{there}" MyApp.Blog %{"a" => [1, nil]} 1_234_567 1.0 ~r|^a/b$|i',
    );
  });

  it('filters refuse undefined input instead of printing it', () => {
    const r = createRenderer(tempDir());
    expect(() => r.renderString('{{ nope | ex_string }}', {})).toThrow(
      /ex_string expects a string, got undefined/,
    );
    expect(() => r.renderString('{{ m | ex_module }}', { m: 'bad name' })).toThrow(
      /not a valid Elixir module name/,
    );
  });

  it('renders template files from its templates directory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ecto-schema'));
    writeFileSync(
      join(dir, 'ecto-schema', 'x.ex.njk'),
      'defmodule {{ module | ex_module }} do\n{% for f in fields %}\n  field {{ f | ex_atom }}\n{% endfor %}\nend\n',
    );
    const r = createRenderer(dir);
    expect(r.templatesDir).toBe(dir);
    expect(r.render('ecto-schema/x.ex.njk', { module: 'A.B', fields: ['x', 'y?'] })).toBe(
      'defmodule A.B do\n  field :x\n  field :y?\nend\n',
    );
  });

  it('the module-level renderer uses the repository templates/', () => {
    expect(getRenderer()).toBe(getRenderer());
    expect(getRenderer().templatesDir).toBe(join(REPO, 'templates'));
    expect(renderString('{{ x | ex_atom }}', { x: 'ok' })).toBe(':ok');
  });

  it('finds templates/ from the sources, the build and a bundle', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'templates'));
    for (const rel of [
      'shared/render/renderer.ts',
      'dist/shared/render/renderer.js',
      'dist/ecto-schema.js',
    ]) {
      const file = join(root, rel);
      expect(defaultTemplatesDir(pathToFileURL(file).href), rel).toBe(join(root, 'templates'));
    }
    // no templates/ yet: the nearest package root
    const bare = tempDir();
    writeFileSync(join(bare, 'package.json'), '{}');
    expect(defaultTemplatesDir(pathToFileURL(join(bare, 'dist', 'x.js')).href)).toBe(
      join(bare, 'templates'),
    );
  });
});
