import { AppError } from "../http/errors";

/**
 * The hunts running in this process: at most `perUser` at once for one actor, each with its progress
 * (events scanned) and a way to cancel it. Kept on globalThis: Next.js may load this module once per
 * route bundle, and the hunt, its progress and its cancel are three routes.
 */
export interface RunningHunt {
  id: string;
  actorId: string;
  startedAt: Date;
  scanned: number;
  matches: number;
  /** Set once the hunt's connection is open. */
  pid: number | null;
  /** "cancelled" or "timeout" once the hunt was stopped. */
  stopped: "cancelled" | "timeout" | null;
}

const g = globalThis as unknown as { lateralHunts?: Map<string, RunningHunt> };
const hunts = (): Map<string, RunningHunt> => (g.lateralHunts ??= new Map());

export function startHunt(id: string, actorId: string, perUser: number): RunningHunt {
  if (hunts().has(id)) throw new AppError("conflict", `hunt ${id} is already running`);
  const mine = [...hunts().values()].filter((h) => h.actorId === actorId).length;
  if (mine >= perUser) {
    throw new AppError("too_many_requests", `at most ${perUser} hunts may run at once for one user; wait for one to finish or cancel it`, undefined, 2);
  }
  const h: RunningHunt = { id, actorId, startedAt: new Date(), scanned: 0, matches: 0, pid: null, stopped: null };
  hunts().set(id, h);
  return h;
}

export function finishHunt(id: string) {
  hunts().delete(id);
}

export function runningHunt(id: string): RunningHunt | undefined {
  return hunts().get(id);
}
