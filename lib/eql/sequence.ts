import type { CompiledSequenceQuery } from "./compile";
import type { Doc } from "./compile-value";

export interface SequenceMatch {
  /** The events of the sequence, one per stage, in order. */
  events: Doc[];
  /** Values of the join keys (sequence `by` keys then stage keys), from the first event. */
  joinKeys: unknown[];
}

interface Partial {
  events: Doc[];
  /** Timestamp of the first event (maxspan is measured from it). */
  start: number;
}

const NONE: SequenceMatch[] = [];
const SWEEP_EVERY = 8192;

/**
 * The sequence state machine, following Elasticsearch's SequenceMatcher:
 *
 * - one state per join key; an event whose (non-optional) key is missing is ignored by that stage;
 * - per key and stage at most one pending partial sequence: a stage-N event extends the latest
 *   partial at stage N-1 with an earlier ordinal, and older ones are dropped (Elasticsearch trims
 *   everything before the match it takes, so only the latest can ever be used);
 * - an event matching several stages is tried from the last stage down, so it never extends a
 *   partial it has just created or extended (Elasticsearch requires a strictly earlier ordinal);
 * - maxspan is inclusive, from the first event to the last; a partial that is too old is dropped
 *   when a later event tries to extend it;
 * - a completed sequence consumes its partial; completed sequences are reported in completion order;
 * - `until`: an until event drops every pending partial of its key, including one this very event
 *   created (Elasticsearch rejects a sequence when an until event lies between or on its last match
 *   and the next one).
 *
 * Memory: keys times (stages - 1) partials at most; with maxspan, expired partials are swept
 * periodically, so memory depends on the keys active within maxspan, not on the number of events.
 */
export class SequenceMatcher {
  private readonly query: CompiledSequenceQuery;
  private readonly pending = new Map<string, (Partial | undefined)[]>();
  private readonly last: number;
  private lastTs = -Infinity;
  private pushes = 0;
  /** Stage indexes whose key function equals the previous one's (same key fields), to reuse keys. */
  private readonly sameKeyAsNext: boolean[];

  constructor(query: CompiledSequenceQuery) {
    this.query = query;
    this.last = query.stages.length - 1;
    this.sameKeyAsNext = query.stages.map((s, i) => {
      const next = query.stages[i + 1];
      return !!next && s.joinKeys.map((k) => k.name).join() === next.joinKeys.map((k) => k.name).join();
    });
  }

  /** Pending partial sequences (for tests and memory checks). */
  get pendingCount(): number {
    let n = 0;
    for (const slots of this.pending.values()) for (const p of slots) if (p) n++;
    return n;
  }

  stageMatches(stageIndex: number, doc: Doc): boolean {
    return this.query.stageMatches(stageIndex, doc);
  }

  /**
   * Feeds one event; events must arrive in time order (timestamp, then the caller's tiebreaker).
   * Returns the sequences this event completes (usually none). Events without a timestamp are ignored.
   * `timestampMs`: the event time when the caller already has it (e.g. from a typed column), which
   * saves reading and parsing the document's timestamp field.
   */
  push(doc: Doc, timestampMs?: number): SequenceMatch[] {
    const ts = timestampMs ?? this.query.timestampOf(doc);
    if (ts === undefined) return NONE;
    if (ts < this.lastTs) {
      throw new Error(`events must be pushed in time order: ${new Date(ts).toISOString()} came after ${new Date(this.lastTs).toISOString()}`);
    }
    this.lastTs = ts;
    if (++this.pushes % SWEEP_EVERY === 0) this.sweep(ts);

    const { stages, maxspanMs, until } = this.query;
    let completed: SequenceMatch[] = NONE;
    let key: string | null = null;
    for (let s = this.last; s >= 0; s--) {
      const stage = stages[s];
      if (s === this.last || !this.sameKeyAsNext[s]) key = stage.keyOf(doc);
      if (key === null) continue;
      if (s > 0) {
        // Cheap check first: without a partial to extend, the condition need not be evaluated.
        const slots = this.pending.get(key);
        const prev = slots?.[s - 1];
        if (!prev || !stage.matches(doc)) continue;
        slots![s - 1] = undefined;
        if (maxspanMs !== null && ts - prev.start > maxspanMs) {
          this.dropIfEmpty(key, slots!);
          continue;
        }
        prev.events.push(doc);
        if (s === this.last) {
          if (completed === NONE) completed = [];
          completed.push({ events: prev.events, joinKeys: stages[0].keyValues(prev.events[0]) });
          this.dropIfEmpty(key, slots!);
        } else {
          slots![s] = prev;
        }
      } else if (stage.matches(doc)) {
        let slots = this.pending.get(key);
        if (!slots) {
          slots = new Array(this.last).fill(undefined);
          this.pending.set(key, slots);
        }
        slots[0] = { events: [doc], start: ts };
      }
    }
    if (until && until.matches(doc)) {
      const k = until.keyOf(doc);
      if (k !== null) this.pending.delete(k);
    }
    return completed;
  }

  private dropIfEmpty(key: string, slots: (Partial | undefined)[]) {
    for (const p of slots) if (p) return;
    this.pending.delete(key);
  }

  /** Drops partials that can no longer complete within maxspan. */
  private sweep(now: number) {
    const maxspan = this.query.maxspanMs;
    if (maxspan === null) return;
    for (const [key, slots] of this.pending) {
      for (let i = 0; i < slots.length; i++) {
        const p = slots[i];
        if (p && now - p.start > maxspan) slots[i] = undefined;
      }
      this.dropIfEmpty(key, slots);
    }
  }
}
