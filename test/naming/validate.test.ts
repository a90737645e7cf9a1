import { describe, expect, it } from 'vitest';
import {
  ELIXIR_RESERVED_WORDS,
  FORBIDDEN_FIELD_NAMES,
  SPECIAL_NAMES,
  identifierError,
  isElixirModuleName,
  isSnakeIdentifier,
  moduleNameError,
} from '../../shared/naming/index.js';

describe('isElixirModuleName', () => {
  it.each(['Blog', 'Blog.Post', 'MyApp.V2.Post_Category', 'A', 'Elixir.Foo', 'HTTP2'])(
    'accepts %j',
    (name) => expect(isElixirModuleName(name)).toBe(true),
  );
  it.each([
    '',
    'blog',
    'Blog.post',
    'Blog..Post',
    '.Blog',
    'Blog.',
    'Blög',
    'Blog-Post',
    'Blog Post',
    '1Blog',
    'Blog.1',
  ])('rejects %j', (name) => expect(isElixirModuleName(name)).toBe(false));
});

describe('isSnakeIdentifier', () => {
  it.each(['title', '_private', 'a1', 'published_at', '__meta__', '_'])('accepts %j', (n) =>
    expect(isSnakeIdentifier(n)).toBe(true),
  );
  it.each(['', 'Title', '1st', 'a-b', 'a b', 'é', 'camelCase', 'a?'])('rejects %j', (n) =>
    expect(isSnakeIdentifier(n)).toBe(false),
  );
});

describe('reserved names', () => {
  it('lists the Elixir reserved words', () => {
    expect([...ELIXIR_RESERVED_WORDS].sort()).toEqual([
      'after',
      'and',
      'catch',
      'do',
      'else',
      'end',
      'false',
      'fn',
      'in',
      'nil',
      'not',
      'or',
      'rescue',
      'true',
      'when',
    ]);
  });
  it('lists the special atoms and forms', () => {
    for (const n of [
      '__struct__',
      '__meta__',
      '__info__',
      '__schema__',
      '__changeset__',
      '__MODULE__',
      '__ENV__',
      '__CALLER__',
      '__DIR__',
      '__STACKTRACE__',
      'unquote',
      'quote',
      '__block__',
      '__aliases__',
    ]) {
      expect(SPECIAL_NAMES.has(n), n).toBe(true);
      expect(FORBIDDEN_FIELD_NAMES.has(n), n).toBe(true);
    }
    expect(FORBIDDEN_FIELD_NAMES.has('end')).toBe(true);
    expect(FORBIDDEN_FIELD_NAMES.has('title')).toBe(false);
  });
});

describe('messages', () => {
  it('moduleNameError', () => {
    expect(moduleNameError('Blog.Post')).toBeUndefined();
    expect(moduleNameError('blog.post')).toBe(
      'expected the module name "blog.post" to be a valid Elixir module name: dot-separated segments that each start with an uppercase ASCII letter followed by ASCII letters, digits or underscores (e.g. "Blog.Post"); did you mean "Blog.Post"?',
    );
    expect(moduleNameError('', 'schema')).toBe('expected a schema, got an empty string');
  });
  it('identifierError', () => {
    expect(identifierError('title')).toBeUndefined();
    expect(identifierError('publishedAt', 'field name')).toBe(
      'expected the field name "publishedAt" to be lowercase snake_case ASCII (letters, digits and underscores, not starting with a digit); did you mean "published_at"?',
    );
    expect(identifierError('end', 'field name')).toBe(
      'the field name "end" is an Elixir reserved word; pick another name (e.g. "end_value")',
    );
    expect(identifierError('__meta__', 'field name')).toBe(
      'the field name "__meta__" is reserved by Elixir/Ecto; pick another name',
    );
    expect(identifierError('2fa')).toContain('did you mean "_2fa"?');
  });
});
