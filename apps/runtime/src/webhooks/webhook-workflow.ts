/**
 * For webhook tests: a published workflow whose catalogue marks `leadId` as the lead's id, so every
 * evaluation is a hand-off with a `decision` event. A lead with `hot: true` scores 10.
 */
export const webhookWorkflow = (id = 'web') => ({
  schemaVersion: 2,
  id,
  name: 'Web leads',
  fields: [
    { path: 'leadId', label: 'Lead id', type: 'string', leadId: true },
    { path: 'hot', label: 'Hot', type: 'boolean' },
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
            points: 10,
          },
        ],
      },
    },
    { id: 'out', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'fit', port: 'next' },
    { id: 'e2', from: 'fit', to: 'out', port: 'next' },
  ],
});
