/**
 * Timeouts of tests that start child processes (the CLI, its four servers, the MCP Inspector).
 * They exist to turn a hang into a failure, not to measure speed: on a loaded two-core machine
 * (two suite runs at once, as the flakiness check does) a node child can take ten times as long
 * as on an idle one, so these leave a wide margin. Speed is measured by `npm run bench`.
 */

/** One child process that starts MCP servers and waits for their answers. */
export const CHILD_MS = 180_000;

/** A test that waits for one such child and then runs its own. */
export const CHAINED_MS = 2 * CHILD_MS + 30_000;
