import { describe, expect, it } from 'vitest';
import { decisionFilter, filtersFrom, searchOf, shownFrom } from './filters.ts';

describe('the Leads page filters', () => {
  it('reads the address, ignoring values it does not know', () => {
    expect(filtersFrom('?lead=%20jane%40acme.io%20&route=sales&stage=SQL&window=7d&workflow=w')).toEqual({
      lead: 'jane@acme.io',
      workflow: 'w',
      route: 'sales',
      stage: 'SQL',
      window: '7d',
    });
    expect(filtersFrom('?route=maybe&stage=Boss&window=forever')).toEqual({
      lead: '',
      workflow: '',
      route: '',
      stage: '',
      window: '',
    });
    expect(shownFrom('?show=L-1')).toBe('L-1');
    expect(shownFrom('?show=')).toBeNull();
  });

  it('writes back only what is set, and the lead shown last', () => {
    const f = filtersFrom('?window=24h&lead=L-1');
    expect(searchOf(f, 'L-1').toString()).toBe('lead=L-1&window=24h&show=L-1');
    expect(searchOf(filtersFrom('')).toString()).toBe('');
  });

  it('asks the API for decisions since the start of the window', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(decisionFilter(filtersFrom('?window=24h&route=nurture'), now)).toEqual({
      lead: undefined,
      workflow: undefined,
      route: 'nurture',
      stage: undefined,
      since: '2026-03-01T10:00:00.000Z',
    });
    expect(decisionFilter(filtersFrom(''), now).since).toBeUndefined();
    // E-mails are logged in lower case; lead ids keep theirs.
    expect(decisionFilter(filtersFrom('?lead=Jane%40Acme.io'), now).lead).toBe('jane@acme.io');
    expect(decisionFilter(filtersFrom('?lead=Lead-7'), now).lead).toBe('Lead-7');
  });
});
