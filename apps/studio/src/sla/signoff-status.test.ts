import { describe, expect, it } from 'vitest';
import type { Signoff } from '../api/types.ts';
import { signoffState } from './signoff-status.ts';

const signoff = (version: number, name = 'Dana Reyes'): Signoff => ({
  id: `so_${version}`,
  name,
  title: 'VP Sales',
  version,
  note: '',
  recordedBy: 'local',
  at: '2026-03-02T09:00:00.000Z',
});

describe('signoffState', () => {
  it.each([
    [[], null, 'none', /Publish a version/],
    [[], 2, 'none', /sign off on version 2, the live one/],
    [[signoff(2)], 2, 'current', /^Signed off on version 2\.$/],
    [[signoff(1)], 3, 'outdated', /Version 3 is live, but the newest sign-off is for version 1/],
    [[signoff(3)], 2, 'ahead', /version 2 is live \(an older one, brought back\)/],
  ] as const)('%j with live %s is %s', (items, live, state, text) => {
    const s = signoffState(items, live);
    expect(s.state).toBe(state);
    expect(s.text).toMatch(text);
  });

  it('judges by the newest sign-off only (the list is newest first)', () => {
    expect(signoffState([signoff(3, 'Sam'), signoff(1)], 3).state).toBe('current');
    expect(signoffState([signoff(1, 'Sam'), signoff(3)], 3).state).toBe('outdated');
  });
});
