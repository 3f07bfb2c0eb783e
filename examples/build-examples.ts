/**
 * Writes the example workflows as JSON (the files the runtime seeds and the studio offers as
 * templates). Run with `npx tsx examples/build-examples.ts` after changing this file.
 */
import { writeFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { applyLayout, computeLayout } from '../apps/studio/src/graph/layout.ts';
import { testCaseId } from '../packages/rules/src/cases/labels.ts';
import {
  all,
  any,
  type Condition,
  compare as c,
  events as counted,
} from '../packages/rules/src/conditions/schema.ts';
import { DEFAULT_MISSING_VALUES, type Field } from '../packages/rules/src/model/fields.ts';
import { SCHEMA_VERSION, type Workflow } from '../packages/rules/src/model/workflow.ts';

type N = { id: string; kind: string; label: string; position: { x: number; y: number }; data: unknown };
type E = { id: string; from: string; to: string; port: string };

function flow() {
  const nodes: N[] = [];
  const edges: E[] = [];
  const add = (id: string, kind: string, label: string, col: number, row: number, data: unknown = {}) => {
    nodes.push({ id, kind, label, position: { x: col * 300, y: row * 160 }, data });
    return id;
  };
  const link = (from: string, port: string, to: string) =>
    edges.push({ id: `${from}-${port}-${to}`, from, to, port });
  return { nodes, edges, add, link };
}

const rule = (id: string, label: string, condition: Condition, points: number, extra: object = {}) => ({
  id,
  label,
  condition,
  points,
  ...extra,
});
const crit = (id: string, label: string, condition: Condition, weight = 1) => ({
  id,
  label,
  condition,
  weight,
});
const sales = (queue: string, hours: number, touches: number, priority = 'high') => ({
  to: 'sales',
  queue,
  priority,
  sla: { firstContactHours: hours, touches },
});

type Lead = { name: string; now: string; lead: object; expect: Record<string, unknown> };

/** A sample lead as the workflow's test case: what the example promises, minus the rep's questions. */
function testCases(leads: Lead[]) {
  const ids: string[] = [];
  return leads.map(({ name, now, lead, expect: { nextQuestions: _, ...expect } }) => {
    const id = testCaseId(name, ids);
    ids.push(id);
    return { id, name, lead, now, expect };
  });
}

const elk = new ELK();

/**
 * Writes one example; each states the product's values that mean missing, as a new workflow does, and
 * carries its sample leads as test cases (`npx qualify test` runs them). Its steps stand where the
 * studio's layout puts them (ELK, as "Tidy up" does), so an example opens with its edges routed.
 */
async function write(name: string, doc: Record<string, unknown>, leads: Lead[]) {
  const workflow = doc as unknown as Workflow;
  const { nodes } = applyLayout(workflow, await computeLayout(workflow, elk));
  const { nodes: _, edges, ...head } = doc;
  const full = {
    ...head,
    missingValues: DEFAULT_MISSING_VALUES,
    nodes,
    edges,
    testCases: testCases(leads),
  };
  writeFileSync(new URL(`./${name}.workflow.json`, import.meta.url), `${JSON.stringify(full, null, 2)}\n`);
  writeFileSync(new URL(`./${name}.leads.json`, import.meta.url), `${JSON.stringify(leads, null, 2)}\n`);
}

// ---------------------------------------------------------------- reference workload
{
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
    {
      path: 'seniority',
      label: 'Seniority',
      type: 'enum',
      category: 'fit',
      values: ['c_level', 'vp', 'director', 'manager', 'individual', 'student', 'intern'],
    },
    { path: 'company.size', label: 'Company size', type: 'number', category: 'fit' },
    {
      path: 'company.industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: [
        'software',
        'saas',
        'fintech',
        'ecommerce',
        'manufacturing',
        'retail',
        'healthcare',
        'education',
        'government',
        'consulting',
      ],
    },
    { path: 'company.country', label: 'Country', type: 'string', category: 'fit' },
    { path: 'company.revenue', label: 'Annual revenue', type: 'number', category: 'fit' },
    { path: 'budget', label: 'Budget', type: 'number', category: 'conversation' },
    {
      path: 'authority',
      label: 'Authority',
      type: 'enum',
      category: 'conversation',
      values: ['decision_maker', 'budget_holder', 'influencer', 'user', 'none'],
    },
    {
      path: 'need',
      label: 'Need',
      type: 'enum',
      category: 'conversation',
      values: ['high', 'medium', 'low', 'none'],
    },
    { path: 'timelineDays', label: 'Timeline (days)', type: 'number', category: 'conversation' },
    { path: 'events.webinar', label: 'Webinars attended', type: 'number', category: 'engagement' },
    { path: 'events.whitepaper', label: 'Whitepapers downloaded', type: 'number', category: 'engagement' },
    { path: 'events.pricingViews', label: 'Pricing page views', type: 'number', category: 'engagement' },
    { path: 'events.demoRequested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
    {
      path: 'events.lastActivityDays',
      label: 'Days since last activity',
      type: 'number',
      category: 'engagement',
    },
    {
      path: 'source',
      label: 'Lead source',
      type: 'enum',
      category: 'fit',
      values: ['organic', 'paid', 'referral', 'partner', 'event', 'cold', 'social'],
    },
  ];
  const f = flow();
  f.add('start', 'start', 'Lead arrives', 0, 1);
  f.add('fit', 'score', 'Fit score', 1, 1, {
    scoreType: 'fit',
    cap: null,
    rules: [
      rule('senior', 'Senior title', c('seniority', 'in', ['c_level', 'vp', 'director']), 15),
      rule('companySize50to5000', 'Company of 50 to 5,000', c('company.size', 'between', [50, 5000]), 10),
      rule(
        'targetIndustry',
        'Target industry',
        c('company.industry', 'in', ['software', 'saas', 'fintech', 'ecommerce']),
        10,
      ),
      rule(
        'targetCountry',
        'Target country',
        c('company.country', 'in', ['DE', 'AT', 'CH', 'NL', 'FR', 'GB']),
        5,
      ),
      rule('revenue10M', 'Revenue of 10M or more', c('company.revenue', 'gte', 10_000_000), 10),
      rule(
        'freeMail',
        'Free-mail address',
        c('email', 'containsAny', ['@gmail.', '@yahoo.', '@hotmail.', '@outlook.', '@gmx.', '@web.de']),
        -10,
      ),
      rule(
        'student',
        'Student',
        any(c('seniority', 'eq', 'student'), c('jobTitle', 'containsAny', ['Student'])),
        -20,
      ),
      rule(
        'goodSource',
        'Referral, partner or event',
        c('source', 'in', ['referral', 'partner', 'event']),
        10,
      ),
    ],
  });
  f.add('engagement', 'score', 'Engagement score', 2, 1, {
    scoreType: 'engagement',
    cap: null,
    rules: [
      rule(
        'contentEngaged',
        'Two or more webinars and whitepapers',
        any(
          c('events.webinar', 'gte', 2),
          c('events.whitepaper', 'gte', 2),
          all(c('events.webinar', 'gte', 1), c('events.whitepaper', 'gte', 1)),
        ),
        10,
      ),
      rule('pricingViews3', 'Viewed pricing 3+ times', c('events.pricingViews', 'gte', 3), 15),
      rule('demoRequested', 'Requested a demo', c('events.demoRequested', 'eq', true), 25),
      rule('activeLast7d', 'Active in the last 7 days', c('events.lastActivityDays', 'lte', 7), 10),
      rule('inactive90d', 'Inactive for over 90 days', c('events.lastActivityDays', 'gt', 90), -15),
    ],
  });
  f.add('hardDq', 'condition', 'Hard disqualifiers', 3, 1, {
    condition: any(c('company.country', 'in', ['KP', 'IR', 'SY', 'CU']), c('company.size', 'lt', 3)),
  });
  f.add('tiers', 'branch', 'Score tiers', 4, 1, {
    on: 'total',
    tiers: [
      { id: 'sql', label: 'Sales-ready', min: 60 },
      { id: 'mql', label: 'MQL', min: 35 },
      { id: 'nurture', label: 'Nurture', min: 0 },
    ],
    elseLabel: 'Negative',
  });
  f.add('bant', 'gate', 'BANT', 5, 0, {
    framework: 'BANT',
    pass: { rule: 'atLeast', count: 3 },
    criteria: [
      crit('budget', 'Budget', c('budget', 'gte', 10000)),
      crit('authority', 'Authority', c('authority', 'in', ['decision_maker', 'budget_holder'])),
      crit('need', 'Need', c('need', 'in', ['high', 'medium'])),
      crit('timeline', 'Timeline', c('timelineDays', 'lte', 90)),
    ],
  });
  f.add('stageSql', 'stage', 'SQL', 6, 0, { stage: 'SQL' });
  f.add('toSales', 'route', 'Sales', 7, 0, sales('SDR team', 4, 6));
  f.add('stageMql', 'stage', 'MQL', 6, 1, { stage: 'MQL' });
  f.add('toMqlNurture', 'route', 'MQL nurture', 7, 1, { to: 'nurture', track: 'MQL fast track' });
  f.add('toNurture', 'route', 'Nurture', 7, 2, { to: 'nurture', track: 'Newsletter' });
  f.add('stageDq', 'stage', 'Disqualified', 6, 3, { stage: 'Disqualified' });
  f.add('toDq', 'route', 'Disqualify', 7, 3, {
    to: 'disqualify',
    reason: 'Outside the ideal customer profile',
  });
  f.link('start', 'next', 'fit');
  f.link('fit', 'next', 'engagement');
  f.link('engagement', 'next', 'hardDq');
  f.link('hardDq', 'true', 'stageDq');
  f.link('hardDq', 'false', 'tiers');
  f.link('tiers', 'sql', 'bant');
  f.link('tiers', 'mql', 'stageMql');
  f.link('tiers', 'nurture', 'toNurture');
  f.link('tiers', 'else', 'stageDq');
  f.link('bant', 'pass', 'stageSql');
  f.link('bant', 'fail', 'stageMql');
  f.link('stageSql', 'next', 'toSales');
  f.link('stageMql', 'next', 'toMqlNurture');
  f.link('stageDq', 'next', 'toDq');
  await write(
    'reference-workload',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'reference-workload',
      name: 'Reference workload (BANT + scoring)',
      description:
        "13 scoring rules and hard disqualifiers, then score tiers 60 / 35 and a BANT gate (3 of 4) before sales. The runtime's speed is measured on this workflow.",
      fields,
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Engaged VP at a German SaaS company',
        now: '2026-03-02T09:00:00Z',
        lead: {
          email: 'ann.weber@acme.de',
          jobTitle: 'VP Sales',
          seniority: 'vp',
          company: { size: 250, industry: 'saas', country: 'DE', revenue: 30000000 },
          budget: 50000,
          authority: 'decision_maker',
          need: 'high',
          timelineDays: 30,
          events: { webinar: 2, whitepaper: 1, pricingViews: 4, demoRequested: true, lastActivityDays: 2 },
          source: 'referral',
        },
        expect: { route: 'sales', target: 'SDR team', stage: 'SQL', score: 120 },
      },
      {
        name: 'Student on a free-mail address',
        now: '2026-03-02T09:00:00Z',
        lead: {
          email: 'mia.silva@gmail.com',
          jobTitle: 'PhD Student',
          seniority: 'student',
          company: { size: 12000, industry: 'education', country: 'BR', revenue: 900000000 },
          budget: 0,
          authority: 'none',
          need: 'low',
          timelineDays: 365,
          events: { webinar: 1, whitepaper: 0, pricingViews: 0, demoRequested: false, lastActivityDays: 120 },
          source: 'organic',
        },
        expect: { route: 'disqualify', stage: 'Disqualified', score: -35 },
      },
      {
        name: 'Lead with no company data is not disqualified for it',
        now: '2026-03-02T09:00:00Z',
        lead: {
          email: 'lars.jansen@hooli.nl',
          jobTitle: 'Head of Growth',
          seniority: 'director',
          company: null,
          events: { webinar: 3, whitepaper: 2, pricingViews: 5, demoRequested: false },
          source: 'event',
        },
        expect: {
          route: 'nurture',
          target: 'MQL fast track',
          stage: 'MQL',
          score: 50,
          nextQuestions: ['company.size', 'company.industry', 'company.revenue', 'company.country'],
        },
      },
    ],
  );
}

// ---------------------------------------------------------------- BANT, inbound SaaS
{
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
    { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
    {
      path: 'company.industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: ['saas', 'fintech', 'ecommerce', 'agency', 'manufacturing', 'education', 'other'],
    },
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
    { path: 'activity.lastVisit', label: 'Last website visit', type: 'date', category: 'engagement' },
    { path: 'activity.pricingViews', label: 'Pricing page views', type: 'number', category: 'engagement' },
    { path: 'activity.demoRequested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
    { path: 'activity.trialStarted', label: 'Free trial started', type: 'boolean', category: 'engagement' },
  ];
  const f = flow();
  f.add('start', 'start', 'Lead arrives', 0, 1);
  f.add('dq', 'condition', 'Students and micro companies', 1, 1, {
    condition: any(c('jobTitle', 'containsAny', ['student', 'intern']), c('company.employees', 'lt', 5)),
  });
  f.add('fit', 'score', 'Fit score', 2, 1, {
    scoreType: 'fit',
    cap: 50,
    rules: [
      rule(
        'senior',
        'Senior job title',
        c('jobTitle', 'containsAny', ['ceo', 'cto', 'founder', 'vp', 'head', 'director']),
        20,
      ),
      rule('size', '50 to 1,000 employees', c('company.employees', 'between', [50, 1000]), 15),
      rule('industry', 'Target industry', c('company.industry', 'in', ['saas', 'fintech', 'ecommerce']), 10),
      rule('freeMail', 'Free-mail address', c('email', 'freeMail'), -15),
    ],
  });
  f.add('engagement', 'score', 'Engagement score', 3, 1, {
    scoreType: 'engagement',
    cap: 60,
    rules: [
      rule('demo', 'Requested a demo', c('activity.demoRequested', 'eq', true), 30, {
        decay: { field: 'activity.lastVisit', days: 14 },
      }),
      rule('pricing', 'Viewed pricing 3+ times', c('activity.pricingViews', 'gte', 3), 15),
      rule('trial', 'Started a free trial', c('activity.trialStarted', 'eq', true), 20),
      rule('recent', 'Visited in the last 7 days', c('activity.lastVisit', 'withinDays', 7), 10),
    ],
  });
  f.add('tiers', 'branch', 'MQL threshold', 4, 1, {
    on: 'total',
    tiers: [{ id: 'mql', label: 'MQL', min: 40 }],
    elseLabel: 'Not yet',
  });
  f.add('stageMql', 'stage', 'MQL', 5, 0, { stage: 'MQL' });
  f.add('bant', 'gate', 'BANT hand-off', 6, 0, {
    framework: 'BANT',
    pass: { rule: 'atLeast', count: 3 },
    criteria: [
      crit('budget', 'Budget', c('budget', 'gte', 5000)),
      crit('authority', 'Authority', c('authority', 'eq', 'decision_maker')),
      crit('need', 'Need', c('need', 'in', ['high', 'medium'])),
      crit('timeline', 'Timeline', c('timeline', 'in', ['this_quarter', 'next_quarter'])),
    ],
  });
  f.add('stageSal', 'stage', 'SAL', 7, 0, { stage: 'SAL' });
  f.add('toSales', 'route', 'Inbound SDR', 8, 0, {
    ...sales('Inbound SDR', 4, 5),
    assign: { pool: 'inbound-sdr', method: 'turn' },
    escalation: [
      { afterHours: 0, action: 'remind_owner' },
      { afterHours: 2, action: 'notify_manager' },
      { afterHours: 4, action: 'reassign' },
    ],
  });
  f.add('toMqlNurture', 'route', 'Product education', 8, 1, { to: 'nurture', track: 'Product education' });
  f.add('toNewsletter', 'route', 'Newsletter', 8, 2, { to: 'nurture', track: 'Newsletter' });
  f.add('stageDq', 'stage', 'Disqualified', 2, 3, { stage: 'Disqualified' });
  f.add('toDq', 'route', 'Disqualify', 3, 3, {
    to: 'disqualify',
    reason: 'Student or company under 5 people',
  });
  f.link('start', 'next', 'dq');
  f.link('dq', 'true', 'stageDq');
  f.link('dq', 'false', 'fit');
  f.link('stageDq', 'next', 'toDq');
  f.link('fit', 'next', 'engagement');
  f.link('engagement', 'next', 'tiers');
  f.link('tiers', 'mql', 'stageMql');
  f.link('tiers', 'else', 'toNewsletter');
  f.link('stageMql', 'next', 'bant');
  f.link('bant', 'pass', 'stageSal');
  f.link('bant', 'fail', 'toMqlNurture');
  f.link('stageSal', 'next', 'toSales');
  const now = '2026-03-02T09:00:00Z';
  await write(
    'bant-inbound-saas',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'bant-inbound-saas',
      name: 'Inbound SaaS: scoring and BANT hand-off',
      description:
        'Inbound leads from the website: students and micro companies are disqualified, fit and engagement points make an MQL at 40, and BANT (3 of 4) decides the hand-off to the inbound SDR team within 4 hours.',
      fields,
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Hot inbound VP',
        now,
        lead: {
          email: 'ann@acme.io',
          jobTitle: 'VP Sales',
          company: { employees: 250, industry: 'saas' },
          budget: 20000,
          authority: 'decision_maker',
          need: 'high',
          timeline: 'this_quarter',
          activity: {
            lastVisit: '2026-03-01T15:00:00Z',
            pricingViews: 4,
            demoRequested: true,
            trialStarted: false,
          },
        },
        expect: { route: 'sales', target: 'Inbound SDR', stage: 'SAL', score: 100 },
      },
      {
        name: 'MBA student',
        now,
        lead: { email: 'kim@uni-mannheim.de', jobTitle: 'MBA Student', company: { employees: 20000 } },
        expect: { route: 'disqualify', stage: 'Disqualified', score: 0 },
      },
      {
        name: 'Engaged manager, budget and timeline not asked yet',
        now,
        lead: {
          email: 'tom@finly.com',
          jobTitle: 'Marketing Manager',
          company: { employees: 120, industry: 'fintech' },
          authority: 'decision_maker',
          need: 'high',
          activity: { lastVisit: '2026-02-10T10:00:00Z', pricingViews: 5, demoRequested: 'yes' },
        },
        expect: {
          route: 'nurture',
          target: 'Product education',
          stage: 'MQL',
          score: 55,
          nextQuestions: ['budget', 'timeline'],
        },
      },
      {
        name: 'Quiet free-mail lead without company size',
        now,
        lead: { email: 'Bob.Miller@GMAIL.com', jobTitle: 'Consultant' },
        expect: {
          route: 'nurture',
          target: 'Newsletter',
          stage: 'Lead',
          score: -15,
          nextQuestions: ['company.employees', 'company.industry'],
        },
      },
    ],
  );
}

// ---------------------------------------------------------------- MEDDIC, enterprise
{
  const yes = (path: string) => c(path, 'eq', true);
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
    { path: 'company.revenue', label: 'Annual revenue (USD)', type: 'number', category: 'fit' },
    {
      path: 'company.industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: ['finance', 'insurance', 'healthcare', 'manufacturing', 'retail', 'public', 'other'],
    },
    { path: 'deal.metrics', label: 'Success metrics agreed', type: 'boolean', category: 'conversation' },
    {
      path: 'deal.economicBuyer',
      label: 'Economic buyer identified',
      type: 'boolean',
      category: 'conversation',
    },
    {
      path: 'deal.decisionCriteria',
      label: 'Decision criteria known',
      type: 'boolean',
      category: 'conversation',
    },
    {
      path: 'deal.decisionProcess',
      label: 'Decision process mapped',
      type: 'boolean',
      category: 'conversation',
    },
    { path: 'deal.pain', label: 'Pain identified', type: 'boolean', category: 'conversation' },
    { path: 'deal.champion', label: 'Champion found', type: 'boolean', category: 'conversation' },
  ];
  const f = flow();
  f.add('start', 'start', 'Lead arrives', 0, 1);
  f.add('fit', 'score', 'Enterprise fit', 1, 1, {
    scoreType: 'fit',
    cap: null,
    rules: [
      rule('employees', '1,000+ employees', c('company.employees', 'gte', 1000), 30),
      rule('revenue', 'Revenue of 100M+', c('company.revenue', 'gte', 100_000_000), 20),
      rule(
        'industry',
        'Regulated industry',
        c('company.industry', 'in', ['finance', 'insurance', 'healthcare', 'manufacturing']),
        10,
      ),
    ],
  });
  f.add('tiers', 'branch', 'Enterprise?', 2, 1, {
    on: 'fit',
    tiers: [{ id: 'enterprise', label: 'Enterprise', min: 40 }],
    elseLabel: 'Mid-market',
  });
  f.add('meddic', 'gate', 'MEDDIC', 3, 0, {
    framework: 'MEDDIC',
    pass: { rule: 'atLeast', count: 5 },
    criteria: [
      crit('metrics', 'Metrics', yes('deal.metrics')),
      crit('economic-buyer', 'Economic buyer', yes('deal.economicBuyer')),
      crit('decision-criteria', 'Decision criteria', yes('deal.decisionCriteria')),
      crit('decision-process', 'Decision process', yes('deal.decisionProcess')),
      crit('identify-pain', 'Identify pain', yes('deal.pain')),
      crit('champion', 'Champion', yes('deal.champion')),
    ],
  });
  f.add('stageSql', 'stage', 'SQL', 4, 0, { stage: 'SQL' });
  f.add('toAe', 'route', 'Enterprise AE', 5, 0, sales('Enterprise AE', 8, 8));
  f.add('stageSal', 'stage', 'SAL', 4, 1, { stage: 'SAL' });
  f.add('toSdr', 'route', 'Discovery call', 5, 1, sales('Enterprise SDR discovery', 24, 4, 'normal'));
  f.add('toMidMarket', 'route', 'Mid-market track', 5, 2, { to: 'nurture', track: 'Mid-market track' });
  f.link('start', 'next', 'fit');
  f.link('fit', 'next', 'tiers');
  f.link('tiers', 'enterprise', 'meddic');
  f.link('tiers', 'else', 'toMidMarket');
  f.link('meddic', 'pass', 'stageSql');
  f.link('meddic', 'fail', 'stageSal');
  f.link('stageSql', 'next', 'toAe');
  f.link('stageSal', 'next', 'toSdr');
  const now = '2026-03-02T09:00:00Z';
  await write(
    'meddic-enterprise',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'meddic-enterprise',
      name: 'Enterprise: MEDDIC before the account executive',
      description:
        'Large accounts only: a fit score picks enterprises, MEDDIC (5 of 6) sends qualified deals to an account executive within 8 hours and the rest to an SDR discovery call.',
      fields,
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Bank with a complete MEDDIC',
        now,
        lead: {
          email: 'cfo@bigbank.com',
          company: { employees: 5000, revenue: 2_000_000_000, industry: 'finance' },
          deal: {
            metrics: true,
            economicBuyer: true,
            decisionCriteria: true,
            decisionProcess: true,
            pain: true,
            champion: true,
          },
        },
        expect: { route: 'sales', target: 'Enterprise AE', stage: 'SQL', score: 60 },
      },
      {
        name: 'Insurer, half the MEDDIC still unknown',
        now,
        lead: {
          email: 'it@insura.com',
          company: { employees: 3000, revenue: 400_000_000, industry: 'insurance' },
          deal: { metrics: true, pain: true, champion: 'yes' },
        },
        expect: {
          route: 'sales',
          target: 'Enterprise SDR discovery',
          stage: 'SAL',
          score: 60,
          nextQuestions: ['economic-buyer', 'decision-criteria', 'decision-process'],
        },
      },
      {
        name: 'Mid-sized retailer',
        now,
        lead: {
          email: 'ops@shoply.com',
          company: { employees: 200, revenue: '30,000,000', industry: 'retail' },
        },
        expect: { route: 'nurture', target: 'Mid-market track', stage: 'Lead', score: 0 },
      },
    ],
  );
}

// ---------------------------------------------------------------- CHAMP, mid-market
{
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'challenges', label: 'Challenges named', type: 'stringList', category: 'conversation' },
    {
      path: 'authority',
      label: 'Authority',
      type: 'enum',
      category: 'conversation',
      values: ['decision_maker', 'influencer', 'user'],
    },
    { path: 'budget', label: 'Budget (EUR)', type: 'number', category: 'conversation' },
    {
      path: 'priority',
      label: 'Priority',
      type: 'enum',
      category: 'conversation',
      values: ['top', 'high', 'medium', 'low'],
    },
    { path: 'activity.webinars', label: 'Webinars attended', type: 'number', category: 'engagement' },
    { path: 'activity.lastActivity', label: 'Last activity', type: 'date', category: 'engagement' },
  ];
  const f = flow();
  f.add('start', 'start', 'Lead arrives', 0, 1);
  f.add('champ', 'gate', 'CHAMP', 1, 1, {
    framework: 'CHAMP',
    pass: { rule: 'points', threshold: 7 },
    criteria: [
      crit(
        'challenges',
        'Challenges',
        c('challenges', 'containsAny', ['reporting', 'pipeline visibility', 'forecasting']),
        3,
      ),
      crit('authority', 'Authority', c('authority', 'eq', 'decision_maker'), 2),
      crit('money', 'Money', c('budget', 'gte', 10000), 2),
      crit('prioritization', 'Prioritization', c('priority', 'in', ['top', 'high']), 3),
    ],
  });
  f.add('engagement', 'score', 'Engagement', 2, 0, {
    scoreType: 'engagement',
    cap: 30,
    rules: [
      rule('webinar', 'Attended a webinar', c('activity.webinars', 'gte', 1), 10, {
        decay: { field: 'activity.lastActivity', days: 30 },
      }),
      rule('recent', 'Active in the last 14 days', c('activity.lastActivity', 'withinDays', 14), 10),
    ],
  });
  f.add('active', 'branch', 'Engaged?', 3, 0, {
    on: 'engagement',
    tiers: [{ id: 'engaged', label: 'Engaged', min: 10 }],
    elseLabel: 'Quiet',
  });
  f.add('stageSql', 'stage', 'SQL', 4, 0, { stage: 'SQL' });
  f.add('toAe', 'route', 'Mid-market AE', 5, 0, sales('Mid-market AE', 24, 4, 'normal'));
  f.add('stageMql', 'stage', 'MQL', 4, 1, { stage: 'MQL' });
  f.add('toWebinars', 'route', 'Webinar series', 5, 1, { to: 'nurture', track: 'Webinar series' });
  f.add('toContent', 'route', 'Challenge-led content', 5, 2, {
    to: 'nurture',
    track: 'Challenge-led content',
  });
  f.link('start', 'next', 'champ');
  f.link('champ', 'pass', 'engagement');
  f.link('champ', 'fail', 'toContent');
  f.link('engagement', 'next', 'active');
  f.link('active', 'engaged', 'stageSql');
  f.link('active', 'else', 'stageMql');
  f.link('stageSql', 'next', 'toAe');
  f.link('stageMql', 'next', 'toWebinars');
  const now = '2026-03-02T09:00:00Z';
  await write(
    'champ-midmarket',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'champ-midmarket',
      name: 'Mid-market: CHAMP, weighted',
      description:
        'Starts from the challenges the lead named. CHAMP criteria carry weights (challenges and priority 3, authority and money 2); 7 points pass. Engaged leads go to an account executive, quiet ones to the webinar series.',
      fields,
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Head of sales ops with a forecasting problem',
        now,
        lead: {
          email: 'lea@scaleup.io',
          challenges: 'Forecasting, hiring',
          authority: 'decision_maker',
          budget: 15000,
          priority: 'top',
          activity: { webinars: 2, lastActivity: '2026-02-25' },
        },
        expect: { route: 'sales', target: 'Mid-market AE', stage: 'SQL', score: 20 },
      },
      {
        name: 'Influencer, budget not discussed',
        now,
        lead: {
          email: 'sam@retailco.com',
          challenges: ['reporting'],
          authority: 'influencer',
          priority: 'high',
        },
        expect: {
          route: 'nurture',
          target: 'Challenge-led content',
          stage: 'Lead',
          score: 0,
          nextQuestions: ['money'],
        },
      },
      {
        name: 'Qualified but quiet for months',
        now,
        lead: {
          email: 'joe@factory.de',
          challenges: ['pipeline visibility'],
          authority: 'decision_maker',
          budget: 40000,
          priority: 'high',
          activity: { webinars: 1, lastActivity: '2025-11-01' },
        },
        expect: { route: 'nurture', target: 'Webinar series', stage: 'MQL', score: 0 },
      },
    ],
  );
}

// ---------------------------------------------------------------- ANUM, services
{
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'country', label: 'Country (ISO code)', type: 'string', category: 'fit' },
    {
      path: 'role',
      label: 'Role in the purchase',
      type: 'enum',
      category: 'conversation',
      values: ['signs', 'recommends', 'uses'],
    },
    {
      path: 'need',
      label: 'Need',
      type: 'enum',
      category: 'conversation',
      values: ['critical', 'important', 'nice_to_have'],
    },
    {
      path: 'urgency',
      label: 'Urgency',
      type: 'enum',
      category: 'conversation',
      values: ['immediate', 'this_quarter', 'later'],
    },
    { path: 'budget', label: 'Budget (EUR)', type: 'number', category: 'conversation' },
  ];
  const f = flow();
  f.add('start', 'start', 'Lead arrives', 0, 1);
  f.add('anum', 'gate', 'ANUM', 1, 1, {
    framework: 'ANUM',
    pass: { rule: 'atLeast', count: 3 },
    criteria: [
      crit('authority', 'Authority', c('role', 'eq', 'signs')),
      crit('need', 'Need', c('need', 'in', ['critical', 'important'])),
      crit('urgency', 'Urgency', c('urgency', 'in', ['immediate', 'this_quarter'])),
      crit('money', 'Money', c('budget', 'gte', 25000)),
    ],
  });
  f.add('dach', 'condition', 'DACH market?', 2, 0, { condition: c('country', 'in', ['DE', 'AT', 'CH']) });
  f.add('stageSql', 'stage', 'SQL', 3, 0, { stage: 'SQL' });
  f.add('toDach', 'route', 'DACH team', 4, 0, {
    ...sales('DACH team', 2, 6),
    assign: { pool: 'dach', method: 'fewest' },
  });
  f.add('stageSql2', 'stage', 'SQL', 3, 1, { stage: 'SQL' });
  f.add('toIntl', 'route', 'International team', 4, 1, {
    ...sales('International team', 24, 4, 'normal'),
    assign: { pool: 'international', method: 'turn' },
  });
  f.add('toNewsletter', 'route', 'Newsletter', 4, 2, { to: 'nurture', track: 'Newsletter' });
  f.link('start', 'next', 'anum');
  f.link('anum', 'pass', 'dach');
  f.link('anum', 'fail', 'toNewsletter');
  f.link('dach', 'true', 'stageSql');
  f.link('dach', 'false', 'stageSql2');
  f.link('stageSql', 'next', 'toDach');
  f.link('stageSql2', 'next', 'toIntl');
  const now = '2026-03-02T09:00:00Z';
  await write(
    'anum-services',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'anum-services',
      name: 'Services: ANUM and regional teams',
      description:
        'Consulting enquiries: ANUM (3 of 4) qualifies, then DACH leads go to the local team within 2 hours and the rest to the international team within a day.',
      fields,
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Swiss signer with an urgent need',
        now,
        lead: {
          email: 'urs@bergbau.ch',
          country: 'ch',
          role: 'signs',
          need: 'critical',
          urgency: 'immediate',
        },
        expect: { route: 'sales', target: 'DACH team', stage: 'SQL', score: 0, nextQuestions: ['money'] },
      },
      {
        name: 'US recommender with budget',
        now,
        lead: {
          email: 'amy@corp.us',
          country: 'US',
          role: 'recommends',
          need: 'important',
          urgency: 'this_quarter',
          budget: 80000,
        },
        expect: { route: 'sales', target: 'International team', stage: 'SQL', score: 0 },
      },
      {
        name: 'Nice-to-have, later',
        now,
        lead: {
          email: 'li@studio.cn',
          country: 'CN',
          role: 'uses',
          need: 'nice_to_have',
          urgency: 'later',
          budget: 'unknown',
        },
        expect: { route: 'nurture', target: 'Newsletter', stage: 'Lead', score: 0, nextQuestions: ['money'] },
      },
    ],
  );
}

// ---------------------------------------------------------------- PLG trial, product-qualified leads
{
  const now = '2026-03-02T09:00:00Z';
  const daysAgo = (days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();
  /** `n` events of one type, the newest `newest` days ago and one day apart. */
  const times = (n: number, type: string, newest: number, extra: object = {}) =>
    Array.from({ length: n }, (_, k) => ({ type, ...extra, at: daysAgo(newest + k) }));
  const fields: Field[] = [
    { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
    { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
    {
      path: 'company.industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: ['saas', 'fintech', 'ecommerce', 'agency', 'education', 'other'],
    },
  ];
  const type = (t: string) => c('type', 'eq', t);
  const pricingViews = counted(
    all(type('page_view'), c('url', 'contains', '/pricing')),
    { op: 'gte', value: 3 },
    7,
  );
  const activeUse = counted(type('feature_used'), { op: 'gte', value: 5 }, 7);
  const demo = counted(type('demo_request'), { op: 'gte', value: 1 }, 30);
  const f = flow();
  f.add('start', 'start', 'Trial sign-up', 0, 1);
  f.add('dq', 'condition', 'Students and one-person companies', 1, 1, {
    condition: any(c('jobTitle', 'containsAny', ['student', 'intern']), c('company.employees', 'lt', 2)),
  });
  f.add('fit', 'score', 'Company fit', 2, 1, {
    scoreType: 'fit',
    cap: null,
    rules: [
      rule('size', '20 to 2,000 employees', c('company.employees', 'between', [20, 2000]), 20),
      rule(
        'industry',
        'Software, fintech or e-commerce',
        c('company.industry', 'in', ['saas', 'fintech', 'ecommerce']),
        10,
      ),
      rule(
        'title',
        'Decision-maker title',
        c('jobTitle', 'containsAny', ['founder', 'ceo', 'cto', 'vp', 'head', 'director']),
        10,
      ),
      rule('freeMail', 'Free-mail address', c('email', 'freeMail'), -15),
    ],
  });
  f.add('usage', 'score', 'Product usage', 3, 1, {
    scoreType: 'engagement',
    cap: null,
    rules: [
      rule('pricing', 'At least 3 pricing page views in the last 7 days', pricingViews, 20),
      rule('active', '5 or more feature uses in the last 7 days', activeUse, 20),
      rule('invite', 'Invited a teammate', counted(type('invite_sent'), { op: 'gte', value: 1 }), 20, {
        decay: { days: 7 },
      }),
      rule(
        'integration',
        'Connected an integration in the last 30 days',
        counted(type('integration_connected'), { op: 'gte', value: 1 }, 30),
        10,
      ),
      rule('demo', 'Requested a demo in the last 30 days', demo, 25),
      rule(
        'quiet',
        'No product use in the last 14 days',
        counted(type('feature_used'), { op: 'eq', value: 0 }, 14),
        -15,
      ),
    ],
  });
  f.add('pql', 'gate', 'Product-qualified?', 4, 1, {
    framework: 'custom',
    pass: { rule: 'atLeast', count: 3 },
    criteria: [
      crit('aha', 'Reached the aha moment', activeUse),
      crit('team', 'Brought the team', counted(type('invite_sent'), { op: 'gte', value: 1 }, 14)),
      crit('intent', 'Buying intent', any(pricingViews, demo)),
      crit('size', 'Company of 20 or more', c('company.employees', 'gte', 20)),
    ],
  });
  f.add('grade', 'condition', 'Grade A1 to B2?', 5, 0, {
    condition: { type: 'grade', grades: ['A1', 'A2', 'B1', 'B2'] },
  });
  f.add('stageSal', 'stage', 'SAL', 6, 0, { stage: 'SAL' });
  f.add('toSales', 'route', 'Product-led sales', 7, 0, sales('Product-led sales', 4, 5));
  f.add('stageAssist', 'stage', 'MQL', 6, 1, { stage: 'MQL' });
  f.add('toAssist', 'route', 'Sales-assisted onboarding', 7, 1, {
    to: 'nurture',
    track: 'Sales-assisted onboarding',
  });
  f.add('engaged', 'branch', 'Engaged trial?', 5, 2, {
    on: 'engagement',
    tiers: [{ id: 'engaged', label: 'Engaged', min: 20 }],
    elseLabel: 'Not yet',
  });
  f.add('stageMql', 'stage', 'MQL', 6, 2, { stage: 'MQL' });
  f.add('toActivation', 'route', 'Trial activation', 7, 2, {
    to: 'nurture',
    track: 'Trial activation emails',
  });
  f.add('toWelcome', 'route', 'Trial welcome', 7, 3, { to: 'nurture', track: 'Trial welcome series' });
  f.add('stageDq', 'stage', 'Disqualified', 2, 3, { stage: 'Disqualified' });
  f.add('toDq', 'route', 'Disqualify', 3, 3, { to: 'disqualify', reason: 'Student or one-person company' });
  f.link('start', 'next', 'dq');
  f.link('dq', 'true', 'stageDq');
  f.link('dq', 'false', 'fit');
  f.link('stageDq', 'next', 'toDq');
  f.link('fit', 'next', 'usage');
  f.link('usage', 'next', 'pql');
  f.link('pql', 'pass', 'grade');
  f.link('pql', 'fail', 'engaged');
  f.link('grade', 'true', 'stageSal');
  f.link('grade', 'false', 'stageAssist');
  f.link('stageSal', 'next', 'toSales');
  f.link('stageAssist', 'next', 'toAssist');
  f.link('engaged', 'engaged', 'stageMql');
  f.link('engaged', 'else', 'toWelcome');
  f.link('stageMql', 'next', 'toActivation');
  await write(
    'plg-trial',
    {
      schemaVersion: SCHEMA_VERSION,
      id: 'plg-trial',
      name: 'PLG trial: product-qualified leads',
      description:
        "Free-trial sign-ups scored on what they do in the product: the lead's events (pricing page views, feature use, invites, integrations, demo requests) count in the last days, an invite's points decay by its age, and engagement is capped at 60. A trial that meets 3 of 4 product-qualified criteria goes to product-led sales within 4 hours when its grade is A1 to B2, else to sales-assisted onboarding; the rest are nurtured by how engaged they are.",
      fields,
      events: {
        properties: [
          {
            path: 'type',
            label: 'Event type',
            type: 'enum',
            category: 'engagement',
            values: [
              'signup',
              'page_view',
              'feature_used',
              'invite_sent',
              'integration_connected',
              'demo_request',
            ],
          },
          { path: 'url', label: 'Page', type: 'string', category: 'engagement' },
        ],
      },
      scoreLimits: { engagement: { floor: null, cap: 60 }, total: { floor: 0, cap: null } },
      grade: { fit: { A: 30, B: 15 }, engagement: { '1': 45, '2': 20 } },
      nodes: f.nodes,
      edges: f.edges,
    },
    [
      {
        name: 'Growth lead whose team adopted the trial',
        now,
        lead: {
          email: 'maya@loopwise.io',
          jobTitle: 'Head of Growth',
          company: { employees: 120, industry: 'saas' },
          events: [
            ...times(1, 'signup', 12),
            ...times(4, 'page_view', 1, { url: '/pricing' }),
            ...times(8, 'feature_used', 0.5),
            ...times(1, 'invite_sent', 2),
            ...times(1, 'integration_connected', 10),
          ],
        },
        expect: { route: 'sales', target: 'Product-led sales', stage: 'SAL', score: 100 },
      },
      {
        name: 'Enterprise IT manager who asked for a demo',
        now,
        lead: {
          email: 'it-ops@globalfreight.com',
          jobTitle: 'IT Manager',
          company: { employees: 5000, industry: 'other' },
          events: [
            ...times(1, 'signup', 14),
            ...times(6, 'feature_used', 1),
            ...times(1, 'invite_sent', 10),
            ...times(1, 'demo_request', 3),
          ],
        },
        expect: { route: 'nurture', target: 'Sales-assisted onboarding', stage: 'MQL', score: 55 },
      },
      {
        name: 'Busy analyst, team not invited yet',
        now,
        lead: {
          email: 'li@ledgerly.com',
          jobTitle: 'Data Analyst',
          company: { employees: 45, industry: 'fintech' },
          events: [
            ...times(1, 'signup', 21),
            ...times(2, 'page_view', 2, { url: '/pricing' }),
            ...times(1, 'page_view', 9, { url: '/pricing' }),
            ...times(6, 'feature_used', 1),
            ...times(1, 'integration_connected', 20),
          ],
        },
        expect: { route: 'nurture', target: 'Trial activation emails', stage: 'MQL', score: 60 },
      },
      {
        name: 'Free-mail sign-up, quiet for a month',
        now,
        lead: {
          email: 'sam.rivers@gmail.com',
          jobTitle: 'Freelance designer',
          company: { employees: 3, industry: 'agency' },
          events: [...times(1, 'signup', 30), ...times(3, 'feature_used', 25)],
        },
        expect: { route: 'nurture', target: 'Trial welcome series', stage: 'Lead', score: 0 },
      },
      {
        name: 'VP who signed up, no product data yet',
        now,
        lead: {
          email: 'rosa@brightcart.com',
          jobTitle: 'VP Marketing',
          company: { employees: 300, industry: 'ecommerce' },
        },
        expect: {
          route: 'nurture',
          target: 'Trial welcome series',
          stage: 'Lead',
          score: 40,
          nextQuestions: ['aha', 'team', 'intent'],
        },
      },
      {
        name: 'Student exploring the trial',
        now,
        lead: {
          email: 'jo@uni-leiden.nl',
          jobTitle: 'Student',
          events: [...times(1, 'signup', 2), ...times(12, 'feature_used', 1)],
        },
        expect: { route: 'disqualify', stage: 'Disqualified', score: 0 },
      },
    ],
  );
}

/**
 * The team the examples assign from (seeded with them on a fresh start): the inbound SDRs of the BANT
 * example, and the ANUM example's two territories. Rep ids stand for CRM user ids.
 */
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
const team = [
  {
    id: 'inbound-sdr',
    name: 'Inbound SDRs',
    schedule: { timeZone: 'America/New_York', days: weekdays, start: '09:00', end: '17:00', daysOff: [] },
    managerEmail: 'sdr-lead@example.com',
    reps: [
      { id: 'sdr-ava', name: 'Ava Brooks', email: 'ava@example.com', dailyCap: 25 },
      { id: 'sdr-noah', name: 'Noah Kim', email: 'noah@example.com', dailyCap: 25 },
      { id: 'sdr-mia', name: 'Mia Lopez', email: 'mia@example.com', weight: 2, dailyCap: 40 },
    ],
  },
  {
    id: 'dach',
    name: 'DACH team',
    schedule: { timeZone: 'Europe/Berlin', days: weekdays, start: '08:00', end: '17:00', daysOff: [] },
    managerEmail: 'dach-lead@example.com',
    reps: [
      { id: 'ae-lena', name: 'Lena Vogel', email: 'lena@example.com' },
      { id: 'ae-jonas', name: 'Jonas Huber', email: 'jonas@example.com' },
    ],
  },
  {
    id: 'international',
    name: 'International team',
    schedule: { timeZone: 'Europe/London', days: weekdays, start: '09:00', end: '18:00', daysOff: [] },
    managerEmail: 'intl-lead@example.com',
    reps: [
      { id: 'ae-omar', name: 'Omar Haddad', email: 'omar@example.com' },
      { id: 'ae-grace', name: 'Grace Liu', email: 'grace@example.com' },
    ],
  },
];
writeFileSync(new URL('./team.json', import.meta.url), `${JSON.stringify(team, null, 2)}\n`);
