import type { Pipe } from "./ast";
import { compileQuery, type CompiledQuery, type EqlOptions } from "./compile";
import type { Doc } from "./compile-value";
import { fieldGetter } from "./fields";
import { completionOrder, type SequenceMatch } from "./sequence";

export interface EqlMatch {
  /** One event for an event query; the sequence's events in order for a sequence. */
  events: Doc[];
  /** Sequences only: the join key values. */
  joinKeys?: unknown[];
  /** Sequences only: one entry per stage, null for a missing-event stage (`![...]`). */
  stages?: (Doc | null)[];
}

/** Applies `| head N` and `| tail N` in order (head: the first N, tail: the last N, order kept). */
export function applyPipes<T>(items: T[], pipes: Pipe[]): T[] {
  let out = items;
  for (const p of pipes) out = p.kind === "head" ? out.slice(0, p.count) : out.slice(Math.max(0, out.length - p.count));
  return out;
}

function compareTiebreakers(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Events without a tiebreaker sort after those with one (Elasticsearch: nulls last).
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Orders events as Elasticsearch does: by timestamp, then by the tiebreaker field, then by input
 * order. Events without a readable timestamp are left out.
 */
export function sortEvents(compiled: CompiledQuery, docs: Iterable<Doc>): Doc[] {
  const tiebreaker = compiled.options.tiebreakerField;
  const getTie = tiebreaker ? fieldGetter(tiebreaker.split(".")) : undefined;
  const rows: { doc: Doc; ts: number; tie: unknown; index: number }[] = [];
  let index = 0;
  for (const doc of docs) {
    const ts = compiled.timestampOf(doc);
    if (ts !== undefined) {
      const raw = getTie?.(doc);
      rows.push({ doc, ts, tie: Array.isArray(raw) ? raw[0] : raw, index });
    }
    index++;
  }
  rows.sort((a, b) => a.ts - b.ts || (getTie ? compareTiebreakers(a.tie, b.tie) : 0) || a.index - b.index);
  return rows.map((r) => r.doc);
}

/** Evaluates a query over events in any order; returns the matches after head/tail. */
export function evaluate(query: CompiledQuery | string, docs: Iterable<Doc>, options?: EqlOptions): EqlMatch[] {
  const compiled = typeof query === "string" ? compileQuery(query, options) : query;
  const ordered = sortEvents(compiled, docs);
  if (compiled.kind === "event") {
    const matches: EqlMatch[] = [];
    for (const doc of ordered) if (compiled.matches(doc)) matches.push({ events: [doc] });
    return applyPipes(matches, compiled.pipes);
  }
  const matcher = compiled.createSequenceMatcher();
  const matches: SequenceMatch[] = [];
  for (const doc of ordered) for (const m of matcher.push(doc)) matches.push(m);
  for (const m of matcher.flush()) matches.push(m);
  // Sequences waiting for their window (trailing missing-event stages) are reported late: back in completion order.
  if (compiled.stages.some((s) => s.missing)) matches.sort((a, b) => completionOrder.get(a)! - completionOrder.get(b)!);
  return applyPipes(matches, compiled.pipes);
}
