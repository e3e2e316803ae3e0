/**
 * The API contract of address ownership, the movement graph, chains and priority: what
 * `GET /api/v1/movement`, `GET /api/v1/addresses`, `GET /api/v1/critical-hosts`, the alerts API
 * (`sourceHost`, `sourceAddress`, `incidentId`, `pivot`, `critical`, `priority`) and
 * `GET /api/v1/ips/:ip/activity` (`owners`) answer. Pages and components build on these types only.
 */

/** A host that held an address: from its first to its last observation in the asked window. */
export interface AddressOwnerJson {
  hostId: string;
  hostName: string | null;
  firstSeen: string;
  lastSeen: string;
}

/**
 * How an address reads wherever it is shown:
 * - `host`: exactly one host held it around that time → "10.20.1.21 · SRV-FILE-01" (linked);
 * - `ambiguous`: two or more hosts held it in the window → every owner is listed, none hidden;
 * - `unknown`: a private (or otherwise non-public) address no host reported → "unknown host";
 * - `external`: a public address no host reported → "external".
 */
export type AddressKind = "host" | "ambiguous" | "unknown" | "external";

export interface AddressInfoJson {
  ip: string;
  kind: AddressKind;
  /** Public (globally routable) address, by ipaddr.js's range (`unicast`). */
  public: boolean;
  /** Every owner in the window, earliest first seen first. */
  owners: AddressOwnerJson[];
}

/** `GET /api/v1/addresses?ip=&ip=…&from=&to=` (at most 100 addresses; default window: the last 24 h). */
export interface AddressesJson {
  window: { from: string; to: string };
  addresses: AddressInfoJson[];
}

/** The host behind an alert's source address at the alert's time (`null`: none known). */
export interface SourceHostRef {
  id: string;
  name: string | null;
}

/**
 * The fields every alert of the API carries in addition to `lib/alerts/types.ts`' own.
 * `priority` = riskScore + 100 when the target host is critical + 50 when the alert is a pivot.
 */
export interface AlertMovementJson {
  sourceHost: SourceHostRef | null;
  /** How the source address reads (null when the alert has no source address). */
  sourceAddress: AddressInfoJson | null;
  incidentId: string | null;
  /** The alert's source host itself has alerts (as a target): the intruder moved on from there. */
  pivot: boolean;
  /** The alert's target host is marked critical. */
  critical: boolean;
  priority: number;
}

// ---------------------------------------------------------------- the movement graph

export type MovementNodeKind = "host" | "address";

/**
 * A node: a host (`id` = "host:<hostId>") or an address no single host owned at the time of its
 * connections (`id` = "ip:<address>"; `name` is the address).
 */
export interface MovementNodeJson {
  id: string;
  kind: MovementNodeKind;
  hostId: string | null;
  name: string | null;
  /** A host's address (its latest in the window) or the address node's address. */
  ip: string | null;
  /** Alerts whose target is this host in the window (0 for address nodes). */
  alerts: number;
  critical: boolean;
  /** Address nodes: `external`, `unknown` or `ambiguous` (with the owners); hosts: `host`. */
  addressKind: AddressKind;
  /** Address nodes with two or more owners in the window. */
  owners: AddressOwnerJson[];
}

/** Inbound WinRM connections (5985/5986) from `source` to `target` (node ids) in the window. */
export interface MovementEdgeJson {
  source: string;
  target: string;
  connections: number;
  alerts: number;
  firstSeen: string;
  lastSeen: string;
  /** The source addresses the connections came from (at most 10). */
  sourceIps: string[];
}

/**
 * `GET /api/v1/movement?from=&to=&hostId=&ip=&incidentId=` (default window: the last 24 h, at most 31
 * days). `hostId` keeps the edges that touch that host, `ip` those from that address, `incidentId`
 * the edges of that incident's hops. At most MOVEMENT_MAX_EDGES edges (the busiest: alerts first,
 * then connections) and MOVEMENT_MAX_NODES nodes; `truncated` says when more existed.
 */
export interface MovementGraphJson {
  nodes: MovementNodeJson[];
  edges: MovementEdgeJson[];
  truncated: boolean;
  window: { from: string; to: string };
  totals: { nodes: number; edges: number };
}

export const MOVEMENT_MAX_EDGES = 2000;
export const MOVEMENT_MAX_NODES = 500;

// ---------------------------------------------------------------- chains

/** One end of a hop: a host, or an address no host is known to have held. */
export interface HopEndJson {
  hostId: string | null;
  hostName: string | null;
  ip: string | null;
}

/** A hop X → Y: an alert, or a WinRM connection without an alert. */
export interface ChainHopJson {
  kind: "alert" | "connection";
  /** The alert's id, or the connection event's store id. */
  id: string;
  at: string;
  source: HopEndJson;
  target: HopEndJson;
  /** 1 for a hop from patient zero, n + 1 for a hop extending one of depth n. */
  depth: number;
}

export interface ChainJson {
  patientZero: HopEndJson;
  /** In time order. */
  hops: ChainHopJson[];
  /** The longest run of hops that extend one another. */
  depth: number;
  /** Distinct hosts reached. */
  breadth: number;
}

// ---------------------------------------------------------------- critical hosts

/** A rule that marks hosts critical: one host by id, or every host whose name matches a pattern (`DC-*`, case-insensitive). */
export interface CriticalHostRuleJson {
  id: string;
  hostId: string | null;
  hostName: string | null;
  pattern: string | null;
  createdAt: string;
  createdBy: string | null;
  /** Hosts known to the store that the rule covers (at most 50 listed). */
  matches: { hostId: string; hostName: string | null }[];
}

/** `GET /api/v1/critical-hosts`; `POST` `{"hostId"}` or `{"pattern"}` (admin); `DELETE /api/v1/critical-hosts/:id`. */
export interface CriticalHostsJson {
  rules: CriticalHostRuleJson[];
}
