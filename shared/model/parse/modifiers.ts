/** The modifiers an attribute may carry after its type. */
import { ON_DELETE } from '../types.js';

export const FLAG_MODS = ['unique', 'redact', 'optional', 'owner'] as const;
export const KV_MODS = [
  'on_delete',
  'join_table',
  'default',
  'size',
  'precision',
  'scale',
] as const;
export const MODIFIERS_DOC = `unique, redact, optional, owner, on_delete=${ON_DELETE.join('|')}, join_table=<name>, default=<value>, size=<n>, precision=<n>, scale=<n>`;
