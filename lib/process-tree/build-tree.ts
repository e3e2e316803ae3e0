import { DEFAULT_PID_WINDOW_MS, type BuildOptions, type ProcessEventInput, type ProcessNode, type ProcessTree } from "./types";

/**
 * Builds a process tree from process start events (rules in README.md):
 * 1. `process.parent.entity_id` → the node with that `process.entity_id` (exact edge);
 * 2. else host + ppid: the latest start on the same host with pid = ppid that started before the
 *    child, within the window (inferred edge);
 * 3. else a parent synthesized from the child's `process.parent.*` fields.
 */
export function buildProcessTree(events: ProcessEventInput[], opts: BuildOptions = {}): ProcessTree {
  const windowMs = opts.pidWindowMs ?? DEFAULT_PID_WINDOW_MS;
  const sorted = [...events].sort(byStart);
  const nodes: Record<string, ProcessNode> = {};
  const order = new Map<string, number>();
  const byEntity = new Map<string, ProcessNode>();
  const byHostPid = new Map<string, ProcessNode[]>();

  for (const e of sorted) {
    if (e.entityId && byEntity.has(e.entityId)) continue; // a resend of the same process
    const key = e.entityId ? `e:${e.entityId}` : `s:${e.seq}`;
    const node: ProcessNode = {
      key,
      hostId: e.hostId,
      hostName: e.hostName,
      pid: e.pid,
      ppid: e.ppid,
      entityId: e.entityId,
      name: e.name,
      executable: e.executable,
      commandLine: e.commandLine,
      userName: e.userName,
      startedAt: e.timestamp,
      synthesized: false,
      event: { seq: e.seq, eventId: e.eventId, timestamp: e.timestamp, doc: e.doc },
      parentKey: null,
      edge: null,
      children: [],
    };
    nodes[key] = node;
    order.set(key, order.size);
    if (e.entityId) byEntity.set(e.entityId, node);
    if (e.pid !== null) {
      const hk = hostPidKey(e.hostId, e.pid);
      const list = byHostPid.get(hk) ?? [];
      list.push(node); // in start order
      byHostPid.set(hk, list);
    }
  }

  const inputs = new Map(sorted.map((e) => [e.entityId ? `e:${e.entityId}` : `s:${e.seq}`, e]));
  for (const key of Object.keys(nodes)) {
    const child = nodes[key];
    const e = inputs.get(key)!;
    // 1. exact edge by entity id
    if (e.parentEntityId) {
      const parent = byEntity.get(e.parentEntityId);
      if (parent && link(nodes, parent, child, { inferred: false, via: "entity_id" })) continue;
    }
    // 2. inferred edge by host + ppid, latest earlier start within the window
    if (e.ppid !== null) {
      const parent = latestEarlierStart(byHostPid.get(hostPidKey(e.hostId, e.ppid)) ?? [], child, e, order, windowMs);
      if (parent && link(nodes, parent, child, { inferred: true, via: "pid" })) continue;
    }
    // 3. synthesized from the child's parent fields
    if (e.parentEntityId || e.ppid !== null || e.parentName) {
      const parent = synthesizedParent(nodes, e);
      link(nodes, parent, child, { inferred: !e.parentEntityId, via: "parent_fields" });
    }
  }

  const start = (k: string) => nodes[k].startedAt ?? "";
  for (const n of Object.values(nodes)) n.children.sort((a, b) => start(a).localeCompare(start(b)) || a.localeCompare(b));
  const roots = Object.values(nodes)
    .filter((n) => n.parentKey === null)
    .map((n) => n.key)
    .sort((a, b) => (start(a) || "0").localeCompare(start(b) || "0") || a.localeCompare(b));
  return { nodes, roots };
}

function byStart(a: ProcessEventInput, b: ProcessEventInput): number {
  return a.timestamp.localeCompare(b.timestamp) || compareSeq(a.seq, b.seq);
}

function compareSeq(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

function hostPidKey(hostId: string | null, pid: number): string {
  return `${hostId ?? ""}\u0000${pid}`;
}

function latestEarlierStart(
  candidates: ProcessNode[],
  child: ProcessNode,
  e: ProcessEventInput,
  order: Map<string, number>,
  windowMs: number,
): ProcessNode | null {
  const childAt = Date.parse(e.timestamp);
  const childOrder = order.get(child.key)!;
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i];
    if (c === child || order.get(c.key)! >= childOrder) continue; // must start before the child
    if (e.parentEntityId && c.entityId && c.entityId !== e.parentEntityId) continue; // ids disagree: another process
    const age = childAt - Date.parse(c.startedAt!);
    if (age > windowMs) return null; // older ones are older still
    return c;
  }
  return null;
}

function synthesizedParent(nodes: Record<string, ProcessNode>, e: ProcessEventInput): ProcessNode {
  const key = e.parentEntityId
    ? `e:${e.parentEntityId}`
    : `x:${e.hostId ?? ""}:${e.ppid ?? ""}:${(e.parentName ?? "").toLowerCase()}`;
  const existing = nodes[key];
  if (existing) {
    // a later child may know more about the same parent
    existing.executable ??= e.parentExecutable;
    existing.commandLine ??= e.parentCommandLine;
    existing.name ??= e.parentName;
    return existing;
  }
  const node: ProcessNode = {
    key,
    hostId: e.hostId,
    hostName: e.hostName,
    pid: e.ppid,
    ppid: null,
    entityId: e.parentEntityId,
    name: e.parentName,
    executable: e.parentExecutable,
    commandLine: e.parentCommandLine,
    userName: null,
    startedAt: null,
    synthesized: true,
    event: null,
    parentKey: null,
    edge: null,
    children: [],
  };
  nodes[key] = node;
  return node;
}

/** Links child under parent unless that would make a cycle (hostile or broken entity ids). */
function link(nodes: Record<string, ProcessNode>, parent: ProcessNode, child: ProcessNode, edge: ProcessNode["edge"]): boolean {
  for (let p: ProcessNode | undefined = parent; p; p = p.parentKey ? nodes[p.parentKey] : undefined) {
    if (p === child) return false;
  }
  child.parentKey = parent.key;
  child.edge = edge;
  parent.children.push(child.key);
  return true;
}
