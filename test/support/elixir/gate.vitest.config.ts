// Config for the child vitest in test/support/elixir.test.ts (runs gate.fixture.spec.ts only).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['gate.fixture.spec.ts'], pool: 'forks' },
});
