import { describe, expect, it } from 'vitest';
import { pluralize, singularize } from '../../shared/naming/index.js';

/** [singular, plural]: pluralize(s) = p, singularize(p) = s, and both are idempotent. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  // brief: irregulars and suffix rules
  ['person', 'people'],
  ['category', 'categories'],
  ['status', 'statuses'],
  ['address', 'addresses'],
  ['child', 'children'],
  ['man', 'men'],
  ['woman', 'women'],
  ['mouse', 'mice'],
  ['goose', 'geese'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['ox', 'oxen'],
  ['quiz', 'quizzes'],
  ['box', 'boxes'],
  ['bus', 'buses'],
  ['wish', 'wishes'],
  ['match', 'matches'],
  ['hero', 'heroes'],
  ['potato', 'potatoes'],
  ['photo', 'photos'],
  ['analysis', 'analyses'],
  ['criterion', 'criteria'],
  ['datum', 'data'],
  ['medium', 'media'],
  ['index', 'indexes'],
  ['leaf', 'leaves'],
  ['knife', 'knives'],
  ['life', 'lives'],
  ['wife', 'wives'],
  ['half', 'halves'],
  ['wolf', 'wolves'],
  ['shelf', 'shelves'],
  ['roof', 'roofs'],
  ['chief', 'chiefs'],
  ['day', 'days'],
  ['key', 'keys'],
  ['toy', 'toys'],
  ['story', 'stories'],
  ['company', 'companies'],
  ['tax', 'taxes'],
  ['virus', 'viruses'],
  ['alias', 'aliases'],
  ['campus', 'campuses'],
  ['axis', 'axes'],
  ['crisis', 'crises'],
  ['vertex', 'vertices'],
  ['matrix', 'matrices'],
  ['cactus', 'cacti'],
  // compounds and CamelCase
  ['blog_post', 'blog_posts'],
  ['post_category', 'post_categories'],
  ['order_status', 'order_statuses'],
  ['sales_person', 'sales_people'],
  ['salesperson', 'salespeople'],
  ['grandchild', 'grandchildren'],
  ['chairman', 'chairmen'],
  ['chairwoman', 'chairwomen'],
  ['bookshelf', 'bookshelves'],
  ['midwife', 'midwives'],
  ['PostCategory', 'PostCategories'],
  ['Person', 'People'],
  ['LineItem', 'LineItems'],
  // traps for naive suffix rules
  ['movie', 'movies'],
  ['cookie', 'cookies'],
  ['tie', 'ties'],
  ['party', 'parties'],
  ['city', 'cities'],
  ['family', 'families'],
  ['ally', 'allies'],
  ['supply', 'supplies'],
  ['entity', 'entities'],
  ['cache', 'caches'],
  ['niche', 'niches'],
  ['headache', 'headaches'],
  ['beach', 'beaches'],
  ['coach', 'coaches'],
  ['epoch', 'epochs'],
  ['stomach', 'stomachs'],
  ['house', 'houses'],
  ['case', 'cases'],
  ['excuse', 'excuses'],
  ['base', 'bases'],
  ['database', 'databases'],
  ['response', 'responses'],
  ['purchase', 'purchases'],
  ['course', 'courses'],
  ['process', 'processes'],
  ['business', 'businesses'],
  ['price', 'prices'],
  ['device', 'devices'],
  ['olive', 'olives'],
  ['curve', 'curves'],
  ['valve', 'valves'],
  ['human', 'humans'],
  ['specimen', 'specimens'],
  ['menu', 'menus'],
  ['gas', 'gases'],
  ['lens', 'lenses'],
  ['todo', 'todos'],
  ['video', 'videos'],
  ['echo', 'echoes'],
  ['shoe', 'shoes'],
  ['waltz', 'waltzes'],
  ['buzz', 'buzzes'],
  ['size', 'sizes'],
  ['soliloquy', 'soliloquies'],
  ['bonus', 'bonuses'],
  ['census', 'censuses'],
  ['octopus', 'octopuses'],
  ['diagnosis', 'diagnoses'],
  ['thesis', 'theses'],
  ['phenomenon', 'phenomena'],
  ['bacterium', 'bacteria'],
  ['fungus', 'fungi'],
  ['appendix', 'appendices'],
  ['stadium', 'stadiums'],
  ['api_key', 'api_keys'],
];

const UNCOUNTABLE = [
  'sheep',
  'fish',
  'series',
  'species',
  'news',
  'equipment',
  'information',
  'rice',
  'money',
  'feedback',
  'metadata',
  'user_information',
  'tv_series',
  'deer',
];

describe('pluralize / singularize', () => {
  it.each(PAIRS)('%s ↔ %s', (singular, plural) => {
    expect(pluralize(singular)).toBe(plural);
    expect(singularize(plural)).toBe(singular);
    // idempotence
    expect(pluralize(plural)).toBe(plural);
    expect(singularize(singular)).toBe(singular);
  });

  it.each(UNCOUNTABLE)('%s is uncountable', (word) => {
    expect(pluralize(word)).toBe(word);
    expect(singularize(word)).toBe(word);
  });

  it('documented asymmetries', () => {
    // Rails gives "indices"; we write "indexes" but read both.
    expect(singularize('indices')).toBe('index');
    expect(pluralize('indices')).toBe('indices');
    // "bases" reads as the plural of "base"; "basis" still pluralizes to "bases".
    expect(pluralize('basis')).toBe('bases');
    expect(singularize('bases')).toBe('base');
    // a Latin plural given in its English form is still recognized
    expect(singularize('cactuses')).toBe('cactus');
    expect(pluralize('cactuses')).toBe('cactuses');
  });

  it('inflects only the last word and keeps edge inputs', () => {
    expect(pluralize('')).toBe('');
    expect(singularize('')).toBe('');
    expect(pluralize('foo_')).toBe('foo_');
    expect(pluralize('news_item')).toBe('news_items');
    expect(pluralize('person_address')).toBe('person_addresses');
    expect(singularize('people_addresses')).toBe('people_address');
    expect(pluralize('POST')).toBe('POSTS');
  });
});
