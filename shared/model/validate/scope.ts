/**
 * Phoenix 1.8 scopes: which scope each schema of the batch is generated in, and its key column.
 *
 * A schema's own `scope` (a spec line's `--scope NAME` / `--no-scope`) wins, then the call's
 * `scope`, then the project's default scope; `false` means none. The scope key becomes the last
 * field of the schema (`cast: false`: the changeset puts it from the scope, so a user's attrs can
 * never move a record to another owner), a foreign key to the scope's table that deletes the
 * records with their owner, or a plain column when the scope has no table.
 */
import type { SchemaDef } from '../schema.js';
import type { Field, Schema, SchemaScope } from '../normalized.js';
import type { Report } from './report.js';

/** The scopes a project configures, for {@link applyScopes}. */
export interface ScopeOptions {
  /** Every usable scope of the project (`default` marks the default ones). */
  available: readonly (SchemaScope & { default?: boolean })[];
  /** The file that configures them, for messages (`config/config.exs`). */
  where: string;
  /** The call's `scope`: a name, or false for none; undefined: the project's default. */
  requested?: string | false | undefined;
  /** Why the project's scopes cannot be used, when it has some (e.g. Phoenix older than 1.8). */
  unavailable?: string | undefined;
}

const ELIXIR_IDENT = /^[a-z_][a-zA-Z0-9_]*$/;

function listScopes(o: ScopeOptions): string {
  if (o.available.length === 0) {
    return o.unavailable ?? `${o.where} configures no scopes (config :<app>, :scopes, …)`;
  }
  const names = o.available.map((s) => `:${s.name}${s.default === true ? ' (default)' : ''}`);
  return `${o.where} configures ${names.join(', ')}`;
}

/** The column a scope adds to a schema. */
function scopeKeyField(scope: SchemaScope): Field {
  const table = scope.schema_table;
  return {
    name: scope.schema_key,
    type: table === undefined ? scope.schema_type : 'references',
    inner: null,
    values: null,
    references:
      table === undefined ? null : { table, on_delete: 'delete_all', type: scope.schema_type },
    required: false,
    unique: false,
    redact: false,
    null: true,
    cast: false,
    default: undefined,
    size: null,
    precision: null,
    scale: null,
    validations: {},
  };
}

/** A scope whose names cannot be written into Elixir code as identifiers. */
function badNames(scope: SchemaScope): string | null {
  const bad = [scope.name, scope.schema_key, ...scope.access_path].find(
    (n) => !ELIXIR_IDENT.test(n),
  );
  return bad === undefined ? null : bad;
}

/** The scope schema `i` asks for (undefined: none), or an error reported. */
function chosenScope(
  def: SchemaDef,
  s: Schema,
  p: string,
  o: ScopeOptions,
  err: Report,
): SchemaScope | undefined {
  const asked = def.scope ?? o.requested;
  if (asked === false) return undefined;
  if (asked === undefined) {
    if (s.embedded) return undefined;
    const defaults = o.available.filter((sc) => sc.default === true);
    if (defaults.length > 1) {
      err(
        `${p}.scope`,
        `${o.where} marks ${defaults.map((d) => `:${d.name}`).join(' and ')} as default scopes, and Phoenix allows one; keep default: true on one of them, or name the scope for this call (scope "${defaults[0]!.name}", or --scope ${defaults[0]!.name} on the spec line; false / --no-scope for none).`,
      );
      return undefined;
    }
    return defaults[0];
  }
  const found = o.available.find((sc) => sc.name === asked);
  if (found === undefined) {
    err(
      `${p}.scope`,
      `${s.module}: scope "${asked}" is not configured; ${listScopes(o)}. Name one of those, pass false (--no-scope) for an unscoped context, or add it under config :<app>, :scopes in ${o.where}.`,
    );
    return undefined;
  }
  if (s.embedded) {
    err(
      `${p}.scope`,
      `${s.module} is embedded and has no context functions of its own, so it cannot be scoped; remove scope.`,
    );
    return undefined;
  }
  return found;
}

/**
 * Sets `scope` on every schema that gets one and appends its key field; reports an unknown
 * scope, two default scopes, and a field or foreign key that clashes with the scope key.
 */
export function applyScopes(
  defs: readonly SchemaDef[],
  schemas: Schema[],
  opts: ScopeOptions,
  err: Report,
): void {
  schemas.forEach((s, i) => {
    const def = defs[i]!;
    const p = `schemas[${i}]`;
    const scope = chosenScope(def, s, p, opts, err);
    if (scope === undefined) return;
    const bad = badNames(scope);
    if (bad !== null) {
      err(
        `${p}.scope`,
        `the scope :${scope.name} in ${opts.where} uses "${bad}", which is not an Elixir identifier (name, schema_key and access_path must be lowercase atoms such as :user_id); fix the config or pass false (--no-scope).`,
      );
      return;
    }
    const key = scope.schema_key;
    const fieldAt = s.fields.findIndex((f) => f.name === key);
    const fkAt = (def.associations ?? []).findIndex(
      (a) => a.kind === 'belongs_to' && (a.foreign_key ?? `${a.name}_id`) === key,
    );
    if (fieldAt >= 0 || fkAt >= 0) {
      err(
        fieldAt >= 0 ? `${p}.fields[${fieldAt}].name` : `${p}.associations[${fkAt}]`,
        `${s.module}: ${fieldAt >= 0 ? `field "${key}"` : `the foreign key "${key}" of belongs_to "${(def.associations ?? [])[fkAt]!.name}"`} clashes with the key of scope :${scope.name} (schema_key: :${key} in ${opts.where}); the scope adds and sets that column itself. Remove it from the schema, rename it, or pass false (--no-scope) for an unscoped schema.`,
      );
      return;
    }
    s.scope = {
      name: scope.name,
      module: scope.module,
      access_path: [...scope.access_path],
      schema_key: scope.schema_key,
      schema_type: scope.schema_type,
      ...(scope.schema_table === undefined ? {} : { schema_table: scope.schema_table }),
      ...(scope.test_data_fixture === undefined
        ? {}
        : { test_data_fixture: scope.test_data_fixture }),
      ...(scope.test_setup_helper === undefined
        ? {}
        : { test_setup_helper: scope.test_setup_helper }),
    };
    s.fields.push(scopeKeyField(scope));
  });
}
