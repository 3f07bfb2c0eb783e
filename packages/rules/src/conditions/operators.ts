import { dateValue } from '../model/dates.ts';
import { FIELD_TYPES, type FieldType } from '../model/fields.ts';
import { FREE_MAIL_DOMAINS } from '../model/free-mail.ts';
import { DAY_MS, type JsonLogic, MET, NOT_MET } from '../model/logic.ts';
import type { SqlDialect } from '../sql/dialect.ts';
import { SQL_MET, SQL_NOT_MET } from '../sql/truth.ts';
import {
  days,
  type EditorHint,
  LIST,
  NONE,
  ONE,
  type Operand,
  PAIR,
  type SentenceInput,
  WORDS,
} from './operands.ts';

/** What an operator's test reads: the lead's value, the comparison's value(s) as compiled, the field type. */
export interface TestInput {
  /** The JSON-logic variable holding the lead's (normalised) value. */
  v: JsonLogic;
  /** The comparison's value; text is trimmed and lower-cased for text fields, as the lead's is. */
  value: JsonLogic;
  /** The comparison's value as a list, treated alike. */
  values: JsonLogic[];
  /** The comparison's value as written in the document. */
  raw: unknown;
  type: FieldType;
}

/**
 * How an operator compiles to JSON-logic. `test` judges a present value (a missing one makes the whole
 * comparison unknown); `presence` judges whether the value is there, from the "is it missing" test.
 */
export type OperatorLogic = { test(x: TestInput): JsonLogic } | { presence(isMissing: JsonLogic): JsonLogic };

/** What an operator's SQL test reads: like TestInput, as SQL text of the compiler's target (sql/). */
export interface SqlTestInput {
  /** The column holding the lead's normalised value (never NULL inside a test). */
  v: string;
  /** The comparison's value as a literal; text is trimmed and lower-cased for text fields. */
  value: string;
  values: string[];
  raw: unknown;
  type: FieldType;
  sql: SqlDialect;
  /** The evaluation time in epoch milliseconds. */
  now: string;
}

/**
 * How an operator compiles to SQL (sql/condition-sql.ts): `test` is a boolean for a present value;
 * `presence` a truth value (sql/truth.ts) from the "is it missing" test. An operator without one is
 * refused by the SQL compiler, naming the step.
 */
export type OperatorSql = { test(x: SqlTestInput): string } | { presence(isMissing: string): string };

/** Everything the product knows about one operator of the condition language. */
export interface OperatorDef {
  /** Words for the studio's menu and the plain-language view: "is at least". */
  label: string;
  /** The value it takes, which decides how that value is checked, written and edited. */
  operand: Operand;
  /** Field types it applies to. */
  types: readonly FieldType[];
  compile: OperatorLogic;
  /** The same test in SQL (sql/), or none: the SQL compiler refuses it. */
  sql?: OperatorSql;
  /** How a comparison reads: "Company size is at least 50" (the operand's way unless given). */
  sentence?(s: SentenceInput): string;
  /** How the studio edits the value (the operand's editor unless given). */
  editor?: EditorHint;
}

const NOW: JsonLogic = { var: 'now' };
const ago = (n: unknown): JsonLogic => ({ '-': [NOW, Number(n) * DAY_MS] });

/** Yes/no fields read as the field itself or its negation: "Demo requested", "not Demo requested". */
const yesNo =
  (same: boolean) =>
  (s: SentenceInput): string => {
    if (s.type !== 'boolean') return ONE.sentence(s);
    return (s.value === true) === same ? s.name : `not ${s.name}`;
  };

const ALL_TYPES = FIELD_TYPES;

/**
 * The condition language: every operator, in the order the studio offers them for a field's type.
 * The compiler, validator, plain-language view, studio and format reference all read this table;
 * adding an operator is a row here and its test rows (nodes/condition.test.ts, describe-workflow.test.ts).
 */
export const CONDITION_OPERATORS = {
  gte: {
    label: 'is at least',
    operand: ONE,
    types: ['number'],
    compile: { test: (x) => ({ '>=': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} >= ${x.value}` },
  },
  gt: {
    label: 'is more than',
    operand: ONE,
    types: ['number'],
    compile: { test: (x) => ({ '>': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} > ${x.value}` },
  },
  lte: {
    label: 'is at most',
    operand: ONE,
    types: ['number'],
    compile: { test: (x) => ({ '<=': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} <= ${x.value}` },
  },
  lt: {
    label: 'is less than',
    operand: ONE,
    types: ['number'],
    compile: { test: (x) => ({ '<': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} < ${x.value}` },
  },
  eq: {
    label: 'is',
    operand: ONE,
    types: ['number', 'string', 'boolean', 'enum'],
    compile: { test: (x) => ({ '===': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} = ${x.value}` },
    sentence: yesNo(true),
  },
  neq: {
    label: 'is not',
    operand: ONE,
    types: ['number', 'string', 'boolean', 'enum'],
    compile: { test: (x) => ({ '!==': [x.v, x.value] }) },
    sql: { test: (x) => `${x.v} <> ${x.value}` },
    sentence: yesNo(false),
  },
  between: {
    label: 'is between',
    operand: PAIR,
    types: ['number'],
    compile: { test: (x) => ({ '<=': [x.values[0] ?? null, x.v, x.values[1] ?? null] }) },
    sql: { test: (x) => `(${x.values[0]} <= ${x.v} AND ${x.v} <= ${x.values[1]})` },
  },
  in: {
    label: 'is one of',
    operand: LIST,
    types: ['number', 'string', 'enum'],
    compile: { test: (x) => ({ in: [x.v, x.values] }) },
    sql: { test: (x) => `${x.v} IN (${x.values.join(', ')})` },
  },
  notIn: {
    label: 'is none of',
    operand: LIST,
    types: ['number', 'string', 'enum'],
    compile: { test: (x) => ({ '!': { in: [x.v, x.values] } }) },
    sql: { test: (x) => `NOT (${x.v} IN (${x.values.join(', ')}))` },
  },
  contains: {
    label: 'contains',
    operand: ONE,
    types: ['string', 'stringList'],
    // `in` finds a substring in text and an item in a list.
    compile: { test: (x) => ({ in: [x.value, x.v] }) },
    sql: {
      test: (x) => (x.type === 'stringList' ? x.sql.listHas(x.v, x.value) : x.sql.contains(x.v, x.value)),
    },
  },
  containsAny: {
    label: 'contains any of the words',
    operand: WORDS,
    types: ['string', 'stringList'],
    compile: {
      test: (x): JsonLogic =>
        x.type === 'stringList'
          ? { some: [x.v, { in: [{ var: '' }, x.values] }] }
          : { or: x.values.map((w) => ({ in: [w, x.v] })) },
    },
    sql: {
      test: (x) =>
        x.type === 'stringList'
          ? x.sql.listHasAny(x.v, x.values)
          : `(${x.values.map((w) => x.sql.contains(x.v, w)).join(' OR ')})`,
    },
  },
  startsWith: {
    label: 'starts with',
    operand: ONE,
    types: ['string'],
    compile: { test: (x) => ({ '===': [{ substr: [x.v, 0, String(x.value).length] }, x.value] }) },
    sql: { test: (x) => x.sql.startsWith(x.v, x.value) },
  },
  endsWith: {
    label: 'ends with',
    operand: ONE,
    types: ['string'],
    compile: { test: (x) => ({ '===': [{ substr: [x.v, -String(x.value).length] }, x.value] }) },
    sql: { test: (x) => x.sql.endsWith(x.v, x.value) },
  },
  freeMail: {
    label: 'is a free-mail address',
    operand: NONE,
    types: ['string'],
    compile: {
      test: (x) => ({
        or: FREE_MAIL_DOMAINS.map((d) => ({ '===': [{ substr: [x.v, -(d.length + 1)] }, `@${d}`] })),
      }),
    },
    sql: {
      test: (x) => `${x.sql.afterLastAt(x.v)} IN (${FREE_MAIL_DOMAINS.map((d) => x.sql.text(d)).join(', ')})`,
    },
  },
  withinDays: {
    label: 'is within the last',
    operand: days('days'),
    types: ['date'],
    compile: { test: (x) => ({ '>=': [x.v, ago(x.raw)] }) },
    sql: { test: (x) => `${x.v} >= (${x.now} - ${x.sql.num(Number(x.raw) * DAY_MS)})` },
  },
  olderThanDays: {
    label: 'is more than',
    operand: days('days ago'),
    types: ['date'],
    compile: { test: (x) => ({ '<': [x.v, ago(x.raw)] }) },
    sql: { test: (x) => `${x.v} < (${x.now} - ${x.sql.num(Number(x.raw) * DAY_MS)})` },
  },
  before: {
    label: 'is before',
    operand: ONE,
    types: ['date'],
    compile: { test: (x) => ({ '<': [x.v, dateValue(x.raw)] }) },
    sql: { test: (x) => `${x.v} < ${x.sql.num(dateValue(x.raw))}` },
  },
  after: {
    label: 'is after',
    operand: ONE,
    types: ['date'],
    compile: { test: (x) => ({ '>': [x.v, dateValue(x.raw)] }) },
    sql: { test: (x) => `${x.v} > ${x.sql.num(dateValue(x.raw))}` },
  },
  present: {
    label: 'is known',
    operand: NONE,
    types: ALL_TYPES,
    compile: { presence: (isMissing) => ({ if: [isMissing, NOT_MET, MET] }) },
    sql: { presence: (isMissing) => `CASE WHEN ${isMissing} THEN ${SQL_NOT_MET} ELSE ${SQL_MET} END` },
  },
  missing: {
    label: 'is missing',
    operand: NONE,
    types: ALL_TYPES,
    compile: { presence: (isMissing) => ({ if: [isMissing, MET, NOT_MET] }) },
    sql: { presence: (isMissing) => `CASE WHEN ${isMissing} THEN ${SQL_MET} ELSE ${SQL_NOT_MET} END` },
  },
} satisfies Record<string, OperatorDef>;

export type Operator = keyof typeof CONDITION_OPERATORS;

/** Every operator name, in table order. */
export const OPERATOR_NAMES = Object.keys(CONDITION_OPERATORS) as Operator[];

/** The definition of an operator named in a document, or undefined for a name this version does not know. */
export function operatorOf(name: string): OperatorDef | undefined {
  return Object.hasOwn(CONDITION_OPERATORS, name) ? CONDITION_OPERATORS[name as Operator] : undefined;
}

/** The operators a field of this type offers, in the order the studio lists them. */
export const operatorsForType = (type: FieldType): readonly Operator[] =>
  OPERATOR_NAMES.filter((op) => operatorOf(op)!.types.includes(type));

/** How a comparison with operator `op` reads (see OperatorDef.sentence). */
export const sentenceOf = (op: OperatorDef, s: SentenceInput): string =>
  (op.sentence ?? op.operand.sentence)(s);

/** How the studio edits the value of operator `op` (see OperatorDef.editor). */
export const editorOf = (op: OperatorDef): EditorHint => op.editor ?? op.operand.editor;
