/**
 * Keeps a client's progress notifications from being lost at the end of a call.
 *
 * The SDK client (v2.4) runs a notification's handler a microtask after the transport hands the
 * message over, but settles a response at once and forgets its progress callback right there. A
 * stdio transport hands over every message of one read chunk in a row, so when the last progress
 * notifications and the result arrive together (common for a fast tool), the result is settled
 * first and those notifications are reported as "unknown token" and dropped
 * (modelcontextprotocol/typescript-sdk#2580). The server sent them in order; the client lost them.
 *
 * {@link deliverResponsesInOrder} re-wires a connected transport so that a response is handed to
 * the client only after the handlers of every message that arrived before it have run: the
 * response, and whatever arrives behind it, wait in a queue for the next macrotask, by which
 * time the pending notification handlers (microtasks) are done; what arrived behind a response
 * waits one more, so the caller of the settled request sees its result first. Nothing is
 * dropped and everything keeps its order.
 */
import type { JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/client';

/** The part of an SDK transport this needs: the callbacks the client installed on connect. */
export interface ConnectedTransport {
  onmessage?: ((message: JSONRPCMessage, extra?: MessageExtraInfo) => void) | undefined;
  onclose?: (() => void) | undefined;
}

function isResponse(message: JSONRPCMessage): boolean {
  return 'id' in message && !('method' in message);
}

type Entry =
  | { kind: 'message'; message: JSONRPCMessage; extra: MessageExtraInfo | undefined }
  | { kind: 'close' };

/** Call once, after `client.connect(transport)` (which installs the callbacks this wraps). */
export function deliverResponsesInOrder(transport: ConnectedTransport): void {
  const deliver = transport.onmessage;
  const close = transport.onclose;
  if (deliver === undefined) {
    throw new Error('deliverResponsesInOrder: connect the client to the transport first.');
  }
  const queue: Entry[] = [];
  let scheduled = false;

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  function flush(): void {
    scheduled = false;
    let notified = false;
    while (queue.length > 0) {
      const entry = queue[0]!;
      // A notification handed over in this pass has its handler still pending: wait again.
      if (entry.kind === 'message' && isResponse(entry.message) && notified) {
        schedule();
        return;
      }
      queue.shift();
      if (entry.kind === 'close') {
        close?.();
        continue;
      }
      deliver!(entry.message, entry.extra);
      if (!isResponse(entry.message)) notified = true;
      // Let the caller of a settled request go on before the messages behind its response.
      else if (queue.length > 0) {
        schedule();
        return;
      }
    }
  }

  transport.onmessage = (message, extra) => {
    if (queue.length === 0 && !isResponse(message)) {
      deliver(message, extra);
      return;
    }
    queue.push({ kind: 'message', message, extra });
    schedule();
  };
  transport.onclose = () => {
    if (queue.length === 0) {
      close?.();
      return;
    }
    queue.push({ kind: 'close' });
    schedule();
  };
}
