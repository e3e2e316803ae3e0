/**
 * `GET /api/v1/movement` as the browser reads it: hosts and outside addresses as nodes, inbound WinRM
 * connections as directed edges (source → target) with their counts and first/last seen.
 */
export interface MovementNode {
  id: string;
  kind: "host" | "address";
  hostId: string | null;
  name: string | null;
  ip: string | null;
  alerts: number;
  critical: boolean;
}

export interface MovementEdge {
  source: string;
  target: string;
  connections: number;
  alerts: number;
  firstSeen: string;
  lastSeen: string;
}

export interface MovementGraphJson {
  nodes: MovementNode[];
  edges: MovementEdge[];
  truncated: boolean;
}
