import type { ColumnMapping } from '@qualify/rules';

/** Shown next to the outcome column so nobody has to guess which values count as converted. */
export { CONVERTED_WORDS } from '@qualify/rules';

const OUTCOME_NAMES = ['converted', 'won', 'outcome', 'closed', 'status'];
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The column that most likely holds the outcome: a name equal to converted, won, outcome, closed or
 * status (in that order), else one containing such a word; null when none does.
 * @example guessOutcomeColumn(['lead_id', 'Deal status']) // 'Deal status'
 */
export function guessOutcomeColumn(columns: readonly string[]): string | null {
  for (const name of OUTCOME_NAMES) {
    const exact = columns.find((c) => squash(c) === name);
    if (exact !== undefined) return exact;
  }
  for (const name of OUTCOME_NAMES) {
    const part = columns.find((c) => squash(c).includes(name));
    if (part !== undefined) return part;
  }
  return null;
}

/** Field paths that more than one column feeds: the later column would overwrite the earlier. */
export function doublyMapped(mapping: ColumnMapping): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const path of Object.values(mapping)) {
    if (!path) continue;
    if (seen.has(path)) twice.add(path);
    seen.add(path);
  }
  return twice;
}
