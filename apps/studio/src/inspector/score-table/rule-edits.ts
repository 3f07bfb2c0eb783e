import { all, type Condition } from '@qualify/rules';
import { uniqueId } from '../../graph/ids.ts';
import type { KindData } from '../kind-data.ts';

export type ScoreData = KindData<'score'>;
export type ScoreRule = ScoreData['rules'][number];

/** The rules with the one at `from` moved to index `to` (clamped); the same array when nothing moves. */
export function moveRule(rules: ScoreRule[], from: number, to: number): ScoreRule[] {
  const target = Math.max(0, Math.min(rules.length - 1, to));
  if (from === target || from < 0 || from >= rules.length) return rules;
  const next = [...rules];
  const [r] = next.splice(from, 1);
  next.splice(target, 0, r!);
  return next;
}

/** The rules with `added` appended, each given an id unique in the table. */
export function appendRules(rules: ScoreRule[], added: Omit<ScoreRule, 'id'>[]): ScoreRule[] {
  const taken = new Set(rules.map((r) => r.id));
  const next = [...rules];
  for (const r of added) {
    const id = uniqueId(taken, 'rule');
    taken.add(id);
    next.push({ id, ...r });
  }
  return next;
}

/** A rule that applies to every lead until its condition is set. */
export const newRule = (): Omit<ScoreRule, 'id'> => ({
  label: 'New rule',
  condition: all() as Condition,
  points: 10,
});
