// Fixture for test/support/elixir.test.ts, run in a child vitest with a PATH without Elixir
// (not matched by the main config: it includes only *.test.ts).
import { expect, it } from 'vitest';
import { describeElixir, itElixir } from '../elixir.js';

describeElixir('gated suite', () => {
  it('runs only with elixir', () => {
    expect(1).toBe(1);
  });
});

itElixir('gated test', () => {
  expect(1).toBe(1);
});

it('ungated test', () => {
  expect(1).toBe(1);
});
