/** One choice in the version selects: a token the runtime reads and what the user sees. */
export interface VersionChoice {
  token: string;
  label: string;
}

/** Live (when there is one), the draft, and every published version. */
export function versionChoices(liveVersion: number | null, latestVersion: number | null): VersionChoice[] {
  const choices: VersionChoice[] = [];
  if (liveVersion != null) choices.push({ token: 'live', label: `Live (v${liveVersion})` });
  choices.push({ token: 'draft', label: 'Current draft' });
  for (let n = latestVersion ?? 0; n >= 1; n--) {
    if (n !== liveVersion) choices.push({ token: `v${n}`, label: `Version ${n}` });
  }
  return choices;
}

/**
 * The versions to send: what the user picked, else live vs the draft (just the draft when nothing
 * is live). '' as the second means "only the first".
 * @example resolveVersions(null, null, 1) // ['live', 'draft']
 */
export function resolveVersions(
  first: string | null,
  second: string | null,
  liveVersion: number | null,
): string[] {
  const a = first ?? (liveVersion != null ? 'live' : 'draft');
  const b = second ?? (a === 'draft' ? '' : 'draft');
  return b && b !== a ? [a, b] : [a];
}

/** Numbers typed as "30, 40, 50"; anything else is an error the form shows. */
export function parseThresholds(text: string): number[] | string {
  const items = text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const numbers = items.map(Number);
  const bad = items.find((_, i) => !Number.isFinite(numbers[i]));
  return bad === undefined ? numbers : `"${bad}" is not a number.`;
}
