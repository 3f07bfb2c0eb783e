import { describe, expect, it } from 'vitest';
import { eventBody, eventData, leadKey, subscribersOf } from './outbox.ts';
import type { Subscription } from './types.ts';

const sub = (id: string, events: Subscription['events'], active = true): Subscription => ({
  id,
  url: `http://127.0.0.1/${id}`,
  events,
  description: null,
  active,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
});

describe('outbox events', () => {
  it('go to the active subscriptions that asked for their type', () => {
    const subs = [
      sub('a', ['assigned']),
      sub('b', ['decision', 'assigned']),
      sub('c', ['assigned'], false),
      sub('d', ['escalated']),
    ];
    expect(subscribersOf('assigned', subs).map((s) => s.id)).toEqual(['a', 'b']);
    expect(subscribersOf('sla.breached', subs)).toEqual([]);
  });

  it('are ordered per lead, or per decision for a lead without an id', () => {
    expect(leadKey('L-1', 'd-1')).toBe('L-1');
    expect(leadKey(null, 'd-1')).toBe('decision:d-1');
  });

  it('have the documented body, fields in a fixed order', () => {
    const ann = { id: 'u-ann', name: 'Ann', email: 'ann@x.test' };
    const body = eventBody({
      id: 'evt_1',
      type: 'escalated',
      createdAt: '2026-11-30T09:00:00.000Z',
      leadId: 'L-1',
      sequence: 3,
      workflow: { id: 'inbound', version: 2 },
      decisionId: 'd-1',
      data: eventData.escalated(2, 'notify_manager', ann, 'mia@x.test'),
    });
    expect(body).toBe(
      '{"id":"evt_1","type":"escalated","createdAt":"2026-11-30T09:00:00.000Z","leadId":"L-1","sequence":3,' +
        '"workflow":{"id":"inbound","version":2},"decisionId":"d-1",' +
        '"data":{"step":2,"action":"notify_manager","owner":{"id":"u-ann","name":"Ann","email":"ann@x.test"},"manager":"mia@x.test"}}',
    );
    expect(eventData.escalated(3, 'reassign', ann, undefined, null)).toEqual({
      step: 3,
      action: 'reassign',
      owner: ann,
      newOwner: null,
    });
    expect(eventData.decision({ kind: 'sales', target: 'SDR' }, 'SAL', 80)).toEqual({
      route: { kind: 'sales', target: 'SDR' },
      stage: 'SAL',
      score: 80,
    });
  });
});
