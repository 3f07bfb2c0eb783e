import { all, compare, SCHEMA_VERSION, type WorkflowInput } from '../src/index.ts';

/**
 * A workflow of about `size` nodes: alternating score and signal-check nodes in a chain, each check
 * sending "yes" on and "no" to a shared nurture route, ending in a sales route. For compile-time
 * measurements and size checks.
 */
export function syntheticWorkflow(size: number): WorkflowInput {
  const fields = [
    { path: 'company.size', label: 'Company size', type: 'number' as const },
    { path: 'email', label: 'E-mail', type: 'string' as const },
    { path: 'need', label: 'Need', type: 'enum' as const, values: ['high', 'medium', 'low'] },
  ];
  const nodes: WorkflowInput['nodes'] = [{ id: 'start', kind: 'start', data: {} }];
  const edges: WorkflowInput['edges'] = [];
  let prev = 'start';
  let prevPort = 'next';
  for (let i = 0; nodes.length < size - 2; i++) {
    const id = `n${i}`;
    if (i % 2 === 0) {
      nodes.push({
        id,
        kind: 'score',
        data: {
          scoreType: 'fit',
          rules: [
            { id: 'a', label: 'Size', condition: compare('company.size', 'gte', i), points: 5 },
            { id: 'b', label: 'Mail', condition: compare('email', 'freeMail'), points: -5 },
          ],
        },
      });
      edges.push({ id: `e${i}`, from: prev, to: id, port: prevPort });
      prevPort = 'next';
    } else {
      nodes.push({
        id,
        kind: 'condition',
        data: {
          condition: all(compare('need', 'in', ['high', 'medium']), compare('company.size', 'lt', 100000)),
        },
      });
      edges.push({ id: `e${i}`, from: prev, to: id, port: prevPort });
      edges.push({ id: `e${i}-no`, from: id, to: 'nurture', port: 'false' });
      prevPort = 'true';
    }
    prev = id;
  }
  nodes.push({ id: 'nurture', kind: 'route', data: { to: 'nurture', track: 'Newsletter' } });
  nodes.push({
    id: 'sales',
    kind: 'route',
    data: { to: 'sales', queue: 'SDR', priority: 'normal', sla: { firstContactHours: 4, touches: 3 } },
  });
  edges.push({ id: 'last', from: prev, to: 'sales', port: prevPort });
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `synthetic-${size}`,
    name: `Synthetic ${size}`,
    fields,
    nodes,
    edges,
  };
}
