/**
 * Side-effect module: `import '../../shared/mcp/stdio-console.js'` as the FIRST import of every
 * stdio entry, so that nothing evaluated after it can print to stdout through console.
 */
import { routeConsoleToStderr } from './console.js';
// The servers' V8 flags (see ./heap.ts): the build's loader has set them already; for
// `phx-gen-mcp serve`, which runs a server inside the CLI, this is the earliest point.
import './heap.js';

routeConsoleToStderr();
