import type { Artifact, JsonLogic } from '@qualify/rules';

/** Every JSON-logic expression an artifact node carries, by where it sits. */
export function expressionsOf(artifact: Artifact): [string, JsonLogic][] {
  const out: [string, JsonLogic][] = [];
  for (const [id, n] of Object.entries(artifact.nodes)) {
    const node = n as Record<string, unknown> & { kind: string };
    if (node.kind === 'condition') out.push([`${id}.test`, node.test as JsonLogic]);
    if (node.kind === 'branch' || node.kind === 'grade') out.push([`${id}.select`, node.select as JsonLogic]);
    if (node.kind === 'gate') {
      out.push([`${id}.pass`, node.pass as JsonLogic]);
      for (const k of node.criteria as { id: string; test: JsonLogic }[]) out.push([`${id}.${k.id}`, k.test]);
    }
    type Counted = { id: string; counts?: { count: JsonLogic }[] };
    if (node.kind === 'score') {
      for (const r of node.rules as { id: string; points: JsonLogic }[])
        out.push([`${id}.${r.id}`, r.points]);
    }
    for (const r of [...((node.rules as Counted[]) ?? []), ...((node.criteria as Counted[]) ?? [])])
      for (const [i, c] of (r.counts ?? []).entries()) out.push([`${id}.${r.id}.counts.${i}`, c.count]);
  }
  if (artifact.grade !== undefined) out.push(['grade', artifact.grade]);
  return out;
}

/** The operation keys of an expression; an object that is not one single operation is reported as such. */
export function operationsOf(e: JsonLogic, found = new Set<string>()): Set<string> {
  if (Array.isArray(e)) for (const x of e) operationsOf(x, found);
  else if (e !== null && typeof e === 'object') {
    const keys = Object.keys(e);
    if (keys.length !== 1) found.add(`<object with keys ${keys.join(',')}>`);
    for (const k of keys) {
      found.add(k);
      operationsOf(e[k]!, found);
    }
  }
  return found;
}
