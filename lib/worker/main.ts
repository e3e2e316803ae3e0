import crypto from "node:crypto";
import os from "node:os";
import { closeDb } from "../db/client";
import { openDatabase } from "../db/database";
import { beat, removeHeartbeat } from "./heartbeat";

/**
 * The detection worker: its own process (`npm run worker`; `npm start` runs it beside the web
 * server). Stops cleanly on SIGTERM/SIGINT.
 */
async function main() {
  const handle = await openDatabase({ log: (m) => console.error(`[worker] ${m}`) });
  const workerId = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  const startedAt = new Date();
  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.error(`[worker] ${workerId} started`);
  while (!stopping) {
    await beat(workerId, startedAt).catch((err) => console.error(`[worker] heartbeat failed: ${err.message}`));
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 5000);
    });
  }
  await removeHeartbeat(workerId).catch(() => undefined);
  await closeDb();
  await handle.stop();
  console.error(`[worker] ${workerId} stopped`);
}

main().catch((err) => {
  console.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
