import type { Store } from '../store.ts';

export interface PoolUser {
  workflowId: string;
  version: number;
  nodeId: string;
}

/**
 * The live versions with a sales route that assigns from `poolId` (a route node's `assign.pool` in
 * the compiled artifact): deleting the pool would send every lead there to the fallback queue.
 * The artifact is read here (not a route result) because no lead is being evaluated.
 */
export function liveUsersOfPool(store: Store, poolId: string): PoolUser[] {
  const users: PoolUser[] = [];
  for (const row of store.listWorkflows()) {
    // Archived workflows count too: they can still be evaluated.
    if (row.liveVersion === null) continue;
    const nodes = row.versions[row.liveVersion - 1]?.artifact.nodes ?? {};
    for (const [nodeId, node] of Object.entries(nodes)) {
      const route = (node as { route?: { to?: string; assign?: { pool?: unknown } } }).route;
      if (route?.to === 'sales' && route.assign?.pool === poolId)
        users.push({ workflowId: row.id, version: row.liveVersion, nodeId });
    }
  }
  return users;
}
