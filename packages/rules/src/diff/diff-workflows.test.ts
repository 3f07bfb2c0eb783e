import {
  all,
  type Change,
  compare as c,
  diffWorkflows,
  KIND_NAMES,
  type WorkflowInput,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { FIELDS, workflow } from '../testing/build.ts';

/** A workflow with a step of every kind; each row changes one thing in a copy. */
function base(): WorkflowInput {
  const wf = workflow(
    [
      { id: 'start', kind: 'start', label: 'Lead arrives' },
      { id: 'check', kind: 'condition', label: 'Big company?', data: { condition: c('size', 'gte', 50) } },
      {
        id: 'fit',
        kind: 'score',
        label: 'Fit score',
        data: {
          scoreType: 'fit',
          cap: 40,
          rules: [
            {
              id: 'senior',
              label: 'Director or above',
              condition: c('title', 'containsAny', ['vp', 'director']),
              points: 10,
            },
            { id: 'free', label: 'Free mail', condition: c('email', 'freeMail'), points: -10 },
            {
              id: 'recent',
              label: 'Recent visit',
              condition: c('lastVisit', 'present'),
              points: 10,
              decay: { field: 'lastVisit', days: 14 },
            },
          ],
        },
      },
      {
        id: 'bant',
        kind: 'gate',
        label: 'BANT',
        data: {
          framework: 'BANT',
          criteria: [
            { id: 'budget', label: 'Budget', condition: c('size', 'gte', 100) },
            { id: 'authority', label: 'Authority', condition: c('title', 'contains', 'vp') },
            { id: 'need', label: 'Need', condition: c('demo', 'eq', true) },
            { id: 'timeline', label: 'Timeline', condition: c('lastVisit', 'withinDays', 30) },
          ],
          pass: { rule: 'atLeast', count: 3 },
        },
      },
      {
        id: 'tiers',
        kind: 'branch',
        label: 'Hot?',
        data: { on: 'total', tiers: [{ id: 'hot', label: 'Hot', min: 60 }], elseLabel: 'Cold' },
      },
      {
        id: 'grades',
        kind: 'grade',
        label: 'By grade',
        data: {
          tiers: [
            { id: 'top', label: 'Top', grades: ['A1', 'A2'] },
            { id: 'mid', label: 'Middle', grades: ['B1'] },
          ],
          elseLabel: 'Rest',
        },
      },
      { id: 'mql', kind: 'stage', label: 'Set MQL', data: { stage: 'MQL' } },
      {
        id: 'sales',
        kind: 'route',
        label: 'Inbound SDR',
        data: {
          to: 'sales',
          queue: 'Inbound SDR',
          priority: 'high',
          sla: { firstContactHours: 4, touches: 5 },
        },
      },
      { id: 'nurture', kind: 'route', label: 'Nurture', data: { to: 'nurture', track: '30-day drip' } },
      { id: 'dq', kind: 'route', label: 'Too small', data: { to: 'disqualify', reason: 'Too small' } },
    ],
    [
      ['start', 'next', 'check'],
      ['check', 'true', 'fit'],
      ['check', 'false', 'dq'],
      ['fit', 'next', 'bant'],
      ['bant', 'pass', 'tiers'],
      ['bant', 'fail', 'grades'],
      ['grades', 'top', 'nurture'],
      ['grades', 'mid', 'nurture'],
      ['grades', 'else', 'nurture'],
      ['tiers', 'hot', 'mql'],
      ['tiers', 'else', 'nurture'],
      ['mql', 'next', 'sales'],
    ],
  );
  return {
    ...wf,
    grade: { fit: { A: 60, B: 30 }, engagement: { '1': 40, '2': 20 } },
    testCases: [
      {
        id: 'hot',
        name: 'Hot VP',
        lead: { size: 500, title: 'VP' },
        now: '2026-03-02T09:00:00Z',
        expect: { route: 'sales', target: 'Inbound SDR', stage: 'MQL', score: 10 },
      },
    ],
  };
}

// biome-ignore lint/suspicious/noExplicitAny: rows reach into the document they change
type Doc = any;
const step = (w: Doc, id: string) => w.nodes.find((n: Doc) => n.id === id);
const data = (w: Doc, id: string) => step(w, id).data;

/** Changes one thing and returns the sentences diffWorkflows writes for it, with kind and id. */
function changesOf(mutate: (w: Doc) => void): Pick<Change, 'kind' | 'sentence'>[] {
  const before = base();
  const after = structuredClone(before) as Doc;
  mutate(after);
  return diffWorkflows(before, after).map(({ kind, sentence }) => ({ kind, sentence }));
}

type Row = [what: string, mutate: (w: Doc) => void, sentences: string[]];
const rows: Record<string, Row[]> = {
  start: [
    ['a label', (w) => (step(w, 'start').label = 'New lead'), ['Step "Lead arrives" renamed to "New lead".']],
  ],
  condition: [
    [
      'its condition',
      (w) => (data(w, 'check').condition = c('size', 'gte', 100)),
      ['Big company?: yes when Company size is at least 50 → yes when Company size is at least 100.'],
    ],
  ],
  score: [
    [
      'points',
      (w) => (data(w, 'fit').rules[0].points = 15),
      ['Fit score: "Director or above" 10 → 15 points.'],
    ],
    [
      'a condition',
      (w) => (data(w, 'fit').rules[0].condition = c('title', 'containsAny', ['vp'])),
      [
        'Fit score: "Director or above" applies if Job title contains any of the words vp or director → if Job title contains any of the words vp.',
      ],
    ],
    [
      'a rule added and one removed',
      (w) => {
        data(w, 'fit').rules.splice(1, 1);
        data(w, 'fit').rules.push({
          id: 'saas',
          label: 'SaaS',
          condition: c('industry', 'eq', 'SaaS'),
          points: 5,
        });
      },
      [
        'Fit score: rule "Free mail" (-10 if E-mail is a free-mail address) removed.',
        'Fit score: rule "SaaS" added: +5 if Industry is SaaS.',
      ],
    ],
    [
      'a rule renamed',
      (w) => (data(w, 'fit').rules[0].label = 'Senior'),
      ['Fit score: rule "Director or above" renamed to "Senior".'],
    ],
    [
      'decay',
      (w) => (data(w, 'fit').rules[2].decay.days = 7),
      ['Fit score: "Recent visit" full points within 14 → 7 days.'],
    ],
    [
      'decay dropped',
      (w) => delete data(w, 'fit').rules[2].decay,
      ['Fit score: "Recent visit" full within 14 days of Last visit → no decay.'],
    ],
    ['the cap', (w) => (data(w, 'fit').cap = 30), ['Fit score: cap 40 points → cap 30 points.']],
    [
      'the score it adds to',
      (w) => (data(w, 'fit').scoreType = 'engagement'),
      ['Fit score: now adds engagement points, was fit.'],
    ],
    ['only the order of rules', (w) => data(w, 'fit').rules.reverse(), ['Fit score: rules reordered.']],
  ],
  gate: [
    ['the pass rule', (w) => (data(w, 'bant').pass.count = 4), ['BANT: needs 3 of 4 → 4 of 4 criteria.']],
    [
      'a criterion',
      (w) => (data(w, 'bant').criteria[0].condition = c('size', 'gte', 200)),
      ['BANT: criterion "Budget": Company size is at least 100 → Company size is at least 200.'],
    ],
    [
      'a criterion removed',
      (w) => {
        data(w, 'bant').criteria.pop();
        data(w, 'bant').pass.count = 2;
      },
      [
        'BANT: criterion "Timeline" (Last visit is within the last 30 days) removed.',
        'BANT: needs 3 of 4 → 2 of 3 criteria.',
      ],
    ],
    ['the framework', (w) => (data(w, 'bant').framework = 'ANUM'), ['BANT: framework BANT → ANUM.']],
    [
      'a weighted pass rule',
      (w) => {
        data(w, 'bant').pass = { rule: 'points', threshold: 3 };
        data(w, 'bant').criteria[0].weight = 2;
      },
      ['BANT: criterion "Budget" weight 1 → 2.', 'BANT: needs 3 of 4 criteria → 3 points of criteria.'],
    ],
  ],
  branch: [
    ['a threshold', (w) => (data(w, 'tiers').tiers[0].min = 70), ['Hot?: "Hot" threshold 60 → 70.']],
    [
      'a tier added',
      (w) => data(w, 'tiers').tiers.push({ id: 'warm', label: 'Warm', min: 35 }),
      ['Hot?: tier "Warm" (35+) added.'],
    ],
    ['the score', (w) => (data(w, 'tiers').on = 'fit'), ['Hot?: now sorts by fit score, was total score.']],
    [
      'the last exit',
      (w) => (data(w, 'tiers').elseLabel = 'Not yet'),
      ['Hot?: the exit for lower scores renamed from "Cold" to "Not yet".'],
    ],
  ],
  grade: [
    [
      'a grade moved',
      (w) => data(w, 'grades').tiers[1].grades.push('B2'),
      ['By grade: "Middle" now takes B1 or B2, was B1.'],
    ],
    [
      'a tier added',
      (w) => data(w, 'grades').tiers.push({ id: 'low', label: 'Low', grades: ['C1'] }),
      ['By grade: tier "Low" (C1) added.'],
    ],
    [
      'tiers reordered',
      (w) => data(w, 'grades').tiers.reverse(),
      ['By grade: tiers reordered: "Middle", "Top".'],
    ],
    [
      'a tier renamed and the last exit',
      (w) => {
        data(w, 'grades').tiers[0].label = 'Best';
        data(w, 'grades').elseLabel = 'Others';
      },
      [
        'By grade: tier "Top" renamed to "Best".',
        'By grade: the exit for other grades renamed from "Rest" to "Others".',
      ],
    ],
  ],
  stage: [['the stage', (w) => (data(w, 'mql').stage = 'SQL'), ['Set MQL: stage MQL → SQL.']]],
  route: [
    ['the SLA', (w) => (data(w, 'sales').sla.firstContactHours = 2), ['Inbound SDR: SLA 4 h → 2 h.']],
    ['the queue', (w) => (data(w, 'sales').queue = 'SDR'), ['Inbound SDR: queue "Inbound SDR" → "SDR".']],
    [
      'a pool',
      (w) => (data(w, 'sales').assign = { pool: 'dach', method: 'fewest' }),
      ['Inbound SDR: owner picked from the queue → pool "dach" (fewest assigned today).'],
    ],
    [
      'escalation',
      (w) => (data(w, 'sales').escalation = [{ afterHours: 2, action: 'notify_manager' }]),
      ['Inbound SDR: escalation when first contact is late: none → notify the manager after 2 h.'],
    ],
    [
      'recycling',
      (w) => (data(w, 'nurture').recycle = { stage: 'Lead', reason: 'Went quiet' }),
      ['Nurture: no recycling → back to Lead (Went quiet).'],
    ],
    [
      'the track',
      (w) => (data(w, 'nurture').track = 'Newsletter'),
      ['Nurture: track "30-day drip" → "Newsletter".'],
    ],
    [
      'the reason',
      (w) => (data(w, 'dq').reason = 'Fewer than 50 people'),
      ['Too small: reason "Too small" → "Fewer than 50 people".'],
    ],
    [
      'where it goes',
      (w) => (step(w, 'dq').data = { to: 'nurture', track: 'Small business' }),
      ['Too small: Disqualify: Too small → Nurture: Small business.'],
    ],
  ],
};

describe('diffWorkflows: each kind writes its own sentences', () => {
  it('has rows for every kind', () => {
    expect(Object.keys(rows).sort()).toEqual([...KIND_NAMES].sort());
  });
  for (const [kind, table] of Object.entries(rows)) {
    it.each(table)(`${kind}: %s`, (_, mutate, sentences) => {
      expect(changesOf(mutate).map((x) => x.sentence)).toEqual(sentences);
    });
  }
});

describe('diffWorkflows', () => {
  it('finds nothing between a document and itself, or when a step only moved', () => {
    expect(diffWorkflows(base(), base())).toEqual([]);
    expect(changesOf((w) => (step(w, 'fit').position = { x: 900, y: 40 }))).toEqual([]);
  });

  it('names the step of each change', () => {
    const before = base();
    const after = structuredClone(before) as Doc;
    data(after, 'tiers').tiers[0].min = 70;
    expect(diffWorkflows(before, after)).toEqual([
      { kind: 'step_changed', nodeId: 'tiers', sentence: 'Hot?: "Hot" threshold 60 → 70.' },
    ]);
  });

  it('writes a label change as its own sentence', () => {
    expect(
      changesOf((w) => {
        step(w, 'tiers').label = 'Hot lead?';
        data(w, 'tiers').tiers[0].min = 70;
      }),
    ).toEqual([
      { kind: 'step_changed', sentence: 'Step "Hot?" renamed to "Hot lead?".' },
      { kind: 'step_changed', sentence: 'Hot lead?: "Hot" threshold 60 → 70.' },
    ]);
  });

  it('writes steps added and removed, and the exits that lead elsewhere', () => {
    const changes = changesOf((w) => {
      w.nodes = w.nodes.filter((n: Doc) => n.id !== 'mql');
      w.nodes.push({
        id: 'sql',
        kind: 'stage',
        label: 'Set SQL',
        position: { x: 0, y: 0 },
        data: { stage: 'SQL' },
      });
      w.edges = w.edges.filter((e: Doc) => e.from !== 'mql' && e.to !== 'mql');
      w.edges.push(
        { id: 'a', from: 'tiers', port: 'hot', to: 'sql' },
        { id: 'b', from: 'sql', port: 'next', to: 'sales' },
      );
    });
    expect(changes).toEqual([
      { kind: 'step_removed', sentence: 'Step "Set MQL" (Set stage) removed.' },
      {
        kind: 'step_added',
        sentence: 'Step "Set SQL" (Set stage) added: Stage: SQL; Next leads to "Inbound SDR".',
      },
      { kind: 'connection_changed', sentence: '"Hot?" → Hot (60+) now leads to "Set SQL", was "Set MQL".' },
    ]);
  });

  it('writes an exit connected and disconnected', () => {
    expect(
      changesOf((w) => (w.edges = w.edges.filter((e: Doc) => !(e.from === 'check' && e.port === 'false')))),
    ).toEqual([
      {
        kind: 'connection_changed',
        sentence: '"Big company?" → No is no longer connected (led to "Too small").',
      },
    ]);
  });

  it('writes a step that changed kind with what it does now', () => {
    expect(
      changesOf((w) => Object.assign(step(w, 'mql'), { kind: 'route', data: { to: 'nurture', track: 'x' } })),
    ).toEqual([
      {
        kind: 'step_changed',
        sentence: 'Step "Set MQL" is now a Route step, was a Set stage step: The lead goes to Nurture: x.',
      },
    ]);
  });

  it('falls back to the description before and after when a step is unfinished', () => {
    expect(changesOf((w) => (data(w, 'mql').stage = 'Nope'))).toEqual([
      {
        kind: 'step_changed',
        sentence: "Set MQL: was The lead's stage becomes MQL; now unfinished settings.",
      },
    ]);
  });

  it('writes field changes: added, removed, retyped, renamed, values', () => {
    expect(
      changesOf((w) => {
        w.fields = w.fields.filter((f: Doc) => f.path !== 'tags');
        w.fields.push({ path: 'budget', label: 'Budget (EUR)', type: 'number', category: 'conversation' });
        w.fields.find((f: Doc) => f.path === 'title').type = 'enum';
        w.fields.find((f: Doc) => f.path === 'title').values = ['VP'];
        w.fields.find((f: Doc) => f.path === 'size').label = 'Employees';
        w.fields.find((f: Doc) => f.path === 'industry').values = ['SaaS', 'FinTech', 'Insurance'];
      }),
    ).toEqual([
      { kind: 'field_removed', sentence: 'Field "Interests" (tags) removed.' },
      { kind: 'field_added', sentence: 'Field "Budget (EUR)" (budget) added: a number.' },
      { kind: 'field_changed', sentence: 'Field "Company size" (size) renamed to "Employees".' },
      { kind: 'field_changed', sentence: 'Field "Job title" (title) is now a choice, was text.' },
      { kind: 'field_changed', sentence: 'Field "Job title" (title): values "VP" added.' },
      {
        kind: 'field_changed',
        sentence: 'Field "Industry" (industry): values "Insurance" added, "Retail" removed.',
      },
      // Steps that read a renamed field did not change: the rename is said once.
    ]);
    expect(FIELDS.find((f) => f.path === 'title')?.type).toBe('string');
  });

  it('writes test cases added, removed and changed', () => {
    expect(
      changesOf((w) => {
        w.testCases[0].expect.route = 'nurture';
        w.testCases[0].expect.target = '30-day drip';
        w.testCases[0].expect.stage = 'Lead';
        w.testCases.push({
          ...w.testCases[0],
          id: 'cold',
          name: 'Cold',
          expect: { route: null, stage: 'Lead' },
        });
      }),
    ).toEqual([
      { kind: 'test_case_added', sentence: 'Test case "Cold" added: expects No route, Lead.' },
      {
        kind: 'test_case_changed',
        sentence:
          'Test case "Hot VP": now expects route Nurture (30-day drip) instead of Sales (Inbound SDR), stage Lead instead of MQL.',
      },
    ]);
    expect(changesOf((w) => (w.testCases = []))).toEqual([
      { kind: 'test_case_removed', sentence: 'Test case "Hot VP" removed.' },
    ]);
  });

  it('writes the name and the values that mean missing', () => {
    expect(
      changesOf((w) => {
        w.name = 'Inbound';
        w.missingValues = ['TBD'];
      }),
    ).toEqual([
      { kind: 'workflow', sentence: 'Workflow renamed from "Test workflow" to "Inbound".' },
      { kind: 'workflow', sentence: `Values that mean missing: "TBD", was the product's list.` },
    ]);
  });

  it('reads anything without throwing', () => {
    const steps = base().nodes.length;
    expect(diffWorkflows(null, base()).filter((x) => x.kind === 'step_added')).toHaveLength(steps);
    expect(diffWorkflows({ nodes: 'no' }, { nodes: [{ id: 'x', kind: 'mystery', data: all() }] })).toEqual([
      { kind: 'step_added', nodeId: 'x', sentence: 'Step "mystery" (unknown kind "mystery") added.' },
    ]);
  });
});
