import { loadExamples } from '@qualify/examples';
import { compile } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { PreparedCache } from './prepared-cache.ts';
import type { WorkflowRow } from './store.ts';

const artifact = compile(loadExamples()[0]!.workflow);
const row = (id: string, versions: number): WorkflowRow =>
  ({
    id,
    versions: Array.from({ length: versions }, (_, i) => ({ number: i + 1, artifact })),
  }) as unknown as WorkflowRow;

describe('PreparedCache', () => {
  it('prepares a version once, answers undefined for one that does not exist, and stays within its bound', () => {
    const cache = new PreparedCache(3);
    const a = row('a', 2);
    const b = row('b', 2);
    const a1 = cache.get(a, 1);
    expect(a1).toBeDefined();
    expect(cache.get(a, 1)).toBe(a1);
    expect(cache.get(a, 2)).not.toBe(a1);
    expect(cache.get(a, 3)).toBeUndefined();
    expect(cache.get(b, 1)).toBeDefined();
    // Full: a's versions, cached first, make room; b's stays.
    const b2 = cache.get(b, 2);
    const b1 = cache.get(b, 1);
    expect(cache.get(b, 2)).toBe(b2);
    expect(cache.get(b, 1)).toBe(b1);
    expect(cache.get(a, 1)).not.toBe(a1);
  });
});
