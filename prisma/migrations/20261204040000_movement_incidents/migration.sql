-- Movement: which host held which address when, inbound WinRM connections per hour, incidents that
-- gather the alerts of one intrusion, critical hosts, and each alert's source host and priority.

-- Who held an address: one row per address, host and hour in which the host's own events carried
-- it (host.ip, the local end of its connections). Filled by the worker from the event store.
CREATE TABLE "address_observations" (
    "ip" INET NOT NULL,
    "host_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "host_name" TEXT,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "events" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "address_observations_pkey" PRIMARY KEY ("ip", "hour", "host_id")
);
CREATE INDEX "address_observations_host_id_hour_idx" ON "address_observations"("host_id", "hour");

-- Inbound WinRM connections (5985/5986) per source address, target host and hour.
CREATE TABLE "winrm_hops" (
    "source_ip" INET NOT NULL,
    "host_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "host_name" TEXT,
    "connections" INTEGER NOT NULL DEFAULT 0,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "first_seq" BIGINT NOT NULL,
    CONSTRAINT "winrm_hops_pkey" PRIMARY KEY ("source_ip", "host_id", "hour")
);
CREATE INDEX "winrm_hops_hour_idx" ON "winrm_hops"("hour");
CREATE INDEX "winrm_hops_host_id_hour_idx" ON "winrm_hops"("host_id", "hour");

-- How far the worker has read the event store for observations and hops (one row).
CREATE TABLE "movement_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "checkpoint" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "movement_state_pkey" PRIMARY KEY ("id")
);
INSERT INTO "movement_state" ("id", "checkpoint") VALUES (1, 0);

CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "title_set" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closing_reason" TEXT,
    "assignee" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "severity" TEXT NOT NULL DEFAULT 'low',
    "risk_score" INTEGER NOT NULL DEFAULT 0,
    "critical" BOOLEAN NOT NULL DEFAULT false,
    "alert_count" INTEGER NOT NULL DEFAULT 0,
    "open_alert_count" INTEGER NOT NULL DEFAULT 0,
    "host_count" INTEGER NOT NULL DEFAULT 0,
    "hosts" JSONB NOT NULL DEFAULT '[]',
    "patient_zero" JSONB,
    "first_alert_at" TIMESTAMPTZ(3) NOT NULL,
    "last_alert_at" TIMESTAMPTZ(3) NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "merged_into" TEXT,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents"("number");
CREATE INDEX "incidents_status_priority_idx" ON "incidents"("status", "priority", "last_activity_at", "id");
CREATE INDEX "incidents_status_alert_count_idx" ON "incidents"("status", "alert_count", "last_activity_at", "id");
CREATE INDEX "incidents_status_last_activity_idx" ON "incidents"("status", "last_activity_at", "id");
CREATE INDEX "incidents_status_created_at_idx" ON "incidents"("status", "created_at", "id");

CREATE TABLE "incident_activity" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "incident_activity_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_activity_incident_id_at_idx" ON "incident_activity"("incident_id", "at");

CREATE TABLE "critical_hosts" (
    "id" UUID NOT NULL,
    "host_id" TEXT,
    "host_name" TEXT,
    "pattern" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    CONSTRAINT "critical_hosts_pkey" PRIMARY KEY ("id")
);

-- Each alert: the host behind its source address at its time (and every owner then), its incident
-- (pinned: placed by an analyst, never moved by automatic grouping), pivot, critical target, priority.
ALTER TABLE "alerts" ADD COLUMN "source_host_id" TEXT;
ALTER TABLE "alerts" ADD COLUMN "source_host_name" TEXT;
ALTER TABLE "alerts" ADD COLUMN "source_owners" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "alerts" ADD COLUMN "incident_id" TEXT;
ALTER TABLE "alerts" ADD COLUMN "incident_pinned" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "alerts" ADD COLUMN "pivot" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "alerts" ADD COLUMN "critical" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "alerts" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;
UPDATE "alerts" SET "priority" = "risk_score";
CREATE INDEX "alerts_incident_id_first_event_at_idx" ON "alerts"("incident_id", "first_event_at");
CREATE INDEX "alerts_source_host_id_first_event_at_idx" ON "alerts"("source_host_id", "first_event_at");
CREATE INDEX "alerts_host_id_first_event_at_idx" ON "alerts"("host_id", "first_event_at");
CREATE INDEX "alerts_status_priority_id_idx" ON "alerts"("status", "priority", "id");
CREATE INDEX "alerts_first_event_at_host_id_source_ip_idx" ON "alerts"("first_event_at", "host_id", "source_ip");
CREATE INDEX "alerts_priority_id_idx" ON "alerts"("priority", "id");
