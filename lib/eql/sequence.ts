import type { CompiledSequenceQuery, CompiledStage } from "./compile";
import type { Doc } from "./compile-value";
import { EdgeChecks, type Completed } from "./sequence-edges";

export interface SequenceMatch {
  /** The events of the sequence, one per stage that is not a missing-event stage, in order. */
  events: Doc[];
  /** Values of the join keys (sequence `by` keys then stage keys) of this sequence's key. */
  joinKeys: unknown[];
  /** One entry per stage of the query, in order: the event, or null for a missing-event stage (`![...]`). */
  stages: (Doc | null)[];
}

interface Partial {
  events: Doc[];
  /** Timestamp of the first event (maxspan is measured from it). */
  start: number;
  /** Time of the latest events filling the leading missing-event stages (null: they cannot be filled). */
  leadStart?: number | null;
}

const NONE: SequenceMatch[] = [];
const SWEEP_EVERY = 8192;

/** The order in which sequences completed (their positive stages), for callers that sort. */
export const completionOrder = new WeakMap<SequenceMatch, number>();

/**
 * The sequence state machine, following Elasticsearch's SequenceMatcher:
 *
 * - one state per join key; an event whose (non-optional) key is missing is ignored by that stage; an
 *   event with several keys (multi-valued key fields) takes part under each of them;
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
 *   and the next one);
 * - missing-event stages (`![...]`) between two stages: an event of the key matching one drops the
 *   partial waiting after the earlier stage (an event strictly between the two); at the start or the
 *   end: see sequence-edges.ts (a sequence with trailing ones is reported once its maxspan window has
 *   passed, or by `flush()`).
 *
 * Memory: keys times (stages - 1) partials at most; with maxspan, expired partials are swept
 * periodically, so memory depends on the keys active within maxspan, not on the number of events.
 */
export class SequenceMatcher {
  private readonly query: CompiledSequenceQuery;
  private readonly positive: CompiledStage[];
  /** Per positive stage i: the missing-event stages between it and stage i + 1. */
  private readonly between: CompiledStage[][];
  private readonly edges: EdgeChecks | null;
  private readonly pending = new Map<string, (Partial | undefined)[]>();
  private readonly last: number;
  private lastTs = -Infinity;
  private pushes = 0;
  private completions = 0;
  private out: SequenceMatch[] = NONE;
  /** Stage indexes whose key function equals the previous one's (same key fields), to reuse keys. */
  private readonly sameKeyAsNext: boolean[];

  constructor(query: CompiledSequenceQuery) {
    this.query = query;
    const all = query.stages;
    this.positive = all.filter((s) => !s.missing);
    this.between = this.positive.map(() => []);
    let p = -1;
    const leading: CompiledStage[] = [];
    const trailing: CompiledStage[] = [];
    for (const s of all) {
      if (!s.missing) p++;
      else if (p < 0) leading.push(s);
      else if (p === this.positive.length - 1) trailing.push(s);
      else this.between[p].push(s);
    }
    this.edges = leading.length || trailing.length ? new EdgeChecks(leading, trailing, query.maxspanMs!) : null;
    this.last = this.positive.length - 1;
    this.sameKeyAsNext = this.positive.map((s, i) => {
      const next = this.positive[i + 1];
      return !!next && s.joinKeys.map((k) => k.name).join() === next.joinKeys.map((k) => k.name).join();
    });
  }

  /** Pending partial sequences (for tests and memory checks). */
  get pendingCount(): number {
    let n = 0;
    for (const slots of this.pending.values()) for (const p of slots) if (p) n++;
    return n + (this.edges?.waitingCount ?? 0);
  }

  stageMatches(stageIndex: number, doc: Doc): boolean {
    return this.query.stageMatches(stageIndex, doc);
  }

  /**
   * Feeds one event; events must arrive in time order (timestamp, then the caller's tiebreaker).
   * Returns the sequences reported at this event (usually none). Events without a timestamp are ignored.
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
    this.pushes++;
    if (this.pushes % SWEEP_EVERY === 0) this.sweep(ts);
    this.out = NONE;
    const edges = this.edges;
    if (edges) for (const c of edges.expire(ts)) this.emit(c);

    const stages = this.positive;
    let keys: string | string[] | null = null;
    for (let s = this.last; s >= 0; s--) {
      const stage = stages[s];
      if (s === this.last || !this.sameKeyAsNext[s]) keys = stage.keys(doc);
      if (keys === null) continue;
      this.matchState = 0;
      if (typeof keys === "string") this.step(s, keys, doc, ts);
      else for (const k of keys) this.step(s, k, doc, ts);
    }
    for (let i = 0; i < this.between.length; i++) {
      for (const m of this.between[i]) if (m.matches(doc)) this.forKeys(m, doc, (k) => this.dropWaitingAfter(i, k, doc));
    }
    if (edges) edges.observe(doc, ts, this.pushes);
    const until = this.query.until;
    if (until && until.matches(doc)) this.forKeys(until, doc, (k) => this.pending.delete(k));
    return this.out;
  }

  /**
   * Reports the sequences still waiting for the end of their window (trailing missing-event stages):
   * call it when no more events will come (the end of the data), as Elasticsearch answers a query.
   */
  flush(): SequenceMatch[] {
    this.out = NONE;
    if (this.edges) for (const c of this.edges.flush()) this.emit(c);
    return this.out;
  }

  private forKeys(stage: CompiledStage, doc: Doc, fn: (key: string) => void) {
    const k = stage.keys(doc);
    if (k === null) return;
    if (typeof k === "string") fn(k);
    else for (const x of k) fn(x);
  }

  /** Whether the current stage's condition holds for the event: evaluated once per stage and event. */
  private matchState = 0;
  private stageTest(stage: CompiledStage, doc: Doc): boolean {
    if (this.matchState === 0) this.matchState = stage.matches(doc) ? 1 : 2;
    return this.matchState === 1;
  }

  /** One stage, one key. */
  private step(s: number, key: string, doc: Doc, ts: number) {
    const stage = this.positive[s];
    const maxspanMs = this.query.maxspanMs;
    if (s > 0) {
      // Cheap check first: without a partial to extend, the condition need not be evaluated.
      const slots = this.pending.get(key);
      const prev = slots?.[s - 1];
      if (!prev || !this.stageTest(stage, doc)) return;
      slots![s - 1] = undefined;
      if (maxspanMs !== null && ts - prev.start > maxspanMs) {
        this.dropIfEmpty(key, slots!);
        return;
      }
      prev.events.push(doc);
      if (s === this.last) {
        this.complete(prev, key, ts);
        this.dropIfEmpty(key, slots!);
      } else {
        slots![s] = prev;
      }
    } else if (this.stageTest(stage, doc)) {
      const partial: Partial = { events: [doc], start: ts };
      if (this.edges) partial.leadStart = this.edges.leadingStart(key, this.pushes);
      if (this.last === 0) {
        this.complete(partial, key, ts);
        return;
      }
      let slots = this.pending.get(key);
      if (!slots) {
        slots = new Array(this.last).fill(undefined);
        this.pending.set(key, slots);
      }
      slots[0] = partial;
    }
  }

  private complete(p: Partial, key: string, ts: number) {
    const c: Completed = { events: p.events, key, start: p.start, end: ts, leadStart: p.leadStart, order: this.completions++ };
    if (!this.edges) this.emit(c);
    else {
      if (this.edges.completed(c, this.pushes)) this.emit(c);
    }
  }

  private emit(c: Completed) {
    const stageList = this.query.stages;
    let stages: (Doc | null)[] = c.events;
    if (stageList.length !== c.events.length) {
      let i = 0;
      stages = stageList.map((s) => (s.missing ? null : c.events[i++]));
    }
    const m: SequenceMatch = { events: c.events, joinKeys: this.positive[0].decodeKey(c.key), stages };
    completionOrder.set(m, c.order);
    if (this.out === NONE) this.out = [];
    this.out.push(m);
  }

  /** A missing-event stage after positive stage i matched: the partial waiting there is dropped. */
  private dropWaitingAfter(i: number, key: string, doc: Doc) {
    const slots = this.pending.get(key);
    const p = slots?.[i];
    if (!p || p.events[p.events.length - 1] === doc) return;
    slots![i] = undefined;
    this.dropIfEmpty(key, slots!);
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
    this.edges?.sweep(now);
  }
}
