// Random valid workflows and random leads (clean, sparse, dirty) for property and differential tests.
import {
  type Condition,
  FIELD_TYPES,
  type Field,
  type FieldType,
  FRAMEWORK_NAMES,
  GRADES,
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

/** Operators that read `now`: an event's `where` may not use them (the events condition's window does). */
const RELATIVE = new Set<string>(['withinDays', 'olderThanDays']);

const comparisonArb = (fields: Field[], inEvent = false): fc.Arbitrary<Condition> =>
  fc
    .constantFrom(...fields)
    .chain((field) =>
      fc
        .constantFrom(...operatorsForType(field.type).filter((op) => !inEvent || !RELATIVE.has(op)))
        .chain((op) =>
          operandOf(field, op).map(
            (value): Condition =>
              value === undefined
                ? { type: 'compare', field: field.path, op }
                : { type: 'compare', field: field.path, op, value: value as never },
          ),
        ),
    );

// ── events ───────────────────────────────────────────────────────────────────

/** The event properties every generated workflow declares (`events.properties`). */
export const EVENT_PROPERTIES: Field[] = [
  {
    path: 'type',
    label: 'Event type',
    type: 'enum',
    category: 'engagement',
    values: ['page_view', 'form_submit', 'Webinar'],
  },
  { path: 'url', label: 'Page', type: 'string', category: 'engagement' },
  { path: 'amount', label: 'Amount', type: 'number', category: 'engagement' },
  { path: 'seenAt', label: 'Seen', type: 'date', category: 'engagement' },
  { path: 'tags', label: 'Tags', type: 'stringList', category: 'engagement' },
];

/** A condition over one event's properties (no relative dates, no events inside); empty only at the top. */
function whereArb(depth: number, top = true): fc.Arbitrary<Condition> {
  const leaf = comparisonArb(EVENT_PROPERTIES, true);
  const empty = fc.constant<Condition>({ type: 'group', match: 'all', conditions: [] });
  if (depth === 0) return top ? fc.oneof(leaf, empty) : leaf;
  const group = fc
    .record({
      match: fc.constantFrom('all', 'any') as fc.Arbitrary<'all' | 'any'>,
      conditions: fc.array(whereArb(depth - 1, false), { minLength: 1, maxLength: 2 }),
    })
    .map((g): Condition => ({ type: 'group', ...g }));
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: empty },
    { weight: 1, arbitrary: group },
  );
}

/** "At least / at most / exactly K events matching `where` in the last N days (or ever)". */
export const eventsConditionArb: fc.Arbitrary<Condition> = fc
  .record(
    {
      where: whereArb(1),
      withinDays: fc.integer({ min: 1, max: 60 }),
      count: fc.record({ op: fc.constantFrom('gte', 'lte', 'eq'), value: fc.integer({ min: 0, max: 4 }) }),
    },
    { requiredKeys: ['where', 'count'] },
  )
  .map((c): Condition => ({ type: 'events', ...c }) as Condition);

const gradeConditionArb = fc
  .subarray(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'], { minLength: 1 })
  .map((grades): Condition => ({ type: 'grade', grades }));

export function conditionArb(fields: Field[], depth: number): fc.Arbitrary<Condition> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: comparisonArb(fields) },
    { weight: 2, arbitrary: eventsConditionArb },
    { weight: 1, arbitrary: gradeConditionArb },
  );
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

const INNER_KINDS = ['condition', 'gate', 'score', 'branch', 'grade', 'stage'] as const;

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
  // A rule on events alone, decaying by the newest event it counted.
  const eventRule = fc.record({
    condition: eventsConditionArb.map((c) => ({
      ...c,
      count: { op: 'gte', value: Math.max(1, (c as { count: { value: number } }).count.value) },
    })) as fc.Arbitrary<Condition>,
    points: fc.integer({ min: -50, max: 50 }),
    decay: fc.option(fc.record({ days: fc.integer({ min: 1, max: 30 }) }), { nil: undefined }),
  });
  return fc.record({
    scoreType: fc.constantFrom('fit', 'engagement'),
    cap: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    floor: fc.option(fc.integer({ min: -100, max: 0 }), { nil: null }),
    rules: fc
      .array(fc.oneof({ weight: 3, arbitrary: rule }, { weight: 1, arbitrary: eventRule }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((rules) =>
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

/** Grade tiers: each grade in one tier or none (so no tier overlaps another), at least one tier kept. */
const gradeTiersData = fc
  .tuple(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 9, maxLength: 9 }), fc.nat(8))
  .map(([owner, fallback]) => {
    const tiers = [0, 1, 2]
      .map((t) => ({
        id: `g${t}`,
        label: `Grade tier ${t}`,
        grades: GRADES.filter((_, i) => owner[i] === t),
      }))
      .filter((t) => t.grades.length > 0);
    return {
      tiers: tiers.length ? tiers : [{ id: 'g0', label: 'Grade tier 0', grades: [GRADES[fallback]!] }],
      elseLabel: 'Other grades',
    };
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
              : kind === 'grade'
                ? gradeTiersData
                : fc.constantFrom(...STAGES).map((stage) => ({ stage }));
    return data.map((d) => ({ kind, data: d }));
  });
}

const gradeBandsArb = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: -20, max: 120 }), { minLength: 2, maxLength: 2 }),
    fc.uniqueArray(fc.integer({ min: -20, max: 120 }), { minLength: 2, maxLength: 2 }),
  )
  .map(([[a, b], [x, y]]) => ({
    fit: { A: Math.max(a!, b!), B: Math.min(a!, b!) },
    engagement: { '1': Math.max(x!, y!), '2': Math.min(x!, y!) },
  }));

const limitArb = fc
  .tuple(
    fc.option(fc.integer({ min: -60, max: 20 }), { nil: null }),
    fc.option(fc.integer({ min: 20, max: 120 }), { nil: null }),
  )
  .map(([floor, cap]) => ({ floor, cap }));
const scoreLimitsArb = fc.record(
  { fit: limitArb, engagement: limitArb, total: limitArb },
  { requiredKeys: [] },
);

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
      grade: gradeBandsArb,
      scoreLimits: fc.option(scoreLimitsArb, { nil: undefined }),
    })
    .map(({ inner, routes, seeds, missingValues, grade, scoreLimits }) => {
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
      const wf = {
        ...workflow(nodes, edges, fields),
        events: { properties: EVENT_PROPERTIES },
        grade,
        ...(scoreLimits ? { scoreLimits } : {}),
      };
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

/** An event's time: mostly recent (ISO text or epoch ms), sometimes ahead of now, sometimes unreadable or absent. */
const eventTime = (dirty: boolean) =>
  fc.oneof(
    { weight: 6, arbitrary: recent.map((ms) => new Date(ms).toISOString()) },
    { weight: 2, arbitrary: recent },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 72 }).map((h) => new Date(NOW_MS + h * 3_600_000).toISOString()),
    },
    {
      weight: dirty ? 3 : 0,
      arbitrary: fc.constantFrom(undefined, 'soon', '2026-13-45', '', null, true, {}),
    },
  );

function eventArb(dirty: boolean): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(
    EVENT_PROPERTIES.map((p) => [
      p.path,
      fc.oneof(
        {
          weight: 2,
          arbitrary:
            p.path === 'url'
              ? fc.constantFrom('/pricing', ' /Pricing/Plans ', '/blog', '/docs')
              : cleanValue(p),
        },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: dirty ? 2 : 0, arbitrary: junk },
      ),
    ]),
  );
  const event = fc
    .record({ ...props, at: eventTime(dirty) }, { requiredKeys: [] })
    .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
  return dirty ? fc.oneof({ weight: 4, arbitrary: event }, { weight: 1, arbitrary: junk }) : event;
}

/** A lead's events: a list (empty too), none, or (dirty) something that is not a list or a list with bad items. */
function eventsArb(mode: LeadMode): fc.Arbitrary<unknown> {
  const list = (dirty: boolean) => fc.array(eventArb(dirty), { maxLength: 6 });
  if (mode === 'clean')
    return fc.oneof({ weight: 4, arbitrary: list(false) }, { weight: 1, arbitrary: fc.constant(undefined) });
  if (mode === 'sparse')
    return fc.oneof({ weight: 1, arbitrary: list(false) }, { weight: 2, arbitrary: fc.constant(undefined) });
  return fc.oneof({ weight: 3, arbitrary: list(true) }, { weight: 1, arbitrary: junk });
}

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
    // A catalogue with fields under `events` (an object of counters) leaves no room for the events list.
    const listed = fields.some((f) => f.path === 'events' || f.path.startsWith('events.'))
      ? fc.constant(undefined)
      : eventsArb(mode);
    return fc.tuple(fc.tuple(...perField), clobber, listed).map(([values, clobbered, events]) => {
      const lead: Record<string, unknown> = events === undefined ? {} : { events };
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
