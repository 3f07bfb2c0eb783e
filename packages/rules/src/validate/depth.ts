/** How deep a stored document may nest: far beyond any real condition, far below the call stack's limit. */
export const MAX_DOCUMENT_DEPTH = 100;

/** Whether a JSON value nests deeper than `limit`, checked without recursion (hostile input can be deep). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
