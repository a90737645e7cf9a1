import '../../shared/mcp/stdio-console.js';
import { runStdioServer } from '../../shared/mcp/serve.js';
import { createServer } from './server.js';

runStdioServer('phoenix-context', createServer);
