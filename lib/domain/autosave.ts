// The editor's save/conflict state machine, pure so it can be unit-tested. Edits bump
// `editVersion`; the server acknowledging a save moves `savedVersion` up to the version
// that was sent. Nothing here drops text: the caller keeps the content, this only decides
// what the status is and whether a save is due.
import type { ContentIssue } from './content';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'invalid' | 'error';

export interface BaseRef {
  id: string;
  number: number;
  savedAt: string;
}

export interface ConflictInfo {
  headRevisionId: string;
  headNumber: number;
  movedBy: string | null;
  movedAt: string;
}

export interface AutosaveState {
  base: BaseRef;
  editVersion: number;
  savedVersion: number;
  inFlight: number | null;
  status: SaveStatus;
  conflict: ConflictInfo | null;
  error: string | null;
  issues: ContentIssue[];
}

export type AutosaveEvent =
  | { type: 'edit' }
  | { type: 'save-start'; version: number }
  | { type: 'save-ok'; version: number; revision: BaseRef }
  | { type: 'save-conflict'; version: number; conflict: ConflictInfo }
  | { type: 'save-offline'; version: number }
  | { type: 'save-error'; version: number; message: string; issues?: ContentIssue[] }
  | { type: 'invalid'; issues: ContentIssue[] }
  | { type: 'load-latest'; base: BaseRef }
  | { type: 'overwrite' };

export function initialAutosaveState(base: BaseRef): AutosaveState {
  return { base, editVersion: 0, savedVersion: 0, inFlight: null, status: 'saved', conflict: null, error: null, issues: [] };
}

function settledStatus(s: AutosaveState): SaveStatus {
  return s.editVersion > s.savedVersion ? 'dirty' : 'saved';
}

export function autosaveReducer(s: AutosaveState, e: AutosaveEvent): AutosaveState {
  switch (e.type) {
    case 'edit': {
      const next = { ...s, editVersion: s.editVersion + 1, issues: [] };
      // A conflict stays a conflict until the author resolves it; editing never hides it.
      if (s.status === 'conflict' || s.inFlight !== null) return next;
      return { ...next, status: s.status === 'offline' ? 'offline' : 'dirty', error: null };
    }
    case 'save-start':
      return { ...s, inFlight: e.version, status: 'saving', error: null };
    case 'save-ok': {
      const next = { ...s, inFlight: null, base: e.revision, savedVersion: Math.max(s.savedVersion, e.version), error: null };
      return { ...next, status: settledStatus(next) };
    }
    case 'save-conflict':
      return { ...s, inFlight: null, status: 'conflict', conflict: e.conflict };
    case 'save-offline':
      return { ...s, inFlight: null, status: 'offline' };
    case 'save-error':
      return { ...s, inFlight: null, status: e.issues?.length ? 'invalid' : 'error', error: e.message, issues: e.issues ?? [] };
    case 'invalid':
      return { ...s, status: 'invalid', issues: e.issues };
    case 'load-latest':
      // The caller has replaced the editor content with the head's: nothing local is pending.
      return { ...s, base: e.base, savedVersion: s.editVersion, inFlight: null, status: 'saved', conflict: null, error: null, issues: [] };
    case 'overwrite':
      if (!s.conflict) return s;
      return {
        ...s,
        base: { id: s.conflict.headRevisionId, number: s.conflict.headNumber, savedAt: s.conflict.movedAt },
        conflict: null,
        status: 'dirty',
        // Force a save even if no edit happened since the refused one.
        savedVersion: Math.min(s.savedVersion, s.editVersion - 1),
      };
  }
}

/** A save is due when there are unacknowledged edits, none in flight, and nothing blocks it. */
export function saveDue(s: AutosaveState): boolean {
  return s.editVersion > s.savedVersion && s.inFlight === null && s.status !== 'conflict';
}

export function hasUnsavedChanges(s: AutosaveState): boolean {
  return s.editVersion > s.savedVersion || s.inFlight !== null || s.status === 'conflict';
}
