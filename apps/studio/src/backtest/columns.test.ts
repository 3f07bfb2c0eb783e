import { isConverted } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { CONVERTED_WORDS, doublyMapped, guessOutcomeColumn } from './columns.ts';

describe('guessOutcomeColumn', () => {
  it.each([
    [['lead_id', 'email', 'converted'], 'converted'],
    [['lead_id', 'Status', 'Won'], 'Won'],
    [['id', 'Deal status'], 'Deal status'],
    [['id', 'is_converted', 'status'], 'status'],
    [['id', 'CLOSED'], 'CLOSED'],
    [['id', 'email'], null],
  ])('%j → %j', (columns, expected) => {
    expect(guessOutcomeColumn(columns)).toBe(expected);
  });
});

describe('CONVERTED_WORDS', () => {
  it('lists only words isConverted accepts, in any case', () => {
    expect(CONVERTED_WORDS).toContain('won');
    expect(CONVERTED_WORDS).toContain('closed won');
    for (const w of CONVERTED_WORDS) expect(isConverted(w.toUpperCase())).toBe(true);
    expect(isConverted('lost')).toBe(false);
  });
});

describe('doublyMapped', () => {
  it('finds a field fed by two columns', () => {
    expect([...doublyMapped({ a: 'email', b: 'email', c: null, d: 'jobTitle' })]).toEqual(['email']);
    expect(doublyMapped({ a: null }).size).toBe(0);
  });
});
