-- CreateIndex: the source-IP timeline (connections of one address across every host)
CREATE INDEX "events_source_ip_ts_idx" ON "events"("source_ip", "ts");

-- CreateIndex: inbound connections to a port (the rules' first stage, WinRM listener activity)
CREATE INDEX "events_destination_port_host_id_ts_idx" ON "events"("destination_port", "host_id", "ts");
