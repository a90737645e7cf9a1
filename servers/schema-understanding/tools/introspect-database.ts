import * as z from 'zod';
import { compareStates, DRIFT_KINDS } from '../../../shared/database/drift.js';
import {
  DEFAULT_SCHEMA,
  introspect,
  IntrospectionError,
} from '../../../shared/database/introspect.js';
import { DEFAULT_CONTEXT, proposeModel } from '../../../shared/database/propose.js';
import {
  DatabaseError,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  formatVersion,
  withReadOnlySession,
} from '../../../shared/database/session.js';
import {
  describeTarget,
  redact,
  TargetError,
  targetSecrets,
  type ConnectionTarget,
} from '../../../shared/database/target.js';
import { replayMigrations } from '../../../shared/elixir/migrations.js';
import { defineTool, ToolError, type ToolContext } from '../../../shared/mcp/index.js';
import {
  checkModel,
  DatabaseStateSchema,
  qualifiedTableName,
  type DatabaseState,
} from '../../../shared/model/index.js';
import { MODULE_RE } from '../../../shared/model/schema.js';
import { projectReader } from '../../../shared/plan/context.js';
import { projectRootSchema } from '../../../shared/pipeline/input.js';
import { resolveTarget } from '../lib/database-target.js';
import { IssueSchema } from '../lib/output.js';
import { projectFacts, type SchemaUnderstandingDeps } from '../lib/project.js';

const PG_SCHEMA_RE = /^[a-z_][a-z0-9_$]*$/;

const DriftSchema = z.object({
  kind: z.enum(DRIFT_KINDS),
  table: z.string().describe('"prefix.table" or "table" (the enum for enum differences).'),
  name: z.string().nullable().describe('The column, index or check constraint; null for a table.'),
  expected: z.string().nullable().describe('What the migrations say; null when they have nothing.'),
  actual: z.string().nullable().describe('What the database has; null when it has nothing.'),
  message: z.string(),
});

export const introspectDatabaseTool = defineTool({
  name: 'introspect_database',
  title: 'Read a live PostgreSQL database',
  description:
    "Read the tables of a live PostgreSQL database, propose the model of them, and list where the database differs from the project's migrations. Read-only: one read-only transaction of catalog SELECTs, with a statement timeout. Returns (1) the state: columns with PostgreSQL and Ecto migration types, null, defaults, size/precision/scale, primary keys, foreign keys with on_delete/on_update, indexes (partial ones with their WHERE), check constraints, enum types; (2) a proposed model (`schemas`, the input of the generators): Ecto types, belongs_to from foreign keys with inverse has_many/has_one, join tables as many_to_many, enums as Ecto.Enum, timestamps, modules named <Context>.<Singular> — edit it, then pass it to generate_ecto_schema and generate_phoenix_context (not as schemas to generate_ecto_migration: the tables exist; pass `state` as its from_database with baseline: true for a create-if-missing baseline migration); (3) drift: every difference between the database and the project's migrations, and `reconcile`: the drifted tables to pass as generate_ecto_migration's from_database, which writes the migrations that make the project's migrations build them. Connects to database_url, else the server's --database-url, else the project's config/dev.exs repo settings. Credentials never appear in the answer.",
  input: z.object({
    database_url: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe(
        "postgres://USER:PASSWORD@HOST:PORT/DATABASE (?sslmode=require…). Default: the server's --database-url, else the repo of the project's config/dev.exs.",
      ),
    schemas: z
      .array(
        z.string().regex(PG_SCHEMA_RE, {
          message:
            'A PostgreSQL schema name such as "public" or "billing" (lowercase letters, digits, _)',
        }),
      )
      .min(1)
      .max(50)
      .optional()
      .describe(
        'The PostgreSQL schemas (Ecto prefixes) to read; default ["public"]. Tables of other schemas get `prefix`.',
      ),
    context: z
      .string()
      .regex(MODULE_RE, { message: 'context must be an Elixir module name such as Catalog' })
      .optional()
      .describe(
        `The context of the proposed schemas of the "public" schema; default "${DEFAULT_CONTEXT}". Other schemas use their name camelized (billing → Billing).`,
      ),
    drift: z
      .boolean()
      .optional()
      .describe(
        "Compare with the state the project's migrations build (default true when there is a project).",
      ),
    statement_timeout_ms: z
      .number()
      .int()
      .min(100)
      .max(300_000)
      .optional()
      .describe(
        `Server-side timeout of each catalog query; default ${DEFAULT_STATEMENT_TIMEOUT_MS}.`,
      ),
    project_root: projectRootSchema(
      'The Phoenix project (config/dev.exs, migrations, app). Default: the one allowed root that contains mix.exs, else none.',
    ),
  }),
  output: z.object({
    database: z.string().describe('host:port/database read (never the user or password).'),
    connection_source: z.string().describe('Where the connection came from.'),
    server_version: z.string(),
    state: DatabaseStateSchema,
    schemas: z
      .array(z.record(z.string(), z.unknown()))
      .describe(
        'The proposed model: pass it (edited as you like) to generate_ecto_schema and generate_phoenix_context.',
      ),
    join_tables: z
      .array(z.string())
      .describe('Tables read as many_to_many join tables (no schema of their own).'),
    warnings: z
      .array(z.object({ table: z.string(), column: z.string().nullable(), message: z.string() }))
      .describe(
        'What the model cannot express, per table and column: fix by hand in the generated code.',
      ),
    valid: z.boolean().describe('Whether the proposed model passes validate_schema_model.'),
    errors: z
      .array(IssueSchema)
      .describe('Why the proposed model is not valid yet (rename what they name).'),
    drift: z
      .object({
        compared_with: z.string().describe('What the database was compared with.'),
        differences: z.array(DriftSchema),
      })
      .nullable()
      .describe('Differences from the migrations to the database; null when not compared.'),
    reconcile: z
      .object({
        from_database: z
          .object({
            tables: z.array(z.record(z.string(), z.unknown())),
            enums: z.array(z.record(z.string(), z.unknown())),
          })
          .describe(
            "The drifted tables as the database has them: pass as generate_ecto_migration's from_database (with the same project) to write the migrations that make the project's migrations build them.",
          ),
        not_reconciled: z
          .array(z.string())
          .describe('Differences those migrations leave alone, to handle by hand.'),
      })
      .nullable()
      .describe('How to reconcile the migrations with the database; null without drift.'),
    notes: z.array(z.string()),
  }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  async handler(args, ctx: ToolContext<SchemaUnderstandingDeps>) {
    const facts = await projectFacts(ctx, { project_root: args.project_root });
    const project = projectReader(facts.root);
    let target: ConnectionTarget | null = null;
    try {
      target = await resolveTarget({
        callUrl: args.database_url,
        operatorUrl: ctx.deps.databaseUrl,
        project,
        repo: facts.app?.repo ?? null,
      });
      const t = target;
      const schemas = args.schemas ?? [DEFAULT_SCHEMA];
      await ctx.log(
        'info',
        `introspect_database: reading ${describeTarget(t)} (${schemas.join(', ')}) from ${t.source}`,
      );
      await ctx.progress(0, 3, `Reading ${describeTarget(t)}`);
      const { state, version } = await withReadOnlySession(
        t,
        async (session) => ({
          state: await introspect(session, { schemas }),
          version: session.serverVersion,
        }),
        args.statement_timeout_ms === undefined
          ? {}
          : { statementTimeoutMs: args.statement_timeout_ms },
      );
      await ctx.progress(1, 3, 'Proposing a model');
      const proposal = proposeModel(
        state,
        args.context === undefined ? {} : { context: args.context },
      );
      const checked = checkModel(
        { app: facts.app ?? undefined, schemas: proposal.schemas },
        { known: facts.known },
      );
      await ctx.progress(2, 3, 'Comparing with the migrations');
      const notes = [...facts.notes, "Ecto's schema_migrations table is not part of the state."];
      const drift = await driftFor(
        args.drift,
        facts.root,
        project,
        facts.app?.repo,
        state,
        schemas,
        notes,
      );
      const warnings = [
        ...state.warnings.map((w) => ({
          table: w.tables[0] ?? '',
          column: null,
          message: w.message,
        })),
        ...proposal.warnings,
      ];
      const summary = [
        `Read ${state.tables.length} table(s) and ${state.enums.length} enum type(s) of ${describeTarget(t)} (PostgreSQL ${formatVersion(version)}).`,
        `Proposed ${proposal.schemas.length} schema(s)${proposal.join_tables.length ? `, join tables ${proposal.join_tables.join(', ')}` : ''}; ${warnings.length} warning(s); model ${checked.model ? 'valid' : `invalid (${checked.errors.length} error(s))`}.`,
        drift
          ? `Drift against ${drift.compared_with}: ${drift.differences.length} difference(s).`
          : 'No drift check.',
        ...warnings.map((w) => `- ${w.message}`),
        ...(drift?.differences.map((d) => `- drift: ${d.message}`) ?? []),
      ].join('\n');
      return {
        structured: {
          database: describeTarget(t),
          connection_source: t.source,
          server_version: formatVersion(version),
          state,
          schemas: proposal.schemas as Record<string, unknown>[],
          join_tables: proposal.join_tables,
          warnings,
          valid: checked.model !== null,
          errors: checked.errors,
          drift,
          reconcile: drift ? reconcileHint(drift.differences, state) : null,
          notes,
        },
        summary: redact(summary, targetSecrets(t)),
      };
    } catch (err) {
      throw safeError(err, target);
    }
  },
});

async function driftFor(
  wanted: boolean | undefined,
  root: string | null,
  project: ReturnType<typeof projectReader>,
  repo: string | undefined,
  actual: DatabaseState,
  schemas: readonly string[],
  notes: string[],
): Promise<{ compared_with: string; differences: ReturnType<typeof compareStates> } | null> {
  if (wanted === false) return null;
  if (root === null) {
    if (wanted) notes.push('No drift check: there is no project whose migrations to replay.');
    return null;
  }
  const replayed = await replayMigrations(project, repo === undefined ? {} : { repo });
  if (replayed.tables.length === 0 && replayed.warnings.length === 0) {
    notes.push('No drift check: the project has no migrations to replay.');
    return null;
  }
  const read = new Set(schemas.map((s) => (s === DEFAULT_SCHEMA ? null : s)));
  const expected: DatabaseState = {
    ...replayed,
    tables: replayed.tables.filter((t) => read.has(t.prefix)),
    enums: replayed.enums.filter((e) => read.has(e.prefix)),
  };
  for (const w of replayed.warnings)
    notes.push(`Migrations: ${w.file ?? ''}${w.line ? `:${w.line}` : ''} ${w.message}`);
  return {
    compared_with: "the project's migrations, replayed",
    differences: compareStates(expected, actual),
  };
}

/** Kinds a generated reconcile migration leaves to the user. */
const BY_HAND: ReadonlySet<string> = new Set([
  'missing_table',
  'missing_check',
  'extra_check',
  'check_changed',
  'missing_enum',
  'enum_values',
  'primary_key',
]);

/** The live tables that drifted, for generate_ecto_migration's from_database. */
function reconcileHint(differences: ReturnType<typeof compareStates>, state: DatabaseState) {
  if (differences.length === 0) return null;
  const drifted = new Set(differences.map((d) => d.table));
  return {
    from_database: {
      tables: state.tables.filter((t) => drifted.has(qualifiedTableName(t))),
      enums: state.enums,
    },
    not_reconciled: differences
      .filter((d) => BY_HAND.has(d.kind))
      .map((d) =>
        d.kind === 'missing_table'
          ? `${d.message}: no migration drops it (write drop table by hand if it is gone for good)`
          : d.message,
      ),
  };
}

/** Every error leaves as a ToolError (or a bug) whose text holds no URL and no password. */
function safeError(err: unknown, target: ConnectionTarget | null): Error {
  const secrets = targetSecrets(target);
  if (
    err instanceof DatabaseError ||
    err instanceof TargetError ||
    err instanceof IntrospectionError
  ) {
    return new ToolError(redact(err.message, secrets));
  }
  if (err instanceof ToolError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const clean = new Error(redact(e.message, secrets));
  clean.stack = redact(e.stack ?? '', secrets);
  return clean;
}
