-- Free-text alert search (ILIKE '%text%' over reason, host, process and command line) through
-- trigram indexes. pg_trgm ships with PostgreSQL (contrib); where a server lacks it the search still
-- works, by scanning.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS alerts_reason_trgm_idx ON alerts USING gin (reason gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS alerts_host_name_trgm_idx ON alerts USING gin (host_name gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS alerts_process_name_trgm_idx ON alerts USING gin (process_name gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS alerts_command_line_trgm_idx ON alerts USING gin (command_line gin_trgm_ops);
  END IF;
END
$$;
