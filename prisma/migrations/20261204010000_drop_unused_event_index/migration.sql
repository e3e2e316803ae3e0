-- Ingest cost: every index of events is written by every stored event. (source_ip, ts) is read by
-- no query: the source-IP timeline reads events_winrm_source_ip_ts_idx (partial, covering);
-- detection reads events_seq_idx, events_host_id_ts_idx and events_destination_port_host_id_ts_idx.
-- `npm run bench:event-index-usage` shows which index each query reads; `npm run bench:ingest`
-- what each costs per event.
DROP INDEX IF EXISTS "events_source_ip_ts_idx";
