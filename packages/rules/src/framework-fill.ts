import { type Condition, compare } from './conditions/schema.ts';
import type { Field, FieldCatalogue } from './model/fields.ts';

/**
 * Ties framework criteria to catalogue fields, so a preset starts filled: "Budget" reads the field
 * `budget` (or one labelled "Budget (EUR)"), "Money" and "Funds" read it too when no field of their
 * own exists. Pure: the gate preset and the studio call it with the workflow's catalogue.
 */

/** Other words a team uses for a criterion's data, best first; a criterion's own name always comes first. */
export const CRITERION_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  budget: ['money', 'funds', 'funding', 'spend'],
  money: ['budget', 'funds', 'funding', 'spend'],
  funds: ['budget', 'money', 'funding', 'spend'],
  authority: ['decisionmaker', 'economicbuyer', 'buyingrole', 'role'],
  economicbuyer: ['authority', 'decisionmaker'],
  need: ['needs', 'pain', 'painpoints', 'challenges', 'problem'],
  identifypain: ['pain', 'painpoints', 'need', 'challenges', 'problem'],
  challenges: ['challenge', 'pain', 'painpoints', 'problem', 'need'],
  timeline: ['timing', 'timeframe', 'purchasetimeline', 'urgency'],
  timing: ['timeline', 'timeframe', 'purchasetimeline', 'urgency'],
  urgency: ['timeline', 'timing', 'timeframe'],
  prioritization: ['priority', 'urgency', 'timeline', 'timing'],
  interest: ['interested'],
  champion: ['internalchampion'],
  goals: ['goal', 'objectives'],
  plans: ['plan'],
};

/** Choice values that mean the criterion is not met, never picked as positive. */
const NEGATIVE = /^(no|none|not|never|later|low|unknown|na|n\/a|other|false|nobudget|noneed)([_\s-].*)?$/i;

const key = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');

/** The words a field answers to: its path's last segment, its whole path, and its label without units. */
function fieldKeys(f: Field): string[] {
  const last = f.path.split('.').at(-1) ?? f.path;
  const label = f.label.replace(/\(.*?\)/g, '');
  return [key(last), key(f.path), key(label)];
}

/** The catalogue field for a word, preferring an exact name; null when none answers to it. */
function fieldFor(word: string, fields: FieldCatalogue, taken: ReadonlySet<string>): Field | null {
  const free = fields.filter((f) => !taken.has(f.path) && !f.leadId && !f.currentStage);
  return free.find((f) => fieldKeys(f).includes(word)) ?? null;
}

/**
 * The positive values of a choice field. Values are taken as listed best first ("high, medium, low,
 * none"), or worst first when the list starts with a negative word: the better half, without negatives.
 * @example positiveValues(['high', 'medium', 'low', 'none']) // ['high', 'medium']
 */
export function positiveValues(values: readonly string[]): string[] {
  const ordered =
    values.length > 1 && NEGATIVE.test(values[0]!) && !NEGATIVE.test(values.at(-1)!)
      ? [...values].reverse()
      : [...values];
  const half = ordered.slice(0, Math.ceil(ordered.length / 2)).filter((v) => !NEGATIVE.test(v));
  return half.length ? half : ordered.filter((v) => !NEGATIVE.test(v)).slice(0, 1);
}

/**
 * A sensible starting condition for a criterion read from one field: a choice "is one of" its positive
 * values, a number "is at least" 1, a yes/no "is" yes, anything else "is known".
 */
export function criterionCondition(field: Field): Condition {
  switch (field.type) {
    case 'enum': {
      const values = positiveValues(field.values ?? []);
      return values.length ? compare(field.path, 'in', values) : compare(field.path, 'present');
    }
    case 'number':
      return compare(field.path, 'gte', 1);
    case 'boolean':
      return compare(field.path, 'eq', true);
    default:
      return compare(field.path, 'present');
  }
}

export interface CriterionMatch {
  /** The criterion's label, as the framework names it. */
  label: string;
  /** The catalogue field it reads, or null when none matches. */
  field: Field | null;
}

/**
 * One catalogue field per criterion label, each field used once: criteria whose own name matches a
 * field claim it first, then synonyms fill the rest in order ("Money" reads `budget` only while no
 * criterion named "Budget" took it).
 */
export function matchCriteria(labels: readonly string[], fields: FieldCatalogue): CriterionMatch[] {
  const taken = new Set<string>();
  const found: (Field | null)[] = labels.map((label) => {
    const f = fieldFor(key(label), fields, taken);
    if (f) taken.add(f.path);
    return f;
  });
  return labels.map((label, i) => {
    let f = found[i] ?? null;
    for (const word of f ? [] : (CRITERION_SYNONYMS[key(label)] ?? [])) {
      f = fieldFor(word, fields, taken);
      if (f) break;
    }
    if (f && !found[i]) taken.add(f.path);
    return { label, field: f };
  });
}
