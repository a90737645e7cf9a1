// Console output goes to stderr before anything else loads: `serve` runs a stdio server here.
import '../shared/mcp/stdio-console.js';
import { wantsColor } from './diffs.js';
import { main } from './main.js';

const code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: wantsColor(process.stdout, process.env),
});
if (code !== 'running') process.exitCode = code;
