#!/usr/bin/env node
// Runs a command with this process's stdin and stderr, and tees its stdout to our stdout AND to a
// log file, so a test can check every line a server wrote while a client we did not write (the
// Inspector, @ai-sdk/mcp) consumes it:
//
//   node test/support/stdout-recorder.mjs <log file> -- <command> [args…]
//
// The exit code (or signal) of the command is passed on; SIGTERM/SIGINT are forwarded to it.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

const [log, sep, command, ...args] = process.argv.slice(2);
if (!log || sep !== '--' || !command) {
  process.stderr.write('usage: stdout-recorder.mjs <log file> -- <command> [args…]\n');
  process.exit(2);
}
// Synchronous appends: a line is in the log before the client can have read it.
const fd = openSync(log, 'a');
const child = spawn(command === 'node' ? process.execPath : command, args, {
  stdio: ['inherit', 'pipe', 'inherit'],
});
child.stdout.on('data', (chunk) => {
  writeSync(fd, chunk);
  process.stdout.write(chunk);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => {
  process.stderr.write(`stdout-recorder: cannot start ${command}: ${err.message}\n`);
  closeSync(fd);
  process.exit(127);
});
child.on('close', (code, signal) => {
  closeSync(fd);
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
