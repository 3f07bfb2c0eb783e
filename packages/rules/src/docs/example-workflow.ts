import { all, any, compare as c } from '../conditions/schema.ts';
import { SCHEMA_VERSION, type WorkflowInput } from '../model/workflow.ts';

/** The export the format reference starts from: a CRM's lead list, one lead a row. */
export const EXAMPLE_CSV = [
  'email,job_title,employees,industry,budget,demo_requested,last_visit',
  'ana@acme.io,VP Sales,250,SaaS,20000,yes,2026-02-27',
  'lee@globex.com,Head of IT,120,FinTech,,no,2026-01-10',
  'kim@gmail.com,Student,,,,no,2025-11-02',
].join('\n');

/** When the reference evaluates the rows above. */
export const EXAMPLE_NOW = '2026-03-02T09:00:00Z';

/** A small, complete workflow for that CSV: one field a column, one step of most kinds. */
export const EXAMPLE_WORKFLOW: WorkflowInput = {
  schemaVersion: SCHEMA_VERSION,
  id: 'inbound-demo',
  name: 'Inbound demo requests',
  description: 'Disqualifies free-mail and tiny companies, scores fit, hands qualified leads to sales.',
  fields: [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'job_title', label: 'Job title', type: 'string', category: 'fit' },
    { path: 'employees', label: 'Employees', type: 'number', category: 'fit' },
    {
      path: 'industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: ['SaaS', 'FinTech', 'Retail', 'Other'],
    },
    { path: 'budget', label: 'Budget (EUR)', type: 'number', category: 'conversation' },
    { path: 'demo_requested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
    { path: 'last_visit', label: 'Last website visit', type: 'date', category: 'engagement' },
  ],
  nodes: [
    { id: 'start', kind: 'start', label: 'Lead arrives', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'junk',
      kind: 'condition',
      label: 'Free mail or tiny company?',
      position: { x: 260, y: 0 },
      data: { condition: any(c('email', 'freeMail'), c('employees', 'lt', 5)) },
    },
    {
      id: 'fit',
      kind: 'score',
      label: 'Fit score',
      position: { x: 520, y: 0 },
      data: {
        scoreType: 'fit',
        cap: null,
        rules: [
          { id: 'size', label: '50 or more employees', condition: c('employees', 'gte', 50), points: 30 },
          {
            id: 'senior',
            label: 'Senior job title',
            condition: c('job_title', 'containsAny', ['vp', 'head', 'chief', 'director']),
            points: 20,
          },
          {
            id: 'industry',
            label: 'Target industry',
            condition: c('industry', 'in', ['SaaS', 'FinTech']),
            points: 10,
          },
          {
            id: 'recent',
            label: 'Visited recently',
            condition: c('last_visit', 'present'),
            points: 10,
            decay: { field: 'last_visit', days: 7 },
          },
        ],
      },
    },
    {
      id: 'bant',
      kind: 'gate',
      label: 'Ready for sales?',
      position: { x: 780, y: 0 },
      data: {
        framework: 'custom',
        criteria: [
          { id: 'budget', label: 'Budget', condition: c('budget', 'gte', 10000), weight: 1 },
          { id: 'demo', label: 'Asked for a demo', condition: c('demo_requested', 'eq', true), weight: 1 },
          {
            id: 'fit',
            label: 'Fits the profile',
            condition: all(c('employees', 'gte', 50), c('industry', 'neq', 'Other')),
            weight: 1,
          },
        ],
        pass: { rule: 'atLeast', count: 2 },
      },
    },
    { id: 'sql', kind: 'stage', label: 'SQL', position: { x: 1040, y: -80 }, data: { stage: 'SQL' } },
    {
      id: 'sales',
      kind: 'route',
      label: 'To sales',
      position: { x: 1300, y: -80 },
      data: {
        to: 'sales',
        queue: 'Inbound SDR',
        priority: 'high',
        sla: { firstContactHours: 4, touches: 5 },
      },
    },
    {
      id: 'nurture',
      kind: 'route',
      label: 'Nurture',
      position: { x: 1040, y: 80 },
      data: { to: 'nurture', track: 'Product newsletter' },
    },
    {
      id: 'dq',
      kind: 'route',
      label: 'Disqualify',
      position: { x: 520, y: 160 },
      data: { to: 'disqualify', reason: 'Free mail or fewer than 5 employees' },
    },
  ],
  edges: [
    { id: 'e1', from: 'start', port: 'next', to: 'junk' },
    { id: 'e2', from: 'junk', port: 'true', to: 'dq' },
    { id: 'e3', from: 'junk', port: 'false', to: 'fit' },
    { id: 'e4', from: 'fit', port: 'next', to: 'bant' },
    { id: 'e5', from: 'bant', port: 'pass', to: 'sql' },
    { id: 'e6', from: 'bant', port: 'fail', to: 'nurture' },
    { id: 'e7', from: 'sql', port: 'next', to: 'sales' },
  ],
};
