/**
 * The docs about spec lines stay true: every "`SPEC` gives table `T` …" claim of the README and
 * of the types resource is parsed and checked (table, fields, warning), and every example spec
 * parses into a model without warnings about its tables. Through a real client, parse_gen_spec
 * warns about what a line most likely meant otherwise, and names the web files that
 * phx.gen.live/html/json lines would also make.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer as createSchemaServer } from '../../servers/ecto-schema/server.js';
import { createServer } from '../../servers/schema-understanding/server.js';
import {
  SPEC_EXAMPLES,
  typesDocMarkdown,
} from '../../servers/schema-understanding/lib/types-doc.js';
import { normalizeModel, parseGenSpec } from '../../shared/model/index.js';
import { connect, structured, type Connected } from '../support/mcp.js';

const CLAIM =
  /`([^`]+)` gives table `(\w+)`(?: with a `(\w+)` field| (and no field)| with only `(\w+)`)?/g;

interface Claim {
  spec: string;
  table: string;
  fields: string[] | null;
}

function claimsOf(doc: string): Claim[] {
  return [...doc.matchAll(CLAIM)].map((m) => ({
    spec: m[1]!,
    table: m[2]!,
    fields: m[3] ? [m[3]] : m[4] ? [] : m[5] ? [m[5]] : null,
  }));
}

function check(claims: Claim[]) {
  for (const c of claims) {
    const [def] = parseGenSpec([c.spec]);
    expect(def?.table, c.spec).toBe(c.table);
    const { warnings } = normalizeModel({ schemas: [def!] });
    if (c.fields !== null) {
      expect(
        def!.fields!.map((f) => f.name),
        c.spec,
      ).toEqual(c.fields);
    }
    // a table that is not the module's usual one is always pointed out
    const usual = c.table === 'posts';
    expect(warnings.length > 0, `${c.spec}: ${JSON.stringify(warnings)}`).toBe(!usual);
  }
}

describe('docs of the spec shorthand', () => {
  it('the types resource: every "gives table" claim holds', () => {
    const claims = claimsOf(typesDocMarkdown());
    expect(claims.length).toBeGreaterThanOrEqual(4);
    check(claims);
  });

  it('README: every "gives table" claim holds', async () => {
    const claims = claimsOf(await readFile('README.md', 'utf8'));
    expect(claims.length).toBeGreaterThanOrEqual(4);
    check(claims);
  });

  it('every example spec line gives a model without warnings', () => {
    for (const line of SPEC_EXAMPLES) {
      const { model, errors, warnings } = normalizeModel({
        schemas: parseGenSpec([line]),
      });
      expect(errors, line).toEqual([]);
      // examples point at schemas of other lines (Accounts.User…): only target warnings allowed
      expect(
        warnings.filter((w) => !w.path.endsWith('.target')),
        line,
      ).toEqual([]);
      expect(model).not.toBeNull();
    }
  });
});

describe('parse_gen_spec warnings', () => {
  let c: Connected;
  beforeEach(async () => {
    c = await connect(createServer({ cliRoots: [] }));
  });
  afterEach(() => c.close());

  const warningsOf = async (specs: string[]) =>
    structured<{ warnings: { path: string; message: string }[] }>(
      await c.client.callTool({ name: 'parse_gen_spec', arguments: { specs } }),
    ).warnings;

  it('a schema without fields, a singular table, a table that is a field name', async () => {
    const w = await warningsOf([
      'Blog.Post title',
      'Blog Comment status body:text',
      'Shop Item name name:string',
      'Blog Tag tags name:string',
    ]);
    const byPath = Object.fromEntries(w.map((x) => [x.path, x.message]));
    expect(byPath['schemas[0].fields']).toContain('Blog.Post has no fields.');
    expect(byPath['schemas[0].fields']).toContain('"title" became the table here, not a field');
    expect(byPath['schemas[0].fields']).toContain('Write "Blog.Post posts title:string …"');
    expect(byPath['schemas[1].table']).toContain('table "status" looks singular');
    expect(byPath['schemas[1].table']).toContain('("comments" for Blog.Comment)');
    expect(byPath['schemas[2].table']).toContain(
      'table "name" is also the name of one of its fields',
    );
    expect(Object.keys(byPath).filter((p) => p.startsWith('schemas[3]'))).toEqual([]);
  });

  it('phx.gen.live/html/json lines: what was generated and which web files were not', async () => {
    const w = await warningsOf([
      'mix phx.gen.live Blog Post posts title:string',
      'mix phx.gen.json Catalog Product products name',
      'mix phx.gen.html Accounts User users email',
      'mix phx.gen.context Blog Tag tags name',
    ]);
    const byPath = Object.fromEntries(w.map((x) => [x.path, x.message]));
    expect(byPath['specs[0]']).toContain(
      'phx.gen.live: only the schema, the migration and the context (with its tests and fixtures) are generated here',
    );
    expect(byPath['specs[0]']).toContain('LiveViews (index, show, form)');
    expect(byPath['specs[0]']).toContain(
      '`mix phx.gen.live Blog Post posts <attrs…> --no-context`',
    );
    expect(byPath['specs[1]']).toContain('JSON controller');
    expect(byPath['specs[2]']).toContain('HTML module and templates');
    expect(byPath['specs[3]']).toBeUndefined();
  });
});

describe('generator answers carry the same warnings', () => {
  it('generate_ecto_schema (dry run) names the web files a phx.gen.live line would make, and the table warning', async () => {
    const c = await connect(createSchemaServer({ cliRoots: [] }));
    try {
      const out = structured<{ warnings: string[] }>(
        await c.client.callTool({
          name: 'generate_ecto_schema',
          arguments: {
            specs: [
              'mix phx.gen.live Blog Post posts title:string',
              'Blog Comment status body:text',
            ],
            dry_run: true,
          },
        }),
      );
      expect(out.warnings.find((w) => w.startsWith('specs[0]: phx.gen.live:'))).toContain(
        'LiveViews (index, show, form)',
      );
      expect(out.warnings.find((w) => w.startsWith('schemas[1].table:'))).toContain(
        'looks singular',
      );
    } finally {
      await c.close();
    }
  });
});
