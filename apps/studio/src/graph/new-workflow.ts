import { DEFAULT_MISSING_VALUES, type Field, SCHEMA_VERSION, type Workflow } from '@qualify/rules';
import { slug } from './ids.ts';

/** A catalogue most B2B teams start from: fit, engagement and the BANT conversation answers. */
export const STARTER_FIELDS: Field[] = [
  { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
  { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
  {
    path: 'seniority',
    label: 'Seniority',
    type: 'enum',
    category: 'fit',
    values: ['c_level', 'vp', 'director', 'manager', 'individual'],
  },
  { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
  {
    path: 'company.industry',
    label: 'Industry',
    type: 'enum',
    category: 'fit',
    values: ['saas', 'fintech', 'ecommerce', 'manufacturing', 'agency', 'education', 'other'],
  },
  { path: 'company.country', label: 'Country', type: 'string', category: 'fit' },
  { path: 'activity.demoRequested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
  { path: 'activity.pricingViews', label: 'Pricing page views', type: 'number', category: 'engagement' },
  { path: 'activity.lastVisit', label: 'Last website visit', type: 'date', category: 'engagement' },
  { path: 'budget', label: 'Budget (EUR)', type: 'number', category: 'conversation' },
  {
    path: 'authority',
    label: 'Authority',
    type: 'enum',
    category: 'conversation',
    values: ['decision_maker', 'influencer', 'user'],
  },
  {
    path: 'need',
    label: 'Need',
    type: 'enum',
    category: 'conversation',
    values: ['high', 'medium', 'low', 'none'],
  },
  {
    path: 'timeline',
    label: 'Timeline',
    type: 'enum',
    category: 'conversation',
    values: ['this_quarter', 'next_quarter', 'this_year', 'later'],
  },
];

/** An id for a new workflow from its name, not clashing with `taken`. */
export function workflowId(name: string, taken: ReadonlySet<string>): string {
  const base = slug(name).slice(0, 80) || 'workflow';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A blank workflow: one "Lead arrives" node and the starter catalogue. */
export function blankWorkflow(id: string, name: string): Workflow {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    name,
    description: '',
    fields: STARTER_FIELDS.map((f) => ({ ...f })),
    missingValues: [...DEFAULT_MISSING_VALUES],
    nodes: [{ id: 'start', kind: 'start', label: 'Lead arrives', position: { x: 0, y: 120 }, data: {} }],
    edges: [],
    testCases: [],
  };
}
