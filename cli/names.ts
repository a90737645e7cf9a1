/** The four servers of the suite, in pipeline order. Their stdio bundles are `dist/<name>.js`. */
export const SERVER_NAMES = [
  'schema-understanding',
  'ecto-schema',
  'ecto-migration',
  'phoenix-context',
] as const;

export type ServerName = (typeof SERVER_NAMES)[number];

export function isServerName(name: string): name is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(name);
}
