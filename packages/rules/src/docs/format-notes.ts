import type { FieldType } from '../model/fields.ts';

/**
 * What each property of the workflow document is for, keyed by section and dotted name as the
 * format reference lists them (`gate.criteria[].weight`). Types, limits and defaults come from the
 * schemas; only the purpose is written here. The reference refuses to build while a property has no
 * line here, or a line names a property that no longer exists, so the two cannot drift apart.
 */
export const PROPERTY_NOTES: Record<string, string> = {
  'workflow.schemaVersion':
    'The version of this format: `2`. A version `1` document still loads, read as version 2 with an empty `missingValues`, so it decides as it did.',
  'workflow.id': 'A short id, unique among your workflows; it is part of the API paths.',
  'workflow.name': 'The name people see in the studio.',
  'workflow.description': 'What the workflow is for, in a sentence or two.',
  'workflow.fields':
    'The lead field catalogue: every lead field the workflow may read ([below](#the-field-catalogue)).',
  'workflow.missingValues':
    'Values that mean "not answered" in every field without a list of its own (`Select`, `N/A`, `-`): trimmed and in any case, such a text value is missing, not a value and not a data issue. Left out, the product list applies ([catalogue.md](catalogue.md#values-that-mean-missing)); `[]` means only blanks are missing.',
  'workflow.events':
    "The lead's events ([below](#events)): the properties of `lead.events` items that conditions may test. Left out, events conditions can still count events of any kind.",
  'workflow.events.properties':
    "Each event property conditions may test, typed like a field (`type`, `url`…); an event's time `at` is always there and never listed.",
  'workflow.events.properties[].path':
    "The property's name in an event: one name (`url`), not a dotted path.",
  'workflow.events.properties[].label': 'The name shown in the studio and in sentences ("Page").',
  'workflow.events.properties[].type':
    'How the property is read, as for a field ([Field types](#field-types)).',
  'workflow.events.properties[].category': 'As for a field; events are usually engagement.',
  'workflow.events.properties[].values':
    'For an `enum` property, the values it may take (`page_view`, `form_submit`…).',
  'workflow.events.properties[].valueLabels':
    'As for a choice field: how each value reads in sentences ("page_view" → "Page view").',
  'workflow.events.properties[].description': 'A note for the people editing the workflow.',
  'workflow.events.properties[].missingValues': "The property's own values that mean missing.",
  'workflow.events.properties[].leadId': 'Not used for event properties.',
  'workflow.events.properties[].currentStage': 'Not used for event properties.',
  'workflow.scoreLimits':
    "Floors and caps on the whole workflow's scores ([below](#score-limits-and-grade)), applied after every score step.",
  'workflow.scoreLimits.fit': "The fit score's limits.",
  'workflow.scoreLimits.fit.floor':
    'The fit score never goes below this (negative allowed); `null`: no floor.',
  'workflow.scoreLimits.fit.cap': 'The fit score never goes above this; `null`: no cap.',
  'workflow.scoreLimits.engagement': "The engagement score's limits.",
  'workflow.scoreLimits.engagement.floor': 'The engagement score never goes below this; `null`: no floor.',
  'workflow.scoreLimits.engagement.cap': 'The engagement score never goes above this; `null`: no cap.',
  'workflow.scoreLimits.total':
    "The total score's limits (the total is fit plus engagement, then held within these).",
  'workflow.scoreLimits.total.floor': 'The total never goes below this; `null`: no floor.',
  'workflow.scoreLimits.total.cap': 'The total never goes above this; `null`: no cap.',
  'workflow.grade':
    'Fit × engagement as a grade from A1 (best) to C3 ([below](#score-limits-and-grade)); left out, decisions have no grade.',
  'workflow.grade.fit': 'The fit score bands of the letter.',
  'workflow.grade.fit.A': 'A fit score of at least this is A.',
  'workflow.grade.fit.B': 'A fit score of at least this (and below A) is B; lower is C.',
  'workflow.grade.engagement': 'The engagement score bands of the digit.',
  'workflow.grade.engagement.1': 'An engagement score of at least this is 1.',
  'workflow.grade.engagement.2': 'An engagement score of at least this (and below 1) is 2; lower is 3.',
  'workflow.nodes': 'The steps of the workflow ([below](#nodes-and-edges)).',
  'workflow.edges': 'The connections, each from an exit of one step to the entry of another.',
  'workflow.testCases':
    'Leads with the decision each must get ([below](#test-cases)): publishing runs them, and so does `qualify test`. Left out, the workflow has none.',

  'testCase.id': 'A short id, unique among the test cases (the studio makes one from the name).',
  'testCase.name': 'What the case stands for ("Hot inbound VP"); reports name failing cases by it.',
  'testCase.lead': 'The lead, as `POST /v1/workflows/{id}/evaluate` takes it.',
  'testCase.now':
    'The time the case is evaluated at (ISO 8601 with an offset), so dates such as "visited in the last 7 days" read the same in every run.',
  'testCase.currentStage':
    'The stage the runtime had stored for the lead, if any: stages only move forward from it.',
  'testCase.expect': 'What the decision must be; a part left out is not checked.',
  'testCase.expect.route': 'The kind of route the lead must reach; `null`: no route.',
  'testCase.expect.stage': 'The stage after the evaluation.',
  'testCase.expect.target': 'The sales queue, nurture track or disqualification reason of that route.',
  'testCase.expect.score': 'The total score (compared within 1e-9).',
  'testCase.expect.fit': 'The fit score.',
  'testCase.expect.engagement': 'The engagement score.',
  'testCase.expect.gates':
    'Gate step id → whether the lead must pass it (`true`) or fail it (`false`); a gate the lead never reaches fails the case.',

  'field.path':
    'Where the value sits in a lead: `budget` reads `{"budget": …}`, `company.size` reads `{"company": {"size": …}}`. Names every object has (`constructor`, `toString`…) are refused. Paths must not clash: `company` and `company.size` cannot both be fields.',
  'field.label': 'The name shown in the studio and in every sentence that explains a decision.',
  'field.type': 'How a lead value is read and which operators apply (see [Field types](#field-types)).',
  'field.category':
    'Fit is who the lead is (firmographic, demographic), engagement what it did, conversation what a rep learned.',
  'field.values':
    'For an `enum` field, the values it may take, in their canonical spelling. Required for `enum` fields.',
  'field.valueLabels':
    'For an `enum` field, what people read for a value (`{ "decision_maker": "Decision maker" }`) in forms, sentences, receipts and questions. A value without a label reads in words: `decision_maker` as "Decision maker"; a value that is not snake_case or kebab-case (`SaaS`) as itself.',
  'field.description': 'A note for the people editing the workflow.',
  'field.missingValues':
    "This field's own values that mean missing, in place of the workflow's `missingValues` (`[]`: only blanks).",
  'field.leadId':
    "Marks the field holding the lead's id (a text or number field; at most one): its raw value is the `leadId` of the decision log, for single evaluations, batches and backtest rows.",
  'field.currentStage':
    'Marks the field holding the lead\'s current stage as the CRM sends it (a text or choice field; at most one), matched to a stage without regard to case (`"sql"` is SQL). Stages only move forward from it: a lead at SQL stays SQL when the path says MQL. A value that is no stage is a data issue and ignored; without one, the stage the runtime stored for the lead id applies ([artifact.md](artifact.md#stages-only-move-forward)).',

  'node.id': 'A short id, unique among the nodes; edges and decisions (`path`, `nodeId`) name nodes by it.',
  'node.kind': 'The kind of step (see [Node kinds](#node-kinds)).',
  'node.label': "The step's name on the canvas and in decisions; the kind's title when empty.",
  'node.position': 'Where the step sits on the canvas; it does not change decisions.',
  'node.position.x': 'Pixels from the left.',
  'node.position.y': 'Pixels from the top.',
  'node.data': "The kind's settings: see its section under [Node kinds](#node-kinds).",

  'edge.id': 'A short id, unique among the edges.',
  'edge.from': 'The id of the node the lead leaves.',
  'edge.port': "Which exit of `from` this edge leaves by: one of that node's exits (listed per kind below).",
  'edge.to': 'The id of the node the lead enters next.',

  'comparison.type': 'Marks a comparison.',
  'comparison.field': 'The `path` of a catalogue field.',
  'comparison.op': "The operator: one of those the field's type offers (see [Operators](#operators)).",
  'comparison.value':
    "The operator's value: its shape depends on the operator (see [Operators](#operators)).",
  'group.type': 'Marks a group.',
  'group.match': '`all`: every part must hold (AND); `any`: one part is enough (OR).',
  'group.conditions':
    'The parts: comparisons and groups, nested as deep as needed. An empty group is an error.',

  'events.type': 'Marks an events condition.',
  'events.where':
    "Which events count: a condition over the catalogue's event properties (an empty `all` group counts every event).",
  'events.withinDays':
    'Only events from the last this many days count (up to the evaluation time; later events never count). Left out: any time up to now.',
  'events.count': 'How the count is compared.',
  'events.count.op': '`gte`: at least; `lte`: at most; `eq`: exactly.',
  'events.count.value': 'The number of events.',
  'grade.type': 'Marks a grade condition.',
  'grade.grades': 'The grades that meet it (`A1` to `C3`); the workflow needs `grade` bands.',

  'condition.condition': 'Which leads take the "yes" exit.',

  'gate.framework': 'The framework the criteria come from; `custom` for your own.',
  'gate.criteria': 'The criteria, each judged met, not met or unknown.',
  'gate.criteria[].id': 'A short id, unique in the gate; decisions name the criterion by it.',
  'gate.criteria[].label': 'The criterion as people say it ("Budget").',
  'gate.criteria[].condition': 'When the criterion is met. A criterion whose fields are missing is unknown.',
  'gate.criteria[].weight': 'What the criterion counts for under the `points` pass rule.',
  'gate.pass': 'When the gate passes.',
  'gate.pass.rule':
    '`atLeast`: a number of criteria must be met; `points`: the weights of met criteria must add up.',
  'gate.pass.count': 'How many criteria must be met ("3 of 4" is BANT\'s classic rule).',
  'gate.pass.threshold': 'The weight met criteria must reach.',

  'score.scoreType': 'Which score the points go to; the total is fit plus engagement.',
  'score.rules': 'The rules; every rule whose condition is met adds its points.',
  'score.rules[].id': 'A short id, unique in the table; decisions name the rule by it.',
  'score.rules[].label': 'What the rule rewards, as the receipt shows it ("Senior job title").',
  'score.rules[].condition': 'When the rule earns its points. A rule whose fields are missing earns nothing.',
  'score.rules[].points': 'Points the rule adds; negative points take some away.',
  'score.rules[].decay': 'Makes behaviour count less as it ages.',
  'score.rules[].decay.field':
    "A date field: when the behaviour happened. Left out, the newest event the rule's events condition counted (the rule needs exactly one, counting at least 1).",
  'score.rules[].decay.days':
    'Full points within this many days of that date, half within twice as many, none after.',
  'score.cap': 'The most points this table can add; `null` for no limit.',
  'score.floor':
    'The least this table adds, however negative its rules (a negative floor allowed); `null` for no limit.',

  'branch.on': 'Which score splits the leads.',
  'branch.tiers': 'The tiers, highest first; a lead takes the first whose `min` its score reaches.',
  'branch.tiers[].id': 'The id of the exit this tier leaves by (not `else`, which is the last exit).',
  'branch.tiers[].label': 'The name of the tier ("Hot").',
  'branch.tiers[].min': 'The lowest score in the tier; each tier needs a lower `min` than the one above it.',
  'branch.elseLabel': 'The name of the `else` exit, taken by leads below every tier.',

  'grade.tiers':
    "The tiers, in order; a lead takes the first that holds its grade so far (fit × engagement under the workflow's `grade` bands).",
  'grade.tiers[].id': 'The id of the exit this tier leaves by (not `else`, which is the last exit).',
  'grade.tiers[].label': 'The name of the tier ("Sales-ready").',
  'grade.tiers[].grades':
    'The grades (`A1` to `C3`) this tier takes; a grade an earlier tier holds goes there.',
  'grade.elseLabel': 'The name of the `else` exit, taken by leads whose grade no tier holds.',

  'stage.stage': "The lifecycle stage the lead gets; the last stage node on a lead's path wins.",

  'route.to': 'Where the lead goes: to a sales queue, to a nurture track, or disqualified.',
  'route.queue':
    'The sales queue (an SDR or AE team) that gets the lead; with `assign`, where the lead goes when nobody in the pool is eligible (it is never dropped).',
  'route.priority': 'How urgent the lead is for that queue.',
  'route.sla': 'What sales commits to for a lead on this route.',
  'route.sla.firstContactHours':
    "The first contact is due within this many hours: working hours of the owner's (or pool's) schedule with `assign`, calendar hours without.",
  'route.sla.touches': 'How many times sales tries to reach the lead.',
  'route.sla.acceptWithinHours':
    'Sales commits to accept the lead, or reject it with a reason, within this many hours (working hours with `assign`).',
  'route.sla.dueSoonHours':
    'The SLA turns "due soon" this many working hours before the due time; 1 when left out.',
  'route.assign':
    "Gives every lead on this route an owner from a pool of reps in the runtime's team. Territories are conditions choosing between routes with different pools.",
  'route.assign.pool': "The id of the pool (the runtime's Team page) whose reps get the leads.",
  'route.assign.method':
    "`turn`: round robin, each rep in turn; `fewest`: the rep with the fewest leads assigned today. Both weighted by the reps' weights, skipping reps who are inactive, off or at their daily cap.",
  'route.assign.ownerField':
    "Owner stickiness: a text or number field holding the account owner's CRM user id (`account.ownerId`); that rep gets the lead when in the pool and eligible.",
  'route.escalation':
    'What happens when the first contact is late, step by step, in the order of their hours; each step is an event delivered like any other.',
  'route.escalation[].afterHours': 'Working hours after the due time when this step runs (0: at once).',
  'route.escalation[].action':
    "`remind_owner`: remind the owner; `notify_manager`: tell the pool's manager; `reassign`: give the lead to the next eligible rep.",
  'route.track': 'The nurture track (an e-mail or content programme).',
  'route.recycle':
    "Sends the lead back on purpose: the route sets this stage even when it is lower than the lead's (stages otherwise only move forward), and the owner is released. Choose it with a condition, such as `sales.status` is `rejected`.",
  'route.recycle.stage': 'The stage the lead goes back to (usually MQL).',
  'route.recycle.reason': 'Why, as the receipt says it: "Recycled to MQL: sales rejected it (no budget)."',
  'route.reason': 'Why leads on this route are disqualified.',
};

/** How each field type reads a lead's value (evaluate/normalize.ts). A blank value is missing for every type. */
export const TYPE_NOTES: Record<FieldType, string> = {
  number:
    'A JSON number, or text holding one: `"1200"`, `"1,200"`, `"1.5e3"`. Other text (`"50k"`) is reported as a data issue and read as missing.',
  string: 'Text, compared trimmed and without regard to case. A number is read as its digits.',
  boolean:
    '`true` or `false`; also `1`/`0` and the text `yes`, `no`, `y`, `n`, `true`, `false`, `1`, `0` in any case.',
  enum: "One of the field's `values`, matched without regard to case or surrounding spaces; anything else is a data issue.",
  date: 'An ISO 8601 date (`2026-01-31`) or date-time (`2026-01-31T09:30:00Z`; UTC when it has no offset), or epoch milliseconds. Anything else (`"Jan 5"`) is a data issue.',
  stringList:
    'A JSON list of text, or text separated by commas or semicolons (`"pricing; demo"`); items are compared like text.',
};

/** Exits that depend on a node's data, said in words (the rest are listed as they are). */
export const PORT_NOTES: Record<string, string> = {
  branch: "one exit per tier, named by the tier's `id`, and `else`",
  grade: "one exit per tier, named by the tier's `id`, and `else`",
};
