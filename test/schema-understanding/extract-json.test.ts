import { describe, expect, it } from 'vitest';
import { asModelInput, extractJson } from '../../servers/schema-understanding/lib/extract-json.js';

describe('extractJson', () => {
  it('takes a bare JSON reply', () => {
    expect(extractJson(' {"schemas": []} \n')).toEqual({ ok: true, value: { schemas: [] } });
  });

  it('prefers a ```json fence over other fences, and tolerates prose around it', () => {
    const reply =
      'Sure! First the spec:\n```\nBlog Post posts\n```\nand the model:\n```json\n{"schemas": [{"module": "Blog.Post"}]}\n```\nDone.';
    expect(extractJson(reply)).toEqual({
      ok: true,
      value: { schemas: [{ module: 'Blog.Post' }] },
    });
  });

  it('finds a balanced object in prose, with braces inside strings', () => {
    const reply =
      'The model is {"schemas": [{"module": "Blog.Post", "fields": [{"name": "t", "default": "a}b{"}]}]} as asked.';
    expect(extractJson(reply)).toEqual({
      ok: true,
      value: { schemas: [{ module: 'Blog.Post', fields: [{ name: 't', default: 'a}b{' }] }] },
    });
  });

  it('says why when there is no JSON', () => {
    expect(extractJson('')).toEqual({ ok: false, error: 'the reply is empty' });
    const r = extractJson('I would model posts and comments. {broken');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/^no JSON object found in the reply/);
  });
});

describe('asModelInput', () => {
  it('accepts {schemas}, a bare array, or a single schema', () => {
    expect(asModelInput({ schemas: [] })).toEqual({ schemas: [] });
    expect(asModelInput([{ module: 'A' }])).toEqual({ schemas: [{ module: 'A' }] });
    expect(asModelInput({ module: 'A' })).toEqual({ schemas: [{ module: 'A' }] });
    expect(asModelInput('x')).toBe('x');
  });
});
