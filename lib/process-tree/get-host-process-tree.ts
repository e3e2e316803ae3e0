import { latestHostEventAt, listHostProcessStarts } from "../db/queries/process-events";
import { checkWindow, DAY_MS } from "../investigation/time-window";
import { INVESTIGATION_WINDOW } from "../validation/common";
import { buildProcessTree } from "./build-tree";
import type { ProcessTree } from "./types";

export interface HostProcessTreeJson {
  host: { id: string; name: string | null };
  window: { from: string; to: string };
  tree: ProcessTree;
  processCount: number;
  inferredEdges: number;
  truncated: boolean;
}

/**
 * A host's process tree for a window; without one, the last 24 h of that host's events
 * (ending at its latest event, so a replayed capture still shows).
 */
export async function getHostProcessTree(hostId: string, window: { from?: Date; to?: Date } = {}): Promise<HostProcessTreeJson> {
  let { from, to } = window;
  let hostName: string | null = null;
  if (!from || !to) {
    const latest = await latestHostEventAt(hostId);
    hostName = latest?.hostName ?? null;
    to ??= latest ? new Date(latest.at.getTime() + 1000) : new Date();
    from ??= new Date(to.getTime() - DAY_MS);
  }
  checkWindow({ from, to }, INVESTIGATION_WINDOW.maxMs);
  const { events, truncated } = await listHostProcessStarts(hostId, from, to);
  const tree = buildProcessTree(events);
  const nodes = Object.values(tree.nodes);
  hostName ??= events.find((e) => e.hostName)?.hostName ?? null;
  return {
    host: { id: hostId, name: hostName },
    window: { from: from.toISOString(), to: to.toISOString() },
    tree,
    processCount: events.length,
    inferredEdges: nodes.filter((n) => n.edge?.inferred).length,
    truncated,
  };
}
