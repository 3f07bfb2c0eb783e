import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getSmoothStepPath } from '@xyflow/react';
import { memo } from 'react';
import { routePath } from './route-path.ts';
import type { FlowEdge } from './to-flow.ts';

/**
 * An edge from a step's exit: drawn along the route ELK laid out while the steps stand where the
 * layout put them, else (after a step was dragged) as a smoothstep edge. It carries its exit's
 * label ("Yes", "Fail", "Hot (70+)") when the step has several exits.
 */
function ExitEdgeImpl(props: EdgeProps<FlowEdge>) {
  const { id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style } =
    props;
  const route = data?.route ?? null;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route) {
    path = routePath(route.points);
    const l = route.label;
    const mid = route.points[Math.floor(route.points.length / 2)] ?? { x: sourceX, y: sourceY };
    labelX = l ? l.x + l.width / 2 : mid.x;
    labelY = l ? l.y + l.height / 2 : mid.y;
  } else {
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
    });
  }
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      {data?.label && (
        <EdgeLabelRenderer>
          <div
            className={`qs-edge-label ${data.run ? `is-${data.run}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
            data-edge={id}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ExitEdge = memo(ExitEdgeImpl);
