import { routeLabel, scoreText, type TestCase, type Workflow } from '@qualify/rules';

/** A case's expectation in plain words: "Sales (Inbound SDR), stage SQL, score 75; gate "BANT" passed". */
export function expectationText(doc: Workflow, expect: TestCase['expect']): string {
  const parts = [routeLabel(expect.route, expect.target ?? null), `stage ${expect.stage}`];
  if (expect.score !== undefined) parts.push(`score ${scoreText(expect.score)}`);
  if (expect.fit !== undefined) parts.push(`fit ${scoreText(expect.fit)}`);
  if (expect.engagement !== undefined) parts.push(`engagement ${scoreText(expect.engagement)}`);
  const gates = Object.entries(expect.gates ?? {}).map(([id, passed]) => {
    const label = doc.nodes.find((n) => n.id === id)?.label || id;
    return `gate "${label}" ${passed ? 'passed' : 'not passed'}`;
  });
  return [parts.join(', '), ...gates].join('; ');
}
