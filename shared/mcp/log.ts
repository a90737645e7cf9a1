/**
 * stderr is the only log channel of a stdio server: stdout carries JSON-RPC and nothing else.
 */
import type { LoggingLevel } from '@modelcontextprotocol/server';

export type LogLevel = LoggingLevel;

/** One line (or a stack) on stderr, prefixed so it can be told apart in a host's log file. */
export function logToStderr(level: LogLevel, message: string): void {
  process.stderr.write(`[phx-gen-mcp] ${level}: ${message}\n`);
}
