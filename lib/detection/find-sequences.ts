import type pg from "pg";
import { affectedHostWindows, candidateEvents, type SqlCondition } from "../db/queries/detection";
import { EVENT_COLUMNS } from "../ecs/columns";
import type { Rule } from "../rules";
import { buildAlert, type MatchedEvent, type NewAlert } from "./build-alert";
import type { EventFilter } from "./event-filter";

/**
 * The sequences of one execution (README.md, steps 3–6): new candidate events → affected (host,
 * time) windows → the candidate events of those windows through the engine's SQL pushdown →
 * allowlist filter → the sequence state machine → the matches that contain a new event.
 */
export interface Found {
  /** `key`: the highest ingest sequence among the match's events. */
  matches: { key: number; alert: NewAlert }[];
  candidates: number;
  suppressed: number;
  onCommitted(): Promise<void>;
}

/** Each new candidate is replayed with 2 × maxspan of context on both sides (README: why that is exact). */
export function windowMarginMs(rule: Rule): number | null {
  const q = rule.compiled;
  if (q.kind !== "sequence") return 0;
  return q.maxspanMs === null ? null : 2 * q.maxspanMs;
}

export async function findSequences(
  c: pg.PoolClient,
  rule: Rule,
  range: { from: number; to: number },
  shard: string,
  filter: EventFilter,
): Promise<Found> {
  const q = rule.compiled;
  // Any stage (or until) of a sequence, or the event query's filter, numbered after the scan's own parameters.
  const candidate: SqlCondition = (paramOffset) => q.toSql({ columns: EVENT_COLUMNS, docColumn: "doc", paramOffset });
  const marginMs = windowMarginMs(rule);
  // New candidates closer than twice the margin (4 × maxspan) share one window.
  const windows = await affectedHostWindows(c, range, candidate, shard, marginMs === null ? null : 2 * marginMs);

  const matches: Found["matches"] = [];
  let candidates = 0;
  const meta = new WeakMap<object, MatchedEvent>();
  let currentHost: string | null = null;
  let matcher = q.kind === "sequence" ? q.createSequenceMatcher() : null;
  for await (const page of candidateEvents(c, windows, marginMs, range.to, candidate)) {
    for (const row of page) {
      candidates++;
      if (filter.match(rule.ruleId, row.doc, row.seq)) continue;
      const ev: MatchedEvent = { seq: row.seq, ts: row.ts, doc: row.doc, enrichments: row.enrichments ?? [] };
      if (q.kind !== "sequence") {
        if (row.seq > range.from && q.matches(row.doc)) matches.push({ key: row.seq, alert: buildAlert(rule, [ev]) });
        continue;
      }
      if (row.host_id !== currentHost) {
        currentHost = row.host_id;
        matcher = q.createSequenceMatcher();
      }
      meta.set(row.doc, ev);
      for (const m of matcher!.push(row.doc)) {
        const events = m.events.map((d) => meta.get(d as object)).filter((e): e is MatchedEvent => e !== undefined);
        const key = Math.max(...events.map((e) => e.seq));
        if (key > range.from) matches.push({ key, alert: buildAlert(rule, events) });
      }
    }
  }
  return { matches, candidates, suppressed: filter.suppressedCount(), onCommitted: filter.flushHits };
}
