-- Indexes the triage pages read through index-only scans instead of the alerts heap (about 2 KB a
-- row: the stored documents) or scattered event rows.

-- Grouped alert list (by host, source IP or rule) and the per-status counts: each group query reads
-- only its status range of one of these.
CREATE INDEX "alerts_status_host_group_idx" ON "alerts"("status", "host_id", "host_name", "risk_score", "created_at");
CREATE INDEX "alerts_status_source_ip_group_idx" ON "alerts"("status", "source_ip", "risk_score", "created_at");
CREATE INDEX "alerts_status_rule_group_idx" ON "alerts"("status", "rule_id", "rule_name", "risk_score", "created_at");

-- Source-IP timeline: the alerts of one address in a window, per host, in (first_event_at, id) order.
CREATE INDEX "alerts_source_ip_timeline_idx" ON "alerts"("source_ip", "first_event_at", "id", "last_event_at", "host_id", "host_name");

-- Source-IP timeline: one address's inbound WinRM connections. Partial (only WinRM connections) and
-- covering, so an address with thousands of connections is summarized from the index alone.
-- Prisma's schema language cannot express a partial or covering index: schema.prisma notes it.
CREATE INDEX "events_winrm_source_ip_ts_idx" ON "events"("source_ip", "ts", "seq")
  INCLUDE ("host_id", "host_name", "event_id", "destination_ip", "destination_port", "source_port")
  WHERE "destination_port" IN (5985, 5986) AND 'network' = ANY ("category");

-- Index-only scans need an up-to-date visibility map: vacuum alerts after 5 % of rows changed or
-- were added instead of 20 % (triage updates rows all day).
ALTER TABLE "alerts" SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05);
