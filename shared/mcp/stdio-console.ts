/**
 * Side-effect module: `import '../../shared/mcp/stdio-console.js'` as the FIRST import of every
 * stdio entry, so that nothing evaluated after it can print to stdout through console.
 */
import { routeConsoleToStderr } from './console.js';
// Also the earliest point of every stdio entry: bound the young generation (see ./heap.ts).
import './heap.js';

routeConsoleToStderr();
