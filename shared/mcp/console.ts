/**
 * Keep stdout for JSON-RPC. A stray `console.log` (ours or a dependency's) on stdout breaks
 * strict stdio clients (docs/ARCHITECTURE.md, "Rules": stdout is the protocol), so every stdio entry imports `./stdio-console.js` FIRST,
 * which calls {@link routeConsoleToStderr}. `console.error`/`warn`/`trace` already use stderr.
 */
/* eslint-disable no-console -- the one module that rewires console, so it names console.log */
import { format, inspect } from 'node:util';

let restoreFn: (() => void) | undefined;

/**
 * Send console.log/info/debug (and dir, which Node writes to stdout directly; table, group,
 * count and time* go through console.log) to stderr. Idempotent. Returns a function that puts
 * the original methods back (for tests).
 */
export function routeConsoleToStderr(): () => void {
  if (restoreFn !== undefined) return restoreFn;
  const original = {
    log: console.log,
    info: console.info,
    debug: console.debug,
    dir: console.dir,
  };
  const toStderr = (...args: unknown[]): void => {
    process.stderr.write(`${format(...args)}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.dir = (item?: unknown, options?: object): void => {
    process.stderr.write(`${inspect(item, options)}\n`);
  };
  restoreFn = () => {
    Object.assign(console, original);
    restoreFn = undefined;
  };
  return restoreFn;
}
