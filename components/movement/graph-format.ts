import { hostHref, ipHref } from "@/components/alerts/format";
import type { MovementEdge, MovementNode } from "./types";

/** "3×" or "3× · 1 alert": an edge's connections and alerts. */
export const edgeLabel = (e: MovementEdge) => `${e.connections}×${e.alerts > 0 ? ` · ${e.alerts} alert${e.alerts === 1 ? "" : "s"}` : ""}`;

/** What a node is called: the host's name, else its id, else the address. */
export const nodeName = (n: MovementNode) => n.name ?? n.hostId ?? n.ip ?? n.id;

/** Where a node leads: a host's page, or an address's source-IP page, over the graph's window. */
export function nodeHref(n: MovementNode, window: { from: string; to: string }): string {
  const q = `?${new URLSearchParams(window)}`;
  return n.kind === "host" && n.hostId ? `${hostHref(n.hostId)}${q}` : n.ip ? `${ipHref(n.ip)}${q}` : "#";
}
