// Deterministic lead generator for the reference workload (a TypeScript port of
// shared/bench/reference-workload/gen.mjs, so the project's benchmark and tests carry their own).
// mode 'clean': every field present and well typed; 'sparse': 1-3 optional fields missing on some
// leads; 'dirty': also wrong-typed or oddly cased values.
/* biome-ignore-all lint/suspicious/noExplicitAny: a port of untyped generator code */
/* biome-ignore-all lint/style/useTemplate: kept close to the original */
/* biome-ignore-all lint/suspicious/noAssignInExpressions: kept close to the original */
import { seeded } from '../src/testing/catalogue-rows.ts';

export type Lead = Record<string, any>;

/** The seeded generator the rules core's test rows use, so the same seed gives the same leads. */
export const mulberry32 = seeded;

const FIRST = [
  'anna',
  'ben',
  'clara',
  'david',
  'eva',
  'felix',
  'greta',
  'hans',
  'ida',
  'jonas',
  'karin',
  'lars',
  'mia',
  'noah',
  'olga',
  'paul',
  'quinn',
  'rita',
  'sven',
  'tina',
];
const LAST = [
  'mueller',
  'schmidt',
  'schneider',
  'fischer',
  'weber',
  'meyer',
  'wagner',
  'becker',
  'smith',
  'jones',
  'dubois',
  'rossi',
  'jansen',
  'nowak',
  'garcia',
  'silva',
];
const COMPANY = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'stark',
  'wayne',
  'tyrell',
  'cyberdyne',
  'soylent',
  'wonka',
  'vandelay',
  'massive',
  'aperture',
  'blackmesa',
  'oscorp',
];
const TLD = ['de', 'com', 'io', 'co.uk', 'fr', 'nl', 'ch', 'at'];
const FREEMAIL = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'gmx.de', 'web.de'];
const UNI = ['student.uni-heidelberg.de', 'tum.de', 'stanford.edu', 'mit.edu'];

const SENIORITY: [string, number][] = [
  ['c_level', 6],
  ['vp', 10],
  ['director', 18],
  ['manager', 26],
  ['individual', 30],
  ['student', 5],
  ['intern', 5],
];
const TITLES = {
  c_level: ['CEO', 'CTO', 'CMO', 'CFO', 'COO', 'Chief Revenue Officer'],
  vp: ['VP Sales', 'VP Engineering', 'VP Marketing', 'Vice President Operations'],
  director: ['Director of IT', 'Marketing Director', 'Head of Operations', 'Head of Growth'],
  manager: ['Sales Manager', 'IT Manager', 'Product Manager', 'Team Lead Marketing'],
  individual: ['Software Engineer', 'Data Analyst', 'Consultant', 'Account Executive', 'Designer'],
  student: ['Student', 'PhD Student', 'MBA Student', 'Research Assistant'],
  intern: ['Marketing Intern', 'Working Student', 'Trainee', 'Intern'],
};
const INDUSTRY = [
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
];
const COUNTRY: [string, number][] = [
  ['DE', 24],
  ['AT', 5],
  ['CH', 5],
  ['NL', 6],
  ['FR', 8],
  ['GB', 9],
  ['US', 18],
  ['ES', 5],
  ['IT', 5],
  ['PL', 4],
  ['IN', 5],
  ['BR', 4],
  ['KP', 1],
  ['IR', 1],
];
const AUTHORITY: [string, number][] = [
  ['decision_maker', 25],
  ['budget_holder', 10],
  ['influencer', 30],
  ['user', 25],
  ['none', 10],
];
const NEED: [string, number][] = [
  ['high', 25],
  ['medium', 30],
  ['low', 30],
  ['none', 15],
];
const SOURCE: [string, number][] = [
  ['organic', 30],
  ['paid', 20],
  ['referral', 10],
  ['partner', 8],
  ['event', 10],
  ['cold', 12],
  ['social', 10],
];

function weighted<T>(rnd: () => number, table: [T, number][]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = rnd() * total;
  for (const [v, w] of table) {
    if ((x -= w) < 0) return v;
  }
  return table[table.length - 1]![0];
}
const pick = <T>(rnd: () => number, arr: readonly T[]): T => arr[Math.floor(rnd() * arr.length)]!;
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function makeClean(rnd: () => number, i: number): Lead {
  const seniority = weighted(rnd, SENIORITY);
  const first = pick(rnd, FIRST),
    last = pick(rnd, LAST),
    comp = pick(rnd, COMPANY);
  const er = rnd();
  const domain =
    seniority === 'student' && er < 0.6
      ? pick(rnd, UNI)
      : er < 0.72
        ? `${comp}.${pick(rnd, TLD)}`
        : pick(rnd, FREEMAIL);
  const size = Math.max(1, Math.round(Math.exp(rnd() * Math.log(50000))));
  const engaged = rnd() < 0.35; // a warm segment with more activity
  return {
    id: i,
    email: `${first}.${last}${rnd() < 0.3 ? int(rnd, 1, 99) : ''}@${domain}`,
    jobTitle: pick(rnd, TITLES[seniority as keyof typeof TITLES]),
    seniority,
    company: {
      size,
      industry: pick(rnd, INDUSTRY),
      country: weighted(rnd, COUNTRY),
      revenue: Math.round(size * (40000 + rnd() * 260000)),
    },
    budget: rnd() < 0.15 ? 0 : int(rnd, 1, 40) * 2500,
    authority: weighted(rnd, AUTHORITY),
    need: weighted(rnd, NEED),
    timelineDays: pick(rnd, [7, 14, 30, 45, 60, 90, 120, 180, 270, 365]),
    events: {
      webinar: engaged ? int(rnd, 0, 4) : int(rnd, 0, 1),
      whitepaper: engaged ? int(rnd, 0, 3) : int(rnd, 0, 1),
      pricingViews: engaged ? int(rnd, 0, 8) : int(rnd, 0, 2),
      demoRequested: rnd() < (engaged ? 0.35 : 0.05),
      lastActivityDays: engaged ? int(rnd, 0, 30) : int(rnd, 0, 200),
    },
    source: weighted(rnd, SOURCE),
  };
}

// Remove 1..3 optional fields (what real inbound forms / enrichment gaps look like)
export const SPARSE_OPS: ((l: any) => void)[] = [
  (l) => {
    delete l.budget;
  },
  (l) => {
    l.timelineDays = null;
  },
  (l) => {
    if (l.company) delete l.company.revenue;
  },
  (l) => {
    if (l.events) delete l.events.lastActivityDays;
  },
  (l) => {
    delete l.events;
  },
  (l) => {
    l.company = null;
  },
  (l) => {
    delete l.jobTitle;
  },
  (l) => {
    l.email = null;
  },
  (l) => {
    delete l.seniority;
  },
];
// Wrong-typed / differently-cased values (CSV imports, form builders, CRM syncs)
export const DIRTY_OPS: ((l: any) => void)[] = [
  (l) => {
    if (l.budget != null) l.budget = String(l.budget);
  }, // "50000"
  (l) => {
    l.budget = '50k';
  }, // non-numeric string
  (l) => {
    if (l.company) l.company.size = String(l.company.size);
  }, // "250"
  (l) => {
    if (l.company) l.company.size = `${l.company.size} employees`;
  },
  (l) => {
    if (l.events) l.events.demoRequested = 'true';
  }, // string boolean
  (l) => {
    if (l.events) l.events.demoRequested = 1;
  }, // numeric boolean
  (l) => {
    if (typeof l.email === 'string') l.email = l.email.toUpperCase();
  },
  (l) => {
    if (l.timelineDays != null) l.timelineDays = String(l.timelineDays);
  },
  (l) => {
    if (l.seniority) l.seniority = l.seniority[0].toUpperCase() + l.seniority.slice(1);
  },
  (l) => {
    if (l.events) l.events.pricingViews = null;
  },
  (l) => {
    if (l.company) l.company.country = l.company.country.toLowerCase();
  },
];

export function generateLeads(
  n: number,
  {
    seed = 42,
    mode = 'clean',
    pSparse = 0.15,
    pDirty = 0.1,
  }: { seed?: number; mode?: 'clean' | 'sparse' | 'dirty'; pSparse?: number; pDirty?: number } = {},
): Lead[] & { mutations: string[][] } {
  const rnd = mulberry32(seed);
  const rnd2 = mulberry32(seed ^ 0x9e3779b9); // separate stream so clean fields stay identical across modes
  const out = new Array(n) as Lead[] & { mutations: string[][] };
  const mutations: string[][] = new Array(n); // side array so the lead objects themselves stay clean
  for (let i = 0; i < n; i++) {
    const l = makeClean(rnd, i);
    const m: string[] = [];
    if (mode !== 'clean') {
      if (rnd2() < pSparse) {
        const k = int(rnd2, 1, 3);
        for (let j = 0; j < k; j++) {
          const op = int(rnd2, 0, SPARSE_OPS.length - 1);
          SPARSE_OPS[op]!(l);
          m.push(SPARSE_NAMES[op]!);
        }
      }
      if (mode === 'dirty' && rnd2() < pDirty) {
        const op = int(rnd2, 0, DIRTY_OPS.length - 1);
        DIRTY_OPS[op]!(l);
        m.push(DIRTY_NAMES[op]!);
      }
    }
    out[i] = l;
    mutations[i] = m;
  }
  out.mutations = mutations;
  return out;
}

export const SPARSE_NAMES = [
  'budget absent',
  'timelineDays null',
  'company.revenue absent',
  'events.lastActivityDays absent',
  'events absent',
  'company null',
  'jobTitle absent',
  'email null',
  'seniority absent',
];
export const DIRTY_NAMES = [
  'budget numeric string',
  "budget '50k'",
  'company.size numeric string',
  "company.size '250 employees'",
  "demoRequested 'true'",
  'demoRequested 1',
  'email UPPERCASE',
  'timelineDays numeric string',
  'seniority Capitalized',
  'pricingViews null',
  'country lowercase',
];
