/**
 * The phoenix-context plan: the normalized model → per context, what its three files hold.
 *
 * `planContexts` decides once, per context, which schemas get CRUD (skipping embedded schemas,
 * schemas without a context or a primary key, with a warning that says how to fix it), their
 * names, the attrs and assertions of the tests (values from ./context-values.ts), the parents a
 * fixture must create for a required belongs_to, the invalid attrs and the unique helpers.
 *
 * The files that write the Elixir from this plan are named after what they write:
 * ./context.ex.ts (lib/<app>/<ctx>.ex), ./context_test.exs.ts and ./fixtures.ex.ts. Names an
 * existing file already uses (its aliases) come in as `refs`, and every statement is laid out
 * mix-format-exact (./layout.ts).
 */
import { ELIXIR_RESERVED_WORDS, singularize, underscore } from '../../naming/index.js';
import { lastSegment, namespaceOf } from '../../model/index.js';
import type {
  App,
  BelongsTo,
  ManyToMany,
  Model,
  OnDelete,
  PrimaryKeyType,
  Schema,
  SchemaScope,
} from '../../model/index.js';
import {
  contextFilePath,
  contextTestFilePath,
  fixturesFilePath,
  fixturesModule,
  fullModule,
  pluralName,
  repoAlias,
  singularName,
} from '../common.js';
import { fieldValues, invalidLiteral, type Value } from './values.js';

export interface ParentPlan {
  /** The foreign key column in attrs (`author_id`). */
  key: string;
  /** The variable holding the parent in tests (`author`). */
  variable: string;
  /** The parent's primary key field (`id`). */
  pk: string;
  /** `user_fixture` */
  fixture: string;
  /** `MyApp.AccountsFixtures` */
  fixturesModule: string;
  /** `test/support/fixtures/accounts_fixtures.ex` */
  fixturesPath: string;
  /** The parent's fixture lives in the module being generated (call it unqualified). */
  sameContext: boolean;
  /** The parent is not in the batch: its fixture is assumed to exist. */
  external: boolean;
  /** For warnings: `Accounts.User`. */
  target: string;
  /** The scope argument its fixture takes (see {@link ScopePlan}), or null when unscoped. */
  scopeArg: string | null;
}

/**
 * The Phoenix 1.8 scope of a scoped schema: every context function takes the scope first, and
 * the records belong to the scope's key (`post.user_id == scope.user.id`).
 */
export interface ScopePlan {
  /** `user` */
  name: string;
  /** `MyApp.Accounts.Scope` */
  module: string;
  /** `Scope` */
  alias: string;
  /** `scope.user.id`: the owner's key, read from the `scope` variable. */
  access: string;
  /** `user_id` */
  key: string;
  /** `user_scope_fixture` */
  fixture: string;
  /** `MyApp.AccountsFixtures` */
  fixturesModule: string;
  /** `MyApp.PubSub` */
  pubsub: string;
  /** The topic's string literal, with `key` interpolated: `"user:#{key}:posts"`. */
  topic: string;
  /** `Repo.all_by/3` exists (Ecto ≥ 3.13); else list_ filters with a query. */
  allBy: boolean;
}

/**
 * The owner of a schema's rows (a belongs_to marked owner): `create_<singular>` takes it as an
 * argument and sets the key from it, attrs never carry it, and the fixture takes it under the
 * association's name in its attrs (`comment_fixture(%{post: post})`) or inserts one.
 */
export interface OwnerPlan {
  /** `post`: the association, the fixture's attrs key. */
  name: string;
  /** `post_id` */
  key: string;
  /** `post`: the parameter of create_ and the variable of tests. */
  variable: string;
  /** The owner's key field (`id`): the value is `post.id`. */
  pk: string;
  /** Full module of the owner: MyApp.Blog.Post */
  module: string;
  /** The owner is scoped by the same scope: create_ checks `post.user_id == scope.user.id`. */
  sameScope: boolean;
  /** How a fixture or test inserts one; null when none can be (a warning says why). */
  parent: ParentPlan | null;
}

export interface AttrPlan {
  key: string;
  create: Value;
  update: Value;
  /** The value in the fixture's defaults (a unique helper call or the create value). */
  fixture: string;
}

export interface SchemaPlan {
  /** Full module: MyApp.Blog.Post */
  module: string;
  /** Relative module: Blog.Post */
  rel: string;
  /** Post */
  alias: string;
  singular: string;
  plural: string;
  /** The variable name for one record (`post`; never a reserved word). */
  variable: string;
  /** Words for docs: "blog post". */
  human: string;
  /** "a blog post", "an item". */
  aHuman: string;
  humanPlural: string;
  pk: { name: string; type: PrimaryKeyType };
  attrs: AttrPlan[];
  parents: ParentPlan[];
  /** null: no attribute can be made invalid, so the invalid-data tests are left out. */
  invalid: { key: string; literal: string }[] | null;
  uniqueHelpers: { name: string; field: string; body: string }[];
  /**
   * The has_many/has_one associations: rows of their tables point at this schema's rows, so
   * `delete_<singular>` declares `no_assoc_constraint` for each. `on_delete` is what the child's
   * foreign key does (null when the child is outside the batch); `fixture` is set when the child
   * is in the same context and its key blocks the delete (the test that shows the error).
   */
  children: ChildPlan[];
  /** many_to_many associations, settable through `<singular>_ids` in create/update attrs. */
  manyToMany: ManyToManyPlan[];
  /** The scope of its functions (Phoenix 1.8), or null for unscoped functions. */
  scope: ScopePlan | null;
  /** The owner create_ takes as an argument, or null. */
  owner: OwnerPlan | null;
}

export interface ManyToManyPlan {
  name: string;
  /** `tag_ids` */
  idsKey: string;
  /** Full module of the target: MyApp.Blog.Tag */
  target: string;
  /** The target's primary key column. */
  targetKey: string;
  /** `put_post_tags` */
  helper: string;
  /** The target's fixture when it is in the batch: [fixtures module, function]. */
  fixture: { module: string; name: string; scopeArg: string | null } | null;
}

export interface ChildPlan {
  name: string;
  foreign_key: string;
  on_delete: OnDelete | null;
  /** Words for docs: "comments". */
  human: string;
  fixture: string | null;
  /** The scope argument of the child's fixture, or null when unscoped. */
  scopeArg: string | null;
  /**
   * The child's key is its owner's: its fixture takes this record under this attrs key
   * (`comment_fixture(%{post: post})`) instead of the foreign key. null: an ordinary key.
   */
  ownerName: string | null;
}

export interface ContextPlan {
  /** Relative: Blog */
  context: string;
  /** MyApp.Blog */
  module: string;
  /** The alias tests use: Blog */
  alias: string;
  contextPath: string;
  testPath: string;
  fixturesPath: string;
  testModule: string;
  fixturesModule: string;
  dataCase: string;
  repo: { module: string; line: string };
  schemas: SchemaPlan[];
}

export interface PlanResult {
  contexts: ContextPlan[];
  /** Problems that make generation impossible (e.g. two schemas with the same function names). */
  errors: string[];
}

/** "a post", "an item", "a user", "an update": the indefinite article by the first sounds. */
export function withArticle(words: string): string {
  const w = words.toLowerCase();
  const vowel = /^[aeio]/.test(w) || (/^u/.test(w) && !/^u(ni|s|ti|r[aeiou]|ku|tu)/.test(w));
  return `${vowel ? 'an' : 'a'} ${words}`;
}

const RESERVED_VARIABLES = new Set(['attrs', 'id', 'valid_attrs', 'update_attrs']);

const SCOPED_VARIABLES = new Set(['scope', 'other_scope', 'key', 'message']);

function variableFor(name: string, scoped = false): string {
  return ELIXIR_RESERVED_WORDS.has(name) ||
    RESERVED_VARIABLES.has(name) ||
    (scoped && SCOPED_VARIABLES.has(name))
    ? `${name}_record`
    : name;
}

function repoLine(app: App): string {
  const r = repoAlias(app);
  return r.as === null ? `alias ${r.alias}` : `alias ${r.alias}, as: ${r.as}`;
}

/** Why a schema gets no context functions, or null. */
function skipReason(s: Schema): string | null {
  if (s.embedded) {
    return `${s.module} is an embedded schema (it has no table of its own), so it gets no context functions; it is saved through its parent schema's changeset (cast_embed).`;
  }
  if (s.context === null) {
    return `${s.module} has no context, so no context functions were generated for it; set "context" on the schema (e.g. "context": "${namespaceOf(s.module) ?? 'Catalog'}"), or name it inside one (e.g. "Catalog.${s.module}"), or with specs start the line with the context ("Catalog ${s.module} ${s.table} …").`;
  }
  if (s.primary_key === false) {
    return `${s.module} has no primary key, so get/update/delete cannot find its rows and no context functions were generated for it; give it a primary key.`;
  }
  return null;
}

const UNIQUE_TYPES = new Set([
  'string',
  'text',
  'binary',
  'integer',
  'id',
  'float',
  'decimal',
  'uuid',
  'binary_id',
  'date',
  'time',
  'time_usec',
  'naive_datetime',
  'naive_datetime_usec',
  'utc_datetime',
  'utc_datetime_usec',
]);

interface Edge {
  from: number;
  to: number;
}

/** Plans every context of the batch. `now` gives the date/time test values. */
export function planContexts(
  model: Model,
  opts: { now: Date; warn(message: string): void; app?: App; repoAllBy?: boolean },
): PlanResult {
  const app: App = model.app ??
    opts.app ?? { otp_app: 'my_app', base_module: 'MyApp', repo: 'MyApp.Repo' };
  const errors: string[] = [];
  const { warn } = opts;
  const schemas = model.schemas;
  const skipped = schemas.map(skipReason);
  skipped.forEach((r) => r && warn(r));

  const reaches = requiredReach(schemas);

  const groups = new Map<string, number[]>();
  schemas.forEach((s, i) => {
    if (skipped[i] !== null || s.context === null) return;
    const members = groups.get(s.context);
    if (members) members.push(i);
    else groups.set(s.context, [i]);
  });

  const contexts: ContextPlan[] = [];
  for (const [context, members] of groups) {
    const module = fullModule(app, context);
    const batch: Batch = {
      app,
      schemas,
      context,
      skipped,
      reaches,
      now: opts.now,
      warn,
      repoAllBy: opts.repoAllBy ?? false,
    };
    const plans = members.map((i) => planSchema(batch, i));
    const bySingular = new Map<string, string>();
    const byPlural = new Map<string, string>();
    for (const p of plans) {
      const clash = bySingular.get(p.singular) ?? byPlural.get(p.plural);
      if (clash) {
        errors.push(
          `${clash} and ${p.rel} would both define functions such as get_${p.singular}!/1 in ${module}; put one of them in another context.`,
        );
      }
      bySingular.set(p.singular, p.rel);
      byPlural.set(p.plural, p.rel);
    }
    contexts.push({
      context,
      module,
      alias: lastSegment(context),
      contextPath: contextFilePath(app, context),
      testPath: contextTestFilePath(app, context),
      fixturesPath: fixturesFilePath(context),
      testModule: `${module}Test`,
      fixturesModule: fixturesModule(app, context),
      dataCase: `${app.base_module}.DataCase`,
      repo: { module: app.repo, line: repoLine(app) },
      schemas: plans,
    });
  }
  return { contexts, errors };
}

/** What planning one schema of a context needs to know about the batch. */
interface Batch {
  app: App;
  schemas: readonly Schema[];
  /** The context being planned. */
  context: string;
  /** Per schema: why it gets no context functions, or null. */
  skipped: readonly (string | null)[];
  reaches: (from: number, to: number) => boolean;
  now: Date;
  warn: (m: string) => void;
  repoAllBy: boolean;
}

/** The fixtures module that defines a scope's `<name>_scope_fixture/0`. */
function scopeFixturesModule(app: App, scope: SchemaScope): string {
  if (scope.test_data_fixture !== undefined) return scope.test_data_fixture;
  const ns = namespaceOf(scope.module);
  return ns === null ? `${app.base_module}.Fixtures` : `${ns}Fixtures`;
}

function planScope(batch: Batch, s: Schema, plural: string): ScopePlan | null {
  const scope = s.scope;
  if (scope === undefined) return null;
  const { app } = batch;
  if (scope.test_data_fixture === undefined) {
    batch.warn(
      `The scope :${scope.name} has no test_data_fixture in its config, so the tests of ${s.module} import ${scopeFixturesModule(app, scope)}.${scope.name}_scope_fixture/0; add test_data_fixture to the scope's config if it lives elsewhere.`,
    );
  }
  return {
    name: scope.name,
    module: scope.module,
    alias: lastSegment(scope.module),
    access: ['scope', ...scope.access_path].join('.'),
    key: scope.schema_key,
    fixture: `${scope.name}_scope_fixture`,
    fixturesModule: scopeFixturesModule(app, scope),
    pubsub: `${app.base_module}.PubSub`,
    topic: `"${scope.name}:#{key}:${plural}"`,
    allBy: batch.repoAllBy,
  };
}

/**
 * The scope argument of the fixture of `target` called from a function of `from`: `scope` when
 * both have the same scope (the caller's variable), a fresh scope from the target's scope fixture
 * when only the target is scoped, null when the target is unscoped or outside the batch.
 */
function scopeArgFor(app: App, from: Schema, target: Schema | undefined): string | null {
  const ts = target?.scope;
  if (ts === undefined) return null;
  if (from.scope?.name === ts.name) return 'scope';
  return `${scopeFixturesModule(app, ts)}.${ts.name}_scope_fixture()`;
}

function planSchema(batch: Batch, index: number): SchemaPlan {
  const { app, warn } = batch;
  const s = batch.schemas[index]!;
  const singular = singularName(s);
  const plural = pluralName(s);
  const variable = variableFor(singular, s.scope !== undefined);
  const pk = s.primary_key === false ? { name: 'id', type: 'id' as const } : s.primary_key;
  const { parents, owner } = planParents(batch, index, variable);
  const parentKeys = new Set(parents.map((p) => p.key));
  const freshKeys = owner === null ? parentKeys : new Set([...parentKeys, owner.key]);
  const { attrs, uniqueHelpers } = planAttrs(
    s,
    singular,
    uniqueFieldsOf(s, freshKeys, warn),
    batch,
  );
  return {
    module: fullModule(app, s.module),
    rel: s.module,
    alias: lastSegment(s.module),
    singular,
    plural,
    variable,
    human: singular.replaceAll('_', ' '),
    aHuman: withArticle(singular.replaceAll('_', ' ')),
    humanPlural: plural.replaceAll('_', ' '),
    pk,
    attrs,
    parents,
    invalid: invalidAttrs(s, parentKeys, warn),
    uniqueHelpers,
    children: planChildren(batch, s),
    manyToMany: planManyToMany(batch, s, singular),
    scope: planScope(batch, s, plural),
    owner,
  };
}

/** The many_to_many associations of `s`, and the target's fixture for their test. */
function planManyToMany(batch: Batch, s: Schema, singular: string): ManyToManyPlan[] {
  const { app, schemas } = batch;
  return s.associations
    .filter((a): a is ManyToMany => a.kind === 'many_to_many')
    .map((a) => {
      const t = a.target_index === null ? undefined : schemas[a.target_index];
      const tctx = t === undefined ? null : (t.context ?? namespaceOf(t.module));
      return {
        name: a.name,
        idsKey: `${singularize(a.name)}_ids`,
        target: fullModule(app, a.target),
        targetKey: a.target_key,
        helper: `put_${singular}_${a.name}`,
        fixture:
          t === undefined || t.embedded || t.primary_key === false || !tctx
            ? null
            : {
                module: `${fullModule(app, tctx)}Fixtures`,
                name: `${singularName(t)}_fixture`,
                scopeArg: scopeArgFor(app, s, t),
              },
      };
    });
}

/** The has_* associations of `s`, with what the child's foreign key does on delete. */
function planChildren(batch: Batch, s: Schema): ChildPlan[] {
  const children: ChildPlan[] = [];
  for (const a of s.associations) {
    if (a.kind !== 'has_many' && a.kind !== 'has_one') continue;
    const child = a.target_index === null ? undefined : batch.schemas[a.target_index];
    const fk = child?.associations.find(
      (b): b is BelongsTo => b.kind === 'belongs_to' && b.foreign_key === a.foreign_key,
    );
    const onDelete = fk === undefined ? null : fk.on_delete;
    const blocks = onDelete === 'nothing' || onDelete === 'restrict';
    children.push({
      name: a.name,
      foreign_key: a.foreign_key,
      on_delete: onDelete,
      human: a.name.replaceAll('_', ' '),
      fixture:
        child !== undefined && blocks && (child.context ?? '') === batch.context && !child.embedded
          ? `${singularName(child)}_fixture`
          : null,
      scopeArg: scopeArgFor(batch.app, s, child),
      ownerName: fk?.owner === true ? fk.name : null,
    });
  }
  return children;
}

/**
 * Parents the fixture must create: required belongs_to and required references fields; the
 * owner's apart (it is an argument of create_, not a key in attrs).
 */
function planParents(
  batch: Batch,
  index: number,
  variable: string,
): { parents: ParentPlan[]; owner: OwnerPlan | null } {
  const { app, schemas, skipped, warn } = batch;
  const s = schemas[index]!;
  const parents: ParentPlan[] = [];
  const taken = new Set([variable, 'valid_attrs', 'update_attrs', 'attrs']);
  if (s.scope !== undefined) for (const v of SCOPED_VARIABLES) taken.add(v);
  const freshVariable = (varBase: string) => {
    let v = variableFor(varBase);
    for (let n = 2; taken.has(v); n++) v = `${varBase}_${n}`;
    taken.add(v);
    return v;
  };
  const ownerAssoc = s.associations.find(
    (a): a is BelongsTo => a.kind === 'belongs_to' && a.owner === true,
  );
  const ownerVariable = ownerAssoc === undefined ? null : freshVariable(ownerAssoc.name);
  const addParent = (
    key: string,
    varBase: string,
    target: string,
    targetIndex: number | null,
    targetPk: string,
    fixedVariable: string | null = null,
  ): ParentPlan | null => {
    const where = `${s.module}.${key}`;
    if (targetIndex !== null && (targetIndex === index || batch.reaches(targetIndex, index))) {
      warn(
        `${where} is required and its parent ${target} (directly or through its own required parents) requires ${s.module}, so no fixture can create both; the generated fixture and tests leave ${key} out and will fail until you make one side optional or create the rows by hand.`,
      );
      return null;
    }
    let parentContext: string | null;
    let fixtureName: string;
    if (targetIndex !== null) {
      const t = schemas[targetIndex]!;
      parentContext = skipped[targetIndex] === null ? t.context : null;
      fixtureName = `${singularName(t)}_fixture`;
    } else {
      parentContext = namespaceOf(target);
      fixtureName = `${underscore(lastSegment(target))}_fixture`;
    }
    if (parentContext === null) {
      warn(
        `${where} is required, but its parent ${target} has no fixtures module to create one (it has no context); the generated fixture and tests leave ${key} out, so creating ${s.module} fails until you pass ${key}.`,
      );
      return null;
    }
    return {
      key,
      variable: fixedVariable ?? freshVariable(varBase),
      pk: targetPk,
      fixture: fixtureName,
      fixturesModule: fixturesModule(app, parentContext),
      fixturesPath: fixturesFilePath(parentContext),
      sameContext: parentContext === batch.context,
      external: targetIndex === null,
      target,
      scopeArg: scopeArgFor(app, s, targetIndex === null ? undefined : schemas[targetIndex]),
    };
  };
  const push = (p: ParentPlan | null) => p !== null && parents.push(p);
  let owner: OwnerPlan | null = null;
  if (ownerAssoc !== undefined && ownerVariable !== null) {
    const a = ownerAssoc;
    const t = a.target_index === null ? undefined : schemas[a.target_index];
    owner = {
      name: a.name,
      key: a.foreign_key,
      variable: ownerVariable,
      pk: a.target_key,
      module: fullModule(app, a.target),
      sameScope: s.scope !== undefined && t?.scope?.name === s.scope.name,
      parent: addParent(
        a.foreign_key,
        a.name,
        a.target,
        a.target_index,
        a.target_key,
        ownerVariable,
      ),
    };
  }
  for (const a of s.associations) {
    if (a.kind === 'belongs_to' && a.required && a.owner !== true) {
      push(addParent(a.foreign_key, a.name, a.target, a.target_index, a.target_key));
    }
  }
  for (const f of s.fields) {
    if (f.type !== 'references' || !f.required || !f.references) continue;
    const t = schemas.findIndex((x) => !x.embedded && x.table === f.references!.table);
    if (t < 0) {
      warn(
        `${s.module}.${f.name} is a required reference to the table ${f.references.table}, which no schema of this batch owns; the generated fixture and tests leave it out. Use a belongs_to association to the schema instead, or add ${f.name} to the fixture by hand.`,
      );
      continue;
    }
    const target = schemas[t]!;
    const base = f.name.endsWith('_id') ? f.name.slice(0, -3) : `${f.name}_parent`;
    push(
      addParent(
        f.name,
        base,
        target.module,
        t,
        target.primary_key === false ? 'id' : target.primary_key.name,
      ),
    );
  }
  return { parents, owner };
}

/** Fields that need a fresh value per fixture: unique ones and one per composite unique index. */
function uniqueFieldsOf(
  s: Schema,
  parentKeys: ReadonlySet<string>,
  warn: (m: string) => void,
): Set<string> {
  const uniqueFields = new Set(s.fields.filter((f) => f.unique).map((f) => f.name));
  for (const ix of s.indexes) {
    if (!ix.unique || ix.columns.length < 2) continue;
    if (ix.columns.some((c) => parentKeys.has(c) || uniqueFields.has(c))) continue;
    const pick = ix.columns.find((c) =>
      s.fields.some((f) => f.name === c && f.type !== 'references' && UNIQUE_TYPES.has(f.type)),
    );
    if (pick) uniqueFields.add(pick);
    else {
      warn(
        `${s.module}: the unique index on (${ix.columns.join(', ')}) has no column the fixtures can vary, so a second fixture in one test violates it.`,
      );
    }
  }
  return uniqueFields;
}

/** The create/update/fixture values of every field, and the unique-value helpers they call. */
function planAttrs(
  s: Schema,
  singular: string,
  uniqueFields: ReadonlySet<string>,
  batch: Pick<Batch, 'now' | 'warn'>,
): Pick<SchemaPlan, 'attrs' | 'uniqueHelpers'> {
  const attrs: AttrPlan[] = [];
  const uniqueHelpers: SchemaPlan['uniqueHelpers'] = [];
  for (const f of s.fields) {
    if (f.type === 'references' || f.name === s.scope?.schema_key) continue;
    const v = fieldValues(f, {
      now: batch.now,
      unique: uniqueFields.has(f.name),
      where: `${s.module} field "${f.name}"`,
      warn: batch.warn,
    });
    let fixture = v.create.attr;
    if (v.unique !== null) {
      const name = `unique_${singular}_${f.name}`;
      uniqueHelpers.push({ name, field: f.name, body: v.unique });
      fixture = `${name}()`;
    }
    attrs.push({ key: f.name, create: v.create, update: v.update, fixture });
  }
  return { attrs, uniqueHelpers };
}

/**
 * Invalid attrs: nil for every required field and required parent key; else one value of the
 * wrong type; else none (and no invalid-data tests).
 */
function invalidAttrs(
  s: Schema,
  parentKeys: ReadonlySet<string>,
  warn: (m: string) => void,
): SchemaPlan['invalid'] {
  const invalid = [
    ...s.fields
      .filter((f) => f.required && (f.type !== 'references' || parentKeys.has(f.name)))
      .map((f) => ({ key: f.name, literal: 'nil' })),
    ...s.associations
      .filter((a): a is BelongsTo => a.kind === 'belongs_to')
      .filter((a) => a.required && parentKeys.has(a.foreign_key))
      .map((a) => ({ key: a.foreign_key, literal: 'nil' })),
  ];
  if (invalid.length > 0) return invalid;
  const field = s.fields.find((f) => f.type !== 'references' && f.name !== s.scope?.schema_key);
  if (field) return [{ key: field.name, literal: invalidLiteral(field.type) }];
  const fk = s.associations.find(
    (a): a is BelongsTo => a.kind === 'belongs_to' && a.owner !== true,
  );
  if (fk) return [{ key: fk.foreign_key, literal: invalidLiteral(fk.type) }];
  warn(
    `${s.module} has no attribute that can be invalid (no fields and no foreign keys), so its tests leave out the invalid-data cases.`,
  );
  return null;
}

/**
 * Required parents inside the batch (required belongs_to and required references fields) as a
 * reachability test, to refuse fixtures that would have to create each other.
 */
function requiredReach(schemas: readonly Schema[]): (from: number, to: number) => boolean {
  const requiredEdges: Edge[] = [];
  const byTable = new Map<string, number>();
  schemas.forEach((x, i) => {
    if (!x.embedded && !byTable.has(x.table)) byTable.set(x.table, i);
  });
  schemas.forEach((s, i) => {
    for (const a of s.associations) {
      if (a.kind === 'belongs_to' && a.required && a.target_index !== null) {
        requiredEdges.push({ from: i, to: a.target_index });
      }
    }
    for (const f of s.fields) {
      if (f.type === 'references' && f.required && f.references) {
        const t = byTable.get(f.references.table);
        if (t !== undefined) requiredEdges.push({ from: i, to: t });
      }
    }
  });
  const next = new Map<number, number[]>();
  for (const e of requiredEdges) {
    const out = next.get(e.from);
    if (out) out.push(e.to);
    else next.set(e.from, [e.to]);
  }
  return (from: number, to: number): boolean => {
    const seen = new Set<number>();
    const stack = [from];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const t of next.get(n) ?? []) stack.push(t);
    }
    return false;
  };
}
