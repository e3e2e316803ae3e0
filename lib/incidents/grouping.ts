/**
 * How alerts gather into incidents (pure; lib/incidents/README.md). Two alerts are *linked* when
 * - they share a source address and began at most the chain window apart, or
 * - one is a hop that the other extends: the later one's source host is the earlier one's target,
 *   and it began after the earlier one, at most the chain window later.
 * An incident is a set of linked alerts: a new alert joins the incident it links to, and an alert
 * that links two incidents merges them (the one whose first alert is earliest is kept; ties by id).
 * Alerts an analyst placed (split out, `pinned`) are never moved and never link anything; an
 * analyst's merge is kept because automatic grouping only ever adds alerts and merges incidents.
 * The partition of unpinned alerts is the connected components of "linked", so it does not
 * depend on the order in which alerts arrive or how often grouping runs.
 */
export interface GroupingAlert {
  id: string;
  /** The target host. */
  hostId: string;
  sourceIp: string | null;
  /** The host that held the source address at the alert's time. */
  sourceHostId: string | null;
  /** When its first event happened (ms). */
  at: number;
}

export function linked(a: GroupingAlert, b: GroupingAlert, windowMs: number): boolean {
  const [early, late] = a.at < b.at || (a.at === b.at && a.id <= b.id) ? [a, b] : [b, a];
  const gap = late.at - early.at;
  if (gap > windowMs) return false;
  if (early.sourceIp !== null && early.sourceIp === late.sourceIp) return true;
  return gap > 0 && late.sourceHostId !== null && late.sourceHostId === early.hostId;
}

export interface IncidentRef {
  id: string;
  firstAlertAt: number;
}

/** Which incident an alert goes to, given the incidents of the alerts it links to (deduplicated). */
export type Placement =
  | { kind: "create" }
  | { kind: "join"; incidentId: string }
  | { kind: "merge"; incidentId: string; absorbed: string[] };

export function place(linkedIncidents: IncidentRef[]): Placement {
  const unique = [...new Map(linkedIncidents.map((i) => [i.id, i])).values()];
  if (unique.length === 0) return { kind: "create" };
  unique.sort((a, b) => a.firstAlertAt - b.firstAlertAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (unique.length === 1) return { kind: "join", incidentId: unique[0].id };
  return { kind: "merge", incidentId: unique[0].id, absorbed: unique.slice(1).map((i) => i.id) };
}

/**
 * The reference grouper on plain data (what the worker does in SQL): alerts placed one at a time in
 * arrival order; `pinned` maps an alert to the incident an analyst put it in. Answers alert → incident.
 */
export function groupInOrder(
  arrivals: GroupingAlert[],
  windowMs: number,
  pinned: Map<string, string> = new Map(),
  incidentIdOf: (a: GroupingAlert) => string = (a) => `inc-${a.id}`,
): Map<string, string> {
  const incidentOf = new Map<string, string>();
  const first = new Map<string, number>();
  const seen: GroupingAlert[] = [];
  for (const a of arrivals) {
    const pin = pinned.get(a.id);
    if (pin !== undefined) {
      incidentOf.set(a.id, pin);
      continue;
    }
    const refs = seen
      .filter((b) => linked(a, b, windowMs))
      .map((b) => incidentOf.get(b.id)!)
      .map((id) => ({ id, firstAlertAt: first.get(id)! }));
    const p = place(refs);
    let target: string;
    if (p.kind === "create") {
      target = incidentIdOf(a);
      first.set(target, a.at);
    } else {
      target = p.incidentId;
      if (p.kind === "merge") {
        for (const [alertId, inc] of incidentOf) if (p.absorbed.includes(inc)) incidentOf.set(alertId, target);
        for (const gone of p.absorbed) first.set(target, Math.min(first.get(target)!, first.get(gone)!));
      }
    }
    first.set(target, Math.min(first.get(target) ?? a.at, a.at));
    incidentOf.set(a.id, target);
    seen.push(a);
  }
  return incidentOf;
}

/** The partition as sorted lists of alert ids (order-free), for comparing groupings. */
export function partition(incidentOf: Map<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [alertId, inc] of incidentOf) groups.set(inc, [...(groups.get(inc) ?? []), alertId]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
