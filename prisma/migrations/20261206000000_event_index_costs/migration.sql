-- Ingest cost: every index of events is written by every stored event (`npm run bench:ingest`
-- prints what each costs per event).
--
-- The primary key leads with seq, and events_seq_idx is dropped: detection's pending ranges
-- (seq > $1 AND seq <= $2), the hunt's lookups by seq and the oldest-pending query read the key
-- instead. No query looks events up by ingested_at first (retention drops whole partitions).
ALTER TABLE "events" DROP CONSTRAINT "events_pkey";
ALTER TABLE "events" ADD CONSTRAINT "events_pkey" PRIMARY KEY ("seq", "ingested_at");
DROP INDEX IF EXISTS "events_seq_idx";

-- (destination_port, host_id, ts) holds only events with a destination port: every query that
-- reads it compares destination_port (detection's network stages, `destination_port = ANY(...)`;
-- the hunt's index conditions), which implies it is not null. Process and file events, most of
-- the traffic, no longer write it.
DROP INDEX IF EXISTS "events_destination_port_host_id_ts_idx";
CREATE INDEX "events_destination_port_host_id_ts_idx" ON "events"("destination_port", "host_id", "ts")
  WHERE "destination_port" IS NOT NULL;
