import { renameField, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { around } from '../testing/build.ts';

const doc = loadExamples().find((e) => e.name === 'bant-inbound-saas')!.workflow as Parameters<
  typeof renameField
>[0];

describe('renameField', () => {
  it('moves the field and every condition and decay that reads it, leaving a valid workflow', () => {
    const renamed = renameField(doc, 'activity.lastVisit', 'web.lastSeen');
    expect(renamed.fields.map((f) => f.path)).toContain('web.lastSeen');
    expect(renamed.fields.map((f) => f.path)).not.toContain('activity.lastVisit');
    const text = JSON.stringify(renamed.nodes);
    expect(text).not.toContain('activity.lastVisit');
    expect(text.match(/web\.lastSeen/g)).toHaveLength(2); // the decay of "demo" and the "recent" rule
    expect(validate(renamed)).toEqual([]);
    expect(JSON.stringify(doc)).toContain('activity.lastVisit'); // the original is untouched
  });

  it('does not merge two fields: renaming onto an existing path changes nothing', () => {
    expect(renameField(doc, 'budget', 'need')).toBe(doc);
  });

  it("points a sales route's owner field at the new path", () => {
    const wf = around('route', {
      to: 'sales',
      queue: 'SDR',
      sla: { firstContactHours: 4, touches: 3 },
      assign: { pool: 'emea', ownerField: 'title' },
    });
    const renamed = renameField(wf, 'title', 'owner.id');
    expect((renamed.nodes[1]!.data as { assign: { ownerField: string } }).assign.ownerField).toBe('owner.id');
    expect(validate(renamed)).toEqual([]);
  });
});
