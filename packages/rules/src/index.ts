export {
  Backtest,
  type BacktestOptions,
  type BacktestResult,
  type BacktestRow,
  CONVERTED_WORDS,
  type ColumnMapping,
  compileMapping,
  type DateColumn,
  dateColumns,
  EVALUATED_AT_NAMES,
  formatAsOf,
  headerKey,
  isConverted,
  type LatestDate,
  LatestDates,
  latestDate,
  type RouteChange,
  type RouteTally,
  type RowLead,
  readTimeCell,
  rowToLead,
  type ScoreBand,
  type SweepPoint,
  type SweepTarget,
  suggestEvaluatedAtColumn,
  suggestMapping,
  sweepThreshold,
  type Tally,
  ThresholdSweep,
  type VersionMetrics,
  withOwnPaths,
} from './backtest/index.ts';
export { routeLabel, routeName, scoreText, testCaseId } from './cases/labels.ts';
export {
  describeTestRun,
  runTestCases,
  type TestCaseResult,
  type TestFailure,
  type TestRun,
  testCaseFromDecision,
} from './cases/run-cases.ts';
export type { Artifact, ArtifactField } from './compile/artifact.ts';
export { ARTIFACT_FORMAT, ArtifactSchema } from './compile/artifact.ts';
export { compile, WorkflowInvalidError } from './compile/compile-workflow.ts';
export { conditionLogic, eventCountLogic } from './conditions/logic.ts';
export type { EditorHint, Operand, OperandShape } from './conditions/operands.ts';
export {
  CONDITION_OPERATORS,
  editorOf,
  OPERATOR_NAMES,
  type Operator,
  type OperatorDef,
  operatorOf,
  operatorsForType,
  sentenceOf,
} from './conditions/operators.ts';
export {
  all,
  any,
  COUNT_OPS,
  type Comparison,
  type Condition,
  ConditionSchema,
  type CountOp,
  compare,
  type EventsCondition,
  eventConditionsOf,
  events,
  fieldsOf,
  type GradeCondition,
  type Group,
  readsGrade,
} from './conditions/schema.ts';
export { type ConditionScope, scopeOf } from './conditions/scope.ts';
export { conditionText, eventsText } from './conditions/text.ts';
export { CSV_READING } from './csv-reading.ts';
export {
  describeOutcomes,
  type OutcomeDescription,
  type OutcomePath,
} from './describe/describe-outcomes.ts';
export { describeScoring, describeWorkflow, type NodeSentence } from './describe/describe-workflow.ts';
export { summarizeNode } from './describe/summarize-node.ts';
export {
  type Change,
  type ChangeKind,
  diffWorkflows,
  type Impact,
  impactOf,
  type Move,
  type RouteKey,
  type SampleLead,
} from './diff/index.ts';
export { same as sameJson } from './diff/words.ts';
export { renameEventProperty, renameField } from './edit/rename-field.ts';
export type {
  Contribution,
  CriterionResult,
  DataIssue,
  Decision,
  EventCount,
  GateResult,
  LimitApplied,
  NextQuestion,
  RouteHandoff,
  RouteKind,
  RouteResult,
  Sla,
} from './evaluate/decision.ts';
export { DecisionJson, numberJson, quoteJson } from './evaluate/decision-json.ts';
export { eventsOverLimit, type LeadProblem, readEventsCell } from './evaluate/lead-events.ts';
export { leadIdReader, readPath } from './evaluate/lead-id.ts';
export { makeNormalizer, type Normalizer } from './evaluate/normalize.ts';
export {
  ArtifactInvalidError,
  type EvaluateOptions,
  evaluate,
  fastEngine,
  type Outcome,
  type PreparedWorkflow,
  prepare,
} from './evaluate/prepare.ts';
export {
  CRITERION_SYNONYMS,
  type CriterionMatch,
  criterionCondition,
  matchCriteria,
  positiveValues,
} from './framework-fill.ts';
export { FRAMEWORK_NAMES, FRAMEWORKS, type Framework } from './frameworks.ts';
export {
  addWorkingHours,
  describeSchedule,
  isDayOff,
  localDay,
  type Schedule,
  type ScheduleInput,
  ScheduleSchema,
  WEEKDAYS,
  type Weekday,
  workingHoursBetween,
} from './handoff/schedule.ts';
export { compileLogic, LogicCompileError } from './jsonlogic/index.ts';
export { dateValue, parseIsoDate } from './model/dates.ts';
export {
  DEFAULT_EVENT_PROPERTIES,
  EVENT_TIME,
  EVENTS_PATH,
  type EventCatalogue,
  EventCatalogueSchema,
  type EventProperty,
  MAX_EVENTS,
} from './model/events.ts';
export {
  choiceLabel,
  DEFAULT_MISSING_VALUES,
  FIELD_CATEGORIES,
  FIELD_TYPES,
  type Field,
  type FieldCatalogue,
  FieldSchema,
  type FieldType,
  findField,
  foldMissing,
  humanizeChoice,
  missingValuesOf,
} from './model/fields.ts';
export { FREE_MAIL_DOMAINS } from './model/free-mail.ts';
export {
  DEFAULT_GRADE,
  GRADE_DIGITS,
  GRADE_LETTERS,
  GRADES,
  type Grade,
  type GradeDigit,
  type GradeLetter,
  type GradeName,
  GradeSchema,
  gradeBandsText,
  gradeDigitText,
  gradeLetterText,
  gradeLogic,
  gradeOf,
  gradeText,
  gradeWords,
} from './model/grade.ts';
export { type JsonLogic, type LogicEngine, MET, NOT_MET, type TruthStatus, UNKNOWN } from './model/logic.ts';
export { migrateWorkflow } from './model/migrate.ts';
export {
  clamp,
  type Limit,
  SCORE_NAMES,
  type ScoreLimits,
  ScoreLimitsSchema,
  type ScoreName,
} from './model/score-limits.ts';
export {
  type NextStage,
  nextStage,
  type Recycle,
  STAGE_LADDER,
  stageOf,
  stageRank,
} from './model/stage-order.ts';
export { DEFAULT_STAGE, STAGES, type Stage, StageSchema } from './model/stages.ts';
export {
  MAX_TEST_CASES,
  type TestCase,
  TestCaseSchema,
  type TestExpect,
  TestExpectSchema,
} from './model/test-cases.ts';
export {
  type Issue,
  SCHEMA_VERSION,
  type Workflow,
  type WorkflowEdge,
  type WorkflowInput,
  type WorkflowNode,
  WorkflowSchema,
} from './model/workflow.ts';
export { frameworkPreset } from './nodes/gate.ts';
export { KIND_NAMES, kindOf, NODE_KINDS, type NodeKindName } from './nodes/index.ts';
export type { DiffContext, KindContext, NodeKind, Port } from './nodes/kind.ts';
export { ASSIGN_METHODS, DEFAULT_DUE_SOON_HOURS, ESCALATION_ACTIONS } from './nodes/route.ts';
export * from './sql/index.ts';
export { validate } from './validate/validate.ts';
