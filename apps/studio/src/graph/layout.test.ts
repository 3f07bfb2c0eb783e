import { type Workflow, WorkflowSchema } from '@qualify/rules';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../../examples/index.ts';
import { addNode, connect, moveNodes } from './edits.ts';
import { applyLayout, computeLayout, layoutIsCurrent } from './layout.ts';
import { blankWorkflow } from './new-workflow.ts';
import { nodeSize } from './node-size.ts';
import { portsOf } from './ports.ts';

const elk = new ELK();

type Box = { x0: number; y0: number; x1: number; y1: number };
type Point = { x: number; y: number };

/** Whether an axis-parallel segment passes through a box's inside (touching its outline does not count). */
function crosses(a: Point, b: Point, box: Box): boolean {
  const [xa, xb] = a.x < b.x ? [a.x, b.x] : [b.x, a.x];
  const [ya, yb] = a.y < b.y ? [a.y, b.y] : [b.y, a.y];
  return xa < box.x1 && xb > box.x0 && ya < box.y1 && yb > box.y0;
}

describe('the ELK layout', () => {
  it.each(loadExamples())(
    'routes every edge of $name around the other steps, with its exit label',
    async (ex) => {
      const doc = WorkflowSchema.parse(ex.workflow);
      const layout = await computeLayout(doc, elk);
      // The seeded example is stored laid out: it opens with these routes.
      expect(layoutIsCurrent(doc.nodes, layout)).toBe(true);
      const boxes = new Map(
        doc.nodes.map((n) => {
          const p = layout.positions.get(n.id)!;
          const s = nodeSize(n);
          return [n.id, { x0: p.x, y0: p.y, x1: p.x + s.width, y1: p.y + s.height }];
        }),
      );
      for (const e of doc.edges) {
        const route = layout.routes.get(e.id);
        expect(route, e.id).toBeDefined();
        const points = route!.points;
        for (const [id, box] of boxes) {
          if (id === e.from || id === e.to) continue;
          for (let i = 1; i < points.length; i++) {
            expect(crosses(points[i - 1]!, points[i]!, box), `${e.id} under ${id}`).toBe(false);
          }
        }
        const source = doc.nodes.find((n) => n.id === e.from)!;
        const ports = portsOf(source) ?? [];
        if (ports.length > 1) {
          expect(route!.label?.text, e.id).toBe(ports.find((p) => p.id === e.port)!.label);
        } else expect(route!.label).toBeNull();
      }
    },
  );

  it('puts the steps left to right and "Yes" above "No", and knows when a step was moved', async () => {
    let doc: Workflow = blankWorkflow('wf', 'Test');
    const check = addNode(doc, 'condition', { x: 0, y: 0 });
    const yes = addNode(check.doc, 'route', { x: 0, y: 0 });
    const no = addNode(yes.doc, 'route', { x: 0, y: 0 });
    doc = connect(no.doc, { from: 'start', port: 'next', to: check.id });
    doc = connect(doc, { from: check.id, port: 'false', to: no.id });
    doc = connect(doc, { from: check.id, port: 'true', to: yes.id });
    const layout = await computeLayout(doc, elk);
    const laid = applyLayout(doc, layout);
    const at = (id: string) => laid.nodes.find((n) => n.id === id)!.position;
    expect(at('start').x).toBeLessThan(at(check.id).x);
    expect(at(check.id).x).toBeLessThan(at(yes.id).x);
    expect(at(yes.id).y).toBeLessThan(at(no.id).y);
    expect(layoutIsCurrent(laid.nodes, layout)).toBe(true);
    expect(layoutIsCurrent(moveNodes(laid, new Map([[yes.id, { x: 5, y: 5 }]])).nodes, layout)).toBe(false);
  });
});
