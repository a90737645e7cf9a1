/**
 * Derived names and type literals every generator needs, computed in one place, so no view
 * inflects or decides them twice (docs/ARCHITECTURE.md, "Where Elixir is written").
 */
import { pluralize, underscore } from '../naming/index.js';
import { ECTO_SCHEMA_TYPE, MIGRATION_TYPE, lastSegment } from '../model/index.js';
import type { App, Field, Schema, ScalarType } from '../model/index.js';
import { ex, exLiteral, exString, type Ex } from '../render/index.js';

/** "MyApp.Blog.Post" from "Blog.Post". */
export function fullModule(app: App, rel: string): string {
  return `${app.base_module}.${rel}`;
}

/** "blog/post" from "Blog.Post". */
export function modulePath(rel: string): string {
  return rel
    .split('.')
    .map((s) => underscore(s))
    .join('/');
}

/** lib/my_app/blog/post.ex */
export function schemaFilePath(app: App, s: Schema): string {
  return `lib/${app.otp_app}/${modulePath(s.module)}.ex`;
}

/** lib/my_app/blog.ex */
export function contextFilePath(app: App, context: string): string {
  return `lib/${app.otp_app}/${modulePath(context)}.ex`;
}

/** test/my_app/blog_test.exs */
export function contextTestFilePath(app: App, context: string): string {
  return `test/${app.otp_app}/${modulePath(context)}_test.exs`;
}

/** test/support/fixtures/blog_fixtures.ex */
export function fixturesFilePath(context: string): string {
  return `test/support/fixtures/${modulePath(context)}_fixtures.ex`;
}

/** MyApp.BlogFixtures */
export function fixturesModule(app: App, context: string): string {
  return `${app.base_module}.${context}Fixtures`;
}

/** "post" for Blog.Post: the name in context functions (get_post!, create_post). */
export function singularName(s: Schema): string {
  return underscore(lastSegment(s.module));
}

/** "posts" for Blog.Post: list_posts. Follows the module, not a custom table name. */
export function pluralName(s: Schema): string {
  const singular = singularName(s);
  const plural = pluralize(singular);
  // An uncountable word (e.g. "news") would make list_news/get_news! collide with nothing, but
  // a plural equal to the singular is still fine for function names.
  return plural;
}

/** The alias used inside a context: "Post" for Blog.Post. */
export function schemaAlias(s: Schema): string {
  return lastSegment(s.module);
}

/** The repo alias in contexts: Repo, or `alias X.Db, as: Repo` for a repo not ending in .Repo. */
export function repoAlias(app: App): { alias: string; as: string | null } {
  return app.repo.endsWith('.Repo')
    ? { alias: app.repo, as: null }
    : { alias: app.repo, as: 'Repo' };
}

/** Migrations directory for the app's repo: priv/repo/migrations, priv/<repo>/migrations. */
export function migrationsDir(app: App): string {
  return `priv/${underscore(lastSegment(app.repo))}/migrations`;
}

function innerSchemaType(t: ScalarType | 'enum'): string {
  return t === 'enum' ? 'Ecto.Enum' : ECTO_SCHEMA_TYPE[t];
}

/** The field type as written in `field :name, <type>` (Ecto.Enum's values are separate). */
export function ectoType(f: Field): string {
  switch (f.type) {
    case 'array':
      return `{:array, ${innerSchemaType(f.inner ?? 'string')}}`;
    case 'map':
      return f.inner ? `{:map, ${innerSchemaType(f.inner as ScalarType)}}` : ':map';
    case 'enum':
      return 'Ecto.Enum';
    case 'references':
      return f.references?.type === 'binary_id' ? ':binary_id' : ':id';
    default:
      return ECTO_SCHEMA_TYPE[f.type];
  }
}

/** The column type in `add :name, <type>`. */
export function migrationType(f: Field): string {
  switch (f.type) {
    case 'array': {
      const inner = f.inner ?? 'string';
      return `{:array, ${inner === 'enum' ? ':string' : MIGRATION_TYPE[inner]}}`;
    }
    case 'map':
      return ':map';
    case 'enum':
      return ':string';
    case 'references':
      return f.references?.type === 'binary_id' ? ':binary_id' : ':bigint';
    default:
      return MIGRATION_TYPE[f.type];
  }
}

/** A JSON value (a map or list default) as a layout tree, so it wraps like `mix format`. */
export function jsonEx(v: unknown): Ex {
  if (Array.isArray(v)) return ex.list(v.map(jsonEx));
  if (v !== null && typeof v === 'object') {
    return ex.map(
      Object.entries(v as Record<string, unknown>).map(([k, x]) =>
        ex.arrow(exString(k), jsonEx(x)),
      ),
    );
  }
  return ex.raw(exLiteral(v));
}
