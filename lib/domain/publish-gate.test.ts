import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy';
import { evaluateGate, type GateInput } from './publish-gate';

const base: GateInput = {
  role: 'publisher',
  policy: DEFAULT_POLICY,
  chain: { stages: [], tagRules: [] },
  tags: [],
  decisions: [],
  authorIds: ['carol'],
  candidate: { contentHash: 'h', revisionNumber: 2 },
  headRevisionNumber: 2,
  production: null,
  evaluationPassed: null,
};

describe('evaluateGate: all conversations resolved before publishing', () => {
  const open = { resolved: false, reviewStatus: 'open' as const, revisionNumber: 1 };
  it('blocks while a thread is open when the option is on, and names it', () => {
    const g = evaluateGate({
      ...base,
      conversations: { required: true, threads: [open, { ...open, resolved: true }], productionRevisionNumber: null },
    });
    expect(g.blockers).toEqual([{ code: 'conversations', message: '1 conversation is not resolved.' }]);
  });

  it('opens once every thread is resolved', () => {
    expect(
      evaluateGate({ ...base, conversations: { required: true, threads: [{ ...open, resolved: true }], productionRevisionNumber: null } })
        .blockers,
    ).toEqual([]);
    expect(evaluateGate({ ...base, conversations: { required: true, threads: [], productionRevisionNumber: null } }).blockers).toEqual([]);
  });

  it('does not gate when the option is off or unknown', () => {
    expect(evaluateGate({ ...base, conversations: { required: false, threads: [open], productionRevisionNumber: null } }).blockers).toEqual(
      [],
    );
    expect(evaluateGate(base).blockers).toEqual([]);
  });

  it('comes after the other reasons, so every reason shows at once', () => {
    const g = evaluateGate({
      ...base,
      role: 'editor',
      conversations: { required: true, threads: [open, open], productionRevisionNumber: null },
    });
    expect(g.blockers.map((b) => b.code)).toEqual(['role', 'conversations']);
    expect(g.blockers[1]!.message).toBe('2 conversations are not resolved.');
  });
});
