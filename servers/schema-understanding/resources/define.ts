/**
 * Resources are data, like tools and prompts: a static resource has a fixed URI, a template
 * resource a URI template with a list of its instances and completion of its variables. All of
 * them live under the one scheme `phx-gen-mcp://`.
 */
import {
  ResourceNotFoundError,
  ResourceTemplate,
  type McpServer,
  type ReadResourceResult,
} from '@modelcontextprotocol/server';

export const URI_SCHEME = 'phx-gen-mcp://';

interface ResourceCommon {
  /** Registration name (unique). */
  name: string;
  title: string;
  description: string;
  mimeType: string;
}

export interface StaticResource extends ResourceCommon {
  kind: 'static';
  uri: string;
  read(): string | Promise<string>;
}

export interface TemplateInstance {
  uri: string;
  name: string;
  title: string;
  description: string;
}

export interface TemplateResource extends ResourceCommon {
  kind: 'template';
  uriTemplate: string;
  list(): TemplateInstance[];
  /** Completion of each template variable. */
  complete: Record<string, (value: string) => string[]>;
  /** The text of one instance, or null when the variables name nothing. */
  read(variables: Record<string, string | string[]>): string | null | Promise<string | null>;
}

export type ResourceDefinition = StaticResource | TemplateResource;

export function defineResource<R extends ResourceDefinition>(def: R): R {
  const uri = def.kind === 'static' ? def.uri : def.uriTemplate;
  if (!uri.startsWith(URI_SCHEME)) {
    throw new Error(`Resource ${def.name}: URI ${uri} must start with ${URI_SCHEME}.`);
  }
  if (def.title.trim() === '' || def.description.trim() === '') {
    throw new Error(`Resource ${def.name} needs a title and a description.`);
  }
  return def;
}

export function registerResources(server: McpServer, resources: readonly ResourceDefinition[]) {
  for (const r of resources) {
    const meta = { title: r.title, description: r.description, mimeType: r.mimeType };
    if (r.kind === 'static') {
      server.registerResource(r.name, r.uri, meta, async (uri): Promise<ReadResourceResult> => ({
        contents: [{ uri: uri.href, mimeType: r.mimeType, text: await r.read() }],
      }));
      continue;
    }
    const template = new ResourceTemplate(r.uriTemplate, {
      list: () => ({
        resources: r.list().map((i) => ({ ...i, mimeType: r.mimeType })),
      }),
      complete: r.complete,
    });
    server.registerResource(r.name, template, meta, async (uri, variables) => {
      const text = await r.read(variables);
      if (text === null) {
        const names = r.list().map((i) => i.uri);
        throw new ResourceNotFoundError(
          uri.href,
          `Unknown resource ${uri.href}. Available: ${names.join(', ')}.`,
        );
      }
      return { contents: [{ uri: uri.href, mimeType: r.mimeType, text }] };
    });
  }
}
