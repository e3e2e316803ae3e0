-- The movement graph reads every hop row and every address observation of its window (a day of a
-- thousand hosts: tens of thousands of rows). Covering indexes by hour make both index-only scans;
-- they replace the plain (hour) index of winrm_hops.
DROP INDEX IF EXISTS "winrm_hops_hour_idx";
CREATE INDEX "winrm_hops_hour_covering_idx" ON "winrm_hops"("hour") INCLUDE ("source_ip", "host_id", "host_name", "connections", "first_seen", "last_seen");
CREATE INDEX "address_observations_hour_idx" ON "address_observations"("hour") INCLUDE ("ip", "host_id", "first_seen", "last_seen");

-- Incidents list, text filter: a substring of the title, the hosts or patient zero, case-insensitively.
-- One lower-cased text per incident, kept by PostgreSQL, and a trigram index over it (pg_trgm ships
-- with PostgreSQL and is a trusted extension: the database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE "incidents" ADD COLUMN "search_text" TEXT GENERATED ALWAYS AS (lower("title" || ' ' || "hosts"::text || ' ' || coalesce("patient_zero"::text, ''))) STORED;
CREATE INDEX "incidents_search_text_idx" ON "incidents" USING gin ("search_text" gin_trgm_ops);
