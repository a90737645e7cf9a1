/**
 * English singular/plural inflection for schema and table names.
 *
 * Only the last word is inflected: the part after the last `_` (`blog_post` → `blog_posts`)
 * or, for CamelCase input, after the last lowercase→uppercase boundary (`PostCategory` →
 * `PostCategories`). Matching is case-insensitive and the original casing of the unchanged
 * prefix is kept.
 *
 * Choices (documented, tested):
 * - `index` → `indexes` (database usage; Rails itself gives `indices`). `indices` still
 *   singularizes to `index`. `matrix` → `matrices`, `vertex` → `vertices`.
 * - Latin `-us` words that keep the Latin plural: `cactus` → `cacti`, `fungus` → `fungi`,
 *   `nucleus`, `radius`, `stimulus`, `alumnus`, `syllabus`. Every other `-us` word takes `-es`
 *   (`status` → `statuses`, `campus`, `virus`, `bus`, `bonus`, `census`, `octopus`).
 * - `datum` ↔ `data`, `medium` ↔ `media`, `criterion` ↔ `criteria` (as Rails); `metadata` is
 *   uncountable.
 * - `-f`/`-fe` → `-ves` only for a closed list (leaf, knife, life, wife, half, wolf, shelf,
 *   calf, loaf, thief, elf, self, sheaf, scarf, wharf and compounds ending in them);
 *   everything else takes `-s` (`roof` → `roofs`, `chief` → `chiefs`).
 * - `-o` → `-oes` only for a closed list (hero, potato, tomato, echo, veto, torpedo, embargo,
 *   mosquito, volcano, domino); otherwise `-s` (`photo` → `photos`, `todo` → `todos`).
 * - `bases` singularizes to `base` (not `basis`); `axes` singularizes to `axis`.
 * - Idempotence: `pluralize` leaves a recognizable plural alone (`people`, `categories`,
 *   `posts`), `singularize` leaves a singular alone (`status`, `address`, `bus`, `news`).
 */

const UNCOUNTABLE = new Set([
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
  'deer',
  'moose',
  'bison',
  'salmon',
  'trout',
  'shrimp',
  'swine',
  'aircraft',
  'offspring',
  'police',
  'cattle',
  'livestock',
  'jeans',
  'scissors',
  'means',
  'headquarters',
  'chassis',
  'corps',
  'software',
  'hardware',
  'firmware',
  'middleware',
  'furniture',
  'luggage',
  'baggage',
  'advice',
  'knowledge',
  'research',
  'traffic',
  'evidence',
  'wildlife',
  'homework',
  'music',
  'personnel',
  'mathematics',
  'physics',
  'economics',
  'politics',
  'ethics',
  'athletics',
  'gymnastics',
  'linguistics',
  'diabetes',
  'rabies',
  'measles',
  'mumps',
  'ramen',
]);

/** singular → plural, matched against the whole last word. */
const IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['person', 'people'],
  ['child', 'children'],
  ['man', 'men'],
  ['woman', 'women'],
  ['mouse', 'mice'],
  ['louse', 'lice'],
  ['goose', 'geese'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['ox', 'oxen'],
  ['quiz', 'quizzes'],
  ['axis', 'axes'],
  ['criterion', 'criteria'],
  ['phenomenon', 'phenomena'],
  ['datum', 'data'],
  ['medium', 'media'],
  ['bacterium', 'bacteria'],
  ['cactus', 'cacti'],
  ['fungus', 'fungi'],
  ['nucleus', 'nuclei'],
  ['radius', 'radii'],
  ['stimulus', 'stimuli'],
  ['alumnus', 'alumni'],
  ['syllabus', 'syllabi'],
  ['matrix', 'matrices'],
  ['vertex', 'vertices'],
  ['appendix', 'appendices'],
  ['crisis', 'crises'],
  ['thesis', 'theses'],
  ['diagnosis', 'diagnoses'],
  ['prognosis', 'prognoses'],
  ['synopsis', 'synopses'],
  ['parenthesis', 'parentheses'],
  ['hypothesis', 'hypotheses'],
  ['emphasis', 'emphases'],
  ['oasis', 'oases'],
  ['neurosis', 'neuroses'],
];

/** Irregulars also matched as the end of a longer word (`salesperson`, `grandchild`). */
const SUFFIX_IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['person', 'people'],
  ['child', 'children'],
  ['woman', 'women'],
  ['leaf', 'leaves'],
  ['knife', 'knives'],
  ['life', 'lives'],
  ['wife', 'wives'],
  ['half', 'halves'],
  ['wolf', 'wolves'],
  ['shelf', 'shelves'],
  ['calf', 'calves'],
  ['loaf', 'loaves'],
  ['thief', 'thieves'],
  ['self', 'selves'],
  ['elf', 'elves'],
  ['sheaf', 'sheaves'],
  ['scarf', 'scarves'],
  ['wharf', 'wharves'],
];

/** `-man` words whose plural is `-mans`; every other word ending in `man` takes `-men`. */
const MAN_REGULAR = new Set([
  'human',
  'german',
  'roman',
  'shaman',
  'talisman',
  'caiman',
  'cayman',
  'ottoman',
  'walkman',
  'doberman',
  'pullman',
]);

/** Singular words ending in `men` (`specimen`, not a plural of `speciman`). */
const MEN_SINGULAR = new Set([
  'specimen',
  'abdomen',
  'omen',
  'stamen',
  'regimen',
  'acumen',
  'lumen',
  'semen',
  'hymen',
  'amen',
  'albumen',
  'bitumen',
  'rumen',
  'foramen',
]);

/** `-o` words that take `-oes`. */
const O_ES = new Set([
  'hero',
  'potato',
  'tomato',
  'echo',
  'veto',
  'torpedo',
  'embargo',
  'mosquito',
  'volcano',
  'domino',
]);

/** Singular words ending in `-us` that pluralize with `-es` and are listed for singularize. */
const US_ES = new Set([
  'status',
  'bus',
  'campus',
  'virus',
  'bonus',
  'census',
  'octopus',
  'platypus',
  'hippopotamus',
  'apparatus',
  'prospectus',
  'surplus',
  'plus',
  'minus',
  'focus',
  'chorus',
  'circus',
  'sinus',
  'nexus',
  'abacus',
  'walrus',
  'thesaurus',
  'consensus',
  'lotus',
  'onus',
  'opus',
  'fetus',
  'genus',
  'corpus',
  'uterus',
  'crocus',
  'exodus',
  'impetus',
  'hiatus',
  'stylus',
  'bogus',
  'fungus',
  'cactus',
  'radius',
  'nucleus',
  'stimulus',
  'alumnus',
  'syllabus',
  'minibus',
  'omnibus',
  'trolleybus',
  'airbus',
  'us',
]);

/** Nouns ending in `-u` (plural `-us`), so `menus` singularizes to `menu`. */
const U_NOUNS = new Set([
  'menu',
  'emu',
  'guru',
  'haiku',
  'gnu',
  'tutu',
  'zebu',
  'tofu',
  'bayou',
  'caribou',
  'bijou',
  'kudzu',
  'tabu',
  'sudoku',
  'ecu',
  'impromptu',
  'tiramisu',
]);

/** Singular words ending in `s` (other than `-ss`, `-us`, `-is`) that take `-es`. */
const S_SINGULAR = new Set([
  'gas',
  'canvas',
  'atlas',
  'alias',
  'bias',
  'lens',
  'chaos',
  'cosmos',
  'ethos',
  'kudos',
  'pathos',
  'thermos',
  'pancreas',
  'rhinoceros',
  'asbestos',
  'iris',
]);

/** `-ch` words pronounced /k/: plural `-chs`. */
const CH_K = new Set(['epoch', 'stomach', 'monarch', 'patriarch', 'matriarch', 'oligarch', 'tech']);

/** Singular words ending in `-che` (so `caches` singularizes to `cache`, not `cach`). */
const CHE_SINGULAR = [
  'cache',
  'niche',
  'headache',
  'toothache',
  'backache',
  'earache',
  'stomachache',
  'avalanche',
  'mustache',
  'moustache',
  'psyche',
  'quiche',
  'cliche',
  'creche',
  'microfiche',
  'panache',
  'attache',
  'douche',
  'brioche',
  'cloche',
  'gauche',
  'pastiche',
  'tranche',
];

/** Short singular `-ie` words, matched as whole words only (`parties` is not `partie`). */
const IE_WHOLE = new Set(['pie', 'tie', 'lie', 'die', 'magpie', 'necktie', 'bowtie']);

/** Singular words ending in `-ie`, also matched as word endings (`movies` → `movie`). */
const IE_SUFFIX = [
  'movie',
  'cookie',
  'calorie',
  'zombie',
  'selfie',
  'hoodie',
  'rookie',
  'goodie',
  'brownie',
  'smoothie',
  'auntie',
  'collie',
  'sortie',
  'prairie',
  'boogie',
  'newbie',
  'freebie',
  'hippie',
  'yuppie',
  'birdie',
  'bootie',
  'cutie',
  'veggie',
  'junkie',
  'techie',
  'foodie',
  'indie',
  'pixie',
  'talkie',
  'beanie',
  'reverie',
  'oldie',
  'budgie',
  'kiddie',
  'sweetie',
  'groupie',
  'quickie',
  'bookie',
  'aussie',
  'barbie',
  'valkyrie',
  'hottie',
  'bestie',
];

const IRREGULAR_PLURAL_TO_SINGULAR = new Map(IRREGULAR.map(([s, p]) => [p, s] as const));
const IRREGULAR_SINGULAR_TO_PLURAL = new Map(IRREGULAR);

function endsWithWord(word: string, list: readonly string[]): string | undefined {
  return list.find((w) => word === w || word.endsWith(w));
}

/** Pluralize one lowercase word, without the "already plural" shortcut. */
function pluralizeWord(w: string): string {
  if (w === '' || UNCOUNTABLE.has(w)) return w;
  const irregular = IRREGULAR_SINGULAR_TO_PLURAL.get(w);
  if (irregular !== undefined) return irregular;
  for (const [s, p] of SUFFIX_IRREGULAR) {
    if (w.endsWith(s)) return w.slice(0, -s.length) + p;
  }
  if (w.endsWith('man') && !MAN_REGULAR.has(w) && !w.endsWith('woman')) {
    return w.slice(0, -3) + 'men';
  }
  if (/[^aeiouy]y$/.test(w) || /quy$/.test(w)) return w.slice(0, -1) + 'ies';
  if (w.endsWith('sis')) return w.slice(0, -3) + 'ses';
  if (w.endsWith('ch')) return CH_K.has(w) ? w + 's' : w + 'es';
  if (w.endsWith('zz')) return w + 'es';
  if (/(x|sh|ss|s|z)$/.test(w)) return w + 'es';
  if (w.endsWith('o') && O_ES.has(w)) return w + 'es';
  return w + 's';
}

/** Singularize one lowercase word. Returns the word unchanged when it already is singular. */
function singularizeWord(w: string): string {
  if (w === '' || UNCOUNTABLE.has(w)) return w;
  const irregular = IRREGULAR_PLURAL_TO_SINGULAR.get(w);
  if (irregular !== undefined) return irregular;
  if (w === 'indices') return 'index';
  if (IRREGULAR_SINGULAR_TO_PLURAL.has(w)) return w;
  for (const [s, p] of SUFFIX_IRREGULAR) {
    if (w.endsWith(p) && w !== 'olives') return w.slice(0, -p.length) + s;
    if (w.endsWith(s)) return w;
  }
  if (w.endsWith('men') && !MEN_SINGULAR.has(w)) return w.slice(0, -3) + 'man';
  if (S_SINGULAR.has(w) || US_ES.has(w) || MEN_SINGULAR.has(w)) return w;
  // Words that cannot be English plurals.
  if (w.endsWith('ss') || w.endsWith('is')) return w;
  if (w.endsWith('us')) {
    return U_NOUNS.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
  }
  if (!w.endsWith('s')) return w;

  if (w.endsWith('ies')) {
    const stem = w.slice(0, -1);
    const ie = IE_WHOLE.has(stem) || endsWithWord(stem, IE_SUFFIX) !== undefined;
    return ie ? stem : w.slice(0, -3) + 'y';
  }
  if (w.endsWith('yses')) return w.slice(0, -4) + 'ysis';
  if (w.endsWith('es')) {
    const stem = w.slice(0, -2);
    if (S_SINGULAR.has(stem) || US_ES.has(stem)) return stem;
    if (stem.endsWith('ss') || stem.endsWith('sh') || stem.endsWith('zz')) return stem;
    if (stem.endsWith('tz')) return stem;
    if (stem.endsWith('x')) return stem;
    if (stem.endsWith('ch')) {
      const che = stem === 'ach' || endsWithWord(w.slice(0, -1), CHE_SINGULAR) !== undefined;
      return che ? w.slice(0, -1) : stem;
    }
    if (stem.endsWith('o') && O_ES.has(stem)) return stem;
  }
  return w.slice(0, -1);
}

/** Split off the word to inflect: after the last `_`, or at the last CamelCase boundary. */
function splitLastWord(input: string): [prefix: string, word: string] {
  let start = input.lastIndexOf('_') + 1;
  for (let i = input.length - 1; i > start; i--) {
    const c = input[i] as string;
    const prev = input[i - 1] as string;
    if (c >= 'A' && c <= 'Z' && ((prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9'))) {
      start = i;
      break;
    }
  }
  return [input.slice(0, start), input.slice(start)];
}

/** Apply a lowercase transformation to `word`, keeping the casing of the common prefix. */
function preservingCase(word: string, fn: (lower: string) => string): string {
  const lower = word.toLowerCase();
  const result = fn(lower);
  if (lower === word) return result;
  let common = 0;
  while (common < lower.length && common < result.length && lower[common] === result[common]) {
    common++;
  }
  const allUpper = word === word.toUpperCase();
  const tail = result.slice(common);
  return word.slice(0, common) + (allUpper ? tail.toUpperCase() : tail);
}

/** `post` → `posts`, `blog_post` → `blog_posts`, `person` → `people`; plurals stay plural. */
export function pluralize(input: string): string {
  const [prefix, word] = splitLastWord(input);
  return prefix + preservingCase(word, (w) => (singularizeWord(w) !== w ? w : pluralizeWord(w)));
}

/** `posts` → `post`, `post_categories` → `post_category`; singulars stay singular. */
export function singularize(input: string): string {
  const [prefix, word] = splitLastWord(input);
  return prefix + preservingCase(word, singularizeWord);
}
