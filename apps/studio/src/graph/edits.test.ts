import { DEFAULT_GRADE, validate, type Workflow } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  addNodeAfter,
  connect,
  connectionProblem,
  copyNodes,
  duplicateNodes,
  firstFreeExit,
  moveNodes,
  pasteClip,
  reconnect,
  removeElements,
  setGrade,
  setScoreLimit,
  updateNode,
} from './edits.ts';
import { blankWorkflow } from './new-workflow.ts';
import { nodeSize } from './node-size.ts';
import { besideStep, freeSpot } from './placement.ts';

const base = (): Workflow => blankWorkflow('wf', 'Test');

function gateToRoutes() {
  let doc = base();
  const gate = addNode(doc, 'gate', { x: 300, y: 0 });
  doc = gate.doc;
  const sales = addNode(doc, 'route', { x: 600, y: 0 });
  doc = sales.doc;
  doc = connect(doc, { from: 'start', port: 'next', to: gate.id });
  doc = connect(doc, { from: gate.id, port: 'pass', to: sales.id });
  return { doc, gate: gate.id, sales: sales.id };
}

describe('graph edits', () => {
  it('adds a node with its kind defaults and a fresh id', () => {
    const a = addNode(base(), 'score', { x: 1, y: 2 });
    const b = addNode(a.doc, 'score', { x: 3, y: 4 });
    expect([a.id, b.id]).toEqual(['score-1', 'score-2']);
    expect(b.doc.nodes.at(-1)).toMatchObject({ kind: 'score', label: 'Score', position: { x: 3, y: 4 } });
  });

  it.each([
    ['a self loop', (g: string) => ({ from: g, port: 'pass', to: g }), 'itself'],
    ['into the start', (g: string) => ({ from: g, port: 'fail', to: 'start' }), 'Lead arrives'],
    ['an exit that does not exist', (g: string) => ({ from: g, port: 'maybe', to: g }), 'itself'],
  ])('refuses %s', (_name, make, reason) => {
    const { doc, gate } = gateToRoutes();
    expect(connectionProblem(doc, make(gate))).toContain(reason);
  });

  it('a second connection from a used exit replaces the first; a route has no exits', () => {
    const { doc, gate, sales } = gateToRoutes();
    const other = addNode(doc, 'route', { x: 0, y: 0 });
    const moved = connect(other.doc, { from: gate, port: 'pass', to: other.id });
    expect(moved.edges.filter((e) => e.from === gate).map((e) => e.to)).toEqual([other.id]);
    expect(connectionProblem(other.doc, { from: gate, port: 'pass', to: sales })).toMatch(/already leads to/);
    expect(connectionProblem(other.doc, { from: sales, port: 'next', to: other.id })).toMatch(/no exits/);
    expect(connect(other.doc, { from: sales, port: 'next', to: other.id })).toBe(other.doc);
  });

  it('reconnects an edge end to another step, replacing what that exit led to', () => {
    const { doc, gate, sales } = gateToRoutes();
    const other = addNode(doc, 'route', { x: 0, y: 0 });
    const edge = other.doc.edges.find((e) => e.from === gate)!;
    const next = reconnect(other.doc, edge.id, { from: gate, port: 'pass', to: other.id });
    expect(next.edges.filter((e) => e.from === gate).map((e) => [e.port, e.to])).toEqual([
      ['pass', other.id],
    ]);
    // Moving the edge to the fail exit leaves pass free.
    const toFail = reconnect(other.doc, edge.id, { from: gate, port: 'fail', to: sales });
    expect(toFail.edges.filter((e) => e.from === gate).map((e) => e.port)).toEqual(['fail']);
    expect(reconnect(other.doc, edge.id, { from: gate, port: 'pass', to: 'start' })).toBe(other.doc);
  });

  it('adds a step after an exit in one edit, and finds the first free exit', () => {
    const { doc, gate } = gateToRoutes();
    expect(firstFreeExit(doc, gate)).toBe('fail');
    const added = addNodeAfter(doc, 'route', { x: 0, y: 0 }, { node: gate, port: 'fail' });
    expect(added.doc.edges.at(-1)).toMatchObject({ from: gate, port: 'fail', to: added.id });
    expect(firstFreeExit(added.doc, gate)).toBeUndefined();
  });

  it('places a new step beside another or in free space, never on top of one', () => {
    const { doc, gate } = gateToRoutes();
    const size = { width: 232, height: 120 };
    const clear = (p: { x: number; y: number }) =>
      doc.nodes.every((n) => {
        const b = nodeSize(n);
        const apart = (a0: number, a1: number, b0: number, b1: number) => a1 <= b0 || b1 <= a0;
        return (
          apart(p.x, p.x + size.width, n.position.x, n.position.x + b.width) ||
          apart(p.y, p.y + size.height, n.position.y, n.position.y + b.height)
        );
      });
    const beside = besideStep(doc, gate, size)!;
    expect(beside.x).toBeGreaterThan(300 + 232);
    expect(clear(beside)).toBe(true);
    // The gate's follower stands where the first guess was: the new step goes below it.
    expect(beside.y).toBeGreaterThan(0);
    const free = freeSpot(doc, { x: 600, y: 0 }, size);
    expect(clear(free)).toBe(true);
  });

  it('removes nodes with their connections but keeps "Lead arrives"', () => {
    const { doc, gate } = gateToRoutes();
    const next = removeElements(doc, ['start', gate], []);
    expect(next.nodes.map((n) => n.kind)).toEqual(['start', 'route']);
    expect(next.edges).toEqual([]);
  });

  it('shares untouched nodes when moving one', () => {
    const { doc, gate } = gateToRoutes();
    const next = moveNodes(doc, new Map([[gate, { x: 9, y: 9 }]]));
    expect(next.nodes[0]).toBe(doc.nodes[0]);
    expect(next.nodes[1]).not.toBe(doc.nodes[1]);
    expect(moveNodes(doc, new Map())).toBe(doc);
  });

  it('drops connections from exits that a data change removed', () => {
    let doc = base();
    const tiers = addNode(doc, 'branch', { x: 0, y: 0 });
    doc = addNode(tiers.doc, 'route', { x: 0, y: 0 }).doc;
    doc = connect(doc, { from: tiers.id, port: 'warm', to: 'route-1' });
    const data = { on: 'total', tiers: [{ id: 'hot', label: 'Hot', min: 60 }], elseLabel: 'Cold' };
    expect(updateNode(doc, tiers.id, { data }).edges).toEqual([]);
    expect(updateNode(doc, tiers.id, { data: { tiers: 'broken' } }).edges).toHaveLength(1);
  });

  it('copies and pastes nodes with their inner connections under new ids', () => {
    const { doc, gate, sales } = gateToRoutes();
    const clip = copyNodes(doc, ['start', gate, sales]);
    expect(clip.nodes.map((n) => n.id)).toEqual([gate, sales]);
    expect(clip.edges).toHaveLength(1);
    const pasted = pasteClip(doc, clip, { x: 10, y: 10 });
    expect(pasted.ids).toEqual(['gate-2', 'route-2']);
    expect(pasted.doc.edges.at(-1)).toMatchObject({ from: 'gate-2', to: 'route-2', port: 'pass' });
    expect(duplicateNodes(doc, [sales]).doc.nodes).toHaveLength(doc.nodes.length + 1);
  });

  it('starts a blank workflow that only lacks its first connection', () => {
    expect(validate(base()).map((i) => i.code)).toEqual(['no_route']);
  });
});

describe('scoring settings', () => {
  it('turns grading on and off, leaving no trace when off', () => {
    const on = setGrade(base(), DEFAULT_GRADE);
    expect(on.grade).toEqual(DEFAULT_GRADE);
    expect('grade' in setGrade(on, undefined)).toBe(false);
  });

  it('keeps only the limits that are set', () => {
    let doc = setScoreLimit(base(), 'total', { floor: null, cap: 100 });
    doc = setScoreLimit(doc, 'fit', { floor: -10, cap: null });
    expect(doc.scoreLimits).toEqual({ total: { floor: null, cap: 100 }, fit: { floor: -10, cap: null } });
    expect(validate(doc).filter((i) => i.path?.startsWith('scoreLimits'))).toEqual([]);
    doc = setScoreLimit(doc, 'total', { floor: null, cap: null });
    expect(doc.scoreLimits).toEqual({ fit: { floor: -10, cap: null } });
    expect('scoreLimits' in setScoreLimit(doc, 'fit', { floor: null, cap: null })).toBe(false);
  });
});
