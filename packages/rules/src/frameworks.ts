/**
 * Qualification frameworks and their criteria (DOMAIN.md). A gate preset fills its criteria
 * from here; each reads the matching catalogue field where one exists (framework-fill.ts), and the
 * team ties the others to lead fields.
 */
export const FRAMEWORKS = {
  BANT: {
    label: 'BANT',
    criteria: ['Budget', 'Authority', 'Need', 'Timeline'],
    defaultAtLeast: 3,
  },
  CHAMP: {
    label: 'CHAMP',
    criteria: ['Challenges', 'Authority', 'Money', 'Prioritization'],
    defaultAtLeast: 3,
  },
  ANUM: { label: 'ANUM', criteria: ['Authority', 'Need', 'Urgency', 'Money'], defaultAtLeast: 3 },
  FAINT: {
    label: 'FAINT',
    criteria: ['Funds', 'Authority', 'Interest', 'Need', 'Timing'],
    defaultAtLeast: 4,
  },
  MEDDIC: {
    label: 'MEDDIC',
    criteria: [
      'Metrics',
      'Economic buyer',
      'Decision criteria',
      'Decision process',
      'Identify pain',
      'Champion',
    ],
    defaultAtLeast: 5,
  },
  'GPCTBA/C&I': {
    label: 'GPCTBA/C&I',
    criteria: [
      'Goals',
      'Plans',
      'Challenges',
      'Timeline',
      'Budget',
      'Authority',
      'Negative consequences',
      'Positive implications',
    ],
    defaultAtLeast: 6,
  },
  GPTC: { label: 'GPTC', criteria: ['Goals', 'Plans', 'Challenges', 'Timeline'], defaultAtLeast: 3 },
  custom: { label: 'Custom', criteria: [], defaultAtLeast: 1 },
} as const satisfies Record<string, { label: string; criteria: readonly string[]; defaultAtLeast: number }>;

export type Framework = keyof typeof FRAMEWORKS;
export const FRAMEWORK_NAMES = Object.keys(FRAMEWORKS) as Framework[];
