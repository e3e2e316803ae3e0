-- Sign-in throttling: one row per key (account × address, account, address), updated under a row
-- lock so that a parallel burst evaluates at most the limit (lib/auth/throttle.ts). Replaces the
-- check-then-record login_failures table.
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "last_locked_at" TIMESTAMPTZ(3),

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

DROP TABLE "login_failures";

-- A worker that stops cleanly marks its heartbeat stopped instead of deleting it, so health shows
-- the shard without a worker.
ALTER TABLE "worker_heartbeats" ADD COLUMN "stopped_at" TIMESTAMPTZ(3);
