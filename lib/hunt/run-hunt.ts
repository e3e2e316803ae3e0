import { randomUUID } from "node:crypto";
import { requirePermission } from "../auth/actor";
import { can } from "../auth/roles";
import { alertsOfEvents, cancelBackend, openHuntCursor, type HuntCursor } from "../db/queries/hunt-events";
import { applyPipes, type CompiledQuery } from "../eql";
import { fieldGetter } from "../eql/fields";
import { completionOrder, type SequenceMatch } from "../eql/sequence";
import { ipKey } from "../eql/values";
import { env } from "../env";
import type { ServiceContext } from "../service-context";
import { huntSchema, type HuntInput } from "../validation/hunt";
import { compileHuntQuery } from "./compile-hunt";
import { finishHunt, runningHunt, startHunt, type RunningHunt } from "./running-hunts";

/**
 * A hunt: an EQL query (event query or sequence) over the stored events of a time window, on
 * PostgreSQL through the engine's pushdown plus the index path, re-checked in memory by the same
 * evaluator and sequence matcher as the worker (README: Hunting). Bounded by a result limit (then
 * `truncated`), a timeout and at most HUNT_MAX_RUNNING_PER_USER running hunts per user.
 */
export interface HuntEventRef {
  /** The event's store id (`seq`). */
  id: number;
  hostId: string | null;
  timestamp: string;
}

export interface HuntMatch {
  /** The stored documents, in the sequence's order. */
  events: Record<string, unknown>[];
  refs: HuntEventRef[];
  /** Alerts any of the events belongs to. */
  alertIds: string[];
}

export interface HuntResult {
  id: string;
  kind: "event" | "sequence";
  matches: HuntMatch[];
  truncated: boolean;
  /** Candidate events read from the store and re-checked. */
  scanned: number;
  tookMs: number;
  cancelled: boolean;
  timedOut: boolean;
}

interface Row {
  seq: number;
  ts: Date;
  hostId: string | null;
  doc: Record<string, unknown>;
}

const QUERY_CANCELED = "57014";

export async function runHunt(input: unknown, ctx: ServiceContext): Promise<HuntResult> {
  const actor = requirePermission(ctx.actor, "read");
  const h = huntSchema.parse(input);
  const q = compileHuntQuery(h.query);
  const e = env();
  const limit = h.limit ?? e.HUNT_DEFAULT_LIMIT;
  const id = h.id ?? randomUUID();
  const run = startHunt(id, actor.id, e.HUNT_MAX_RUNNING_PER_USER);
  const t0 = performance.now();
  const timeoutMs = e.HUNT_TIMEOUT_SECONDS * 1000;
  const timer = setTimeout(() => void stopHunt(run, "timeout"), timeoutMs);
  let cursor: HuntCursor | undefined;
  const collector = new Collector(q, limit, h);
  try {
    const window = { from: h.from, to: h.to, hostId: h.hostId, ip: q.kind === "event" ? h.ip : undefined };
    try {
      cursor = await openHuntCursor(q, window, timeoutMs, (pid) => {
        run.pid = pid;
      });
      if (run.stopped) throw Object.assign(new Error("stopped"), { code: QUERY_CANCELED });
      for await (const page of cursor.pages()) {
        if (run.stopped) break;
        run.scanned += page.length;
        if (!collector.push(page)) break;
        run.matches = collector.count;
      }
      if (!run.stopped) collector.finish();
    } catch (err) {
      if ((err as { code?: string }).code !== QUERY_CANCELED) throw err;
      run.stopped ??= "timeout"; // PostgreSQL's statement_timeout came first
    }
  } finally {
    clearTimeout(timer);
    await cursor?.close();
    finishHunt(id);
  }
  const matches = collector.result();
  const alerts = await alertsOfEvents(matches.flatMap((m) => m.map((r) => r)));
  return {
    id,
    kind: q.kind,
    matches: matches.map((m) => ({
      events: m.map((r) => r.doc),
      refs: m.map((r) => ({ id: r.seq, hostId: r.hostId, timestamp: r.ts.toISOString() })),
      alertIds: [...new Set(m.flatMap((r) => alerts.get(r.seq) ?? []))],
    })),
    truncated: collector.truncated || run.stopped !== null,
    scanned: run.scanned,
    tookMs: Math.round(performance.now() - t0),
    cancelled: run.stopped === "cancelled",
    timedOut: run.stopped === "timeout",
  };
}

async function stopHunt(run: RunningHunt, reason: "cancelled" | "timeout") {
  if (run.stopped) return;
  run.stopped = reason;
  if (run.pid !== null) await cancelBackend(run.pid).catch(() => undefined);
}

/** Progress of a running hunt of this actor (admins see every hunt); null once it has finished. */
export function huntProgress(id: string, ctx: ServiceContext) {
  const actor = requirePermission(ctx.actor, "read");
  const run = runningHunt(id);
  if (!run || (run.actorId !== actor.id && !can(actor.role, "hunts:manage"))) return null;
  return { id, running: true, scanned: run.scanned, matches: run.matches, elapsedMs: Date.now() - run.startedAt.getTime() };
}

/** Cancels a running hunt: its statement is cancelled in PostgreSQL, the hunt answers with what it found. */
export async function cancelHunt(id: string, ctx: ServiceContext): Promise<boolean> {
  const actor = requirePermission(ctx.actor, "read");
  const run = runningHunt(id);
  if (!run || (run.actorId !== actor.id && !can(actor.role, "hunts:manage"))) return false;
  await stopHunt(run, "cancelled");
  return true;
}

const sourceIp = fieldGetter(["source", "ip"]);
const destinationIp = fieldGetter(["destination", "ip"]);
const ipsOf = (doc: Record<string, unknown>) => [sourceIp(doc), destinationIp(doc)].flat().map(ipKey);

/**
 * Turns candidate rows into matches, keeping no more than the pipes and the limit need: an event
 * query or sequence without `tail` stops at limit + 1 (then `truncated`); with `tail N`, a ring of the
 * last min(N, limit) matches is kept.
 */
class Collector {
  private readonly matcher;
  private readonly prefix: number;
  private readonly ring: number;
  private readonly restPipes: CompiledQuery["pipes"];
  private readonly ipKey: string | undefined;
  private kept: Row[][] = [];
  private seen = 0;
  private readonly rows = new WeakMap<object, Row>();
  private readonly order = new WeakMap<Row[], number>();
  truncated = false;
  private readonly tailOverLimit: boolean;

  constructor(private readonly q: CompiledQuery, private readonly limit: number, h: HuntInput) {
    this.matcher = q.kind === "sequence" ? q.createSequenceMatcher() : null;
    const firstTail = q.pipes.findIndex((p) => p.kind === "tail");
    const heads = (firstTail < 0 ? q.pipes : q.pipes.slice(0, firstTail)).map((p) => p.count);
    this.prefix = Math.min(Infinity, ...heads);
    this.ring = firstTail < 0 ? Infinity : Math.min(q.pipes[firstTail].count, limit);
    this.tailOverLimit = firstTail >= 0 && q.pipes[firstTail].count > limit;
    this.restPipes = firstTail < 0 ? [] : q.pipes.slice(firstTail + 1);
    this.ipKey = q.kind === "sequence" && h.ip !== undefined ? ipKey(h.ip) : undefined;
  }

  get count() {
    return this.kept.length;
  }

  /** false: nothing more is needed. */
  push(page: { seq: number; ts: Date; host_id: string | null; doc: Record<string, unknown> }[]): boolean {
    for (const r of page) {
      const row: Row = { seq: r.seq, ts: r.ts, hostId: r.host_id, doc: r.doc };
      if (!this.matcher) {
        if (this.q.matches(r.doc) && !this.add([row])) return false;
        continue;
      }
      this.rows.set(r.doc, row);
      for (const m of this.matcher.push(r.doc, r.ts.getTime())) if (!this.addSequence(m)) return false;
    }
    return true;
  }

  finish() {
    if (!this.matcher) return;
    for (const m of this.matcher.flush()) if (!this.addSequence(m)) return;
  }

  private addSequence(m: SequenceMatch): boolean {
    const rows = m.events.map((d) => this.rows.get(d as object)!);
    if (this.ipKey !== undefined && !rows.some((r) => ipsOf(r.doc).includes(this.ipKey))) return true;
    this.order.set(rows, completionOrder.get(m) ?? 0);
    return this.add(rows);
  }

  private add(m: Row[]): boolean {
    if (this.seen >= this.prefix) return false;
    this.seen++;
    this.kept.push(m);
    if (this.ring !== Infinity) {
      if (this.kept.length > this.ring) {
        this.kept.shift();
        // tail N with N > limit: only the last `limit` of them are kept.
        if (this.tailOverLimit) this.truncated = true;
      }
      return true;
    }
    if (this.kept.length > Math.min(this.limit, this.prefix)) {
      this.kept.pop();
      this.truncated = this.kept.length < this.prefix;
      return false;
    }
    return true;
  }

  result(): Row[][] {
    let out = this.kept;
    if (this.q.kind === "sequence" && this.q.stages.some((s) => s.missing)) {
      out = [...out].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    }
    return applyPipes(out, this.restPipes).slice(0, this.limit);
  }
}
