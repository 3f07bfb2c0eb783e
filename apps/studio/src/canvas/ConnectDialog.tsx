import { useState } from 'react';
import { exitEdge, firstFreeExit } from '../graph/edits.ts';
import { hasEntry, portsOf } from '../graph/ports.ts';
import { useStudio } from '../store/studio-store.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { FormRow } from '../ui/inputs.tsx';
import { FilterList } from './FilterList.tsx';
import { connectExit } from './use-connections.ts';

/**
 * "Connect…" (shortcut C): connects an exit of the selected step to another step without a mouse.
 * Choose the exit, then type the target step's name and press Enter.
 */
export function ConnectDialog() {
  const nodeId = useStudio((s) => s.connecting);
  const close = () => useStudio.getState().setConnecting(null);
  return (
    <Dialog open={nodeId !== null} title="Connect an exit" onClose={close}>
      {nodeId && <ConnectForm nodeId={nodeId} onDone={close} />}
    </Dialog>
  );
}

function ConnectForm({ nodeId, onDone }: { nodeId: string; onDone: () => void }) {
  const doc = useStudio((s) => s.doc);
  const node = doc?.nodes.find((n) => n.id === nodeId);
  const exits = node ? (portsOf(node) ?? []) : [];
  const [port, setPort] = useState(() => (doc && firstFreeExit(doc, nodeId)) ?? exits[0]?.id ?? '');
  if (!doc || !node) return null;
  if (!exits.length) return <p className="qs-hint">"{node.label}" has no exits: a route ends the path.</p>;

  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id;
  const current = exitEdge(doc, nodeId, port)?.to;
  const targets = doc.nodes
    .filter((n) => n.id !== nodeId && hasEntry(n.kind))
    .map((n) => ({ id: n.id, label: n.label || n.id, hint: n.id === current ? 'connected now' : n.kind }));

  return (
    <div className="qs-connect">
      <FormRow label={`Exit of "${node.label}"`}>
        {(id) => (
          <select id={id} className="qs-input" value={port} onChange={(e) => setPort(e.target.value)}>
            {exits.map((p) => {
              const to = exitEdge(doc, nodeId, p.id)?.to;
              return (
                <option key={p.id} value={p.id}>
                  {p.label} {to ? `(leads to ${label(to)})` : '(not connected)'}
                </option>
              );
            })}
          </select>
        )}
      </FormRow>
      <FilterList
        items={targets}
        label="Connect to step"
        placeholder="Type a step's name, then Enter"
        onPick={(to) => {
          connectExit({ node: nodeId, port }, to);
          onDone();
        }}
      />
      <p className="qs-hint">A used exit is moved to the new step; Ctrl+Z undoes it.</p>
    </div>
  );
}
