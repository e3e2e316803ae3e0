-- Grouping recomputes every incident it touches from its alerts (counts, hosts, priority, severity,
-- first/last, and the earliest alerts' hops for patient zero) in each detection transaction. With
-- incidents of thousands of alerts, reading their heap rows made grouping slow down as incidents
-- grew. This index carries every column those two reads and the incident page's alert list need,
-- so they are index-only scans; it replaces (incident_id, first_event_at), its prefix.
DROP INDEX IF EXISTS "alerts_incident_id_first_event_at_idx";
CREATE INDEX "alerts_incident_members_idx" ON "alerts"("incident_id", "first_event_at", "id")
  INCLUDE ("status", "host_id", "host_name", "priority", "risk_score", "critical", "severity", "last_event_at", "source_ip", "source_host_id", "source_host_name");

-- Pivot marking looks for the later alerts from a host that are not pivots yet: usually none, but
-- the full (source_host_id, first_event_at) range of a busy host is every alert it started.
CREATE INDEX "alerts_source_host_not_pivot_idx" ON "alerts"("source_host_id", "first_event_at") WHERE NOT "pivot";
