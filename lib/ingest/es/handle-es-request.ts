import { actorFromRequest } from "../../auth/actor";
import { can } from "../../auth/roles";
import { AppError, isDatabaseUnavailable } from "../../http/errors";
import { readBody } from "../read-body";
import { BulkSyntaxError, handleBulk } from "./bulk";

/**
 * Elasticsearch-compatible endpoints under /api/es, so Beats, Elastic Agent, Logstash and the
 * official clients can point their Elasticsearch output here: cluster info, `_bulk`, `_license`,
 * and the template / ILM / pipeline set-up calls shippers make at start, acknowledged so they proceed.
 * Auth as Elasticsearch does it: `ApiKey` (the key, or base64 of `id:key`) or basic auth with the
 * key as password. Every answer carries `X-Elastic-Product: Elasticsearch`.
 */
export const ES_VERSION = "8.17.0";

const HEADERS = { "x-elastic-product": "Elasticsearch", "content-type": "application/json; charset=UTF-8" };

function esJson(body: unknown, status = 200, extra: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

function esError(status: number, type: string, reason: string, extra: Record<string, string> = {}) {
  return esJson({ error: { root_cause: [{ type, reason }], type, reason }, status }, status, extra);
}

export async function handleEsRequest(req: Request, segments: string[]): Promise<Response> {
  try {
    const actor = await actorFromRequest(req).catch((err) => {
      if (err instanceof AppError) return null;
      throw err;
    });
    if (!actor) {
      return esError(401, "security_exception", "missing or invalid authentication credentials for REST request", {
        "www-authenticate": 'ApiKey, Basic realm="security" charset="UTF-8"',
      });
    }
    if (!can(actor.role, "ingest")) {
      return esError(403, "security_exception", `action is unauthorized for API key or user [${actor.label}]`);
    }
    const response = await route(req, segments);
    if (req.method === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
    return response;
  } catch (err) {
    if (err instanceof AppError && err.code === "payload_too_large") return esError(413, "content_too_long_exception", err.message);
    if (err instanceof BulkSyntaxError) return esError(400, "illegal_argument_exception", err.message);
    if (isDatabaseUnavailable(err)) {
      return esError(503, "unavailable_shards_exception", "the event store is unavailable; retry", { "retry-after": "5" });
    }
    console.error("Elasticsearch-compatible endpoint failed:", err);
    return esError(500, "exception", "internal error");
  }
}

async function route(req: Request, segments: string[]): Promise<Response> {
  const method = req.method === "HEAD" ? "GET" : req.method;
  const [first, second] = segments;
  if (segments.length === 0 && method === "GET") return esJson(clusterInfo());
  if (first === "_bulk" && (method === "POST" || method === "PUT")) return bulk(req, undefined);
  if (second === "_bulk" && (method === "POST" || method === "PUT")) return bulk(req, decodeURIComponent(first));
  if (first === "_license" && method === "GET") return esJson(LICENSE);
  if (first === "_xpack" && method === "GET") return esJson({ build: {}, license: LICENSE.license, features: {} });
  if (first === "_cluster" && second === "health") return esJson({ cluster_name: "lateral", status: "green", number_of_nodes: 1 });
  if (first === "_nodes") return esJson({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: "lateral", nodes: {} });
  // Set-up calls: templates, ILM policies, ingest pipelines, data streams, aliases.
  const setup = ["_index_template", "_template", "_component_template", "_ilm", "_ingest", "_data_stream", "_alias", "_aliases"];
  if (setup.includes(first) || (first && !first.startsWith("_") && segments.length === 1)) {
    if (method === "GET") return esJson(setupResource(first, segments.slice(1)));
    return esJson({ acknowledged: true });
  }
  return esError(400, "illegal_argument_exception", `request [${req.method} /${segments.join("/")}] is not supported by this endpoint`);
}

async function bulk(req: Request, pathIndex: string | undefined) {
  const body = await readBody(req);
  return esJson(await handleBulk(body, pathIndex));
}

function clusterInfo() {
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

const LICENSE = {
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

function setupResource(kind: string, rest: string[]) {
  const name = rest.join("/") || kind;
  if (kind === "_index_template") return { index_templates: [{ name, index_template: { index_patterns: [`${name}*`], template: {} } }] };
  if (kind === "_ilm") return { [rest[1] ?? name]: { version: 1, policy: { phases: {} } } };
  return { [name]: {} };
}
