/**
 * The cold-start baseline: the smallest useful stdio server on the same SDK (one tool with a zod
 * input), bundled by `npm run bench` with exactly the servers' esbuild options (scripts/build.mjs)
 * so "server cold start ÷ hello-world cold start" measures only what our servers add.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';

const handle = serveStdio(() => {
  const server = new McpServer({ name: 'hello', version: '0.0.0' });
  server.registerTool(
    'say_hello',
    {
      title: 'Say hello',
      description: 'Greets someone.',
      inputSchema: z.object({ name: z.string().describe('Who to greet.') }),
      annotations: {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    async ({ name }) => ({ content: [{ type: 'text', text: `Hello, ${name}!` }] }),
  );
  return server;
});
process.stdin.on('end', () => void handle.close().finally(() => process.exit(0)));
