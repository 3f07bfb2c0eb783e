import {
  all,
  any,
  type Condition,
  compare as c,
  FIELD_TYPES,
  findField,
  operatorsForType,
  type TruthStatus,
  validate,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, daysAgo, evaluator, exitOf, FIELDS, run } from '../testing/build.ts';

type Lead = Record<string, unknown>;
type Row = [description: string, condition: Condition, lead: Lead, expected: TruthStatus];

/**
 * Every operator of every field type: met, not met, and the field missing. A missing field makes a
 * comparison unknown, except `present` / `missing`, which are about exactly that.
 */
const operatorRows: Row[] = [
  // number
  ['number gte: 50 is at least 50', c('size', 'gte', 50), { size: 50 }, 'met'],
  ['number gte: 49 is not at least 50', c('size', 'gte', 50), { size: 49 }, 'not_met'],
  ['number gte: missing', c('size', 'gte', 50), {}, 'unknown'],
  ['number gt: 51 is more than 50', c('size', 'gt', 50), { size: 51 }, 'met'],
  ['number gt: 50 is not more than 50', c('size', 'gt', 50), { size: 50 }, 'not_met'],
  ['number gt: missing', c('size', 'gt', 50), {}, 'unknown'],
  ['number lte: 50 is at most 50', c('size', 'lte', 50), { size: 50 }, 'met'],
  ['number lte: 51 is not at most 50', c('size', 'lte', 50), { size: 51 }, 'not_met'],
  ['number lte: missing', c('size', 'lte', 50), {}, 'unknown'],
  ['number lt: 0 is less than 5', c('size', 'lt', 5), { size: 0 }, 'met'],
  ['number lt: 5 is not less than 5', c('size', 'lt', 5), { size: 5 }, 'not_met'],
  ['number lt: missing', c('size', 'lt', 5), {}, 'unknown'],
  ['number eq: 0 is 0', c('size', 'eq', 0), { size: 0 }, 'met'],
  ['number eq: 1 is not 0', c('size', 'eq', 0), { size: 1 }, 'not_met'],
  ['number eq: missing', c('size', 'eq', 0), {}, 'unknown'],
  ['number neq: 1 is not 0', c('size', 'neq', 0), { size: 1 }, 'met'],
  ['number neq: 0 is 0', c('size', 'neq', 0), { size: 0 }, 'not_met'],
  ['number neq: missing', c('size', 'neq', 0), {}, 'unknown'],
  ['number between: lower end included', c('size', 'between', [50, 1000]), { size: 50 }, 'met'],
  ['number between: upper end included', c('size', 'between', [50, 1000]), { size: 1000 }, 'met'],
  ['number between: above', c('size', 'between', [50, 1000]), { size: 1001 }, 'not_met'],
  ['number between: below', c('size', 'between', [50, 1000]), { size: 49 }, 'not_met'],
  ['number between: missing', c('size', 'between', [50, 1000]), {}, 'unknown'],
  ['number in: 10 is one of 10, 20', c('size', 'in', [10, 20]), { size: 10 }, 'met'],
  ['number in: 15 is not one of 10, 20', c('size', 'in', [10, 20]), { size: 15 }, 'not_met'],
  ['number in: missing', c('size', 'in', [10, 20]), {}, 'unknown'],
  ['number notIn: 15 is none of 10, 20', c('size', 'notIn', [10, 20]), { size: 15 }, 'met'],
  ['number notIn: 20 is one of 10, 20', c('size', 'notIn', [10, 20]), { size: 20 }, 'not_met'],
  ['number notIn: missing', c('size', 'notIn', [10, 20]), {}, 'unknown'],
  ['number present: 0 is known', c('size', 'present'), { size: 0 }, 'met'],
  ['number present: missing is not known', c('size', 'present'), {}, 'not_met'],
  ['number present: null counts as missing', c('size', 'present'), { size: null }, 'not_met'],
  ['number missing: missing', c('size', 'missing'), {}, 'met'],
  ['number missing: 0 is not missing', c('size', 'missing'), { size: 0 }, 'not_met'],

  // string: compared case-insensitively and trimmed, on both sides
  ['string eq: case and spaces ignored', c('title', 'eq', 'VP Sales'), { title: '  vp SALES ' }, 'met'],
  ['string eq: value trimmed too', c('title', 'eq', ' vp sales '), { title: 'VP Sales' }, 'met'],
  ['string eq: other text', c('title', 'eq', 'VP Sales'), { title: 'VP Marketing' }, 'not_met'],
  ['string eq: missing', c('title', 'eq', 'VP Sales'), {}, 'unknown'],
  ['string eq: blank text is missing', c('title', 'eq', 'VP Sales'), { title: '   ' }, 'unknown'],
  ['string neq: other text', c('title', 'neq', 'CEO'), { title: 'CTO' }, 'met'],
  ['string neq: same text, other case', c('title', 'neq', 'CEO'), { title: 'ceo' }, 'not_met'],
  ['string neq: missing', c('title', 'neq', 'CEO'), {}, 'unknown'],
  ['string in: any case', c('company.country', 'in', ['DE', 'AT']), { company: { country: 'at' } }, 'met'],
  [
    'string in: not listed',
    c('company.country', 'in', ['DE', 'AT']),
    { company: { country: 'FR' } },
    'not_met',
  ],
  ['string in: missing', c('company.country', 'in', ['DE', 'AT']), { company: {} }, 'unknown'],
  ['string notIn: not listed', c('company.country', 'notIn', ['DE']), { company: { country: 'FR' } }, 'met'],
  [
    'string notIn: listed, any case',
    c('company.country', 'notIn', ['de']),
    { company: { country: 'DE' } },
    'not_met',
  ],
  ['string notIn: missing', c('company.country', 'notIn', ['DE']), {}, 'unknown'],
  [
    'string contains: substring, any case',
    c('title', 'contains', 'Sales'),
    { title: 'Head of SALES' },
    'met',
  ],
  ['string contains: absent', c('title', 'contains', 'Sales'), { title: 'Engineer' }, 'not_met'],
  ['string contains: missing', c('title', 'contains', 'Sales'), {}, 'unknown'],
  [
    'string containsAny: one word found',
    c('title', 'containsAny', ['CEO', 'Founder']),
    { title: 'Co-founder' },
    'met',
  ],
  [
    'string containsAny: none found',
    c('title', 'containsAny', ['CEO', 'Founder']),
    { title: 'Engineer' },
    'not_met',
  ],
  ['string containsAny: missing', c('title', 'containsAny', ['CEO', 'Founder']), {}, 'unknown'],
  ['string startsWith: any case', c('title', 'startsWith', 'VP'), { title: 'vp of sales' }, 'met'],
  ['string startsWith: elsewhere', c('title', 'startsWith', 'VP'), { title: 'Senior VP' }, 'not_met'],
  ['string startsWith: missing', c('title', 'startsWith', 'VP'), {}, 'unknown'],
  ['string endsWith: any case', c('email', 'endsWith', '.DE'), { email: 'ann@firma.de' }, 'met'],
  ['string endsWith: elsewhere', c('email', 'endsWith', '.de'), { email: 'ann@de.com' }, 'not_met'],
  ['string endsWith: longer than the text', c('email', 'endsWith', 'long.de'), { email: 'a.de' }, 'not_met'],
  ['string endsWith: missing', c('email', 'endsWith', '.de'), {}, 'unknown'],
  ['string freeMail: gmail, any case', c('email', 'freeMail'), { email: ' Bob.Miller@GMAIL.com ' }, 'met'],
  ['string freeMail: every listed domain', c('email', 'freeMail'), { email: 'x@t-online.de' }, 'met'],
  ['string freeMail: company domain', c('email', 'freeMail'), { email: 'ann@acme.io' }, 'not_met'],
  ['string freeMail: look-alike domain', c('email', 'freeMail'), { email: 'ann@notgmail.com' }, 'not_met'],
  [
    'string freeMail: free domain not last',
    c('email', 'freeMail'),
    { email: 'a@gmail.com.acme.io' },
    'not_met',
  ],
  ['string freeMail: missing', c('email', 'freeMail'), {}, 'unknown'],
  ['string present: known', c('title', 'present'), { title: 'CEO' }, 'met'],
  ['string present: missing', c('title', 'present'), {}, 'not_met'],
  ['string present: blank is missing', c('title', 'present'), { title: '' }, 'not_met'],
  ['string missing: missing', c('title', 'missing'), {}, 'met'],
  ['string missing: known', c('title', 'missing'), { title: 'CEO' }, 'not_met'],

  // boolean
  ['boolean eq true: true', c('demo', 'eq', true), { demo: true }, 'met'],
  ['boolean eq true: "yes" reads as true', c('demo', 'eq', true), { demo: 'yes' }, 'met'],
  ['boolean eq true: false', c('demo', 'eq', true), { demo: false }, 'not_met'],
  ['boolean eq true: missing', c('demo', 'eq', true), {}, 'unknown'],
  ['boolean eq false: false', c('demo', 'eq', false), { demo: false }, 'met'],
  ['boolean neq true: false', c('demo', 'neq', true), { demo: false }, 'met'],
  ['boolean neq true: true', c('demo', 'neq', true), { demo: true }, 'not_met'],
  ['boolean neq true: missing', c('demo', 'neq', true), {}, 'unknown'],
  ['boolean present: false is known', c('demo', 'present'), { demo: false }, 'met'],
  ['boolean present: missing', c('demo', 'present'), {}, 'not_met'],
  ['boolean missing: missing', c('demo', 'missing'), {}, 'met'],
  ['boolean missing: false is known', c('demo', 'missing'), { demo: false }, 'not_met'],

  // enum: lead values fold to the canonical spelling
  ['enum eq: canonical', c('industry', 'eq', 'SaaS'), { industry: 'SaaS' }, 'met'],
  ['enum eq: other case', c('industry', 'eq', 'SaaS'), { industry: ' saas ' }, 'met'],
  ['enum eq: other value', c('industry', 'eq', 'SaaS'), { industry: 'Retail' }, 'not_met'],
  ['enum eq: missing', c('industry', 'eq', 'SaaS'), {}, 'unknown'],
  [
    'enum eq: a value not allowed is missing',
    c('industry', 'eq', 'SaaS'),
    { industry: 'Banking' },
    'unknown',
  ],
  ['enum neq: other value', c('industry', 'neq', 'SaaS'), { industry: 'Retail' }, 'met'],
  ['enum neq: same value', c('industry', 'neq', 'SaaS'), { industry: 'SAAS' }, 'not_met'],
  ['enum neq: missing', c('industry', 'neq', 'SaaS'), {}, 'unknown'],
  ['enum in: listed', c('industry', 'in', ['SaaS', 'FinTech']), { industry: 'fintech' }, 'met'],
  ['enum in: not listed', c('industry', 'in', ['SaaS', 'FinTech']), { industry: 'Retail' }, 'not_met'],
  ['enum in: missing', c('industry', 'in', ['SaaS', 'FinTech']), {}, 'unknown'],
  ['enum notIn: not listed', c('industry', 'notIn', ['Retail']), { industry: 'SaaS' }, 'met'],
  ['enum notIn: listed', c('industry', 'notIn', ['Retail']), { industry: 'retail' }, 'not_met'],
  ['enum notIn: missing', c('industry', 'notIn', ['Retail']), {}, 'unknown'],
  ['enum present: known', c('industry', 'present'), { industry: 'Retail' }, 'met'],
  ['enum present: missing', c('industry', 'present'), {}, 'not_met'],
  ['enum missing: missing', c('industry', 'missing'), {}, 'met'],
  ['enum missing: known', c('industry', 'missing'), { industry: 'Retail' }, 'not_met'],

  // date: relative to `now`
  [
    'date withinDays: 3 days ago is within 7',
    c('lastVisit', 'withinDays', 7),
    { lastVisit: daysAgo(3) },
    'met',
  ],
  ['date withinDays: exactly 7 days ago', c('lastVisit', 'withinDays', 7), { lastVisit: daysAgo(7) }, 'met'],
  ['date withinDays: 8 days ago', c('lastVisit', 'withinDays', 7), { lastVisit: daysAgo(8) }, 'not_met'],
  ['date withinDays: missing', c('lastVisit', 'withinDays', 7), {}, 'unknown'],
  ['date olderThanDays: 40 days ago', c('lastVisit', 'olderThanDays', 30), { lastVisit: daysAgo(40) }, 'met'],
  [
    'date olderThanDays: 5 days ago',
    c('lastVisit', 'olderThanDays', 30),
    { lastVisit: daysAgo(5) },
    'not_met',
  ],
  ['date olderThanDays: missing', c('lastVisit', 'olderThanDays', 30), {}, 'unknown'],
  ['date before: earlier', c('lastVisit', 'before', '2026-01-01'), { lastVisit: '2025-12-31' }, 'met'],
  ['date before: later', c('lastVisit', 'before', '2026-01-01'), { lastVisit: '2026-01-02' }, 'not_met'],
  [
    'date before: same instant',
    c('lastVisit', 'before', '2026-01-01'),
    { lastVisit: '2026-01-01' },
    'not_met',
  ],
  ['date before: missing', c('lastVisit', 'before', '2026-01-01'), {}, 'unknown'],
  ['date after: later', c('lastVisit', 'after', '2026-01-01'), { lastVisit: '2026-01-01T00:00:01Z' }, 'met'],
  ['date after: earlier', c('lastVisit', 'after', '2026-01-01'), { lastVisit: '2025-06-01' }, 'not_met'],
  [
    'date after: epoch ms on the lead',
    c('lastVisit', 'after', '2026-01-01'),
    { lastVisit: Date.parse('2026-02-01') },
    'met',
  ],
  ['date after: missing', c('lastVisit', 'after', '2026-01-01'), {}, 'unknown'],
  [
    'date after: unreadable is missing',
    c('lastVisit', 'after', '2026-01-01'),
    { lastVisit: 'soon' },
    'unknown',
  ],
  ['date present: known', c('lastVisit', 'present'), { lastVisit: daysAgo(1) }, 'met'],
  ['date present: missing', c('lastVisit', 'present'), {}, 'not_met'],
  ['date missing: missing', c('lastVisit', 'missing'), {}, 'met'],
  ['date missing: known', c('lastVisit', 'missing'), { lastVisit: daysAgo(1) }, 'not_met'],

  // stringList: items compared case-insensitively and trimmed
  [
    'stringList contains: item, any case',
    c('tags', 'contains', 'Pricing'),
    { tags: ['blog', ' PRICING '] },
    'met',
  ],
  [
    'stringList contains: comma-separated text',
    c('tags', 'contains', 'pricing'),
    { tags: 'blog, Pricing' },
    'met',
  ],
  [
    'stringList contains: only a substring of an item',
    c('tags', 'contains', 'price'),
    { tags: ['pricing'] },
    'not_met',
  ],
  ['stringList contains: absent', c('tags', 'contains', 'pricing'), { tags: ['blog'] }, 'not_met'],
  ['stringList contains: missing', c('tags', 'contains', 'pricing'), {}, 'unknown'],
  [
    'stringList containsAny: one found',
    c('tags', 'containsAny', ['Demo', 'Trial']),
    { tags: ['webinar', 'DEMO'] },
    'met',
  ],
  [
    'stringList containsAny: none found',
    c('tags', 'containsAny', ['demo', 'trial']),
    { tags: ['webinar'] },
    'not_met',
  ],
  ['stringList containsAny: empty list', c('tags', 'containsAny', ['demo']), { tags: [] }, 'not_met'],
  ['stringList containsAny: missing', c('tags', 'containsAny', ['demo', 'trial']), {}, 'unknown'],
  ['stringList present: known', c('tags', 'present'), { tags: ['blog'] }, 'met'],
  ['stringList present: missing', c('tags', 'present'), {}, 'not_met'],
  ['stringList missing: missing', c('tags', 'missing'), {}, 'met'],
  ['stringList missing: known', c('tags', 'missing'), { tags: ['blog'] }, 'not_met'],
];

const met = c('size', 'gte', 50);
const notMet = c('title', 'eq', 'CEO');
const unknown = c('industry', 'eq', 'SaaS');
const kleeneLead = { size: 100, title: 'Engineer' };

/** AND is the minimum and OR the maximum of met > unknown > not met (Kleene's logic). */
const kleeneRows: Row[] = [
  ['all: met and met', all(met, met), kleeneLead, 'met'],
  ['all: met and unknown is unknown', all(met, unknown), kleeneLead, 'unknown'],
  ['all: unknown and not met is not met', all(unknown, notMet), kleeneLead, 'not_met'],
  ['all: not met and met', all(notMet, met), kleeneLead, 'not_met'],
  ['all: a single part is that part', all(unknown), kleeneLead, 'unknown'],
  ['any: met or unknown is met', any(unknown, met), kleeneLead, 'met'],
  ['any: unknown or not met is unknown', any(notMet, unknown), kleeneLead, 'unknown'],
  ['any: not met or not met', any(notMet, notMet), kleeneLead, 'not_met'],
  ['any: unknown or unknown', any(unknown, unknown), kleeneLead, 'unknown'],
  ['all in any: (met and unknown) or not met', any(all(met, unknown), notMet), kleeneLead, 'unknown'],
  ['all in any: (met and met) or unknown', any(all(met, met), unknown), kleeneLead, 'met'],
  ['any in all: met and (unknown or met)', all(met, any(unknown, met)), kleeneLead, 'met'],
  ['any in all: (unknown or not met) and met', all(any(unknown, notMet), met), kleeneLead, 'unknown'],
  ['any in all: (not met or not met) and unknown', all(any(notMet, notMet), unknown), kleeneLead, 'not_met'],
  ['three levels', all(met, any(notMet, all(met, any(unknown, notMet)))), kleeneLead, 'unknown'],
  [
    'present and missing are never unknown',
    all(c('industry', 'missing'), c('size', 'present')),
    kleeneLead,
    'met',
  ],
];

/** The three-valued truth of a condition, read from a one-criterion gate (met / not_met / unknown). */
function truth(condition: Condition, lead: Lead): TruthStatus {
  const gate = around('gate', {
    framework: 'custom',
    criteria: [{ id: 'c', label: 'Criterion', condition }],
    pass: { rule: 'atLeast', count: 1 },
  });
  return run(gate, lead).gates[0]!.criteria[0]!.status;
}

describe('condition node', () => {
  it.each([...operatorRows, ...kleeneRows])('%s', (_, condition, lead, expected) => {
    const wf = around('condition', { condition });
    expect(validate(wf)).toEqual([]);
    const d = run(wf, lead);
    expect(exitOf(d)).toBe(expected === 'met' ? 'true' : 'false');
    expect(d.path).toEqual(['start', 'n', `to-${exitOf(d)}`]);
    expect(truth(condition, lead)).toBe(expected);
  });

  it('covers every operator of every field type: met, not met and a missing field', () => {
    for (const type of FIELD_TYPES) {
      for (const op of operatorsForType(type)) {
        const rows = operatorRows.filter(
          ([, cond]) =>
            cond.type === 'compare' && cond.op === op && findField(FIELDS, cond.field)?.type === type,
        );
        const outcomes = new Set(rows.map((r) => r[3]));
        const label = `${type} ${op}`;
        expect(outcomes.has('met'), label).toBe(true);
        expect(outcomes.has('not_met'), label).toBe(true);
        const onMissing = rows.filter(
          ([, cond, lead]) => cond.type === 'compare' && !hasPath(lead, cond.field),
        );
        expect(onMissing.length, `${label} missing`).toBeGreaterThan(0);
        const want = op === 'missing' ? 'met' : op === 'present' ? 'not_met' : 'unknown';
        for (const r of onMissing) expect(r[3], `${label} missing`).toBe(want);
      }
    }
  });

  it('says in its reason whether the answer was no or not known', () => {
    const check = evaluator(
      around('condition', { condition: c('size', 'gte', 50) }, { label: 'Big company?' }),
    );
    expect(check({ size: 60 }).reasons).toContain('Big company?: yes, Company size is at least 50.');
    expect(check({ size: 10 }).reasons).toContain(
      'Big company?: no, it is not the case that Company size is at least 50.',
    );
    expect(check({}).reasons).toContain(
      'Big company?: not known whether Company size is at least 50; treated as no.',
    );
  });

  it('uses the kind title when the node has no label', () => {
    const d = run(around('condition', { condition: c('size', 'gte', 50) }), { size: 60 });
    expect(d.reasons[0]).toMatch(/^Signal check: yes/);
  });

  it('reads dates against the evaluation time, not the clock', () => {
    const check = evaluator(around('condition', { condition: c('lastVisit', 'withinDays', 7) }));
    const lead = { lastVisit: '2020-01-10T00:00:00Z' };
    expect(exitOf(check(lead, '2020-01-12T00:00:00Z'))).toBe('true');
    expect(exitOf(check(lead, '2020-01-18T00:00:00Z'))).toBe('false');
    expect(exitOf(check(lead, Date.parse('2020-01-17T00:00:00Z')))).toBe('true');
  });
});

function hasPath(lead: Lead, path: string): boolean {
  let cur: unknown = lead;
  for (const s of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, s)) return false;
    cur = (cur as Lead)[s];
  }
  return cur !== undefined && cur !== null;
}
