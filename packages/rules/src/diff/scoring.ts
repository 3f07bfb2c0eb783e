import { gradeBandsText } from '../model/grade.ts';
import { type Limit, SCORE_NAMES } from '../model/score-limits.ts';
import type { LooseDoc } from './read-doc.ts';
import type { Change } from './types.ts';
import { byId, q, same } from './words.ts';

const limitText = (l: Limit | undefined): string => {
  const parts = [
    ...(l?.floor != null ? [`floor ${l.floor}`] : []),
    ...(l?.cap != null ? [`cap ${l.cap}`] : []),
  ];
  return parts.length ? parts.join(', ') : 'no limits';
};

/** The workflow-wide scoring settings, one sentence a change: event properties, score limits, grade bands. */
export function diffScoring(a: LooseDoc, b: LooseDoc): Change[] {
  const out: string[] = [];
  const withIds = (d: LooseDoc) => (d.events?.properties ?? []).map((p) => ({ ...p, id: p.path }));
  const { removed, added, kept } = byId(withIds(a), withIds(b));
  for (const p of added) out.push(`Event property ${q(p.label)} (${p.path}, ${p.type}) added.`);
  for (const p of removed) out.push(`Event property ${q(p.label)} (${p.path}) removed.`);
  for (const [x, y] of kept) {
    if (x.label !== y.label) out.push(`Event property ${q(x.label)} renamed to ${q(y.label)}.`);
    if (x.type !== y.type) out.push(`Event property ${q(y.label)}: now ${y.type}, was ${x.type}.`);
    else if (!same(x.values, y.values))
      out.push(
        `Event property ${q(y.label)}: values ${(y.values ?? []).join(', ')}, were ${(x.values ?? []).join(', ')}.`,
      );
  }
  for (const name of SCORE_NAMES) {
    const [x, y] = [a.scoreLimits?.[name], b.scoreLimits?.[name]];
    if (limitText(x) !== limitText(y))
      out.push(`Workflow ${name} score: ${limitText(y)}, was ${limitText(x)}.`);
  }
  if (!same(a.grade, b.grade)) {
    if (!b.grade) out.push('Grade removed.');
    else if (!a.grade) out.push(`Grade added: ${gradeBandsText(b.grade)}.`);
    else out.push(`Grade bands: ${gradeBandsText(b.grade)}; were ${gradeBandsText(a.grade)}.`);
  }
  return out.map((sentence) => ({ kind: 'workflow', sentence }));
}
