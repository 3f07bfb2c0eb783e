import { describe, expect, it } from 'vitest';
import type { ApprovalRule, Proposal } from '../api/governance.ts';
import {
  activeProposal,
  changedSteps,
  moveSentence,
  noChangesText,
  publishStep,
  reviewRight,
  ruleSentence,
} from './review-state.ts';

const proposal = (over: Partial<Proposal>): Proposal => ({
  id: 'p1',
  revision: 7,
  note: 'Raise the threshold',
  by: 'Eve Editor',
  at: '2026-03-01T10:00:00Z',
  status: 'open',
  editors: ['Eve Editor'],
  comments: [],
  ...over,
});
const team: ApprovalRule = { required: true, role: 'approver', excludeEditors: true };
const abe = { name: 'Abe Approver', role: 'approver', mode: 'key' as const };

describe('the review state the editor shows', () => {
  it('picks the open or approved proposal, else one sent back with changes requested', () => {
    const withdrawn = proposal({ id: 'p1', status: 'withdrawn' });
    const open = proposal({ id: 'p2', at: '2026-03-02T10:00:00Z' });
    expect(activeProposal([open, withdrawn])?.id).toBe('p2');
    const sentBack = proposal({ id: 'p3', status: 'changes_requested', at: '2026-03-03T10:00:00Z' });
    expect(activeProposal([sentBack, withdrawn])?.id).toBe('p3');
    expect(activeProposal([withdrawn, proposal({ id: 'p0', status: 'published' })])).toBeNull();
  });

  it('proposes, waits, then publishes an approved proposal of the current revision only', () => {
    expect(publishStep(team, [], 7)).toEqual({ kind: 'propose' });
    const open = proposal({});
    expect(publishStep(team, [open], 7)).toMatchObject({
      kind: 'waiting',
      reason: expect.stringContaining('p1'),
    });
    const approved = proposal({ status: 'approved', decidedBy: 'Abe Approver' });
    expect(publishStep(team, [approved], 7)).toEqual({ kind: 'publish', proposal: approved });
    // The draft moved on since the approval: propose again.
    expect(publishStep(team, [approved], 8)).toEqual({ kind: 'propose' });
    // Without the requirement, or before the rule is known, Publish stays.
    expect(publishStep({ ...team, required: false }, [], 7)).toEqual({ kind: 'publish', proposal: null });
    expect(publishStep(null, [], 7)).toEqual({ kind: 'publish', proposal: null });
  });

  it('says before the runtime does why a caller may not approve', () => {
    expect(reviewRight(abe, team, proposal({}))).toBeNull();
    expect(reviewRight({ ...abe, role: 'editor' }, team, proposal({}))).toBe(
      'Approving needs the approver role; you are an editor.',
    );
    expect(reviewRight(abe, team, proposal({ editors: ['Eve Editor', 'Abe Approver'] }))).toBe(
      'You edited this proposal (revision 7); the rule asks for someone else to approve.',
    );
    expect(
      reviewRight(abe, { ...team, excludeEditors: false }, proposal({ editors: ['Abe Approver'] })),
    ).toBeNull();
  });

  it('writes moves, empty comparisons and the rule as sentences', () => {
    expect(moveSentence({ from: 'Sales', to: 'Nurture', count: 2, examples: [] }, 12)).toBe(
      'moves 2 of 12 leads from Sales to Nurture',
    );
    expect(
      noChangesText({ from: { label: 'Version 3', version: 3 }, to: { label: 'Draft', version: null } }),
    ).toBe('No changes since version 3.');
    expect(
      noChangesText({ from: { label: 'Version 2', version: 2 }, to: { label: 'Version 3', version: 3 } }),
    ).toBe('No changes between Version 2 and Version 3.');
    expect(ruleSentence(team)).toBe(
      'Publishing needs an approved proposal: an approver or admin approves, never someone who edited it.',
    );
  });

  it('marks the steps the changes name', () => {
    const ids = changedSteps([
      { kind: 'step_changed', nodeId: 'tiers', sentence: 'MQL threshold 40 → 60.' },
      { kind: 'field_added', field: 'budget', sentence: 'Field added.' },
      { kind: 'connection_changed', nodeId: 'bant', sentence: 'BANT now leads to SAL.' },
    ]);
    expect([...ids]).toEqual(['tiers', 'bant']);
  });
});
