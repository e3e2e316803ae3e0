import { pool } from "../db/client";
import { pruneOutbox } from "../db/queries/notifications";
import { listenOn, openNotificationConnection } from "../db/queries/worker";
import { env } from "../env";
import { startListener } from "../worker/listener";
import { deliverDue } from "./deliver";

/**
 * The worker's delivery loop, beside detection in the same process: a pass at once when an outbox
 * row commits (LISTEN lateral_notifications), another right away while passes come back full, and
 * one a second otherwise (retries and digest windows come due on the clock). Hourly, delivered and
 * suppressed messages older than RETENTION_DAYS are deleted.
 */
const PRUNE_EVERY_MS = 3600_000;
export interface DeliveryLoop {
  stop(): Promise<void>;
}

export function startDeliveryLoop(opts: { log: (m: string) => void; idleMs?: number }): DeliveryLoop {
  let stopping = false;
  let wake: (() => void) | undefined;
  let woken = false;
  // One reconnect loop with bounded, jittered backoff (lib/worker/listener.ts): never more than
  // one connection or attempt, however long the database is away.
  const listener = startListener({
    open: openNotificationConnection,
    listen: (c) => listenOn(c, ["lateral_notifications"]),
    onNotify: () => {
      woken = true;
      wake?.();
    },
    onConnected: () => {
      woken = true;
      wake?.();
    },
  });

  const loop = (async () => {
    let lastError = "";
    let lastPrune = 0;
    while (!stopping) {
      woken = false;
      let busy = false;
      try {
        if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          const pruned = await pruneOutbox(pool(), new Date(Date.now() - env().RETENTION_DAYS * 86_400_000));
          if (pruned) opts.log(`notifications: ${pruned} delivered messages past retention deleted`);
        }
        const s = await deliverDue();
        busy = s.claimed > 0;
        if (s.delivered || s.failed || s.suppressed || s.abandoned) {
          opts.log(`notifications: ${s.delivered} delivered, ${s.failed} failed, ${s.suppressed} suppressed${s.abandoned ? `, ${s.abandoned} dead after an interrupted last attempt` : ""}`);
        }
        lastError = "";
      } catch (err) {
        const m = (err as Error).message;
        if (m !== lastError) opts.log(`notifications: ${m}`);
        lastError = m;
      }
      if (stopping || busy || woken) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, opts.idleMs ?? 1000);
      });
      wake = undefined;
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await listener.stop();
    },
  };
}
