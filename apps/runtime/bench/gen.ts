/**
 * Deterministic clean leads for the reference workload, ported from the shared yardstick
 * (shared/bench/reference-workload/gen.mjs, mode `clean`): same PRNG, tables and draw order, so
 * the same seed gives the same leads.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Table = [string, number][];
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
const SENIORITY: Table = [
  ['c_level', 6],
  ['vp', 10],
  ['director', 18],
  ['manager', 26],
  ['individual', 30],
  ['student', 5],
  ['intern', 5],
];
const TITLES: Record<string, string[]> = {
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
const COUNTRY: Table = [
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
const AUTHORITY: Table = [
  ['decision_maker', 25],
  ['budget_holder', 10],
  ['influencer', 30],
  ['user', 25],
  ['none', 10],
];
const NEED: Table = [
  ['high', 25],
  ['medium', 30],
  ['low', 30],
  ['none', 15],
];
const SOURCE: Table = [
  ['organic', 30],
  ['paid', 20],
  ['referral', 10],
  ['partner', 8],
  ['event', 10],
  ['cold', 12],
  ['social', 10],
];
const TIMELINES = [7, 14, 30, 45, 60, 90, 120, 180, 270, 365];

function weighted(rnd: () => number, table: Table): string {
  let total = 0;
  for (const [, w] of table) total += w;
  let x = rnd() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table.at(-1)![0];
}
const pick = <T>(rnd: () => number, arr: readonly T[]): T => arr[Math.floor(rnd() * arr.length)]!;
const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function makeClean(rnd: () => number, i: number) {
  const seniority = weighted(rnd, SENIORITY);
  const first = pick(rnd, FIRST);
  const last = pick(rnd, LAST);
  const comp = pick(rnd, COMPANY);
  const er = rnd();
  const domain =
    seniority === 'student' && er < 0.6
      ? pick(rnd, UNI)
      : er < 0.72
        ? `${comp}.${pick(rnd, TLD)}`
        : pick(rnd, FREEMAIL);
  const size = Math.max(1, Math.round(Math.exp(rnd() * Math.log(50000))));
  const engaged = rnd() < 0.35;
  return {
    id: i,
    email: `${first}.${last}${rnd() < 0.3 ? int(rnd, 1, 99) : ''}@${domain}`,
    jobTitle: pick(rnd, TITLES[seniority]!),
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
    timelineDays: pick(rnd, TIMELINES),
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

export type Lead = ReturnType<typeof makeClean>;

/** `n` clean leads: every field present and well typed. */
export function generateLeads(n: number, seed = 42): Lead[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => makeClean(rnd, i));
}
