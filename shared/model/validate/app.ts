/** The application of a model, from its wire shape (a name or an object) to the full one. */
import { camelize } from '../../naming/index.js';
import type { AppDef } from '../schema.js';
import type { App } from '../normalized.js';

/**
 * `"my_app"` → `{ otp_app: "my_app", base_module: "MyApp", repo: "MyApp.Repo" }`, the names
 * `mix phx.new my_app` gives; an object gets its default repo.
 */
export function appFromDef(def: AppDef): App {
  if (typeof def === 'string') {
    const base = camelize(def);
    return { otp_app: def, base_module: base, repo: `${base}.Repo` };
  }
  return {
    otp_app: def.otp_app,
    base_module: def.base_module,
    repo: def.repo ?? `${def.base_module}.Repo`,
  };
}
