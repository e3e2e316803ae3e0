import type { ProcessTree } from "@/lib/process-tree/types";

/** An alert whose sequence includes a process's start event. */
export interface ProcessAlert {
  id: string;
  ruleName: string;
  severity: string;
  /** The alert whose page this is. */
  current: boolean;
}

/**
 * Which tree nodes have alerts: an alert belongs to the process whose start event (store seq) is one
 * of the alert's events. Pure.
 */
export function alertsByNode(
  tree: ProcessTree,
  alerts: { id: string; ruleName: string; severity: string; events: { id: number }[] }[],
  currentId: string | null = null,
): Record<string, ProcessAlert[]> {
  const bySeq = new Map<string, string>();
  for (const [key, n] of Object.entries(tree.nodes)) if (n.event) bySeq.set(String(n.event.seq), key);
  const out: Record<string, ProcessAlert[]> = {};
  for (const a of alerts) {
    const keys = new Set(a.events.map((e) => bySeq.get(String(e.id))).filter((k): k is string => !!k));
    for (const k of keys) (out[k] ??= []).push({ id: a.id, ruleName: a.ruleName, severity: a.severity, current: a.id === currentId });
  }
  return out;
}
