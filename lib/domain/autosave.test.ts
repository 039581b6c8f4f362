import { describe, expect, it } from 'vitest';
import { autosaveReducer, hasUnsavedChanges, initialAutosaveState, saveDue, type AutosaveEvent, type AutosaveState } from './autosave';

const r1 = { id: 'rev1', number: 1, savedAt: '2026-01-01T00:00:00Z' };
const r2 = { id: 'rev2', number: 2, savedAt: '2026-01-01T00:01:00Z' };
const conflict = { headRevisionId: 'rev9', headNumber: 9, movedBy: 'Bob', movedAt: '2026-01-01T00:02:00Z' };

function run(...events: AutosaveEvent[]): AutosaveState {
  return events.reduce(autosaveReducer, initialAutosaveState(r1));
}

describe('autosave state machine', () => {
  it('starts saved with nothing due', () => {
    const s = run();
    expect(s.status).toBe('saved');
    expect(saveDue(s)).toBe(false);
    expect(hasUnsavedChanges(s)).toBe(false);
  });

  it('an edit makes a save due; an acknowledged save settles it and moves the base', () => {
    let s = run({ type: 'edit' });
    expect(s.status).toBe('dirty');
    expect(saveDue(s)).toBe(true);
    s = autosaveReducer(s, { type: 'save-start', version: 1 });
    expect(s.status).toBe('saving');
    expect(saveDue(s)).toBe(false);
    s = autosaveReducer(s, { type: 'save-ok', version: 1, revision: r2 });
    expect(s).toMatchObject({ status: 'saved', base: r2, savedVersion: 1, inFlight: null });
    expect(hasUnsavedChanges(s)).toBe(false);
  });

  it('edits made while a save is in flight stay due after it succeeds', () => {
    const s = run({ type: 'edit' }, { type: 'save-start', version: 1 }, { type: 'edit' }, { type: 'save-ok', version: 1, revision: r2 });
    expect(s.status).toBe('dirty');
    expect(saveDue(s)).toBe(true);
    expect(s.base).toEqual(r2);
  });

  it('a conflict blocks saving until resolved, and edits do not clear it', () => {
    let s = run({ type: 'edit' }, { type: 'save-start', version: 1 }, { type: 'save-conflict', version: 1, conflict });
    expect(s.status).toBe('conflict');
    expect(saveDue(s)).toBe(false);
    expect(hasUnsavedChanges(s)).toBe(true);
    s = autosaveReducer(s, { type: 'edit' });
    expect(s.status).toBe('conflict');
    expect(saveDue(s)).toBe(false);
  });

  it('"save mine on top" rebases on the head that won and makes a save due', () => {
    const s = run(
      { type: 'edit' },
      { type: 'save-start', version: 1 },
      { type: 'save-conflict', version: 1, conflict },
      { type: 'overwrite' },
    );
    expect(s.base).toMatchObject({ id: 'rev9', number: 9 });
    expect(s.conflict).toBeNull();
    expect(saveDue(s)).toBe(true);
  });

  it('"load the latest" adopts the head and leaves nothing due', () => {
    const s = run(
      { type: 'edit' },
      { type: 'save-start', version: 1 },
      { type: 'save-conflict', version: 1, conflict },
      { type: 'load-latest', base: r2 },
    );
    expect(s).toMatchObject({ status: 'saved', base: r2, conflict: null });
    expect(saveDue(s)).toBe(false);
  });

  it('offline keeps the edit due and stays offline through further edits', () => {
    let s = run({ type: 'edit' }, { type: 'save-start', version: 1 }, { type: 'save-offline', version: 1 });
    expect(s.status).toBe('offline');
    expect(saveDue(s)).toBe(true);
    s = autosaveReducer(s, { type: 'edit' });
    expect(s.status).toBe('offline');
    s = autosaveReducer(autosaveReducer(s, { type: 'save-start', version: 2 }), { type: 'save-ok', version: 2, revision: r2 });
    expect(s.status).toBe('saved');
  });

  it('validation problems are shown and cleared by the next edit', () => {
    let s = run({ type: 'edit' }, { type: 'invalid', issues: [{ path: 'variables.0.name', message: 'bad' }] });
    expect(s.status).toBe('invalid');
    expect(s.issues).toHaveLength(1);
    s = autosaveReducer(s, { type: 'edit' });
    expect(s.status).toBe('dirty');
    expect(s.issues).toEqual([]);
  });

  it('a server-side validation error reports issues as invalid, other errors as error', () => {
    const invalid = run(
      { type: 'edit' },
      { type: 'save-start', version: 1 },
      { type: 'save-error', version: 1, message: 'x', issues: [{ path: 'blocks.0.title', message: 'too long' }] },
    );
    expect(invalid.status).toBe('invalid');
    const failed = run({ type: 'edit' }, { type: 'save-start', version: 1 }, { type: 'save-error', version: 1, message: 'boom' });
    expect(failed).toMatchObject({ status: 'error', error: 'boom' });
    expect(saveDue(failed)).toBe(true);
  });
});
