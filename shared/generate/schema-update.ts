/**
 * on_conflict "update" for schema modules: bring an existing module to the model by editing only
 * what the model owns (ARCHITECTURE: Decisions › tree-sitter for reading Elixir):
 * - the schema block: `field`s and associations added (new fields after the last field,
 *   associations after the fields, both before `timestamps`), changed in place, removed; the
 *   `timestamps` call; the table of `schema "…"`;
 * - changeset/2 (or a scoped changeset/3): the atoms of `cast` and `validate_required` (the
 *   user's extra atoms kept), and the
 *   steps the model writes (validate_length/format/number/inclusion/subset, unique_constraint,
 *   foreign_key_constraint), added, changed or removed one by one.
 * Every other byte stays. An item is changed only when what the file says there differs from the
 * model, judged by the view's own rendering of the file read back (`old`), so a line the user
 * spelled differently but that means the same is kept. What cannot be patched (a non-literal cast
 * list, a changeset that is not one pipeline, a step the user customised that the model changes)
 * is left alone and reported, one note per item. Removals are returned for confirmation.
 */
import { applyReplacements, schemaLayout } from '../elixir/schema-layout.js';
import type {
  BlockItem,
  ChangesetLayout,
  PipelineStep,
  Replace,
  SchemaLayout,
} from '../elixir/schema-layout.js';
import { exString } from '../render/index.js';
import { castStep, requiredStep, type SchemaParts } from '../view/ecto-schema/schema.ex.js';

export interface ModuleUpdate {
  /** The file, for notes. */
  path: string;
  /** The full module name (`MyApp.Blog.Post`). */
  module: string;
  source: string;
  /** The model's module, as the view renders it. */
  next: SchemaParts;
  /** The existing module read back and rendered by the same view; null when it cannot be. */
  old: SchemaParts | null;
  /** The model's table (null: embedded). */
  table: string | null;
  /** Fields and associations of the file the model cannot express (kept when the model lacks them). */
  unsupported: ReadonlySet<string>;
  /** Field renames of the model: former name → new name. */
  renamed: ReadonlyMap<string, string>;
}

export interface Removal {
  kind: 'field' | 'association' | 'timestamps';
  name: string;
}

export interface ModuleUpdateResult {
  content: string;
  /** What was left for the user, one line per item. */
  notes: string[];
  /** Fields and associations the update removes (destructive: to be confirmed). */
  removed: Removal[];
}

/** Compares code ignoring whitespace. */
const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

const VALIDATIONS = new Set([
  'validate_length',
  'validate_format',
  'validate_number',
  'validate_inclusion',
  'validate_subset',
]);
/**
 * Step order in a generated changeset: cast, validate_required, validations, constraints, and
 * last a scoped changeset's `put_change` of the scope key.
 */
function category(name: string): number | null {
  if (name === 'cast') return 0;
  if (name === 'validate_required') return 1;
  if (VALIDATIONS.has(name)) return 2;
  if (name === 'unique_constraint') return 3;
  if (name === 'foreign_key_constraint') return 4;
  if (name === 'put_change') return 5;
  return null;
}

/** The changeset arity a module's parts call for: 3 when it puts a scope key. */
const arityOf = (parts: SchemaParts): 2 | 3 =>
  parts.steps.some((st) => st.name === 'put_change') ? 3 : 2;

const stepKey = (name: string, fields: readonly string[]) => `${name}:${fields.join(',')}`;

class Patch {
  readonly edits: Replace[] = [];
  readonly notes: string[] = [];
  readonly removed: Removal[] = [];
  /** Field and foreign key names the schema block loses (for cast, required and steps). */
  readonly gone = new Set<string>();
  blockEdited = false;
  constructor(
    readonly u: ModuleUpdate,
    readonly layout: SchemaLayout,
  ) {}

  /** Text written for a 4-space body, in the file's line ending and indentation. */
  text(code: string, indent: string): string {
    const re = indent === '    ' ? code : code.replace(/^ {4}/gm, indent);
    return `${re}\n`.replace(/\n/g, this.layout.eol);
  }

  note(line: string): void {
    this.notes.push(`${this.u.path}: ${line}`);
  }

  /** The 1-based line of an offset of the source. */
  lineOf(offset: number): number {
    return this.u.source.slice(0, offset).split('\n').length;
  }
}

function indentOf(source: string, at: number): string {
  return /^[ \t]*/.exec(source.slice(at))![0];
}

// ---------------------------------------------------------------------------------------------
// The schema block

function blockIndent(p: Patch): string {
  const first = p.layout.items[0];
  return first ? indentOf(p.u.source, first.start) : '    ';
}

/** Replace an item's lines, or note why not. */
function replaceItem(p: Patch, item: BlockItem, code: string, what: string): void {
  if (!item.ownLines) {
    p.note(
      `line ${p.lineOf(item.start)}: ${what} shares its line with other code; change it to: ${code.trim()}`,
    );
    return;
  }
  p.edits.push({
    start: item.start,
    end: item.end,
    text: p.text(code, indentOf(p.u.source, item.start)),
  });
  p.blockEdited = true;
}

function removeItem(p: Patch, item: BlockItem, removal: Removal): void {
  if (!item.ownLines) {
    p.note(
      `line ${p.lineOf(item.start)}: ${removal.kind} ${removal.name} shares its line with other code; remove it yourself`,
    );
    return;
  }
  p.edits.push({ start: item.start, end: item.end, text: '' });
  p.removed.push(removal);
  p.blockEdited = true;
}

/** Keep, change or note one item that both the file and the model have. */
function updateItem(
  p: Patch,
  item: BlockItem,
  next: string,
  old: string | undefined,
  renamed: boolean,
): void {
  if (same(item.text, next.trim())) return;
  if (!renamed && old !== undefined && same(old, next)) return; // the user's spelling, same meaning
  if (p.u.unsupported.has(item.name ?? '')) {
    p.note(
      `line ${p.lineOf(item.start)}: ${item.call} ${item.name} says more than the model can express, so it was left as is; the model has: ${next.trim()}`,
    );
    return;
  }
  replaceItem(p, item, next, `${item.call} ${item.name}`);
}

interface Anchor {
  at: number;
  before: string;
  after: string;
}

/** Where new items of a group go (fields: after the last field; associations: after fields…). */
function anchorFor(p: Patch, group: 'field' | 'association' | 'timestamps'): Anchor {
  const items = p.layout.items;
  const last = (kinds: BlockItem['kind'][]) =>
    [...items].reverse().find((i) => kinds.includes(i.kind));
  const first = (kinds: BlockItem['kind'][]) => items.find((i) => kinds.includes(i.kind));
  const eol = p.layout.eol;
  const own = last([group]);
  if (own) return { at: own.end, before: '', after: '' };
  const earlier =
    group === 'field'
      ? undefined
      : last(group === 'association' ? ['field'] : ['field', 'association', 'other']);
  if (earlier) return { at: earlier.end, before: eol, after: '' };
  const later =
    group === 'timestamps'
      ? undefined
      : first(group === 'field' ? ['association', 'timestamps'] : ['timestamps']);
  if (later) return { at: later.start, before: '', after: eol };
  const any = last(['other']);
  if (any) return { at: any.end, before: eol, after: '' };
  return { at: p.layout.bodyStart, before: '', after: '' };
}

function insertItems(
  p: Patch,
  group: 'field' | 'association' | 'timestamps',
  codes: string[],
): void {
  if (codes.length === 0) return;
  const a = anchorFor(p, group);
  const indent = blockIndent(p);
  p.edits.push({
    start: a.at,
    end: a.at,
    text: a.before + codes.map((c) => p.text(c, indent)).join('') + a.after,
  });
  p.blockEdited = true;
}

function patchFields(p: Patch): void {
  const { next, old, renamed } = p.u;
  const wanted = new Map(next.fields.map((f) => [f.name, f.text]));
  const before = new Map(old?.fields.map((f) => [f.name, f.text]) ?? []);
  const present = new Set(p.layout.items.filter((i) => i.kind === 'field').map((i) => i.name));
  const done = new Set<string>();
  for (const item of p.layout.items) {
    if (item.kind !== 'field' || item.name === null) continue;
    const to = renamed.get(item.name);
    if (!wanted.has(item.name) && to !== undefined && wanted.has(to) && !present.has(to)) {
      replaceItem(p, item, wanted.get(to)!, `field ${item.name}`);
      done.add(to);
      continue;
    }
    const code = wanted.get(item.name);
    if (code !== undefined) {
      done.add(item.name);
      updateItem(p, item, code, before.get(item.name), false);
    } else if (!p.u.unsupported.has(item.name) || before.has(item.name)) {
      removeItem(p, item, { kind: 'field', name: item.name });
      p.gone.add(item.name);
    }
  }
  insertFields(p, done);
}

/**
 * The model's fields the file lacks, each where the model has it: before the first present field
 * it precedes in the model (a scoped schema's key field stays last), else after the last field.
 */
function insertFields(p: Patch, done: ReadonlySet<string>): void {
  const next = p.u.next;
  const items = new Map(
    p.layout.items.filter((i) => i.kind === 'field' && i.name !== null).map((i) => [i.name!, i]),
  );
  const ahead = new Map<BlockItem, string[]>();
  const atEnd: string[] = [];
  next.fields.forEach((f, i) => {
    if (done.has(f.name)) return;
    const follower = next.fields
      .slice(i + 1)
      .find((g) => done.has(g.name) && items.get(g.name)?.ownLines === true);
    if (follower === undefined) atEnd.push(f.text);
    else {
      const item = items.get(follower.name)!;
      ahead.set(item, [...(ahead.get(item) ?? []), f.text]);
    }
  });
  for (const [item, codes] of ahead) {
    const indent = indentOf(p.u.source, item.start);
    p.edits.push({
      start: item.start,
      end: item.start,
      text: codes.map((c) => p.text(c, indent)).join(''),
    });
    p.blockEdited = true;
  }
  insertItems(p, 'field', atEnd);
}

function patchAssociations(p: Patch): void {
  const { next, old } = p.u;
  const wanted = new Map(next.associations.map((a) => [a.name, a.text]));
  const before = new Map(old?.associations.map((a) => [a.name, a.text]) ?? []);
  const done = new Set<string>();
  for (const item of p.layout.items) {
    if (item.kind !== 'association' || item.name === null) continue;
    const code = wanted.get(item.name);
    if (code !== undefined) {
      done.add(item.name);
      updateItem(p, item, code, before.get(item.name), false);
    } else if (!p.u.unsupported.has(item.name) || before.has(item.name)) {
      removeItem(p, item, { kind: 'association', name: item.name });
      if (item.call === 'belongs_to') p.gone.add(item.foreignKey ?? `${item.name}_id`);
    }
  }
  insertItems(
    p,
    'association',
    next.associations.filter((a) => !done.has(a.name)).map((a) => a.text),
  );
}

function patchTimestamps(p: Patch): void {
  const item = p.layout.items.find((i) => i.kind === 'timestamps');
  const code = p.u.next.timestamps;
  if (item && code !== null) updateItem(p, item, code, p.u.old?.timestamps ?? undefined, false);
  else if (item) removeItem(p, item, { kind: 'timestamps', name: 'timestamps' });
  else if (code !== null) insertItems(p, 'timestamps', [code]);
}

function patchTable(p: Patch): void {
  const t = p.layout.table;
  if (p.u.table === null || t === null || t.value === p.u.table) return;
  p.edits.push({ start: t.start, end: t.end, text: exString(p.u.table) });
}

// ---------------------------------------------------------------------------------------------
// changeset/2

/** What the model changes in a list of atoms: renamed, dropped (`drop`), added (`add`, in order). */
function nextList(
  current: readonly string[],
  p: Patch,
  drop: ReadonlySet<string>,
  add: readonly string[],
): string[] {
  const out = current
    .map((n) => p.u.renamed.get(n) ?? n)
    .filter((n) => !drop.has(n) && !p.gone.has(n));
  // A new atom goes where the model has it: before the first atom it precedes in the model.
  add.forEach((n, i) => {
    if (out.includes(n)) return;
    const follower = add.slice(i + 1).find((m) => out.includes(m));
    if (follower === undefined) out.push(n);
    else out.splice(out.indexOf(follower), 0, n);
  });
  return out;
}

function minus(a: readonly string[] | undefined, b: readonly string[]): Set<string> {
  return new Set((a ?? []).filter((n) => !b.includes(n)));
}

function replaceStep(p: Patch, step: PipelineStep, code: string): void {
  p.edits.push({
    start: step.start,
    end: step.end,
    text: p.text(code, indentOf(p.u.source, step.start)),
  });
}

/** cast and validate_required: their atom lists. */
function patchLists(p: Patch, cs: ChangesetLayout, inserts: Map<number, string[]>): void {
  const { next, old } = p.u;
  const cast = cs.steps.find((s) => s.name === 'cast');
  const dropCast = minus(old?.cast, next.cast);
  if (!cast)
    p.note(`changeset/${cs.arity} has no cast step; cast these yourself: ${next.cast.join(', ')}`);
  else if (cast.fields === null || cast.args.length !== 2) {
    const add = next.cast.filter((n) => !(old?.cast ?? []).includes(n));
    const drop = [...new Set([...dropCast, ...p.gone])];
    const todo = [
      ...(add.length > 0 ? [`add ${add.map((n) => `:${n}`).join(', ')}`] : []),
      ...(drop.length > 0 ? [`remove ${drop.map((n) => `:${n}`).join(', ')}`] : []),
    ];
    if (todo.length > 0)
      p.note(
        `line ${p.lineOf(cast.start)}: the cast list is not a literal list, so it was left as is; ${todo.join('; ')}`,
      );
  } else {
    const list = nextList(cast.fields, p, dropCast, next.cast);
    if (list.join() !== cast.fields.join()) replaceStep(p, cast, castStep(list, cast.args[0]));
  }
  const req = cs.steps.find((s) => s.name === 'validate_required');
  const dropReq = minus(old?.required, next.required);
  if (req && (req.fields === null || req.args.length !== 1)) {
    const add = next.required.filter((n) => !(old?.required ?? []).includes(n));
    if (add.length > 0 || dropReq.size > 0 || p.gone.size > 0)
      p.note(
        `line ${p.lineOf(req.start)}: validate_required's list is not a literal list, so it was left as is; the model requires ${next.required.map((n) => `:${n}`).join(', ') || 'nothing'}`,
      );
  } else if (req) {
    const list = nextList(req.fields!, p, dropReq, next.required);
    if (list.length === 0) p.edits.push({ start: req.start, end: req.end, text: '' });
    else if (list.join() !== req.fields!.join()) replaceStep(p, req, requiredStep(list));
  } else if (next.required.length > 0 && cast) {
    inserts.set(cs.steps.indexOf(cast), [requiredStep(next.required)]);
  }
}

/** The other steps the model writes, keyed by name and fields. */
function patchSteps(p: Patch, cs: ChangesetLayout, inserts: Map<number, string[]>): void {
  const { next, old, renamed } = p.u;
  const wanted = new Map(next.steps.map((s) => [stepKey(s.name, s.fields), s]));
  const before = new Map(old?.steps.map((s) => [stepKey(s.name, s.fields), s]) ?? []);
  const done = new Set<string>();
  for (const step of cs.steps) {
    const cat = category(step.name);
    const mentionsGone = step.fields?.some((f) => p.gone.has(f) || renamed.has(f)) ?? false;
    if (cat === null || cat < 2 || step.fields === null) {
      if (cat === null && mentionsGone)
        p.note(
          `line ${p.lineOf(step.start)}: ${step.text.split('\n')[0]} names a field that was removed or renamed; change it yourself`,
        );
      continue;
    }
    const key0 = stepKey(step.name, step.fields);
    const key = stepKey(
      step.name,
      step.fields.map((f) => renamed.get(f) ?? f),
    );
    const want = wanted.get(key);
    const had = before.get(key0);
    const generated = had !== undefined && same(`|> ${step.text}`, had.text);
    if (want) {
      done.add(key);
      if (same(`|> ${step.text}`, want.text)) continue;
      if (key === key0 && had !== undefined && same(had.text, want.text)) continue;
      if (generated) replaceStep(p, step, want.text);
      else
        p.note(
          `line ${p.lineOf(step.start)}: ${step.text.split('\n')[0]} was left as is (not what the generator wrote); the model now says: ${want.text.trim()}`,
        );
    } else if (generated) {
      p.edits.push({ start: step.start, end: step.end, text: '' });
    } else if (mentionsGone) {
      p.note(
        `line ${p.lineOf(step.start)}: ${step.text.split('\n')[0]} names a field that was removed or renamed; change it yourself`,
      );
    }
  }
  for (const s of next.steps) {
    if (done.has(stepKey(s.name, s.fields))) continue;
    const at = anchorStep(cs.steps, category(s.name)!);
    if (at < 0) continue;
    inserts.set(at, [...(inserts.get(at) ?? []), s.text]);
  }
}

/** The last step whose category is at most `cat` (the step a new one goes after). */
function anchorStep(steps: readonly PipelineStep[], cat: number): number {
  for (let i = steps.length - 1; i >= 0; i--) {
    const c = category(steps[i]!.name);
    if (c !== null && c <= cat) return i;
  }
  return -1;
}

function patchChangeset(p: Patch): void {
  const cs = p.layout.changeset;
  const { next, old } = p.u;
  const changes =
    old === null ||
    p.gone.size > 0 ||
    p.u.renamed.size > 0 ||
    next.cast.join() !== old.cast.join() ||
    next.required.join() !== old.required.join() ||
    next.steps.map((s) => s.text).join() !== old.steps.map((s) => s.text).join();
  if (cs === null) {
    if (changes)
      p.note(
        `the module has no changeset/2, so nothing was cast or validated; the model casts ${next.cast.join(', ')}`,
      );
    return;
  }
  if (cs.arity !== arityOf(next)) {
    p.note(
      `line ${cs.line}: changeset/${cs.arity} was left as is: the model's changeset is changeset/${arityOf(next)} (${arityOf(next) === 3 ? 'scoped: it puts the scope key from a scope argument' : 'unscoped'}), and changing its arity would break its callers; change it and the context yourself, or generate with the scope the module has`,
    );
    return;
  }
  if (cs.problem !== null) {
    if (changes)
      p.note(
        `line ${cs.line}: changeset/${cs.arity} was left as is (${cs.problem}); bring its cast, validate_required and constraints to the model yourself`,
      );
    return;
  }
  const inserts = new Map<number, string[]>();
  patchLists(p, cs, inserts);
  patchSteps(p, cs, inserts);
  for (const [i, codes] of inserts) {
    const step = cs.steps[i]!;
    const indent = indentOf(p.u.source, step.start);
    p.edits.push({
      start: step.end,
      end: step.end,
      text: codes.map((c) => p.text(c, indent)).join(''),
    });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The blank lines `mix format` keeps in a block: none after `do` or before `end`, at most one in a
 * row, and one around a statement that spans several lines.
 */
async function tidyBlock(source: string, module: string, path: string): Promise<string> {
  const layout = await schemaLayout(source, module, path);
  const lines = source.slice(layout.bodyStart, layout.bodyEnd).split('\n');
  const blankBefore = new Set<number>();
  const blankAfter = new Set<number>();
  for (const item of layout.items) {
    if (!item.text.includes('\n')) continue;
    blankBefore.add(item.start);
    blankAfter.add(item.end);
  }
  const out: string[] = [];
  let offset = layout.bodyStart;
  const isBlank = (l: string) => l.trim() === '';
  for (const [i, line] of lines.entries()) {
    if (i === lines.length - 1 && line === '') break;
    const starts = offset;
    offset += line.length + 1;
    const prev = out[out.length - 1];
    if (
      blankBefore.has(starts) &&
      out.length > 0 &&
      !isBlank(prev!) &&
      !prev!.trim().startsWith('#')
    )
      out.push(layout.eol === '\r\n' ? '\r' : '');
    if (isBlank(line)) {
      if (out.length === 0 || isBlank(out[out.length - 1]!)) continue;
      out.push(line);
      continue;
    }
    if (blankAfter.has(starts) && out.length > 0 && !isBlank(out[out.length - 1]!))
      out.push(layout.eol === '\r\n' ? '\r' : '');
    out.push(line);
  }
  while (out.length > 0 && isBlank(out[out.length - 1]!)) out.pop();
  const body = out.map((l) => `${l}\n`).join('');
  return source.slice(0, layout.bodyStart) + body + source.slice(layout.bodyEnd);
}

/** Brings `u.source` to the model (see the file comment). */
export async function updateSchemaModule(u: ModuleUpdate): Promise<ModuleUpdateResult> {
  const layout = await schemaLayout(u.source, u.module, u.path);
  const p = new Patch(u, layout);
  patchTable(p);
  patchFields(p);
  patchAssociations(p);
  patchTimestamps(p);
  patchChangeset(p);
  if (p.edits.length === 0) return { content: u.source, notes: p.notes, removed: p.removed };
  let content = applyReplacements(u.source, p.edits);
  if (p.blockEdited) content = await tidyBlock(content, u.module, u.path);
  return { content, notes: p.notes, removed: p.removed };
}

/**
 * `codes` (association lines written for a 4-space body) added to `module`'s schema block after
 * its associations (or its fields); every other byte kept. For the inverse of a new belongs_to.
 */
export async function addAssociations(
  source: string,
  module: string,
  path: string,
  codes: readonly string[],
): Promise<string> {
  const layout = await schemaLayout(source, module, path);
  const none: SchemaParts = {
    fields: [],
    associations: [],
    timestamps: null,
    cast: [],
    required: [],
    steps: [],
  };
  const p = new Patch(
    {
      path,
      module,
      source,
      next: none,
      old: none,
      table: null,
      unsupported: new Set(),
      renamed: new Map(),
    },
    layout,
  );
  insertItems(p, 'association', [...codes]);
  return tidyBlock(applyReplacements(source, p.edits), module, path);
}
