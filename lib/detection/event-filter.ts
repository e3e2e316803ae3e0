import { compileAllowlist } from "../allowlist";
import { listActiveAllowlistEntries, recordAllowlistHits } from "../db/queries/allowlist";

/**
 * The allowlist filter applied to candidate events before sequencing (Elastic's exception
 * semantics: a removed event can neither start nor complete a sequence). Entries are read at every
 * execution, so new, changed, disabled and expired entries apply without a restart.
 */
export interface EventFilter {
  /** The id of the allowlist entry that removes this event from the rule's sequences, or null. */
  match(ruleId: string, doc: Record<string, unknown>, seq: number): string | null;
  suppressedCount(): number;
  /** Records hit counts (new events only) once the execution committed. */
  flushHits(): Promise<void>;
}

export async function loadEventFilter(now: Date, newAfterSeq: number): Promise<EventFilter> {
  const allowlist = compileAllowlist(await listActiveAllowlistEntries(now), now);
  for (const bad of allowlist.invalid) console.error(`[worker] allowlist entry ${bad.id} ignored: ${bad.reason}`);
  const hits = new Map<string, Set<number>>();
  return {
    match(ruleId, doc, seq) {
      if (allowlist.size === 0) return null;
      const id = allowlist.match(ruleId, doc);
      if (id && seq > newAfterSeq) {
        let s = hits.get(id);
        if (!s) hits.set(id, (s = new Set()));
        s.add(seq);
      }
      return id;
    },
    suppressedCount: () => [...hits.values()].reduce((n, s) => n + s.size, 0),
    async flushHits() {
      if (hits.size) await recordAllowlistHits([...hits].map(([entryId, s]) => ({ entryId, events: s.size, at: now })));
    },
  };
}
