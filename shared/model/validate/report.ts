/** How validation reports a problem: a path into the model and a message. */
export type Report = (path: string, message: string) => void;

/** A value as the client wrote it, for messages. */
export function describeValue(v: unknown): string {
  return JSON.stringify(v);
}
