/**
 * Which database introspect_database reads: the call's `database_url`, else the operator's
 * (`--database-url` / PHX_GEN_MCP_DATABASE_URL), else the repo of the project's `config/dev.exs`
 * when its settings are literal. Every error names where it looked, never a secret.
 */
import {
  TargetError,
  targetFromRepoSettings,
  targetFromUrl,
  type ConnectionTarget,
} from '../../../shared/database/target.js';
import { readRepoConfigs } from '../../../shared/elixir/repo-config.js';
import type { ProjectReader } from '../../../shared/plan/context.js';

export const DEV_CONFIG = 'config/dev.exs';

export async function resolveTarget(opts: {
  callUrl: string | undefined;
  operatorUrl: string | undefined;
  project: ProjectReader;
  repo: string | null;
}): Promise<ConnectionTarget> {
  if (opts.callUrl !== undefined) return targetFromUrl(opts.callUrl, "the call's database_url");
  if (opts.operatorUrl !== undefined) {
    return targetFromUrl(
      opts.operatorUrl,
      'the operator (--database-url / PHX_GEN_MCP_DATABASE_URL)',
    );
  }
  const how =
    'pass database_url (postgres://USER:PASSWORD@HOST:PORT/DATABASE), start the server with --database-url or PHX_GEN_MCP_DATABASE_URL, or give a project whose config/dev.exs configures its repo with literal values';
  if (opts.project.root === null) {
    throw new TargetError(`No database to read: no URL was given and there is no project; ${how}.`);
  }
  const source = await opts.project.read(DEV_CONFIG);
  if (source === null) {
    throw new TargetError(`No database to read: the project has no ${DEV_CONFIG}; ${how}.`);
  }
  const configs = await readRepoConfigs(source);
  const repo = configs.find((c) => c.repo === opts.repo) ?? configs[0];
  if (!repo) {
    throw new TargetError(
      `No database to read: ${DEV_CONFIG} has no \`config :app, ${opts.repo ?? 'MyApp.Repo'}, …\`; ${how}.`,
    );
  }
  return targetFromRepoSettings(repo, DEV_CONFIG);
}
