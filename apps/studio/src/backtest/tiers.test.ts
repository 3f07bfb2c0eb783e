import { readFileSync } from 'node:fs';
import { type Workflow, WorkflowSchema } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { changeCause, findTier, setTierThreshold, tierChanges, tierOptions } from './tiers.ts';

const bant = WorkflowSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../../../examples/bant-inbound-saas.workflow.json', import.meta.url), 'utf8'),
  ),
) as Workflow;

describe('tierOptions', () => {
  it('lists the tiers of the score-tiers nodes', () => {
    expect(tierOptions(bant)).toEqual([
      { nodeId: 'tiers', nodeLabel: 'MQL threshold', tierId: 'mql', tierLabel: 'MQL', min: 40 },
    ]);
  });
});

describe('setTierThreshold', () => {
  it('sets one threshold and keeps the connections', () => {
    const next = setTierThreshold(bant, 'tiers', 'mql', 55);
    expect(findTier(next, 'tiers', 'mql')?.min).toBe(55);
    expect(next.edges).toBe(bant.edges);
    expect(findTier(bant, 'tiers', 'mql')?.min).toBe(40);
  });

  it('leaves the document alone when the tier is gone', () => {
    expect(setTierThreshold(bant, 'tiers', 'nope', 55)).toBe(bant);
    expect(setTierThreshold(bant, 'fit', 'mql', 55)).toBe(bant);
  });
});

describe('tierChanges', () => {
  it('names the thresholds that moved between two versions', () => {
    const draft = setTierThreshold(bant, 'tiers', 'mql', 60);
    expect(tierChanges(bant, draft)).toEqual([
      { nodeId: 'tiers', nodeLabel: 'MQL threshold', tierId: 'mql', tierLabel: 'MQL', min: 60, from: 40 },
    ]);
    expect(tierChanges(bant, bant)).toEqual([]);
  });
});

describe('changeCause', () => {
  it('names the moved threshold, else the two versions', () => {
    const after = setTierThreshold(bant, 'tiers', 'mql', 60);
    expect(changeCause(['live v1', 'draft'], { before: bant, after })).toBe('MQL threshold (MQL) 40 → 60');
    expect(changeCause(['live v1', 'draft'], { before: bant, after: bant })).toBe('Live v1 → Draft');
    expect(changeCause(['v1', 'v2'], null)).toBe('Version 1 → Version 2');
  });
});
