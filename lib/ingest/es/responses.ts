/**
 * Elasticsearch's answers: JSON with `X-Elastic-Product: Elasticsearch` on every response (errors
 * included: the official clients refuse a server without it), Elasticsearch's error body, and the
 * fixed documents (cluster info, license, health) a single-node cluster would give.
 */
export const ES_VERSION = "8.17.0";

export const PRODUCT_HEADERS = { "x-elastic-product": "Elasticsearch" } as const;
const JSON_HEADERS = { ...PRODUCT_HEADERS, "content-type": "application/json; charset=UTF-8" };

export function esJson(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...extra } });
}

export function esText(body: string, status = 200): Response {
  return new Response(body, { status, headers: { ...PRODUCT_HEADERS, "content-type": "text/plain; charset=UTF-8" } });
}

export function esError(status: number, type: string, reason: string, extra: Record<string, string> = {}): Response {
  return esJson({ error: { root_cause: [{ type, reason }], type, reason }, status }, status, extra);
}

/** Elasticsearch's answer to a known path called with a method it does not serve. */
export function esMethodNotAllowed(method: string, path: string, allowed: string[]): Response {
  return esJson(
    { error: `Incorrect HTTP method for uri [${path}] and method [${method}], allowed: [${allowed.join(", ")}]`, status: 405 },
    405,
    { allow: allowed.join(",") },
  );
}

export const SHARDS = { total: 1, successful: 1, failed: 0 };

export function clusterInfo() {
  return {
    name: "lateral",
    cluster_name: "lateral",
    cluster_uuid: "lateral-event-store",
    version: {
      number: ES_VERSION,
      build_flavor: "default",
      build_type: "tar",
      build_hash: "lateral",
      build_date: "2024-12-11T00:00:00.000Z",
      build_snapshot: false,
      lucene_version: "9.12.0",
      minimum_wire_compatibility_version: "7.17.0",
      minimum_index_compatibility_version: "7.0.0",
    },
    tagline: "You Know, for Search",
  };
}

export const LICENSE = {
  license: {
    status: "active",
    uid: "lateral",
    type: "basic",
    issue_date: "2024-01-01T00:00:00.000Z",
    issue_date_in_millis: 1704067200000,
    max_nodes: 1000,
    issued_to: "lateral",
    issuer: "lateral",
    start_date_in_millis: -1,
  },
};

export function clusterHealth() {
  return {
    cluster_name: "lateral",
    status: "green",
    timed_out: false,
    number_of_nodes: 1,
    number_of_data_nodes: 1,
    active_primary_shards: 1,
    active_shards: 1,
    relocating_shards: 0,
    initializing_shards: 0,
    unassigned_shards: 0,
    delayed_unassigned_shards: 0,
    number_of_pending_tasks: 0,
    number_of_in_flight_fetch: 0,
    task_max_waiting_in_queue_millis: 0,
    active_shards_percent_as_number: 100.0,
  };
}

/** `_cat/health`: one text line (with a header under `?v`), or JSON under `?format=json`. */
export function catHealth(url: URL): Response {
  const now = new Date();
  const row = {
    epoch: String(Math.floor(now.getTime() / 1000)),
    timestamp: now.toISOString().slice(11, 19),
    cluster: "lateral",
    status: "green",
    "node.total": "1",
    "node.data": "1",
    shards: "1",
    pri: "1",
    relo: "0",
    init: "0",
    unassign: "0",
    "unassign.pri": "0",
    pending_tasks: "0",
    max_task_wait_time: "-",
    active_shards_percent: "100.0%",
  };
  if (url.searchParams.get("format") === "json") return esJson([row]);
  const header = url.searchParams.has("v") ? Object.keys(row).join(" ") + "\n" : "";
  return esText(header + Object.values(row).join(" ") + "\n");
}
