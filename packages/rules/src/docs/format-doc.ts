import { rowToLead, suggestMapping } from '../backtest/columns.ts';
import { compile } from '../compile/compile-workflow.ts';
import { checkCondition } from '../conditions/check.ts';
import type { Sample } from '../conditions/operands.ts';
import { operatorOf, operatorsForType } from '../conditions/operators.ts';
import {
  type Comparison,
  ComparisonSchema,
  EventsConditionSchema,
  GradeConditionSchema,
  GroupSchema,
} from '../conditions/schema.ts';
import { conditionText } from '../conditions/text.ts';
import { describeWorkflow } from '../describe/describe-workflow.ts';
import { diffWorkflows } from '../diff/diff-workflows.ts';
import { impactOf } from '../diff/impact.ts';
import { prepare } from '../evaluate/prepare.ts';
import { MAX_EVENTS } from '../model/events.ts';
import { FIELD_TYPES, type Field, FieldSchema, type FieldType } from '../model/fields.ts';
import { TestCaseSchema } from '../model/test-cases.ts';
import { WorkflowEdgeSchema, WorkflowNodeSchema, WorkflowSchema } from '../model/workflow.ts';
import { KIND_NAMES, kindOf } from '../nodes/index.ts';
import { validate } from '../validate/validate.ts';
import { EXAMPLE_CSV, EXAMPLE_NOW, EXAMPLE_WORKFLOW } from './example-workflow.ts';
import { PORT_NOTES, PROPERTY_NOTES, TYPE_NOTES } from './format-notes.ts';
import { jsonSchemaOf, type Row, rowsOf } from './schema-rows.ts';

/** Where the reference is checked in, from the repository root. */
export const FORMAT_DOC_PATH = 'docs/workflow-format.md';
/** How to write it again after a schema, registry or operator change. */
export const FORMAT_DOC_COMMAND = 'npm run docs -w @qualify/rules';

/** The field of each type the operator examples read, and the values they use. */
const SAMPLES: Record<FieldType, { field: Field; sample: Sample }> = {
  number: {
    field: { path: 'employees', label: 'Employees', type: 'number', category: 'fit' },
    sample: { one: 50, pair: [50, 1000], list: [10, 50], words: [] },
  },
  string: {
    field: { path: 'email', label: 'E-mail', type: 'string', category: 'fit' },
    sample: {
      one: 'sales@acme.io',
      pair: ['a', 'z'],
      list: ['sales@acme.io', 'info@acme.io'],
      words: ['sales', 'info'],
    },
  },
  boolean: {
    field: { path: 'demo_requested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
    sample: { one: true, pair: [false, true], list: [true], words: [] },
  },
  enum: {
    field: {
      path: 'industry',
      label: 'Industry',
      type: 'enum',
      category: 'fit',
      values: ['SaaS', 'FinTech', 'Retail'],
    },
    sample: { one: 'SaaS', pair: ['SaaS', 'Retail'], list: ['SaaS', 'FinTech'], words: [] },
  },
  date: {
    field: { path: 'last_visit', label: 'Last website visit', type: 'date', category: 'engagement' },
    sample: { one: '2026-01-31', pair: ['2026-01-01', '2026-01-31'], list: ['2026-01-31'], words: [] },
  },
  stringList: {
    field: { path: 'interests', label: 'Interests', type: 'stringList', category: 'engagement' },
    sample: { one: 'pricing', pair: ['a', 'z'], list: ['pricing', 'demo'], words: ['pricing', 'demo'] },
  },
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (head: string[], rows: string[][]) =>
  [head, head.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
const WIDTH = 100;

/** JSON on one line, spaced as people write it: `{ "op": "in", "value": [1, 2] }`. */
function flat(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flat).join(', ')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${flat(x)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** JSON as people write it: what fits on a line stays on one, the rest is indented by two. */
function pretty(v: unknown, indent = '', used = 0): string {
  const line = flat(v);
  if (v === null || typeof v !== 'object' || indent.length + used + line.length <= WIDTH) return line;
  const inner = `${indent}  `;
  const items = Array.isArray(v)
    ? v.map((x) => `${inner}${pretty(x, inner)}`)
    : Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner, k.length + 4)}`);
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}
const block = (lang: string, text: string) => `\`\`\`${lang}\n${text}\n\`\`\``;

/** Writes the property tables, taking each property's purpose from PROPERTY_NOTES and noting which it used. */
class Notes {
  readonly used = new Set<string>();
  readonly missing: string[] = [];

  table(section: string, rows: Row[]): string {
    const body = rows.map((r) => {
      const key = `${section}.${r.name}`;
      this.used.add(key);
      const note = PROPERTY_NOTES[key];
      if (note === undefined) this.missing.push(key);
      return [`\`${r.name}\``, r.type, r.need, note ?? ''];
    });
    return table(['property', 'type', 'needed', 'what for'], body);
  }

  /** Throws unless every property had a line and every line a property: the reference cannot drift. */
  assertComplete(): void {
    const unused = Object.keys(PROPERTY_NOTES).filter((k) => !this.used.has(k));
    if (this.missing.length || unused.length) {
      const file = 'packages/rules/src/docs/format-notes.ts';
      throw new Error(
        [
          this.missing.length && `Properties without a line in ${file}: ${this.missing.join(', ')}.`,
          unused.length && `Lines in ${file} for properties that no longer exist: ${unused.join(', ')}.`,
        ]
          .filter(Boolean)
          .join(' '),
      );
    }
  }
}

/** The example CSV's rows as leads, read through the columns' suggested mapping. */
function exampleLeads(): Record<string, unknown>[] {
  const [header, ...lines] = EXAMPLE_CSV.split('\n');
  const columns = header!.split(',');
  const mapping = suggestMapping(columns, EXAMPLE_WORKFLOW.fields as Field[]);
  return lines.map((line) => {
    const cells = line.split(',');
    return rowToLead(
      Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']).filter(([, v]) => v !== '')),
      mapping,
    );
  });
}

function exampleSection(): string {
  const issues = validate(EXAMPLE_WORKFLOW);
  if (issues.length) throw new Error(`The example workflow has issues: ${JSON.stringify(issues)}`);
  const decide = prepare(compile(EXAMPLE_WORKFLOW));
  const leads = exampleLeads();
  const outcomes = leads.map((lead) => {
    const d = decide.evaluate(lead, { now: EXAMPLE_NOW });
    const questions = d.nextQuestions.map((q) => q.label).join(', ') || 'none';
    return [
      String(lead.email),
      `${d.route?.kind} (${d.route?.target})`,
      d.stage,
      String(d.score.total),
      questions,
    ];
  });
  const sentences = describeWorkflow(EXAMPLE_WORKFLOW).map((s) => `- ${s.text}`);
  return [
    '## A complete example',
    'A CRM exports its leads as CSV:',
    block('csv', EXAMPLE_CSV),
    'The workflow below gives each column a catalogue field whose `path` is the column name, so both the ' +
      'CSV batch endpoint and the backtest map the columns without help. It disqualifies free-mail ' +
      'addresses and tiny companies, scores fit, and sends leads that meet two of three criteria to sales.',
    block('json', pretty(EXAMPLE_WORKFLOW)),
    'The studio and the SLA view read it as:',
    sentences.join('\n'),
    `Each row is a lead; the first one, as \`POST /v1/workflows/${EXAMPLE_WORKFLOW.id}/evaluate\` takes it ` +
      `(\`POST …/evaluate/batch\` takes the CSV as it is; empty cells are missing values):`,
    block('json', pretty({ lead: leads[0] })),
    `Evaluated at ${EXAMPLE_NOW}, the rows get:`,
    table(['lead', 'route', 'stage', 'score', 'questions for a rep'], outcomes),
  ].join('\n\n');
}

function kindSection(name: string, notes: Notes): string {
  const kind = kindOf(name)!;
  const rows = rowsOf(jsonSchemaOf(kind.dataSchema));
  const defaults = kind.defaults();
  const ports = kind.ports(defaults);
  const exits =
    PORT_NOTES[name] ??
    (ports.length ? ports.map((p) => `\`${p.id}\` (${p.label})`).join(', ') : 'none: the workflow ends here');
  return [
    `### \`${name}\`: ${kind.title}`,
    kind.blurb,
    rows.length ? notes.table(name, rows) : 'No settings: `data` is `{}` (or left out).',
    `Exits (an edge's \`port\`): ${exits}.`,
    `A new ${kind.title} step in the studio starts with this \`data\`:`,
    block('json', pretty(defaults)),
  ].join('\n\n');
}

function operatorSection(type: FieldType): string {
  const { field, sample } = SAMPLES[type];
  const rows = operatorsForType(type).map((name) => {
    const op = operatorOf(name)!;
    const value = op.operand.example(sample);
    const example: Comparison =
      value === undefined
        ? { type: 'compare', field: field.path, op: name }
        : { type: 'compare', field: field.path, op: name, value };
    const problems = checkCondition(example, [field], '');
    if (problems.length)
      throw new Error(`The example for ${type} ${name} is invalid: ${problems[0]!.message}`);
    return [
      `\`${name}\``,
      op.label,
      op.operand.says,
      `\`${flat(example)}\``,
      conditionText(example, [field]),
    ];
  });
  return [
    `### ${type}`,
    `${TYPE_NOTES[type]} The examples read a field \`${flat(field)}\`.`,
    table(['op', 'reads', 'value', 'example', 'reads as'], rows),
  ].join('\n\n');
}

function testCaseSection(notes: Notes): string {
  const example = {
    id: 'hot-inbound-vp',
    name: 'Hot inbound VP',
    lead: { email: 'ann@acme.io', employees: 250, industry: 'SaaS' },
    now: '2026-03-02T09:00:00Z',
    expect: { route: 'sales', target: 'Inbound SDR', stage: 'SQL', score: 60, gates: { bant: true } },
  };
  TestCaseSchema.parse(example);
  return [
    '## Test cases',
    'A workflow keeps leads with the decision each must get in `testCases`, so they travel in its export ' +
      'file and a team can keep them in git. Publishing runs them and a failing case blocks it (an ' +
      'approver may override with a reason); `npx qualify test workflow.json` runs them offline and ' +
      "exits non-zero when one fails. They are not part of the compiled artifact. Each case is evaluated at its own `now`. A case's " +
      'problems are issues with the path `testCases.N…` (`test_case_invalid`); an expected gate id that ' +
      'is not a gate step is a warning (`test_case_unknown_gate`).',
    notes.table('testCase', rowsOf(jsonSchemaOf(TestCaseSchema))),
    block('json', pretty(example)),
  ].join('\n\n');
}

function diffSection(): string {
  // biome-ignore lint/suspicious/noExplicitAny: the example is changed in place, as an editor would
  const next: any = structuredClone(EXAMPLE_WORKFLOW);
  const step = (id: string) => next.nodes.find((n: { id: string }) => n.id === id);
  step('fit').data.rules[0].points = 40;
  step('bant').data.pass.count = 1;
  step('sales').data.sla.firstContactHours = 2;
  step('sql').position = { x: 1100, y: -120 };
  const sentences = diffWorkflows(EXAMPLE_WORKFLOW, next).map((c) => `- ${c.sentence}`);
  const sample = exampleLeads().map((lead) => ({ name: String(lead.email), lead, now: EXAMPLE_NOW }));
  const impact = impactOf(EXAMPLE_WORKFLOW, next, sample);
  return [
    '## Comparing two versions',
    "Two versions of a workflow (or a version and the draft) are compared in the product's words, one " +
      "sentence a change, each written by the changed step's kind: fields added, removed or retyped; " +
      'steps added, removed or renamed; what changed inside a step; exits that lead elsewhere; test cases ' +
      'added, removed or changed. Moving a step on the canvas is not a change. ' +
      '`GET /v1/workflows/{id}/diff?from=3&to=draft` answers the sentences with the impact on a lead ' +
      'sample (how many leads change route or stage), and `npx qualify diff a.json b.json` prints them. ' +
      'In the example above, raising the points for size, passing leads that meet 1 criterion of 3 and shortening the ' +
      'SLA (and moving the SQL step) reads:',
    sentences.join('\n'),
    `On the CSV's leads (\`impactOf\` in \`@qualify/rules\`, each lead decided by both versions): ${impact.sentence}`,
  ].join('\n\n');
}

/**
 * The workflow document format as Markdown, generated from the schemas, the node registry and the
 * operator table, so it says what the code does. Throws when a property has no description.
 */
export function formatDoc(): string {
  const notes = new Notes();
  const fieldTypes = FIELD_TYPES.map((t) => [`\`${t}\``, TYPE_NOTES[t]]);
  const doc = [
    '# The workflow document format',
    `<!-- Generated from packages/rules (schemas, node registry, operator table) by \`${FORMAT_DOC_COMMAND}\`. Do not edit by hand. -->`,
    'A workflow is one JSON document: the lead fields it reads, its steps (nodes) and the connections ' +
      'between them (edges). The studio writes it for you; this page is for writing or generating one ' +
      'by hand, for reviewing one in a pull request, and for knowing what each part means.',
    [
      'To write one for your own lead data:',
      '',
      '1. List the columns or JSON keys you want to decide on. Each becomes a catalogue **field** with a ' +
        '`path` (where the value sits in a lead), a `label` and a [type](#field-types).',
      '2. Add the steps: one `start`, then checks, scores, gates and tiers, and `route` steps where leads ' +
        "end. Each step's `data` is described under [Node kinds](#node-kinds).",
      '3. Connect every exit (`port`) of every step to the next step with an edge, so every lead ends at a ' +
        'route.',
      '4. Check it: import the file in the studio (Workflows, Import…), or `POST /v1/workflows` it and ' +
        'call `POST /v1/workflows/{id}/validate`. Each issue names its node, the JSON path of the value ' +
        'and what to change ([API contract](api-contract.md)).',
    ].join('\n'),
    exampleSection(),
    '## The document',
    notes.table('workflow', rowsOf(jsonSchemaOf(WorkflowSchema), undefined, '', '', false)),
    '## The field catalogue',
    'Each entry of `fields`:',
    notes.table('field', rowsOf(jsonSchemaOf(FieldSchema))),
    '### Field types',
    "How each type reads a lead's value; an empty or blank value is missing for every type. A value " +
      "that cannot be read is reported in the decision's `dataIssues` and treated as missing.",
    table(['type', 'a lead value'], fieldTypes),
    '## Nodes and edges',
    'Each entry of `nodes`:',
    notes.table('node', rowsOf(jsonSchemaOf(WorkflowNodeSchema))),
    'Each entry of `edges`. The steps and edges form a graph with exactly one `start`, nothing entering ' +
      'it, no loops, and each exit of each step leaving by exactly one edge, so every lead ends at a ' +
      '`route`; a step no lead can reach is a warning.',
    notes.table('edge', rowsOf(jsonSchemaOf(WorkflowEdgeSchema))),
    '## Node kinds',
    `A node's \`kind\` is one of ${KIND_NAMES.map((k) => `\`${k}\``).join(', ')}; its \`data\` is:`,
    ...KIND_NAMES.map((k) => kindSection(k, notes)),
    '## Conditions',
    'Signal checks, gate criteria and score rules hold a condition: a comparison of one lead field, or ' +
      'a group of conditions. A comparison of a missing field is *unknown*: it takes a check\'s "no" exit, ' +
      'earns no points and leaves a criterion unmet (listed under `nextQuestions`). Only `present` and ' +
      '`missing` are about the missing value itself. A group of `all` is met when every part is met, ' +
      'unknown when none fails but some are unknown; a group of `any` the other way round.',
    'A comparison:',
    notes.table('comparison', rowsOf(jsonSchemaOf(ComparisonSchema))),
    'A group:',
    notes.table('group', rowsOf(jsonSchemaOf(GroupSchema))),
    block(
      'json',
      pretty({
        type: 'group',
        match: 'all',
        conditions: [
          { type: 'compare', field: 'employees', op: 'gte', value: 50 },
          {
            type: 'group',
            match: 'any',
            conditions: [
              { type: 'compare', field: 'industry', op: 'eq', value: 'SaaS' },
              { type: 'compare', field: 'demo_requested', op: 'eq', value: true },
            ],
          },
        ],
      }),
    ),
    '## Events',
    'A lead may carry a list of events, `"events": [{"type": "page_view", "url": "/pricing", "at": "2026-11-28T10:00:00Z"}]`, ' +
      `at most ${MAX_EVENTS} (the runtime refuses more, with \`too_many_events\`, for that lead alone; a test case over it is invalid). ` +
      'In a CSV upload the column named `events` holds the list as JSON text (docs/api-contract.md, "A lead\'s events"). ' +
      'Each event needs `at`, when it happened (ISO 8601 or epoch ms); ' +
      'an item without a readable `at`, or that is not an object, is left out and reported once in `dataIssues`. ' +
      "Properties are read as the catalogue's `events.properties` say, like fields; others are ignored. " +
      'An events condition counts the events matching `where` within the last `withinDays` days and compares the count. ' +
      'A lead without an `events` list (or with one that is not a list) makes it *unknown*: it earns no points and leaves a criterion unmet; ' +
      'an empty list counts 0. A score rule with an events condition may decay by the newest event it counted ' +
      '(`decay` without `field`): full points when that event is at most `days` old, half when at most twice that, none after.',
    notes.table('events', rowsOf(jsonSchemaOf(EventsConditionSchema))),
    block(
      'json',
      pretty({
        type: 'events',
        where: {
          type: 'group',
          match: 'all',
          conditions: [
            { type: 'compare', field: 'type', op: 'eq', value: 'page_view' },
            { type: 'compare', field: 'url', op: 'contains', value: '/pricing' },
          ],
        },
        withinDays: 7,
        count: { op: 'gte', value: 3 },
      }),
    ),
    '## Score limits and grade',
    'A score step adds the points of its met rules, then holds the sum within its own `cap` and `floor`. ' +
      "The workflow's `scoreLimits` then hold the fit or engagement score it added to, and the total (fit plus " +
      'engagement, held within its own limits), after every score step: a tier or condition later on the path ' +
      "reads the held score. The decision's `limits` lists each floor or cap that held a score. With `grade` " +
      'bands, the decision has a `grade`: the letter from the fit score (A, B, C), the digit from the ' +
      'engagement score (1, 2, 3), such as `A2`. A grade condition tests it anywhere a condition goes ' +
      '(outside an events condition); it reads the scores as they stand at that point of the path, so put it ' +
      'after the score steps:',
    notes.table('grade', rowsOf(jsonSchemaOf(GradeConditionSchema))),
    "In the studio, the editor's Scoring tab sets `grade` (with a grid of what each grade means), " +
      '`scoreLimits` and `events.properties`, and the condition editor picks grades from the same 3×3 grid.',
    '## Operators',
    "The operators each field type offers, in the studio's order. Text is compared trimmed and " +
      'without regard to case, on both sides.',
    ...FIELD_TYPES.map(operatorSection),
    testCaseSection(notes),
    diffSection(),
  ].join('\n\n');
  notes.assertComplete();
  return `${doc}\n`;
}
