-- Notifications: destinations (webhook, Slack, Teams, syslog, email) and the outbox their
-- messages wait in until the worker has delivered them (or moved them to the dead-letter list).
CREATE TABLE "notification_destinations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT,
    "rule_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "min_severity" TEXT NOT NULL DEFAULT 'low',
    "on_alerts" BOOLEAN NOT NULL DEFAULT true,
    "on_incidents" BOOLEAN NOT NULL DEFAULT false,
    "on_incident_changes" BOOLEAN NOT NULL DEFAULT false,
    "digest_minutes" INTEGER,
    "last_digest_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "notification_destinations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "notification_outbox" (
    "id" UUID NOT NULL,
    "destination_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "payload" JSONB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "message_id" UUID,

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "notification_outbox_status_next_attempt_at_idx" ON "notification_outbox"("status", "next_attempt_at");
CREATE INDEX "notification_outbox_destination_id_status_idx" ON "notification_outbox"("destination_id", "status");

ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "notification_destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
