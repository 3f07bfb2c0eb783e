/**
 * A generated workflow of `size` nodes for measurements: a chain of signal checks whose "no"
 * exits end in nurture routes, laid out on a grid.
 */
export function largeWorkflow(id: string, size: number) {
  const checks = Math.floor((size - 2) / 2);
  const nodes: {
    id: string;
    kind: string;
    label: string;
    position: { x: number; y: number };
    data: unknown;
  }[] = [];
  const edges: { id: string; from: string; to: string; port: string }[] = [];
  const at = (i: number) => ({ x: (i % 25) * 300, y: Math.floor(i / 25) * 160 });
  nodes.push({ id: 'start', kind: 'start', label: 'Lead arrives', position: at(0), data: {} });
  let prev = { id: 'start', port: 'next' };
  for (let i = 1; i <= checks; i++) {
    const check = `check-${i}`;
    const route = `nurture-${i}`;
    nodes.push({
      id: check,
      kind: 'condition',
      label: `At least ${i * 10} employees`,
      position: at(nodes.length),
      data: { condition: { type: 'compare', field: 'company.employees', op: 'gte', value: i * 10 } },
    });
    nodes.push({
      id: route,
      kind: 'route',
      label: `Nurture band ${i}`,
      position: at(nodes.length),
      data: { to: 'nurture', track: `Band ${i}` },
    });
    edges.push({ id: `e-${prev.id}-${prev.port}`, from: prev.id, to: check, port: prev.port });
    edges.push({ id: `e-${check}-false`, from: check, to: route, port: 'false' });
    prev = { id: check, port: 'true' };
  }
  while (nodes.length < size) {
    const last = `sales-${nodes.length}`;
    nodes.push({
      id: last,
      kind: 'route',
      label: 'Enterprise AE',
      position: at(nodes.length),
      data: {
        to: 'sales',
        queue: 'Enterprise AE',
        priority: 'high',
        sla: { firstContactHours: 8, touches: 5 },
      },
    });
    if (prev.id !== last)
      edges.push({ id: `e-${prev.id}-${prev.port}`, from: prev.id, to: last, port: prev.port });
    prev = { id: last, port: 'none' };
  }
  return {
    schemaVersion: 1,
    id,
    name: `Generated ${size}-step workflow`,
    description: 'Generated for the canvas measurement.',
    fields: [{ path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' }],
    nodes,
    edges,
  };
}
