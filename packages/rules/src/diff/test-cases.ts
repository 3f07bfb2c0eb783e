import { routeLabel, scoreText } from '../cases/labels.ts';
import type { TestCase, TestExpect } from '../model/test-cases.ts';
import type { Change } from './types.ts';
import { byId, list, q, same } from './words.ts';

/** An expectation as a person reads it: "Sales (Inbound SDR), SQL, score 100". */
function expectText(e: TestExpect): string {
  const parts = [routeLabel(e.route, e.target ?? null), e.stage];
  if (e.score !== undefined) parts.push(`score ${scoreText(e.score)}`);
  if (e.fit !== undefined) parts.push(`fit ${scoreText(e.fit)}`);
  if (e.engagement !== undefined) parts.push(`engagement ${scoreText(e.engagement)}`);
  for (const [id, passed] of Object.entries(e.gates ?? {}))
    parts.push(`gate ${id} ${passed ? 'passed' : 'failed'}`);
  return parts.join(', ');
}

/** The parts of an expectation that differ: "route Nurture (Drip) instead of Sales (SDR)", "stage MQL instead of SQL". */
function expectChanges(a: TestExpect, b: TestExpect): string {
  const parts: string[] = [];
  const was = (x: string, y: string, what: string) => {
    if (x !== y) parts.push(`${what} ${y} instead of ${x}`);
  };
  was(routeLabel(a.route, a.target ?? null), routeLabel(b.route, b.target ?? null), 'route');
  was(a.stage, b.stage, 'stage');
  const num = (n: number | undefined) => (n === undefined ? 'unchecked' : scoreText(n));
  was(num(a.score), num(b.score), 'score');
  was(num(a.fit), num(b.fit), 'fit');
  was(num(a.engagement), num(b.engagement), 'engagement');
  const gate = (v: boolean | undefined) => (v === undefined ? 'unchecked' : v ? 'passed' : 'failed');
  for (const id of new Set([...Object.keys(a.gates ?? {}), ...Object.keys(b.gates ?? {})]))
    was(gate(a.gates?.[id]), gate(b.gates?.[id]), `gate ${id}`);
  return parts.join(', ');
}

/** What changed in one case, as the parts of one sentence. */
function caseChanges(a: TestCase, b: TestCase): string[] {
  const parts: string[] = [];
  if (a.name !== b.name) parts.push(`renamed from ${q(a.name)}`);
  if (!same(a.expect, b.expect)) parts.push(`now expects ${expectChanges(a.expect, b.expect)}`);
  if (!same(a.lead, b.lead)) parts.push('its lead changed');
  if (a.now !== b.now) parts.push(`evaluated at ${b.now}, was ${a.now}`);
  if (a.currentStage !== b.currentStage)
    parts.push(`stored stage ${a.currentStage ?? 'none'} → ${b.currentStage ?? 'none'}`);
  return parts;
}

/** Test cases added, removed and changed, matched by id: one sentence a case. */
export function diffTestCases(before: TestCase[], after: TestCase[]): Change[] {
  const { removed, added, kept } = byId(before, after);
  const changes: Change[] = [
    ...removed.map(
      (t): Change => ({
        kind: 'test_case_removed',
        testCaseId: t.id,
        sentence: `Test case ${q(t.name)} removed.`,
      }),
    ),
    ...added.map(
      (t): Change => ({
        kind: 'test_case_added',
        testCaseId: t.id,
        sentence: `Test case ${q(t.name)} added: expects ${expectText(t.expect)}.`,
      }),
    ),
  ];
  for (const [a, b] of kept) {
    const parts = caseChanges(a, b);
    if (parts.length)
      changes.push({
        kind: 'test_case_changed',
        testCaseId: b.id,
        sentence: `Test case ${q(b.name)}: ${list(parts)}.`,
      });
  }
  return changes;
}
