-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_failures" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "ok" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "hostname" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "beat_at" TIMESTAMPTZ(3) NOT NULL,
    "info" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);

-- CreateTable: partitioned by ingest day; lib/db/partitions.ts creates the daily partitions.
CREATE TABLE "events" (
    "seq" BIGSERIAL NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_id" TEXT,
    "host_id" TEXT,
    "host_name" TEXT,
    "os_type" TEXT,
    "category" TEXT[],
    "type" TEXT[],
    "action" TEXT,
    "dataset" TEXT,
    "pid" BIGINT,
    "ppid" BIGINT,
    "entity_id" TEXT,
    "parent_entity_id" TEXT,
    "process_name" TEXT,
    "executable" TEXT,
    "parent_name" TEXT,
    "command_line" TEXT,
    "user_name" TEXT,
    "source_ip" INET,
    "source_port" BIGINT,
    "destination_ip" INET,
    "destination_port" BIGINT,
    "direction" TEXT,
    "transport" TEXT,
    "protocol" TEXT,
    "detectable" BOOLEAN NOT NULL DEFAULT true,
    "enrichments" JSONB NOT NULL DEFAULT '[]',
    "doc" JSONB NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("ingested_at","seq")
) PARTITION BY RANGE ("ingested_at");

-- CreateTable
CREATE TABLE "event_keys" (
    "event_id" TEXT NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_keys_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "rule_state" (
    "rule_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "run_requested_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "rule_state_pkey" PRIMARY KEY ("rule_id")
);

-- CreateTable
CREATE TABLE "rule_checkpoints" (
    "rule_id" TEXT NOT NULL,
    "shard" TEXT NOT NULL DEFAULT 'all',
    "checkpoint" BIGINT NOT NULL DEFAULT 0,
    "last_run_at" TIMESTAMPTZ(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_retry_at" TIMESTAMPTZ(3),

    CONSTRAINT "rule_checkpoints_pkey" PRIMARY KEY ("rule_id","shard")
);

-- CreateTable
CREATE TABLE "rule_executions" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" TEXT NOT NULL,
    "worker_id" TEXT,
    "shard" TEXT NOT NULL DEFAULT 'all',
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "from_seq" BIGINT NOT NULL,
    "to_seq" BIGINT NOT NULL,
    "events_scanned" INTEGER NOT NULL DEFAULT 0,
    "candidates" INTEGER NOT NULL DEFAULT 0,
    "alerts_created" INTEGER NOT NULL DEFAULT 0,
    "suppressed" INTEGER NOT NULL DEFAULT 0,
    "capped" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,

    CONSTRAINT "rule_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "rule_name" TEXT NOT NULL,
    "rule_version" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "risk_score" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closing_reason" TEXT,
    "assignee" TEXT,
    "reason" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "host_name" TEXT,
    "source_ip" INET,
    "source_port" INTEGER,
    "user_name" TEXT,
    "process_name" TEXT,
    "process_executable" TEXT,
    "parent_name" TEXT,
    "command_line" TEXT,
    "first_event_at" TIMESTAMPTZ(3) NOT NULL,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "allowlist_entry_id" UUID,
    "events" JSONB NOT NULL,
    "stages" JSONB NOT NULL,
    "threat" JSONB NOT NULL DEFAULT '[]',
    "checklist_done" INTEGER NOT NULL DEFAULT 0,
    "checklist_total" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_activity" (
    "id" BIGSERIAL NOT NULL,
    "alert_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "kind" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "alert_activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checklist_items" (
    "alert_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "done_by" TEXT,
    "done_at" TIMESTAMPTZ(3),
    "comment" TEXT,

    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("alert_id","step_id")
);

-- CreateTable
CREATE TABLE "allowlist_entries" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "rule_id" TEXT,
    "conditions" JSONB NOT NULL,
    "case_insensitive" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,
    "deleted_at" TIMESTAMPTZ(3),
    "hit_events" BIGINT NOT NULL DEFAULT 0,
    "hit_alerts" INTEGER NOT NULL DEFAULT 0,
    "last_hit_at" TIMESTAMPTZ(3),

    CONSTRAINT "allowlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allowlist_changes" (
    "id" BIGSERIAL NOT NULL,
    "entry_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "allowlist_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "login_failures_key_at_idx" ON "login_failures"("key", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "events_host_id_ts_idx" ON "events"("host_id", "ts");

-- CreateIndex
CREATE INDEX "events_seq_idx" ON "events"("seq");

-- CreateIndex
CREATE INDEX "event_keys_ingested_at_idx" ON "event_keys"("ingested_at");

-- CreateIndex
CREATE INDEX "rule_executions_rule_id_started_at_idx" ON "rule_executions"("rule_id", "started_at");

-- CreateIndex
CREATE INDEX "alerts_status_created_at_id_idx" ON "alerts"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "alerts_created_at_id_idx" ON "alerts"("created_at", "id");

-- CreateIndex
CREATE INDEX "alerts_rule_id_created_at_idx" ON "alerts"("rule_id", "created_at");

-- CreateIndex
CREATE INDEX "alerts_host_id_created_at_idx" ON "alerts"("host_id", "created_at");

-- CreateIndex
CREATE INDEX "alerts_source_ip_created_at_idx" ON "alerts"("source_ip", "created_at");

-- CreateIndex
CREATE INDEX "alert_activity_alert_id_at_idx" ON "alert_activity"("alert_id", "at");

-- CreateIndex
CREATE INDEX "allowlist_changes_entry_id_at_idx" ON "allowlist_changes"("entry_id", "at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
