/**
 * Deterministic models for the benchmark (plain wire `schemas`, what a client sends):
 *
 * - `oneField()`: one schema, one field;
 * - `twentyFields()`: one schema, 20 fields of every kind the model offers (enum, array, decimal
 *   with precision/scale, defaults, validations, unique, redact…);
 * - `domain(n)`: n schemas in ⌈n/10⌉ contexts of ten. Inside a context each schema belongs_to the
 *   previous one (a chain, so migrations must be ordered), the first schema of each context
 *   belongs_to the first schema of the previous context (cross-context references), the last
 *   schema has a many_to_many to the first (join tables), and a few fields are unique.
 */
import type { AppDef, FieldDef, SchemaDef } from '../shared/model/index.js';

export const APP: AppDef = { otp_app: 'my_app', base_module: 'MyApp' };

export function oneField(): SchemaDef[] {
  return [{ module: 'Catalog.Item', fields: [{ name: 'title', type: 'string' }] }];
}

export function twentyFields(): SchemaDef[] {
  const fields: FieldDef[] = [
    { name: 'title', type: 'string', size: 160, validations: { length: { min: 3, max: 160 } } },
    { name: 'slug', type: 'string', unique: true, validations: { format: '^[a-z0-9-]+$' } },
    { name: 'body', type: 'text' },
    { name: 'summary', type: 'text', required: false },
    {
      name: 'views',
      type: 'integer',
      default: 0,
      validations: { number: { greater_than_or_equal_to: 0 } },
    },
    { name: 'rating', type: 'float', required: false },
    { name: 'price', type: 'decimal', precision: 10, scale: 2 },
    { name: 'published', type: 'boolean', default: false },
    { name: 'metadata', type: 'map' },
    { name: 'external_id', type: 'uuid', required: false },
    { name: 'checksum', type: 'binary', required: false },
    { name: 'release_on', type: 'date' },
    { name: 'opens_at', type: 'time', required: false },
    { name: 'reviewed_at', type: 'naive_datetime', required: false },
    { name: 'published_at', type: 'utc_datetime', required: false },
    { name: 'archived_at', type: 'utc_datetime_usec', required: false },
    {
      name: 'status',
      type: 'enum',
      values: ['draft', 'review', 'published', 'archived'],
      default: 'draft',
    },
    { name: 'tags', type: 'array', inner: 'string', default: [] },
    { name: 'secret_note', type: 'string', redact: true, required: false },
    { name: 'locale', type: 'string', size: 5, validations: { inclusion: ['en', 'fr', 'de'] } },
  ];
  return [{ module: 'Catalog.Product', fields }];
}

// Ten entity words with regular English plurals, and words to build context names from.
const ENTITIES = [
  'Account',
  'Badge',
  'Card',
  'Device',
  'Entry',
  'Folder',
  'Group',
  'Host',
  'Invoice',
  'Job',
] as const;
const WORDS = [
  'Alpha',
  'Bravo',
  'Charlie',
  'Delta',
  'Echo',
  'Foxtrot',
  'Golf',
  'Hotel',
  'India',
  'Juliet',
] as const;

function underscore(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function plural(entity: string): string {
  return entity.endsWith('y') ? `${entity.slice(0, -1)}ies` : `${entity}s`;
}

/** The i-th context name: Alpha … Juliet, then AlphaAlpha, AlphaBravo, … (100 × 10 = 1000 schemas). */
function contextName(i: number): string {
  if (i < WORDS.length) return WORDS[i]!;
  const j = i - WORDS.length;
  return `${WORDS[Math.floor(j / WORDS.length) % WORDS.length]!}${WORDS[j % WORDS.length]!}`;
}

export function domain(n: number): SchemaDef[] {
  const schemas: SchemaDef[] = [];
  const contexts = Math.ceil(n / ENTITIES.length);
  for (let c = 0; c < contexts; c++) {
    const ctx = contextName(c);
    const prefix = underscore(ctx);
    for (let k = 0; k < ENTITIES.length && schemas.length < n; k++) {
      const entity = ENTITIES[k]!;
      const fields: FieldDef[] = [
        { name: 'name', type: 'string' },
        { name: 'description', type: 'text', required: false },
        { name: 'position', type: 'integer', default: 0 },
        { name: 'active', type: 'boolean', default: true },
        { name: 'starts_at', type: 'utc_datetime', required: false },
      ];
      if (k % 3 === 0) fields.push({ name: 'code', type: 'string', unique: true });
      const associations: SchemaDef['associations'] = [];
      if (k > 0) {
        const prev = ENTITIES[k - 1]!;
        associations.push({
          kind: 'belongs_to',
          name: underscore(prev),
          target: `${ctx}.${prev}`,
          on_delete: 'delete_all',
        });
      } else if (c > 0) {
        associations.push({
          kind: 'belongs_to',
          name: 'origin',
          target: `${contextName(c - 1)}.${ENTITIES[0]}`,
          required: false,
          on_delete: 'nilify_all',
        });
      }
      if (k === ENTITIES.length - 1) {
        associations.push({
          kind: 'many_to_many',
          name: underscore(plural(ENTITIES[0])),
          target: `${ctx}.${ENTITIES[0]}`,
        });
      }
      schemas.push({
        module: `${ctx}.${entity}`,
        table: `${prefix}_${underscore(plural(entity))}`,
        fields,
        ...(associations.length > 0 ? { associations } : {}),
      });
    }
  }
  return schemas;
}
