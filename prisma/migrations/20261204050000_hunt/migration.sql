-- Hunting: saved hunts (a hunt an admin turns into a detection rule keeps its rule settings here), and
-- the event indexes a hunt over a time window reads instead of every event of the window.

CREATE TABLE "saved_hunts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "window" JSONB NOT NULL,
    "host_id" TEXT,
    "ip" TEXT,
    "owner_id" TEXT NOT NULL,
    "owner_label" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rule_id" TEXT,
    "rule_severity" TEXT,
    "rule_risk_score" INTEGER,
    "rule_interval" TEXT,
    "rule_created_at" TIMESTAMPTZ(3),
    "rule_created_by" TEXT,
    "rule_from_seq" BIGINT,

    CONSTRAINT "saved_hunts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "saved_hunts_rule_id_key" ON "saved_hunts"("rule_id");
CREATE INDEX "saved_hunts_owner_id_idx" ON "saved_hunts"("owner_id");

-- A window over every host: events in time order, then ingest order (the order sequences are matched in).
CREATE INDEX "events_ts_seq_idx" ON "events"("ts", "seq");

-- `process.name : "x"` and `process.parent.name : "x"` (case-insensitive, as the engine folds ASCII):
-- the hunt's index path compares lower(column) in the C collation, whatever the database's locale.
-- Prisma's schema language cannot express expression indexes: schema.prisma notes them.
CREATE INDEX "events_process_name_lower_ts_idx" ON "events"(lower("process_name" COLLATE "C"), "ts");
CREATE INDEX "events_parent_name_lower_ts_idx" ON "events"(lower("parent_name" COLLATE "C"), "ts");
