import type { CompiledStage } from "./compile";
import type { Doc } from "./compile-value";

/** A sequence whose positive stages are complete. */
export interface Completed {
  events: Doc[];
  key: string;
  /** Times of its first and last events. */
  start: number;
  end: number;
  /** Time of the earliest event filling the leading missing-event stages; null: they cannot be filled. */
  leadStart?: number | null;
  /** Completion order. */
  order: number;
}

interface Seen {
  ts: number;
  ord: number;
}

interface Waiting {
  c: Completed;
  /** Index of the next trailing stage to fill. */
  next: number;
  deadline: number;
  ord: number;
  done: boolean;
}

/**
 * Missing-event stages at the start and the end of a sequence (`![a] [b] ![c]`), as Elasticsearch's
 * QA suite (test_missing_events.toml) defines them: the sequence is dropped when events of its key
 * can fill every one of its leading and trailing missing-event stages, in order (leading ones before
 * the first event, trailing ones after the last), with the whole — those events included — within
 * maxspan. The latest fitting events are taken for leading stages and the earliest for trailing ones
 * (which is the best chance to fit). A sequence with trailing stages is therefore reported only when
 * its window (from its first event, leading ones included, plus maxspan) has passed, or at `flush()`.
 */
export class EdgeChecks {
  /** Per key, per leading stage: recent matching events (within maxspan), oldest first. */
  private readonly seen = new Map<string, Seen[][]>();
  private readonly waitingByKey = new Map<string, Waiting[]>();
  private waiting: Waiting[] = [];
  private minDeadline = Infinity;
  private ord = 0;

  constructor(
    private readonly leading: CompiledStage[],
    private readonly trailing: CompiledStage[],
    private readonly maxspan: number,
  ) {}

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** For a sequence started by the event at ordinal `ord`: the start of its leading fill (see Completed). */
  leadingStart(key: string, ord: number): number | null | undefined {
    if (this.leading.length === 0) return undefined;
    const lists = this.seen.get(key);
    if (!lists) return null;
    let bound = ord;
    let start: number | null = null;
    for (let j = this.leading.length - 1; j >= 0; j--) {
      const list = lists[j];
      let found: Seen | undefined;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].ord < bound) {
          found = list[i];
          break;
        }
      }
      if (!found) return null;
      bound = found.ord;
      start = found.ts;
    }
    return start;
  }

  /** A sequence's positive stages completed at ordinal `ord`: true to report it now, false if dropped or waiting. */
  completed(c: Completed, ord: number): boolean {
    if (this.leading.length > 0 && (c.leadStart === null || c.leadStart === undefined)) return true;
    const start = this.leading.length > 0 ? (c.leadStart as number) : c.start;
    if (this.trailing.length === 0) return c.end - start > this.maxspan;
    const deadline = start + this.maxspan;
    if (c.end > deadline) return true;
    const w: Waiting = { c, next: 0, deadline, ord, done: false };
    this.waiting.push(w);
    const list = this.waitingByKey.get(c.key);
    if (list) list.push(w);
    else this.waitingByKey.set(c.key, [w]);
    if (deadline < this.minDeadline) this.minDeadline = deadline;
    return false;
  }

  /** Sequences whose window ended before `ts`: nothing can drop them any more. */
  expire(ts: number): Completed[] {
    if (ts <= this.minDeadline) return [];
    const out: Waiting[] = [];
    const keep: Waiting[] = [];
    this.minDeadline = Infinity;
    for (const w of this.waiting) {
      if (w.done) continue;
      if (w.deadline < ts) {
        out.push(w);
        w.done = true;
      } else {
        keep.push(w);
        if (w.deadline < this.minDeadline) this.minDeadline = w.deadline;
      }
    }
    this.waiting = keep;
    for (const w of out) this.unlink(w);
    return out.map((w) => w.c).sort((a, b) => a.order - b.order);
  }

  /** Every waiting sequence (the end of the data). */
  flush(): Completed[] {
    const out = this.waiting.filter((w) => !w.done).map((w) => w.c).sort((a, b) => a.order - b.order);
    this.waiting = [];
    this.waitingByKey.clear();
    this.minDeadline = Infinity;
    return out;
  }

  /** Records the event for leading stages and lets it fill trailing stages of waiting sequences. */
  observe(doc: Doc, ts: number, ord: number): void {
    this.ord = ord;
    for (let j = this.trailing.length - 1; j >= 0 && this.waiting.length > 0; j--) {
      const stage = this.trailing[j];
      if (!stage.matches(doc)) continue;
      forKeys(stage, doc, (key) => {
        const list = this.waitingByKey.get(key);
        if (!list) return;
        for (const w of list) {
          if (w.done || w.next !== j || w.ord === ord || ts > w.deadline) continue;
          w.next++;
          if (w.next === this.trailing.length) {
            w.done = true; // every trailing stage filled within the window: the sequence is dropped
          }
        }
        const live = list.filter((w) => !w.done);
        if (live.length) this.waitingByKey.set(key, live);
        else this.waitingByKey.delete(key);
      });
    }
    if (this.waiting.some((w) => w.done)) this.waiting = this.waiting.filter((w) => !w.done);
    for (let j = 0; j < this.leading.length; j++) {
      const stage = this.leading[j];
      if (!stage.matches(doc)) continue;
      forKeys(stage, doc, (key) => {
        let lists = this.seen.get(key);
        if (!lists) {
          lists = this.leading.map(() => []);
          this.seen.set(key, lists);
        }
        const list = lists[j];
        list.push({ ts, ord });
        while (list.length && list[0].ts < ts - this.maxspan) list.shift();
      });
    }
  }

  sweep(now: number): void {
    for (const [key, lists] of this.seen) {
      for (let j = 0; j < lists.length; j++) lists[j] = lists[j].filter((s) => s.ts >= now - this.maxspan);
      if (lists.every((l) => l.length === 0)) this.seen.delete(key);
    }
  }

  private unlink(w: Waiting) {
    const list = this.waitingByKey.get(w.c.key);
    if (!list) return;
    const live = list.filter((x) => x !== w && !x.done);
    if (live.length) this.waitingByKey.set(w.c.key, live);
    else this.waitingByKey.delete(w.c.key);
  }
}

function forKeys(stage: CompiledStage, doc: Doc, fn: (key: string) => void) {
  const k = stage.keys(doc);
  if (k === null) return;
  if (typeof k === "string") fn(k);
  else for (const x of k) fn(x);
}
