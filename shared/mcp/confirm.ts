/**
 * Confirmation of destructive changes (an evolution that drops a column, narrows a type, makes a
 * column NOT NULL, removes a field from a schema module).
 *
 * Nothing destructive happens unless one of these says yes:
 * - the call itself: `allow_destructive: true`;
 * - the user, asked through form elicitation when the client supports it:
 *   - 2025 era: a pushed `elicitation/create` request (`ctx.sdk.mcpReq.elicitInput`);
 *   - 2026 era: the handler ends with `input_required` holding the elicitation; the client asks
 *     the user and retries the call with the answer in `inputResponses`. A retry carries only the
 *     answers of the last round, so when the client also declares roots, the roots request is
 *     embedded again beside the question (see ./tool.ts): the retried handler needs both.
 * Otherwise the call is refused with every destructive change and its consequence, and with how
 * to go ahead.
 *
 * Call {@link confirmDestructive} before any side effect: on the 2026 era it ends the handler, which
 * runs again from the start with the answer.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  inputResponse,
  type ElicitRequestFormParams,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { DestructiveItem } from '../plan/index.js';
import { ToolError, describeError } from './errors.js';

/** The key of the embedded question in a 2026-era `input_required` result. */
export const CONFIRM_INPUT_KEY = 'confirm_destructive';

export type { DestructiveItem };

/** Thrown on the 2026 era: the wrapper turns it into `input_required` with this question. */
export class ConfirmInputRequired extends Error {
  override readonly name = 'ConfirmInputRequired';
  constructor(readonly request: ElicitRequestFormParams) {
    super('The user must confirm destructive changes first (multi-round-trip input_required).');
  }
}

const REQUESTED_SCHEMA: ElicitRequestFormParams['requestedSchema'] = {
  type: 'object',
  properties: {
    confirm: {
      type: 'boolean',
      title: 'Apply these destructive changes',
      description: 'Yes: write the files. No: write nothing.',
    },
  },
  required: ['confirm'],
};

/** `- posts.views: drop column views: every value … is deleted`, one line per change. */
export function formatDestructive(items: readonly DestructiveItem[]): string {
  return items
    .map(
      (d) =>
        `- ${d.column === null ? d.table : `${d.table}.${d.column}`}: ${d.change}: ${d.consequence}`,
    )
    .join('\n');
}

function question(items: readonly DestructiveItem[]): ElicitRequestFormParams {
  return {
    mode: 'form',
    message: `This change is destructive:\n${formatDestructive(items)}\nApply it?`,
    requestedSchema: REQUESTED_SCHEMA,
  };
}

function refusal(items: readonly DestructiveItem[], why: string): ToolError {
  return new ToolError(
    `Nothing was written: ${items.length} destructive change(s) ${why}:\n${formatDestructive(items)}\n` +
      'Pass allow_destructive: true to apply them, or change the model (renamed_from keeps a renamed column or table; a default fills a new NOT NULL column).',
    { details: { destructive: items } },
  );
}

/** The 2026-era `_meta` envelope of the request; undefined on the 2025 era. */
function envelopeOf(sdk: ServerContext): Record<string, unknown> | undefined {
  const env = sdk.mcpReq.envelope as Record<string, unknown> | undefined;
  return env !== undefined && Object.keys(env).length > 0 ? env : undefined;
}

function declares(caps: unknown, capability: string): boolean {
  return (
    typeof caps === 'object' &&
    caps !== null &&
    capability in caps &&
    (caps as Record<string, unknown>)[capability] != null
  );
}

/** Whether a 2026-era request declares the client capability (false on the 2025 era). */
export function requestDeclares(sdk: ServerContext, capability: 'roots' | 'elicitation'): boolean {
  const env = envelopeOf(sdk);
  return env !== undefined && declares(env[CLIENT_CAPABILITIES_META_KEY], capability);
}

/**
 * Resolves when the destructive changes may be made (none, allowed by the call, or confirmed by
 * the user); throws a refusal {@link ToolError} otherwise, or {@link ConfirmInputRequired} on the
 * 2026 era when the user must be asked first.
 */
export async function confirmDestructive(
  sdk: ServerContext,
  items: readonly DestructiveItem[],
  allow: boolean,
): Promise<void> {
  if (items.length === 0 || allow) return;
  if (envelopeOf(sdk) !== undefined) {
    const view = inputResponse(sdk.mcpReq.inputResponses, CONFIRM_INPUT_KEY);
    if (view.kind === 'elicit') {
      if (view.action === 'accept' && view.content?.confirm === true) return;
      throw refusal(items, 'were declined by the user');
    }
    if (requestDeclares(sdk, 'elicitation')) throw new ConfirmInputRequired(question(items));
    throw refusal(items, 'need confirmation');
  }
  let answer: { action: string; content?: Record<string, unknown> | undefined };
  try {
    answer = await sdk.mcpReq.elicitInput(question(items));
  } catch (err) {
    if (sdk.mcpReq.signal.aborted) throw err;
    // The client cannot be asked (no elicitation capability, or the request failed).
    throw refusal(
      items,
      `need confirmation (the client could not be asked: ${describeError(err).message})`,
    );
  }
  if (answer.action === 'accept' && answer.content?.confirm === true) return;
  throw refusal(items, 'were declined by the user');
}
