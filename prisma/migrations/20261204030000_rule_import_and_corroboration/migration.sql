-- One alert per activity: the other telemetry sources' sequences of the same activity, kept on the
-- alert they corroborate, and each alert's activity identity (README of lib/detection).
ALTER TABLE "alerts" ADD COLUMN "corroboration" JSONB NOT NULL DEFAULT '[]';

CREATE TABLE "alert_identities" (
    "alert_id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "source_ip" INET NOT NULL,
    "source_port" INTEGER NOT NULL,
    "process_entity_id" TEXT,
    "process_pid" INTEGER,
    "parent_pid" INTEGER,
    "process_executable" TEXT,
    "command_line_sha256" TEXT,
    "process_started_at" TIMESTAMPTZ(3) NOT NULL,
    "collector_time" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "alert_identities_pkey" PRIMARY KEY ("alert_id")
);
CREATE INDEX "alert_identities_rule_id_host_id_source_ip_source_port_idx" ON "alert_identities"("rule_id", "host_id", "source_ip", "source_port");

-- Imported detection rules (Elastic detection-rules TOML), versioned, disabled until enabled.
CREATE TABLE "stored_rules" (
    "rule_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT,
    "start_seq" BIGINT,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT,
    CONSTRAINT "stored_rules_pkey" PRIMARY KEY ("rule_id")
);

CREATE TABLE "stored_rule_versions" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "imported_by" TEXT,
    CONSTRAINT "stored_rule_versions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stored_rule_versions_rule_id_imported_at_idx" ON "stored_rule_versions"("rule_id", "imported_at");
