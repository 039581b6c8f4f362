// Unacknowledged editor content kept on this device until the server confirms it, so a
// reload, a crash or a lost connection loses nothing.
import type { Content } from '@/lib/domain/content';

export interface LocalDraft {
  baseRevisionId: string;
  baseNumber: number;
  content: Content;
  savedAt: string;
}

const key = (promptId: string) => `galley:unsaved:${promptId}`;

export function readLocalDraft(promptId: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(promptId));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(promptId: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key(promptId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the in-memory text is still there; nothing else to do.
  }
}

export function clearLocalDraft(promptId: string): void {
  try {
    window.localStorage.removeItem(key(promptId));
  } catch {
    /* storage disabled */
  }
}
