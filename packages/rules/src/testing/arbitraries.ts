// Random valid workflows and random leads (clean, sparse, dirty) for property and differential tests.
import {
  type Condition,
  FIELD_TYPES,
  type Field,
  type FieldType,
  FRAMEWORK_NAMES,
  type Operator,
  operatorOf,
  operatorsForType,
  STAGES,
  type Stage,
} from '@qualify/rules';
import fc from 'fast-check';
import { type EdgeSpec, type NodeSpec, portsOf, workflow } from './build.ts';

export const NOW_MS = Date.parse('2026-03-02T09:00:00Z');
const DAY_MS = 86_400_000;

const WORDS = [
  'Acme',
  'acme ',
  'VP',
  'vp sales',
  'CEO',
  'Sales',
  'de',
  'DE',
  ' x ',
  'Founder',
  'pricing',
  'Demo',
  'trial',
  'Blog',
  'ü',
  '東京',
  'a,b',
  '.de',
  'gmail.com',
  '@gmail.com',
];
// 'Unknown' is also a value that means missing below: such a value is read as missing on every path.
const ENUM_VALUES = ['SaaS', 'FinTech', 'retail', 'Other', 'decision_maker', 'A', 'b', 'Ü', 'Unknown'];
/** What forms and exports write for "not answered", as the workflow or a field may list them. */
const PLACEHOLDERS = ['Select', 'N/A', 'unknown', '-', '0', 'none'];
// A list longer than the normaliser compares inline is looked up in a Set: both ways are drawn.
const LONG_TAIL = Array.from({ length: 16 }, (_, i) => `Not given ${i}`);
const missingValuesArb = fc.oneof(
  { weight: 3, arbitrary: fc.subarray(PLACEHOLDERS) },
  { weight: 1, arbitrary: fc.subarray(PLACEHOLDERS).map((l) => [...l, ...LONG_TAIL]) },
);
const LABELS = [
  'Company size',
  'Budget',
  'Job title',
  'E-mail',
  'Demo requested',
  'Industry',
  'Last visit',
  'Interests',
  'Need',
];
const PREFIXES = ['', 'company.', 'activity.', 'deal.terms.'];
const DOMAINS = ['gmail.com', 'GMAIL.COM', 'acme.io', 'web.de', 'mail.com', 'notgmail.com', 't-online.de'];

// ── catalogue ────────────────────────────────────────────────────────────────

const fieldsOfType = (type: FieldType) =>
  fc
    .array(
      fc.record({
        prefix: fc.constantFrom(...PREFIXES),
        label: fc.constantFrom(...LABELS),
        category: fc.constantFrom('fit', 'engagement', 'conversation') as fc.Arbitrary<Field['category']>,
        values: fc.uniqueArray(fc.constantFrom(...ENUM_VALUES), {
          minLength: 1,
          maxLength: 4,
          selector: (v) => v.toLowerCase(),
        }),
        missingValues: fc.option(missingValuesArb, { nil: undefined }),
      }),
      { minLength: 1, maxLength: 2 },
    )
    .map((list) =>
      list.map(
        (f, i): Field => ({
          path: `${f.prefix}${type}${i}`,
          label: f.label,
          type,
          category: f.category,
          ...(type === 'enum' ? { values: f.values } : {}),
          ...(f.missingValues ? { missingValues: f.missingValues } : {}),
        }),
      ),
    );

/**
 * The field a CRM writes the lead's current stage into (`currentStage`): text, or a choice of some
 * stages (in any spelling: the enum's canonical spelling is what the stage is matched against).
 */
const currentStageFieldArb: fc.Arbitrary<Field> = fc.oneof(
  fc.constant<Field>({
    path: 'crm.stage',
    label: 'Lifecycle stage',
    type: 'string',
    category: 'fit',
    currentStage: true,
  }),
  fc
    .subarray([...STAGES], { minLength: 1 })
    .chain((stages) => fc.constant(stages.map((st, i) => (i % 2 ? st.toLowerCase() : st))))
    .map(
      (values): Field => ({
        path: 'crm.stage',
        label: 'Lifecycle stage',
        type: 'enum',
        category: 'fit',
        values,
        currentStage: true,
      }),
    ),
);

export const catalogueArb: fc.Arbitrary<Field[]> = fc
  .tuple(fc.tuple(...FIELD_TYPES.map(fieldsOfType)), fc.option(currentStageFieldArb, { nil: undefined }))
  .map(([groups, stage]) => [...groups.flat(), ...(stage ? [stage] : [])]);

// ── conditions ───────────────────────────────────────────────────────────────

const word = fc.constantFrom(...WORDS);
const number = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
export const dateArb = fc.date({
  min: new Date(NOW_MS - 400 * DAY_MS),
  max: new Date(NOW_MS + 30 * DAY_MS),
  noInvalidDate: true,
});
const dateOperand = fc.oneof(
  dateArb.map((d) => d.toISOString()),
  dateArb.map((d) => d.toISOString().slice(0, 10)),
  dateArb.map((d) => d.getTime()),
);
/** Within the last four months: where decay windows (up to 2 × 60 days) matter. */
const recent = fc.integer({ min: 0, max: 120 * 24 }).map((hours) => NOW_MS - hours * 3_600_000);
const days = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 400, noNaN: true }));

function scalarOf(field: Field): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'number':
      return number;
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...field.values!);
    case 'date':
      return dateOperand;
    default:
      return word;
  }
}

function operandOf(field: Field, op: Operator): fc.Arbitrary<unknown> {
  switch (operatorOf(op)!.operand.shape) {
    case 'none':
      return fc.constant(undefined);
    case 'days':
      return days;
    case 'range':
      return fc.tuple(number, number).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    case 'list':
      if (field.type === 'enum') return fc.subarray(field.values!, { minLength: 1 });
      if (field.type === 'stringList' || field.type === 'string')
        return fc.array(word, { minLength: 1, maxLength: 4 });
      return fc.array(scalarOf(field), { minLength: 1, maxLength: 4 });
    default:
      return scalarOf(field);
  }
}

const comparisonArb = (fields: Field[]): fc.Arbitrary<Condition> =>
  fc
    .constantFrom(...fields)
    .chain((field) =>
      fc
        .constantFrom(...operatorsForType(field.type))
        .chain((op) =>
          operandOf(field, op).map(
            (value): Condition =>
              value === undefined
                ? { type: 'compare', field: field.path, op }
                : { type: 'compare', field: field.path, op, value: value as never },
          ),
        ),
    );

export function conditionArb(fields: Field[], depth: number): fc.Arbitrary<Condition> {
  const leaf = comparisonArb(fields);
  if (depth === 0) return leaf;
  const group = fc
    .record({
      match: fc.constantFrom('all', 'any') as fc.Arbitrary<'all' | 'any'>,
      conditions: fc.array(conditionArb(fields, depth - 1), { minLength: 1, maxLength: 3 }),
    })
    .map((g): Condition => ({ type: 'group', ...g }));
  return fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: group });
}

// ── nodes ────────────────────────────────────────────────────────────────────

const INNER_KINDS = ['condition', 'gate', 'score', 'branch', 'stage'] as const;

function gateData(fields: Field[]) {
  return fc
    .array(fc.record({ condition: conditionArb(fields, 2), weight: fc.integer({ min: 0, max: 5 }) }), {
      minLength: 1,
      maxLength: 4,
    })
    .chain((criteria) => {
      const most = criteria.reduce((s, c) => s + c.weight, 0);
      return fc.record({
        framework: fc.constantFrom(...FRAMEWORK_NAMES),
        criteria: fc.constant(criteria.map((c, i) => ({ id: `c${i}`, label: `Criterion ${i}`, ...c }))),
        pass: fc.oneof(
          fc.integer({ min: 0, max: criteria.length }).map((count) => ({ rule: 'atLeast', count })),
          fc.integer({ min: -2, max: most }).map((threshold) => ({ rule: 'points', threshold })),
        ),
      });
    });
}

function scoreData(fields: Field[]) {
  const dates = fields.filter((f) => f.type === 'date').map((f) => f.path);
  // `present` is met by most clean leads, so points, caps and decay show up often.
  const known = fc
    .constantFrom(...fields)
    .map((f): Condition => ({ type: 'compare', field: f.path, op: 'present' }));
  const rule = fc.record({
    condition: fc.oneof({ weight: 2, arbitrary: conditionArb(fields, 1) }, { weight: 1, arbitrary: known }),
    points: fc.integer({ min: -50, max: 50 }),
    decay: fc.option(fc.record({ field: fc.constantFrom(...dates), days: fc.integer({ min: 1, max: 60 }) }), {
      nil: undefined,
    }),
  });
  return fc.record({
    scoreType: fc.constantFrom('fit', 'engagement'),
    cap: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    rules: fc.array(rule, { minLength: 1, maxLength: 4 }).map((rules) =>
      rules.map(({ decay, ...r }, i) => ({
        id: `r${i}`,
        label: `Rule ${i}`,
        ...r,
        ...(decay ? { decay } : {}),
      })),
    ),
  });
}

const branchData = fc.record({
  on: fc.constantFrom('total', 'fit', 'engagement'),
  tiers: fc
    .uniqueArray(fc.integer({ min: -50, max: 150 }), { minLength: 1, maxLength: 3 })
    .map((mins) => mins.sort((a, b) => b - a).map((min, i) => ({ id: `t${i}`, label: `Tier ${i}`, min }))),
  elseLabel: fc.constantFrom('Cold', 'Below'),
});

const hoursArb = fc.oneof(fc.integer({ min: 1, max: 72 }), fc.constant(0.5));

/** A sales route's hand-off parts, each optional; the owner field is a text or number field of the catalogue. */
function salesHandoffArb(fields: Field[]) {
  const owners = fields.filter((f) => f.type === 'string' || f.type === 'number').map((f) => f.path);
  return fc.record(
    {
      assign: fc.record(
        {
          pool: fc.constantFrom('emea-aes', 'us-sdrs'),
          method: fc.constantFrom('turn', 'fewest'),
          ownerField: fc.constantFrom(...owners),
        },
        { requiredKeys: ['pool'] },
      ),
      escalation: fc.array(
        fc.record({
          afterHours: fc.integer({ min: 0, max: 24 }),
          action: fc.constantFrom('remind_owner', 'notify_manager', 'reassign'),
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );
}

function routeData(fields: Field[]) {
  return fc.oneof(
    fc
      .record({
        to: fc.constant('sales'),
        queue: fc.constantFrom('SDR', 'AE', 'DACH team'),
        priority: fc.constantFrom('high', 'normal', 'low'),
        sla: fc.record(
          {
            firstContactHours: hoursArb,
            touches: fc.integer({ min: 1, max: 10 }),
            acceptWithinHours: hoursArb,
            dueSoonHours: fc.constantFrom(0.25, 1, 2),
          },
          { requiredKeys: ['firstContactHours', 'touches'] },
        ),
      })
      .chain((route) => salesHandoffArb(fields).map((handoff) => ({ ...route, ...handoff }))),
    fc.record(
      {
        to: fc.constant('nurture'),
        track: fc.constantFrom('Newsletter', 'Education'),
        recycle: fc.record({
          stage: fc.constantFrom(...STAGES),
          reason: fc.constantFrom('sales rejected it (no budget)', 'no reply.'),
        }),
      },
      { requiredKeys: ['to', 'track'] },
    ),
    fc.record({ to: fc.constant('disqualify'), reason: fc.constantFrom('Student', 'Competitor') }),
  );
}

function innerNode(fields: Field[]): fc.Arbitrary<{ kind: string; data: unknown }> {
  return fc.constantFrom(...INNER_KINDS).chain((kind) => {
    const data: fc.Arbitrary<unknown> =
      kind === 'condition'
        ? conditionArb(fields, 3).map((condition) => ({ condition }))
        : kind === 'gate'
          ? gateData(fields)
          : kind === 'score'
            ? scoreData(fields)
            : kind === 'branch'
              ? branchData
              : fc.constantFrom(...STAGES).map((stage) => ({ stage }));
    return data.map((d) => ({ kind, data: d }));
  });
}

/**
 * A DAG built left to right: start → n0 → n1 → ... by each node's first exit (so every inner node is
 * reachable), every other exit to a later node or a route, the last node's exits to routes.
 */
export const workflowArb = catalogueArb.chain((fields) =>
  fc
    .record({
      inner: fc.array(innerNode(fields), { minLength: 0, maxLength: 8 }),
      routes: fc.array(routeData(fields), { minLength: 1, maxLength: 3 }),
      seeds: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
      missingValues: fc.option(missingValuesArb, { nil: undefined }),
    })
    .map(({ inner, routes, seeds, missingValues }) => {
      const nodes: NodeSpec[] = [{ id: 'start', kind: 'start' }];
      const edges: EdgeSpec[] = [];
      const routeIds = routes.map((_, i) => `r${i}`);
      let seed = 0;
      const pick = (list: string[]) => list[seeds[seed++ % seeds.length]! % list.length]!;
      inner.forEach((n, i) => {
        const id = `n${i}`;
        nodes.push({ id, kind: n.kind, label: `${n.kind} ${i}`, data: n.data });
        const later = [...inner.slice(i + 1).map((_, j) => `n${i + 1 + j}`), ...routeIds];
        portsOf(n.kind, n.data).forEach((port, p) => {
          edges.push([id, port, p === 0 && i + 1 < inner.length ? `n${i + 1}` : pick(later)]);
        });
      });
      edges.push(['start', 'next', inner.length ? 'n0' : pick(routeIds)]);
      routes.forEach((data, i) => {
        nodes.push({ id: routeIds[i]!, kind: 'route', data });
      });
      // Without a list of its own, the workflow gets the product's.
      const wf = workflow(nodes, edges, fields);
      return { fields, workflow: missingValues ? { ...wf, missingValues } : wf };
    }),
);

// ── leads ────────────────────────────────────────────────────────────────────

/** What a CRM sends as a stage: the names in any case and spacing, and now and then something else. */
const stageText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...STAGES)
      .chain((st) => fc.constantFrom(st, st.toUpperCase(), ` ${st.toLowerCase()} `)),
  },
  { weight: 1, arbitrary: fc.constantFrom('Hot prospect', 'Closed won', 'S Q L') },
);

function cleanValue(field: Field): fc.Arbitrary<unknown> {
  if (field.currentStage && field.type === 'string') return stageText;
  switch (field.type) {
    case 'number':
      return fc.oneof(
        number,
        number.map(String),
        fc.integer({ min: 1000, max: 999_999 }).map((n) => n.toLocaleString('en-US')),
      );
    case 'string':
      return fc.oneof(
        word,
        fc.tuple(word, fc.constantFrom(...DOMAINS)).map(([w, d]) => `${w.trim() || 'x'}@${d}`),
      );
    case 'boolean':
      return fc.oneof(fc.boolean(), fc.constantFrom('yes', 'no', 'TRUE', 0, 1));
    case 'enum':
      return fc
        .constantFrom(...field.values!)
        .chain((v) => fc.constantFrom(v, v.toUpperCase(), ` ${v.toLowerCase()} `));
    case 'date':
      return fc.oneof(
        recent.map((ms) => new Date(ms).toISOString()),
        recent,
        dateArb.map((d) => d.toISOString()),
        dateArb,
      );
    case 'stringList':
      return fc.oneof(
        fc.array(word, { maxLength: 4 }),
        fc.array(word, { maxLength: 4 }).map((w) => w.join(', ')),
      );
  }
}

const junk = fc.oneof(
  fc.constantFrom(...PLACEHOLDERS, LONG_TAIL[15]!).chain((p) => fc.constantFrom(p, ` ${p.toUpperCase()} `)),
  fc.constantFrom(
    null,
    undefined,
    '',
    '   ',
    'n/a',
    '50k',
    '1,2345',
    'NaN',
    '1e400',
    '2026-13-45',
    'maybe',
    [],
    {},
    -0,
  ),
  fc.anything({
    maxDepth: 2,
    withNullPrototype: true,
    withBoxedValues: true,
    withDate: true,
    withSparseArray: true,
  }),
);

type LeadMode = 'clean' | 'sparse' | 'dirty';
const WEIGHTS: Record<LeadMode, [absent: number, clean: number, dirty: number]> = {
  clean: [0, 1, 0],
  sparse: [3, 1, 0],
  dirty: [1, 1, 2],
};

export function leadArb(fields: Field[]): fc.Arbitrary<unknown> {
  const structured = fc.constantFrom<LeadMode>('clean', 'sparse', 'dirty').chain((mode) => {
    const [absent, clean, dirty] = WEIGHTS[mode];
    const perField = fields.map((f) =>
      fc.oneof(
        { weight: absent, arbitrary: fc.constant(undefined) },
        { weight: clean, arbitrary: cleanValue(f) },
        { weight: dirty, arbitrary: junk },
      ),
    );
    const clobber =
      mode === 'dirty'
        ? fc.option(fc.tuple(fc.constantFrom('company', 'activity', 'deal'), junk))
        : fc.constant(null);
    return fc.tuple(fc.tuple(...perField), clobber).map(([values, clobbered]) => {
      const lead: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        if (values[i] === undefined) return;
        const segs = f.path.split('.');
        let target = lead;
        for (const s of segs.slice(0, -1)) {
          target[s] ??= {};
          target = target[s] as Record<string, unknown>;
        }
        target[segs.at(-1)!] = values[i];
      });
      if (clobbered) lead[clobbered[0]] = clobbered[1];
      return lead;
    });
  });
  return fc.oneof({ weight: 9, arbitrary: structured }, { weight: 1, arbitrary: junk });
}

/** The stage a caller stored for the lead (the `currentStage` option), or none. */
export const currentStageArb: fc.Arbitrary<Stage | null> = fc.option(fc.constantFrom(...STAGES), {
  nil: null,
});

/** A random valid workflow with a few random leads, each with its evaluation time and a stored stage or none. */
export const caseArb = workflowArb.chain(({ fields, workflow: wf }) =>
  fc
    .array(
      fc.tuple(
        leadArb(fields),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(NOW_MS) },
          { weight: 1, arbitrary: dateArb.map((d) => d.getTime()) },
        ),
        currentStageArb,
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map((leads) => ({ fields, workflow: wf, leads })),
);
