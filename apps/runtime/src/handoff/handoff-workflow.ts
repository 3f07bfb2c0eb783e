/**
 * For hand-off tests: a workflow whose hot leads (60 points) become SQL and go to sales, assigned in
 * turn from the pool `emea` (the account owner first, read from `account.ownerId`), with a 4-hour SLA
 * and an escalation chain; the others become MQL and go to nurture. `crmStage` is the CRM's lifecycle
 * stage (the catalogue's current-stage field); `leadId` the lead id.
 */
export const handoffWorkflow = (id = 'handoff', pool = 'emea') => ({
  schemaVersion: 2,
  id,
  name: 'Hand-off',
  fields: [
    { path: 'leadId', label: 'Lead id', type: 'string', leadId: true },
    { path: 'hot', label: 'Hot', type: 'boolean' },
    { path: 'crmStage', label: 'CRM lifecycle stage', type: 'string', currentStage: true },
    { path: 'account.ownerId', label: 'Account owner', type: 'string' },
  ],
  nodes: [
    { id: 'start', kind: 'start', data: {} },
    {
      id: 'fit',
      kind: 'score',
      data: {
        scoreType: 'fit',
        cap: null,
        rules: [
          {
            id: 'hot',
            label: 'Hot',
            condition: { type: 'compare', field: 'hot', op: 'eq', value: true },
            points: 60,
          },
        ],
      },
    },
    {
      id: 'tiers',
      kind: 'branch',
      data: { on: 'total', tiers: [{ id: 'sql', label: 'Sales ready', min: 50 }], elseLabel: 'Not yet' },
    },
    { id: 'stageSql', kind: 'stage', data: { stage: 'SQL' } },
    { id: 'stageMql', kind: 'stage', data: { stage: 'MQL' } },
    {
      id: 'toSales',
      kind: 'route',
      data: {
        to: 'sales',
        queue: 'SDR team',
        priority: 'high',
        sla: { firstContactHours: 4, touches: 3 },
        assign: { pool, method: 'turn', ownerField: 'account.ownerId' },
        escalation: [
          { afterHours: 1, action: 'remind_owner' },
          { afterHours: 2, action: 'notify_manager' },
        ],
      },
    },
    { id: 'toNurture', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'fit', port: 'next' },
    { id: 'e2', from: 'fit', to: 'tiers', port: 'next' },
    { id: 'e3', from: 'tiers', to: 'stageSql', port: 'sql' },
    { id: 'e4', from: 'tiers', to: 'stageMql', port: 'else' },
    { id: 'e5', from: 'stageSql', to: 'toSales', port: 'next' },
    { id: 'e6', from: 'stageMql', to: 'toNurture', port: 'next' },
  ],
});

/** Mon–Fri 09:00–17:00 in Berlin: the example hours. */
export const berlinHours = {
  timeZone: 'Europe/Berlin',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '17:00',
  daysOff: [],
};

export const emeaPool = (reps: Record<string, unknown>[] = defaultReps()) => ({
  name: 'EMEA AEs',
  schedule: berlinHours,
  managerEmail: 'mia@example.com',
  reps,
});

export const defaultReps = () => [
  { id: 'u-ann', name: 'Ann', email: 'ann@example.com' },
  { id: 'u-bob', name: 'Bob', email: 'bob@example.com' },
];
