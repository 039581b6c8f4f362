// Where each prompt stands: its file, the lock entry it was pulled with, and the server's
// draft. Pure: status prints it, pull and push decide with it.
import type { LockEntry } from './lock.js';
import type { PromptSummary } from './schemas.js';

export type PromptState = 'new' | 'modified' | 'unchanged' | 'behind' | 'conflict' | 'remote' | 'deleted';

export interface LocalHashes {
  contentHash: string;
  metaHash: string;
}

/** `remoteMetaHash` is the server prompt's name/description/tags hash. */
export function classify(
  local: LocalHashes | undefined,
  lock: LockEntry | undefined,
  remote: PromptSummary | undefined,
  remoteMetaHash: string | undefined,
): PromptState {
  if (!local) return remote ? (lock ? 'deleted' : 'remote') : 'deleted';
  if (!remote || !remote.head) return 'new';
  const sameAsServer = local.contentHash === remote.head.contentHash && local.metaHash === remoteMetaHash;
  if (!lock) return sameAsServer ? 'unchanged' : 'conflict';
  const modified = local.contentHash !== lock.contentHash || local.metaHash !== lock.metaHash;
  const behind = remote.head.number !== lock.revision || remoteMetaHash !== lock.metaHash;
  if (sameAsServer) return 'unchanged';
  if (modified && behind) return 'conflict';
  if (modified) return 'modified';
  return behind ? 'behind' : 'unchanged';
}
