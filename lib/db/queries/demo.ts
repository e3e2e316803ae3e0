import { query } from "../sql";

/**
 * What `npm run demo` reads back after filling the database: the alerts it triages and the summary
 * it prints. Read-only; each runs on the pool.
 */

export interface DemoAlertRow {
  id: string;
  status: string;
  closing_reason: string | null;
  assignee: string | null;
  rule_id: string;
}

/** Alerts whose source address is one of these, earliest first. */
export function alertsFromSources(sourceIps: string[]): Promise<DemoAlertRow[]> {
  return query<DemoAlertRow>(
    `SELECT id, status, closing_reason, assignee, rule_id FROM alerts WHERE source_ip = ANY($1::inet[]) ORDER BY first_event_at, id`,
    [sourceIps],
  );
}

/** Per rule: its alerts and how many are open. */
export function alertCountsByRule(): Promise<{ rule_name: string; n: number; open: number }[]> {
  return query(`SELECT rule_name, count(*)::int AS n, count(*) FILTER (WHERE status = 'open')::int AS open FROM alerts GROUP BY rule_name ORDER BY rule_name`);
}

/** Per target host: its alerts and their source addresses, most alerts first. */
export function alertCountsByHost(): Promise<{ host_name: string | null; n: number; sources: string | null }[]> {
  return query(
    `SELECT host_name, count(*)::int AS n, string_agg(DISTINCT host(source_ip), ', ') AS sources FROM alerts GROUP BY host_name ORDER BY n DESC, host_name`,
  );
}

/** Incidents not merged away and not emptied, highest priority first. */
export function liveIncidentsByPriority(): Promise<{ number: number; title: string; alert_count: number; priority: number; pz: string | null }[]> {
  return query(
    `SELECT number, title, alert_count, priority, patient_zero->>'hostName' AS pz FROM incidents
     WHERE merged_into IS NULL AND alert_count > 0 ORDER BY priority DESC, last_activity_at DESC`,
  );
}
