import { env } from "../../env";
import { AppError } from "../../http/errors";
import { bodyWindows, readBody, type BodyLimit } from "../read-body";
import { bulkAnswerBody, handleBulk } from "./bulk";
import { ingestSingleDocument } from "./single-document";
import {
  catHealth,
  clusterHealth,
  clusterInfo,
  esError,
  esJson,
  esMethodNotAllowed,
  esText,
  LICENSE,
  PRODUCT_HEADERS,
  SHARDS,
} from "./responses";

/**
 * The Elasticsearch paths shippers and the official clients call, by segments (empty segments from
 * a trailing slash are dropped: `/_bulk/` is `/_bulk`, as in Elasticsearch). A known path called
 * with another method answers 405 as Elasticsearch does; an unknown one 400.
 */
type Handler = (req: Request, url: URL, seg: string[]) => Promise<Response> | Response;
type Methods = Partial<Record<"GET" | "HEAD" | "POST" | "PUT" | "DELETE", Handler>>;

/** `_bulk` bodies are read and ingested in windows of this size (the last line of a window is complete). */
export const BULK_WINDOW_BYTES = 8 * 1024 * 1024;

export function esBodyLimit(): BodyLimit {
  const mb = env().ES_MAX_CONTENT_LENGTH_MB;
  return {
    bytes: mb * 1024 * 1024,
    tooLarge: () => new AppError("payload_too_large", `Request content exceeds the ${mb} MB limit (ES_MAX_CONTENT_LENGTH_MB, Elasticsearch's http.max_content_length)`),
  };
}

const SETUP = new Set(["_index_template", "_template", "_component_template", "_ilm", "_ingest", "_data_stream", "_alias", "_aliases", "_cluster"]);
const INDEX_SETUP = new Set(["_mapping", "_mappings", "_settings", "_alias", "_aliases"]);

const get = (h: Handler): Methods => ({ GET: h, HEAD: h });
const shards = () => esJson({ _shards: SHARDS });
const ack = () => esJson({ acknowledged: true });

function match(seg: string[]): Methods | null {
  const [first, second, third] = seg;
  const n = seg.length;
  if (n === 0) return get(() => esJson(clusterInfo()));
  if (first === "_bulk" && n === 1) return { POST: bulk, PUT: bulk };
  if (second === "_bulk" && n === 2 && !first.startsWith("_")) return { POST: bulk, PUT: bulk };
  if ((first === "_refresh" || first === "_flush") && n === 1) return { GET: shards, POST: shards };
  if ((second === "_refresh" || second === "_flush") && n === 2) return { GET: shards, POST: shards };
  if (first === "_cat" && second === "health" && n === 2) return get((_req, url) => catHealth(url));
  if (first === "_cat") return get((_req, url) => (url.searchParams.get("format") === "json" ? esJson([]) : esText("")));
  if (first === "_cluster" && second === "health" && n <= 3) return get(() => esJson(clusterHealth()));
  if (first === "_license" && n === 1) return get(() => esJson(LICENSE));
  if (first === "_xpack" && n === 1) return get(() => esJson({ build: {}, license: LICENSE.license, features: {} }));
  if (first === "_nodes") return get(() => esJson({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: "lateral", nodes: {} }));
  if (first === "_security" && second === "_authenticate" && n === 2) return get(authenticate);
  if (first === "_monitoring" && second === "bulk" && n === 2) {
    const ignored = () => esJson({ took: 0, ignored: true, errors: false });
    return { POST: ignored, PUT: ignored };
  }
  // Set-up calls of Winlogbeat, Elastic Agent and Logstash: templates, ILM policies, ingest
  // pipelines, data streams, aliases, cluster settings. Acknowledged so they proceed; nothing is kept.
  if (SETUP.has(first)) return { ...get((_req, _url, s) => esJson(setupResource(s[0], s.slice(1)))), PUT: ack, POST: ack, DELETE: ack };
  if (first.startsWith("_")) return null;
  // /<index>…
  if (n === 1) {
    const created = () => esJson({ acknowledged: true, shards_acknowledged: true, index: first });
    return { ...get(() => esJson({ [first]: { aliases: {}, mappings: {}, settings: {} } })), PUT: created, POST: created };
  }
  if (second === "_doc" && n === 2) return { POST: (req) => single(req, first, "index", null) };
  if (second === "_doc" && n === 3) {
    const h: Handler = (req, url) => single(req, first, url.searchParams.get("op_type") === "create" ? "create" : "index", third);
    return { PUT: h, POST: h };
  }
  if (second === "_create" && n === 3) return { PUT: (req) => single(req, first, "create", third), POST: (req) => single(req, first, "create", third) };
  if (INDEX_SETUP.has(second)) return { ...get(() => esJson({ [first]: {} })), PUT: ack, POST: ack };
  return null;
}

export async function routeEsRequest(req: Request, seg: string[]): Promise<Response> {
  const url = new URL(req.url);
  const path = "/" + seg.join("/");
  const methods = match(seg);
  if (!methods) return esError(400, "illegal_argument_exception", `no handler found for uri [${path}] and method [${req.method}]`);
  const handler = methods[req.method as keyof Methods];
  if (!handler) return esMethodNotAllowed(req.method, path, Object.keys(methods));
  return handler(req, url, seg);
}

async function bulk(req: Request, _url: URL, seg: string[]): Promise<Response> {
  const pathIndex = seg.length === 2 ? seg[0] : undefined;
  const answer = await handleBulk(bodyWindows(req, esBodyLimit(), BULK_WINDOW_BYTES), pathIndex);
  return new Response(bulkAnswerBody(answer), { status: 200, headers: { ...PRODUCT_HEADERS, "content-type": "application/json; charset=UTF-8" } });
}

async function single(req: Request, index: string, op: "index" | "create", id: string | null): Promise<Response> {
  return ingestSingleDocument(await readBody(req, esBodyLimit()), index, op, id);
}

function authenticate() {
  return esJson({
    username: "lateral-ingest",
    roles: ["ingest"],
    full_name: null,
    email: null,
    metadata: {},
    enabled: true,
    authentication_realm: { name: "_es_api_key", type: "_es_api_key" },
    lookup_realm: { name: "_es_api_key", type: "_es_api_key" },
    authentication_type: "api_key",
  });
}

function setupResource(kind: string, rest: string[]) {
  const name = rest.join("/") || kind;
  if (kind === "_index_template") return { index_templates: [{ name, index_template: { index_patterns: [`${name}*`], template: {} } }] };
  if (kind === "_ilm") return { [rest[1] ?? name]: { version: 1, modified_date: "2024-01-01T00:00:00.000Z", policy: { phases: {} } } };
  if (kind === "_data_stream") return { data_streams: [{ name, timestamp_field: { name: "@timestamp" }, indices: [], generation: 1, status: "GREEN", template: name }] };
  if (kind === "_ingest") return { [rest[1] ?? name]: { description: "", processors: [] } };
  if (kind === "_cluster") return { persistent: {}, transient: {} };
  return { [name]: {} };
}
