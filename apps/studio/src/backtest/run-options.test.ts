import { describe, expect, it } from 'vitest';
import { parseThresholds, resolveVersions, versionChoices } from './run-options.ts';

describe('resolveVersions', () => {
  it.each([
    [null, null, 1, ['live', 'draft']],
    [null, null, null, ['draft']],
    ['v1', null, 2, ['v1', 'draft']],
    ['live', '', 1, ['live']],
    ['draft', null, 1, ['draft']],
    ['draft', 'draft', 1, ['draft']],
    ['v2', 'v1', 2, ['v2', 'v1']],
  ] as const)('%s, %s (live %s) → %j', (first, second, live, expected) => {
    expect(resolveVersions(first, second, live)).toEqual(expected);
  });
});

describe('versionChoices', () => {
  it('offers live, the draft and the other versions, newest first', () => {
    expect(versionChoices(2, 3).map((c) => c.token)).toEqual(['live', 'draft', 'v3', 'v1']);
    expect(versionChoices(null, null).map((c) => c.label)).toEqual(['Current draft']);
  });
});

describe('parseThresholds', () => {
  it('reads comma-separated numbers or says which item is not one', () => {
    expect(parseThresholds('30, 40,50 ,')).toEqual([30, 40, 50]);
    expect(parseThresholds('')).toEqual([]);
    expect(parseThresholds('30, forty')).toBe('"forty" is not a number.');
  });
});
