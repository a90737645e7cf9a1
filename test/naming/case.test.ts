import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelize, humanize, underscore } from '../../shared/naming/index.js';
import { describeElixir, elixirMap } from '../support/elixir.js';

describe('camelize (Macro.camelize/1)', () => {
  it.each([
    ['blog_post', 'BlogPost'],
    ['api_v2', 'ApiV2'],
    ['api_V2', 'Api_V2'],
    ['_foo', 'Foo'],
    ['foo__bar', 'FooBar'],
    ['foo_', 'Foo'],
    ['a1_b2', 'A1B2'],
    ['foo/bar_baz', 'Foo.BarBaz'],
    ['foo_1_bar', 'Foo1Bar'],
    ['_', ''],
    ['', ''],
    ['http_server', 'HttpServer'],
    ['FOO_BAR', 'FOO_BAR'],
    ['foo.bar', 'Foo.bar'],
  ])('%j → %j', (input, expected) => {
    expect(camelize(input)).toBe(expected);
  });
});

describe('underscore (Macro.underscore/1)', () => {
  it.each([
    ['BlogPost', 'blog_post'],
    ['HTTPServer', 'http_server'],
    ['Blog.Post', 'blog/post'],
    ['Blog.PostCategory', 'blog/post_category'],
    ['MyApp.HTTPServer.V1', 'my_app/http_server/v1'],
    ['APIv2', 'ap_iv2'],
    ['ApiV2', 'api_v2'],
    ['Api_V2', 'api_v2'],
    ['Foo_Bar', 'foo__bar'],
    ['SSLError', 'ssl_error'],
    ['UUIDs', 'uui_ds'],
    ['HTTP2Server', 'http2_server'],
    ['Foo..Bar', 'foo/._bar'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(underscore(input)).toBe(expected);
  });
});

describe('humanize (Phoenix.Naming.humanize/1)', () => {
  it.each([
    ['published_at', 'Published at'],
    ['author_id', 'Author'],
    ['username', 'Username'],
    ['id', 'Id'],
    ['_id', ''],
    ['', ''],
    ['is_HTML', 'Is HTML'],
    ['élan_vital', 'Élan vital'],
  ])('%j → %j', (input, expected) => {
    expect(humanize(input)).toBe(expected);
  });
});

describeElixir('camelize/underscore agree with Elixir 1.14', () => {
  it('on a fixed battery and on random identifier-like strings', () => {
    const battery = [
      'blog_post',
      'api_v2',
      'api_V2',
      '_foo',
      '__foo',
      'foo__bar',
      'foo_',
      'a1_b2',
      'Foo_bar',
      'foo/bar',
      'foo/bar_baz',
      'x_1',
      '_',
      '',
      'foo_Bar',
      'élan_x',
      'foo.bar',
      'foo9_9bar',
      'FOO_BAR',
      'BlogPost',
      'HTTPServer',
      'Blog.Post',
      'APIv2',
      'ApiV2',
      'Api_V2',
      'SSLError',
      'FooBAR',
      'Foo9Bar',
      'Foo9bar',
      'FOO',
      'MyApp.HTTPServer.V1',
      'A',
      'AB',
      'ABc',
      'aB',
      'HTTP2Server',
      'Foo_Bar',
      'Foo-Bar',
      'V2Api',
      'S3Bucket',
      'iOSApp',
      'UUIDs',
      'Foo..Bar',
      'Foo.',
      '.Foo',
      'a/_b',
      'a//b',
      'A.B.C',
      'a_/b',
      'Ünicode_Über',
      'X.y_Z',
    ];
    const random = fc.sample(
      fc.string({
        unit: fc.constantFrom(...'aAbBzZ09_./-éÉ'.split('')),
        maxLength: 12,
      }),
      { seed: 1414, numRuns: 600 },
    );
    const inputs = [...battery, ...random];
    const out = elixirMap(
      'Enum.map(inputs, fn [s] -> [Macro.camelize(s), Macro.underscore(s)] end)',
      inputs.map((s) => [s]),
    );
    const ours = inputs.map((s) => [camelize(s), underscore(s)]);
    expect(ours).toEqual(out);
  });
});
