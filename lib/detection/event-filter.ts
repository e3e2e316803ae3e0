/**
 * The allowlist filter applied to candidate events before sequencing (Elastic's exception
 * semantics). Entries are read at every execution, so changes apply without a restart.
 */
export interface EventFilter {
  /** The id of the allowlist entry that removes this event from the rule's sequences, or null. */
  match(ruleId: string, doc: Record<string, unknown>, seq: number): string | null;
  suppressedCount(): number;
  /** Records hit counts once the execution committed. */
  flushHits(alertsCreated: number): Promise<void>;
}

export async function loadEventFilter(_now: Date): Promise<EventFilter> {
  return { match: () => null, suppressedCount: () => 0, flushHits: async () => undefined };
}
