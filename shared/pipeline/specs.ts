/** phx.gen-style spec lines → the wire schemas, with parse problems as one GenerationError. */
import {
  formatSpecIssue,
  parseGenSpec,
  SpecError,
  type SchemaDef,
  type SpecNote,
} from '../model/index.js';
import { GenerationError } from '../plan/index.js';
import type { GeneratorInput } from './input.js';

export type SpecArgs = Pick<GeneratorInput, 'binary_id' | 'timestamp_type' | 'no_timestamps'> & {
  specs: string[];
};

/**
 * Parses `specs` with the call's options; every bad token is listed in the GenerationError.
 * `notes`, when given, collects what the caller should tell about lines that parsed (SpecNote).
 */
export function parseSpecsOrThrow(
  args: SpecArgs,
  heading = 'The spec could not be parsed',
  notes?: SpecNote[],
): SchemaDef[] {
  try {
    return parseGenSpec(
      args.specs,
      {
        ...(args.binary_id === undefined ? {} : { binary_id: args.binary_id }),
        ...(args.timestamp_type === undefined ? {} : { timestamp_type: args.timestamp_type }),
        ...(args.no_timestamps === undefined ? {} : { no_timestamps: args.no_timestamps }),
      },
      notes,
    );
  } catch (e) {
    if (e instanceof SpecError) {
      throw new GenerationError(
        `${heading}:\n${e.issues.map((i) => `- ${formatSpecIssue(i)}`).join('\n')}`,
        {
          details: { issues: e.issues },
        },
      );
    }
    throw e;
  }
}
