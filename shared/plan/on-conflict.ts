/**
 * What a generator does with a file that exists with other content: one definition for the three
 * generator tools (their input schema) and the generators themselves.
 */
export const ON_CONFLICT_MODES = ['error', 'skip', 'overwrite', 'update'] as const;
export type OnConflictMode = (typeof ON_CONFLICT_MODES)[number];

/** update: bring existing files to the model; an existing migration is never rewritten. */
export const DEFAULT_ON_CONFLICT: OnConflictMode = 'update';

/** The mode of a call: the argument, or the default when it was left out. */
export function onConflictOf(mode: OnConflictMode | undefined): OnConflictMode {
  return mode ?? DEFAULT_ON_CONFLICT;
}
