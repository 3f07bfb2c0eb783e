/**
 * Writes examples/backtest/history.csv: 2,000 historical leads for the "Inbound SaaS: scoring and BANT
 * hand-off" workflow with a known outcome rule, so tests can assert backtest metrics exactly.
 * Run with `npx tsx examples/backtest/build-history.ts`.
 *
 * Outcome rule (deterministic): a lead converted when it requested a demo and has 50 to 1,000
 * employees, or when a decision maker viewed pricing 5 times or more. Everything else did not.
 */
import { writeFileSync } from 'node:fs';
// The same seeded generator as the benchmark leads.
import { mulberry32 } from '../../packages/rules/bench/lead-generator.ts';

const rnd = mulberry32(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const TITLES = [
  'CEO',
  'VP Sales',
  'Head of Marketing',
  'Marketing Manager',
  'Consultant',
  'Data Analyst',
  'Working Student',
  'Founder',
];
const INDUSTRIES = ['saas', 'fintech', 'ecommerce', 'agency', 'manufacturing', 'education', 'other'];
const AUTHORITY = ['decision_maker', 'influencer', 'user', ''];
const NEED = ['high', 'medium', 'low', 'none', ''];
const TIMELINE = ['this_quarter', 'next_quarter', 'this_year', 'later', ''];
const DOMAINS = ['acme.io', 'globex.com', 'initech.de', 'gmail.com', 'hooli.com', 'web.de'];
const NOW = Date.parse('2026-03-02T09:00:00Z');

export const HISTORY_NOW = '2026-03-02T09:00:00Z';

const header = [
  'lead_id',
  'email',
  'job_title',
  'employees',
  'industry',
  'budget',
  'authority',
  'need',
  'timeline',
  'last_visit',
  'pricing_views',
  'demo_requested',
  'trial_started',
  'converted',
];
const lines = [header.join(',')];
for (let i = 1; i <= 2000; i++) {
  const employees = Math.max(1, Math.round(Math.exp(rnd() * Math.log(20000))));
  const demo = rnd() < 0.25;
  const pricing = Math.floor(rnd() * 9);
  const authority = pick(AUTHORITY);
  const converted =
    (demo && employees >= 50 && employees <= 1000) || (authority === 'decision_maker' && pricing >= 5);
  const lastVisit = new Date(NOW - Math.floor(rnd() * 60) * 86_400_000).toISOString().slice(0, 10);
  const row = [
    `L${String(i).padStart(5, '0')}`,
    `lead${i}@${pick(DOMAINS)}`,
    pick(TITLES),
    rnd() < 0.1 ? '' : String(employees),
    pick(INDUSTRIES),
    rnd() < 0.4 ? '' : String(Math.floor(rnd() * 40) * 1000),
    authority,
    pick(NEED),
    pick(TIMELINE),
    lastVisit,
    String(pricing),
    demo ? 'yes' : 'no',
    rnd() < 0.2 ? 'true' : 'false',
    converted ? 'won' : 'lost',
  ];
  lines.push(row.join(','));
}
writeFileSync(new URL('./history.csv', import.meta.url), `${lines.join('\n')}\n`);
