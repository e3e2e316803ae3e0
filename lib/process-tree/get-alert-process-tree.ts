import type { AlertStage } from "../alerts/types";
import { getAlert } from "../db/queries/alerts";
import { fillProcessDocs, findProcessStart, listHostProcessStarts } from "../db/queries/process-events";
import { notFound } from "../http/errors";
import { buildProcessTree } from "./build-tree";
import { findNode, selectAlertTree } from "./select";
import { DEFAULT_PID_WINDOW_MS, type ProcessEventInput, type ProcessTree } from "./types";

const HOUR = 60 * 60 * 1000;
const MAX_ANCESTOR_LOOKUPS = 8;

export interface AlertProcessTreeJson {
  alertId: string;
  host: { id: string; name: string | null };
  window: { from: string; to: string };
  focusKey: string | null;
  lineage: string[];
  siblings: string[];
  tree: ProcessTree;
  truncated: boolean;
}

/**
 * The process tree of an alert: the process the rule matched with its ancestors (whoami.exe ←
 * wsmprovhost.exe ← svchost.exe), its descendants, and the other processes the same
 * wsmprovhost.exe / winrshost.exe started, from the host's process starts within ±1 h of the alert.
 * Ancestors that started earlier are looked up one by one (up to 24 h before their child).
 */
export async function getAlertProcessTree(alertId: string): Promise<AlertProcessTreeJson> {
  const alert = await getAlert(alertId);
  if (!alert) throw notFound("Alert");
  const at = alert.lastEventAt.getTime();
  const from = new Date(at - HOUR);
  const to = new Date(at + HOUR);
  // Documents only for the nodes the answer keeps (a busy host has thousands of starts an hour).
  const { events, truncated } = await listHostProcessStarts(alert.hostId, from, to, { withDocs: false });
  const docless = new Set(events.map((e) => e.seq));

  const stages = (alert.stages as unknown as AlertStage[]) ?? [];
  const stage = [...stages].reverse().find((s) => s.category === "process" || s.fields?.processName) ?? null;
  const focusSeq = stage ? String(stage.event.id) : null;
  if (stage && focusSeq && !events.some((e) => e.seq === focusSeq)) events.push(stageAsEvent(stage, alert.hostId, alert.hostName));

  let tree = buildProcessTree(events);
  const locate = () =>
    findNode(tree, {
      seq: focusSeq,
      entityId: stage?.fields.processEntityId,
      hostId: alert.hostId,
      pid: stage?.fields.processPid ?? null,
      at: stage?.event.timestamp ?? alert.lastEventAt.toISOString(),
    });
  let focusKey = locate();

  // Walk up past the window: the parent of the topmost known ancestor may have started long before.
  const seen = new Set(events.map((e) => e.seq));
  for (let i = 0; focusKey && i < MAX_ANCESTOR_LOOKUPS; i++) {
    let top = tree.nodes[focusKey];
    while (top.parentKey && !tree.nodes[top.parentKey].synthesized) top = tree.nodes[top.parentKey];
    const synth = top.parentKey ? tree.nodes[top.parentKey] : null;
    const own = top.event ? events.find((e) => e.seq === top.event!.seq) : undefined;
    const wanted = synth ? { entityId: synth.entityId, pid: synth.pid } : { entityId: own?.parentEntityId ?? null, pid: own?.ppid ?? null };
    const before = new Date(top.startedAt ? Date.parse(top.startedAt) : at);
    const found = await findProcessStart(alert.hostId, wanted, new Date(before.getTime() - DEFAULT_PID_WINDOW_MS), before);
    if (!found || seen.has(found.seq)) break;
    seen.add(found.seq);
    events.push(found);
    tree = buildProcessTree(events);
    focusKey = locate();
  }

  const host = { id: alert.hostId, name: alert.hostName };
  const window = { from: from.toISOString(), to: to.toISOString() };
  const sel = focusKey ? selectAlertTree(tree, focusKey) : { tree, lineage: [], siblings: [] };
  const kept = Object.values(sel.tree.nodes).filter((n) => n.event && docless.has(n.event.seq));
  const docs = await fillProcessDocs(alert.hostId, from, to, kept.map((n) => n.event!.seq));
  for (const n of kept) n.event!.doc = docs.get(n.event!.seq) ?? n.event!.doc;
  return { alertId, host, window, focusKey, lineage: sel.lineage, siblings: sel.siblings, tree: sel.tree, truncated };
}

/** The alert's own copy of its process event, when the event store no longer has it. */
function stageAsEvent(stage: AlertStage, hostId: string, hostName: string | null): ProcessEventInput {
  const f = stage.fields ?? {};
  return {
    seq: String(stage.event.id),
    eventId: stage.event.eventId,
    timestamp: stage.event.timestamp,
    hostId,
    hostName: f.hostName ?? hostName,
    pid: f.processPid ?? null,
    ppid: f.parentPid ?? null,
    entityId: f.processEntityId ?? null,
    parentEntityId: f.parentEntityId ?? null,
    name: f.processName ?? null,
    executable: f.processExecutable ?? null,
    commandLine: f.commandLine ?? null,
    userName: f.userName ?? null,
    parentName: f.parentName ?? null,
    parentExecutable: f.parentExecutable ?? null,
    parentCommandLine: f.parentCommandLine ?? null,
    doc: stage.doc ?? {},
  };
}
