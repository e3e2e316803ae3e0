-- Source-IP timeline: a connection seen at both ends (the client's outbound record and the target's
-- inbound one) counts once, and the address's own host is its origin, not a host it reached. Telling
-- the two ends apart needs network.direction: the covering index carries it, so the timeline's
-- summaries stay index-only.
DROP INDEX IF EXISTS "events_winrm_source_ip_ts_idx";
CREATE INDEX "events_winrm_source_ip_ts_idx" ON "events"("source_ip", "ts", "seq")
  INCLUDE ("host_id", "host_name", "event_id", "destination_ip", "destination_port", "source_port", "direction")
  WHERE "destination_port" IN (5985, 5986) AND 'network' = ANY ("category");
