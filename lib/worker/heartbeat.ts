import os from "node:os";
import { deleteReplacedHeartbeats, markHeartbeatStopped, upsertHeartbeat, type HeartbeatInfo } from "../db/queries/worker";

/**
 * The worker's liveness row, read by /api/health: written every few seconds; marked stopped (not
 * deleted) at a clean stop so that health shows a shard left without a worker. A worker starting on
 * a shard removes the rows of earlier workers of that shard that stopped or fell silent.
 */
export const HEARTBEAT_EVERY_MS = 5_000;
export const SILENT_AFTER_MS = 120_000;

export async function beat(workerId: string, startedAt: Date, info: HeartbeatInfo) {
  await upsertHeartbeat({ workerId, pid: process.pid, hostname: os.hostname(), startedAt, info });
}

export async function replaceEarlierWorkers(workerId: string, shard: string) {
  await deleteReplacedHeartbeats(shard, workerId, new Date(Date.now() - SILENT_AFTER_MS));
}

export async function markStopped(workerId: string) {
  await markHeartbeatStopped(workerId);
}
