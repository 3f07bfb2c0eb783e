import { describe, expect, it } from 'vitest';
import { addNode, connect, moveNodes, updateNode } from '../graph/edits.ts';
import { blankWorkflow } from '../graph/new-workflow.ts';
import { createFlowMapper, type FlowView, pathOf } from './to-flow.ts';

const view = (over: Partial<FlowView> = {}): FlowView => ({
  issues: new Map(),
  selectedNodes: new Set(),
  selectedEdges: new Set(),
  measured: {},
  path: null,
  ...over,
});

function sample() {
  let doc = blankWorkflow('wf', 'Test');
  const stage = addNode(doc, 'stage', { x: 300, y: 0 });
  doc = addNode(stage.doc, 'route', { x: 600, y: 0 }).doc;
  doc = connect(doc, { from: 'start', port: 'next', to: stage.id });
  doc = connect(doc, { from: stage.id, port: 'next', to: 'route-1' });
  return { doc, stage: stage.id };
}

describe('document → canvas mapping', () => {
  it('draws each node from its kind: title, summary, exits, entry', () => {
    const { doc, stage } = sample();
    const [start, st] = createFlowMapper().mapNodes(doc, view());
    expect(start?.data).toMatchObject({
      title: 'Lead arrives',
      entry: false,
      ports: [{ id: 'next', label: 'Next' }],
    });
    expect(st).toMatchObject({ id: stage, type: 'workflow', data: { summary: 'Stage: MQL', entry: true } });
  });

  it('re-creates only the nodes an edit touched', () => {
    const { doc, stage } = sample();
    const mapper = createFlowMapper();
    const first = mapper.mapNodes(doc, view());
    const moved = mapper.mapNodes(moveNodes(doc, new Map([[stage, { x: 1, y: 1 }]])), view());
    expect(moved[0]).toBe(first[0]);
    expect(moved[1]).not.toBe(first[1]);
    expect(moved[1]?.data).toBe(first[1]?.data);
    const relabelled = mapper.mapNodes(updateNode(doc, stage, { label: 'MQL now' }), view());
    expect(relabelled[1]?.data.label).toBe('MQL now');
  });

  it('keeps the edges array while no edge changed', () => {
    const { doc } = sample();
    const mapper = createFlowMapper();
    const edges = mapper.mapEdges(doc, view());
    expect(mapper.mapEdges(doc, view())).toBe(edges);
    expect(mapper.mapEdges(doc, view({ selectedEdges: new Set([doc.edges[0]!.id]) }))).not.toBe(edges);
  });

  it('marks the path a test lead took and dims the rest', () => {
    const { doc, stage } = sample();
    const path = pathOf(doc, ['start', stage]);
    const mapper = createFlowMapper();
    const nodes = mapper.mapNodes(doc, view({ path }));
    expect(nodes.map((n) => n.data.run)).toEqual(['taken', 'taken', 'dimmed']);
    expect(mapper.mapEdges(doc, view({ path })).map((e) => e.data?.run)).toEqual(['taken', 'dimmed']);
  });

  it('marks the steps a comparison changed, and re-creates only their data when the marks go', () => {
    const { doc, stage } = sample();
    const mapper = createFlowMapper();
    const marked = mapper.mapNodes(doc, view({ changed: new Set([stage]) }));
    expect(marked.map((n) => n.data.changed)).toEqual([false, true, false]);
    const cleared = mapper.mapNodes(doc, view({ changed: null }));
    expect(cleared[0]).toBe(marked[0]);
    expect(cleared[1]?.data.changed).toBe(false);
  });
});
