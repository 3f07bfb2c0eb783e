import type { NodeKindName } from '@qualify/rules';
import {
  Background,
  Controls,
  type EdgeChange,
  type EdgeTypes,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import { moveNodes, type Position } from '../graph/edits.ts';
import { layoutIsCurrent, type Size } from '../graph/layout.ts';
import { useStudio } from '../store/studio-store.ts';
import { useIssuesByNode } from '../store/use-issues-by-node.ts';
import { addStep } from './add-step.ts';
import { ConnectDialog } from './ConnectDialog.tsx';
import { ExitEdge } from './ExitEdge.tsx';
import { useLayout } from './layout-store.ts';
import { openingViewport } from './open-view.ts';
import { KIND_MIME } from './Palette.tsx';
import { StepPicker } from './StepPicker.tsx';
import { createFlowMapper, type FlowEdge, type FlowNode, pathOf } from './to-flow.ts';
import { useConnections } from './use-connections.ts';
import { WorkflowNodeView } from './WorkflowNodeView.tsx';

// Props React Flow compares by identity live outside the component, so a re-render changes nothing.
const nodeTypes: NodeTypes = { workflow: WorkflowNodeView };
const edgeTypes: EdgeTypes = { exit: ExitEdge };
const MINIMAP_STYLE = { width: 180, height: 110 };
const minimapColor = (n: FlowNode) => n.data.color;
const beginDrag = () => useStudio.getState().beginDrag();
const endDrag = () => useStudio.getState().endDrag();

function applySelection(current: string[], changes: { id: string; selected: boolean }[]): string[] {
  const set = new Set(current);
  for (const c of changes) {
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

/** The React Flow canvas, controlled by the store: every change becomes a document edit. */
export function Canvas() {
  const doc = useStudio((s) => s.doc)!;
  const selectedNodes = useStudio((s) => s.selectedNodes);
  const selectedEdges = useStudio((s) => s.selectedEdges);
  const measured = useStudio((s) => s.measured);
  const run = useStudio((s) => s.run);
  const focus = useStudio((s) => s.focus);
  const changed = useStudio((s) => s.changedSteps);
  const issues = useIssuesByNode();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const workflowId = useStudio((s) => s.meta?.id);
  const layout = useLayout((s) => s.layout);
  // The routes hold while every step stands where the layout put them (undo of a drag brings them back).
  const routes = useMemo(
    () => (layout && layoutIsCurrent(doc.nodes, layout) ? layout.routes : null),
    [doc.nodes, layout],
  );

  // A workflow saved laid out (every seeded example) opens with its edges along ELK's routes.
  useEffect(() => {
    const s = useStudio.getState();
    if (workflowId && s.doc) void useLayout.getState().refresh(workflowId, s.doc);
  }, [workflowId]);

  const mapper = useMemo(createFlowMapper, []);
  const path = useMemo(() => (run ? pathOf(run.doc, run.decision.path) : null), [run]);
  const view = useMemo(
    () => ({
      issues,
      selectedNodes: new Set(selectedNodes),
      selectedEdges: new Set(selectedEdges),
      measured,
      path,
      changed,
      routes,
    }),
    [issues, selectedNodes, selectedEdges, measured, path, changed, routes],
  );
  const nodes = useMemo(() => mapper.mapNodes(doc, view), [mapper, doc, view]);
  const edges = useMemo(() => mapper.mapEdges(doc, view), [mapper, doc, view]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const store = useStudio.getState();
    const positions = new Map<string, Position>();
    const sizes: Record<string, Size> = {};
    const selects: { id: string; selected: boolean }[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.position) positions.set(c.id, c.position);
      else if (c.type === 'dimensions' && c.dimensions) sizes[c.id] = c.dimensions;
      else if (c.type === 'select') selects.push(c);
    }
    if (Object.keys(sizes).length) store.setMeasured(sizes);
    if (selects.length) store.select(applySelection(store.selectedNodes, selects), store.selectedEdges);
    if (positions.size) {
      if (store.dragBase) store.dragTo(positions);
      else if (store.doc) store.commit(moveNodes(store.doc, positions), { key: 'keyboard-move' });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const store = useStudio.getState();
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) store.select(store.selectedNodes, applySelection(store.selectedEdges, selects));
  }, []);

  const connections = useConnections();

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(KIND_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(KIND_MIME) as NodeKindName;
      const store = useStudio.getState();
      if (!kind || !store.doc) return;
      e.preventDefault();
      addStep(kind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [flow],
  );

  // Open at a readable zoom around the start step once the steps are on the page; "Fit the whole
  // workflow" (Shift+1) shows all of it.
  const initialized = useNodesInitialized();
  const opened = useRef(false);
  const pane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!initialized || opened.current || !pane.current) return;
    opened.current = true;
    const box = pane.current.getBoundingClientRect();
    void flow.setViewport(openingViewport(useStudio.getState().doc!, box));
  }, [initialized, flow]);

  useEffect(() => {
    if (!focus) return;
    const node = useStudio.getState().doc?.nodes.find((n) => n.id === focus.nodeId);
    if (!node) return;
    const size = useStudio.getState().measured[node.id] ?? { width: 240, height: 100 };
    flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
      zoom: Math.max(flow.getZoom(), 1),
      duration: 300,
    });
  }, [focus, flow]);

  return (
    <div className="qs-canvas" data-testid="canvas" data-edges={routes ? 'routed' : 'free'} ref={pane}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connections.onConnect}
        onConnectEnd={connections.onConnectEnd}
        onReconnect={connections.onReconnect}
        isValidConnection={connections.isValidConnection}
        onNodeDragStart={beginDrag}
        onNodeDragStop={endDrag}
        onSelectionDragStart={beginDrag}
        onSelectionDragStop={endDrag}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        connectionRadius={28}
        minZoom={0.01}
        maxZoom={2}
        aria-label="Workflow canvas"
      >
        <Background gap={20} size={1} color="#d4d8de" />
        <MiniMap<FlowNode>
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={2}
          style={MINIMAP_STYLE}
          ariaLabel="Mini map"
        />
        <Controls showInteractive={false} showFitView={false} aria-label="Zoom controls" />
      </ReactFlow>
      <ConnectDialog />
      {connections.picker && (
        <StepPicker at={connections.picker.at} onPick={connections.pick} onCancel={connections.closePicker} />
      )}
    </div>
  );
}
