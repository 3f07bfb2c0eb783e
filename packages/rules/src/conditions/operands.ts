import { dateValue } from '../model/dates.ts';
import type { Field, FieldType } from '../model/fields.ts';
import type { Comparison } from './schema.ts';

/** What value an operator expects: none, one scalar, a pair, a list, a number of days. */
export type OperandShape = 'none' | 'scalar' | 'range' | 'list' | 'days';

type Value = Comparison['value'];
type Scalar = string | number | boolean;

/**
 * How the studio edits an operator's value. `value`: one value typed by the field; `pair`: from and to;
 * `values`: several of the field's values (ticks for a choice field); `words`: free words; `days`: a
 * whole number of days followed by `after` ("days ago").
 */
export type EditorHint =
  | { input: 'none' }
  | { input: 'value' }
  | { input: 'pair'; between: string }
  | { input: 'values' }
  | { input: 'words' }
  | { input: 'days'; after: string };

/** What a sentence is made of: the field's label (or path), the operator's words, the value. */
export interface SentenceInput {
  name: string;
  label: string;
  type: FieldType | undefined;
  value: Value;
  /** The value as a list: itself when it is one, else a list of it. */
  values: unknown[];
}

/** Values the format reference builds its example conditions from, one set per field type. */
export interface Sample {
  one: Scalar;
  pair: [Scalar, Scalar];
  list: Scalar[];
  words: string[];
}

/** What an operator's value looks like, and everything that follows from that shape alone. */
export interface Operand {
  shape: OperandShape;
  /** The value in words, for the format reference: "a number of days, 0 or more". */
  says: string;
  /** What the value needs to be for `field`, in words ("a number"), or null when it fits. */
  check(value: unknown, field: Field): string | null;
  /** How a comparison with this operand reads, unless its operator says otherwise. */
  sentence(s: SentenceInput): string;
  editor: EditorHint;
  /** The value a new comparison starts with in the studio (`today` as YYYY-MM-DD). */
  initial(field: Field | undefined, today: string): Value;
  /** An example value for the format reference. */
  example(sample: Sample): Value;
}

/** A value as the plain-language view writes it: 1,000, yes/no, text as is. */
export const fmt = (v: unknown): string => {
  if (typeof v === 'number') return v.toLocaleString('en-US');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
};

function listText(values: unknown[], joiner: 'or' | 'and'): string {
  const parts = values.map(fmt);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts.at(-1)}`;
}

/** A list field compares its items, which are text. */
const itemField = (field: Field): Field =>
  field.type === 'stringList' ? { ...field, type: 'string' as const } : field;

/** What one value of the field's type must be, in words, or null when `v` is one. */
function fits(field: Field, v: unknown): string | null {
  switch (field.type) {
    case 'number':
      return typeof v === 'number' ? null : 'a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'yes or no';
    case 'date':
      return Number.isFinite(dateValue(v)) ? null : 'a date such as 2026-01-31';
    case 'enum':
      return typeof v === 'string' && (field.values ?? []).includes(v)
        ? null
        : `one of ${(field.values ?? []).join(', ') || '(the field lists no values)'}`;
    default:
      return typeof v === 'string' && v.trim() !== '' ? null : 'some text';
  }
}

/** The starting value of one value of the field's type. */
function initialOne(field: Field | undefined, today: string): Value {
  switch (field?.type) {
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'enum':
      return field.values?.[0] ?? '';
    case 'date':
      return today;
    default:
      return '';
  }
}

/** No value: the operator says it all ("is known"). */
export const NONE: Operand = {
  shape: 'none',
  says: 'none: leave `value` out',
  check: () => null,
  sentence: (s) => `${s.name} ${s.label}`,
  editor: { input: 'none' },
  initial: () => undefined,
  example: () => undefined,
};

/** One value of the field's type (text for a list field). */
export const ONE: Operand = {
  shape: 'scalar',
  says: "one value of the field's type",
  check: (v, field) => fits(itemField(field), v),
  sentence: (s) => `${s.name} ${s.label} ${fmt(s.value)}`,
  editor: { input: 'value' },
  initial: initialOne,
  example: (s) => s.one,
};

/** Two values of the field's type, from and to, both included. */
export const PAIR: Operand = {
  shape: 'range',
  says: '`[from, to]`, both included',
  check: (v, field) => {
    if (!Array.isArray(v) || v.length !== 2) return 'two values, from and to';
    for (const end of v) {
      const want = fits(field, end);
      if (want) return `${want} at both ends`;
    }
    return (v[0] as number) > (v[1] as number) ? 'a "from" no greater than its "to"' : null;
  },
  sentence: (s) => `${s.name} ${s.label} ${fmt(s.values[0])} and ${fmt(s.values[1])}`,
  editor: { input: 'pair', between: 'and' },
  initial: (field, today) => (field?.type === 'date' ? [today, today] : [0, 100]),
  example: (s) => s.pair,
};

function listCheck(v: unknown, field: Field): string | null {
  if (!Array.isArray(v) || v.length === 0) return 'a list of at least one value';
  for (const item of v) {
    const want = fits(field, item);
    if (want) return `a list where each value is ${want}`;
  }
  return null;
}

const listSentence = (s: SentenceInput) => `${s.name} ${s.label} ${listText(s.values, 'or')}`;

/** A list of values of the field's type; a lead matches any one of them. */
export const LIST: Operand = {
  shape: 'list',
  says: "a list of values of the field's type",
  check: (v, field) => listCheck(v, itemField(field)),
  sentence: listSentence,
  editor: { input: 'values' },
  initial: (field) => (field?.type === 'enum' ? [field.values?.[0] ?? ''] : []),
  example: (s) => s.list,
};

/** A list of words, whatever the field's type. */
export const WORDS: Operand = {
  shape: 'list',
  says: 'a list of words',
  check: (v, field) => listCheck(v, { ...field, type: 'string' }),
  sentence: listSentence,
  editor: { input: 'words' },
  initial: () => [],
  example: (s) => s.words,
};

/** A number of days (0 or more), shown with `after` ("days", "days ago") behind it. */
export const days = (after: string): Operand => ({
  shape: 'days',
  says: 'a number of days, 0 or more',
  check: (v) =>
    typeof v === 'number' && v >= 0 && Number.isFinite(v) ? null : 'a number of days (0 or more)',
  sentence: (s) => `${s.name} ${s.label} ${fmt(s.value)} ${after}`,
  editor: { input: 'days', after },
  initial: () => 30,
  example: () => 30,
});
