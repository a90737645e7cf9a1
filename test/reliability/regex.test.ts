/**
 * validations.format is checked as a JavaScript regex, but the generated ~r is compiled by
 * Elixir's PCRE. Found by the fuzzer (issue 9): formats JavaScript accepts and PCRE rejects gave
 * modules that do not compile. They are validation errors now; what both accept compiles.
 */
import { expect } from 'vitest';
import { checkModel } from '../../shared/model/index.js';
import { planEctoSchemas } from '../../shared/generate/ecto-schema.js';
import { projectReader } from '../../shared/plan/index.js';
import { itElixir } from '../support/elixir.js';
import { astCheck } from './ast-check.js';

const REJECTED = ['^\\u0041$', '[\\u{1F600}]', '[^]', '[]a', '(?<=a+)b', '(?<!x*)y', '(?<=a{2,})b'];
const ACCEPTED = [
  '(?<=a|bc)d',
  '(?<=a{2})b',
  '(?<n>a)\\k<n>',
  '\\p{L}+',
  '^[^@\\s]+@[^@\\s]+$',
  'a\\]+',
  '[(?<=]a+',
  '#{1}',
  'a/b',
];

const model = (format: string) => ({
  app: { otp_app: 'my_app', base_module: 'MyApp' },
  schemas: [{ module: 'Blog.Post', fields: [{ name: 'title', validations: { format } }] }],
});

itElixir(
  'formats PCRE cannot compile are validation errors; the rest compile in Elixir',
  async () => {
    for (const f of REJECTED) {
      const r = checkModel(model(f));
      expect(r.model, f).toBeNull();
      expect(r.errors.map((e) => e.path)).toContain('schemas[0].fields[0].validations.format');
    }
    // The rejection is justified: Elixir really refuses each of them.
    const refused = await astCheck(REJECTED.map((f) => `~r/${f}/\n`));
    expect(refused.map((x) => x.badRegexes.length > 0)).toEqual(REJECTED.map(() => true));

    const sources: string[] = [];
    for (const f of ACCEPTED) {
      const r = checkModel(model(f));
      expect(r.errors, f).toEqual([]);
      const files = await planEctoSchemas(
        r.model!,
        {},
        { project: projectReader(null), warn: () => undefined },
      );
      sources.push(...files.map((x) => x.content));
    }
    const checked = await astCheck(sources);
    expect(
      checked.flatMap((x) => [...x.badRegexes, ...(x.syntaxError ? [x.syntaxError] : [])]),
    ).toEqual([]);
  },
);
