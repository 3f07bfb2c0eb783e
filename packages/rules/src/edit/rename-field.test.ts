import { renameEventProperty, renameField, validate, type WorkflowInput } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { around, FIELDS } from '../testing/build.ts';

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

/** A lead field and an event property both called `title`: "Job title is CEO and 2 events titled Pricing". */
function sharedName(): WorkflowInput {
  const condition = {
    type: 'group',
    match: 'all',
    conditions: [
      { type: 'compare', field: 'title', op: 'eq', value: 'CEO' },
      {
        type: 'events',
        where: { type: 'compare', field: 'title', op: 'contains', value: 'Pricing' },
        count: { op: 'gte', value: 2 },
      },
    ],
  };
  return {
    ...around('condition', { condition }, { fields: FIELDS }),
    events: { properties: [{ path: 'title', label: 'Page title', type: 'string', category: 'engagement' }] },
  };
}

/** The field each comparison of the signal check reads: [the lead's, the event's]. */
const reads = (wf: WorkflowInput) => {
  const c = (
    wf.nodes[1]!.data as { condition: { conditions: [{ field: string }, { where: { field: string } }] } }
  ).condition.conditions;
  return [c[0].field, c[1].where.field];
};

describe('renaming a lead field and an event property of the same name', () => {
  it('a lead field rename leaves the events condition on its event property', () => {
    const renamed = renameField(sharedName(), 'title', 'jobTitle');
    expect(reads(renamed)).toEqual(['jobTitle', 'title']);
    expect(validate(renamed)).toEqual([]);
  });

  it('an event property rename moves only the comparisons inside events conditions', () => {
    const renamed = renameEventProperty(sharedName(), 'title', 'pageTitle');
    expect(reads(renamed)).toEqual(['title', 'pageTitle']);
    expect(renamed.events?.properties.map((p) => p.path)).toEqual(['pageTitle']);
    expect(validate(renamed)).toEqual([]);
  });

  it('refuses to merge two event properties, or to rename without an events section', () => {
    const wf = sharedName();
    const two = {
      ...wf,
      events: { properties: [...wf.events!.properties, { ...wf.events!.properties[0]!, path: 'url' }] },
    };
    expect(renameEventProperty(two, 'title', 'url')).toBe(two);
    const { events: _none, ...without } = wf;
    expect(renameEventProperty(without, 'title', 'x')).toBe(without);
  });
});
