import type { NodeKindName } from '@qualify/rules';
import { type Connection, type FinalConnectionState, useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { connect, connectionProblem, exitEdge, reconnect } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { addStep, notifyReplaced } from './add-step.ts';
import type { FlowEdge, FlowNode } from './to-flow.ts';

type Exit = { node: string; port: string };

/** Draws a connection: a used exit is replaced (said in a notice), a forbidden one is explained. */
function draw(from: Exit, to: string, edit: (c: { from: string; port: string; to: string }) => void) {
  const store = useStudio.getState();
  if (!store.doc) return;
  const edge = { from: from.node, port: from.port, to };
  const problem = connectionProblem(store.doc, edge);
  if (problem) return store.notify('error', problem);
  const old = exitEdge(store.doc, from.node, from.port);
  edit(edge);
  if (old && old.to !== to) notifyReplaced(from, old.to);
}

/** Connects an exit to a step as one undo step, replacing what the exit led to. */
export function connectExit(from: Exit, to: string): void {
  draw(from, to, (edge) => {
    const s = useStudio.getState();
    if (s.doc) s.commit(connect(s.doc, edge));
  });
}

/**
 * Connecting on the canvas: drawing from an exit to a step, moving an edge's end to another step
 * (one undo step), and dropping a connection on empty canvas, which opens the step picker there.
 */
export function useConnections() {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [picker, setPicker] = useState<{ at: { x: number; y: number }; from: Exit } | null>(null);

  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle) connectExit({ node: c.source, port: c.sourceHandle }, c.target);
  }, []);

  const isValidConnection = useCallback((c: Connection | FlowEdge) => {
    const d = useStudio.getState().doc;
    if (!d || !c.sourceHandle) return false;
    return connectionProblem(d, { from: c.source, port: c.sourceHandle, to: c.target }) === null;
  }, []);

  const onReconnect = useCallback((old: FlowEdge, c: Connection) => {
    if (!c.sourceHandle) return;
    const moved = old.source !== c.source || old.sourceHandle !== c.sourceHandle || old.target !== c.target;
    if (!moved) return;
    const store = useStudio.getState();
    if (!store.doc) return;
    const before = store.doc;
    // The exit the edge now leaves from may lead elsewhere already: that connection is replaced.
    const other = exitEdge(before, c.source, c.sourceHandle);
    const next = reconnect(before, old.id, { from: c.source, port: c.sourceHandle, to: c.target });
    if (next === before) return;
    store.commit(next);
    if (other && other.id !== old.id) notifyReplaced({ node: c.source, port: c.sourceHandle }, other.to);
  }, []);

  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source' || !state.fromHandle.id)
      return;
    const target = event.target instanceof Element ? event.target : null;
    const from = { node: state.fromNode.id, port: state.fromHandle.id };
    // The pane holds the steps too: a drop on a step is told apart first.
    const over = state.toNode?.id ?? target?.closest('.react-flow__node')?.getAttribute('data-id');
    if (over) {
      // Dropped on a step it may not lead to: say why, politely, instead of doing nothing.
      const doc = useStudio.getState().doc;
      const problem =
        doc && over !== from.node && connectionProblem(doc, { from: from.node, port: from.port, to: over });
      if (problem) useStudio.getState().notify('error', problem);
      return;
    }
    if (!target?.closest('.react-flow__pane')) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    if (!point) return;
    setPicker({ at: { x: point.clientX, y: point.clientY }, from });
  }, []);

  const closePicker = useCallback(() => setPicker(null), []);
  const pick = useCallback(
    (kind: NodeKindName) => {
      if (!picker) return;
      const p = flow.screenToFlowPosition(picker.at);
      setPicker(null);
      // The new step's entry sits where the connection was dropped.
      addStep(kind, { x: p.x + 120, y: p.y }, picker.from);
    },
    [flow, picker],
  );

  return { onConnect, isValidConnection, onReconnect, onConnectEnd, picker, closePicker, pick };
}
