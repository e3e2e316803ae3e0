import { actorFromRequest } from "../../auth/actor";
import { can } from "../../auth/roles";
import { AppError, isDatabaseUnavailable } from "../../http/errors";
import { BulkSyntaxError } from "./bulk-action";
import { esError } from "./responses";
import { routeEsRequest } from "./routes";

/**
 * Elasticsearch-compatible endpoints under /api/es, so Beats, Elastic Agent, Logstash, rsyslog and
 * the official clients can point their Elasticsearch output here (routes.ts lists the paths).
 * Authentication as Elasticsearch does it, and only that: `ApiKey` (the key, or base64 of `id:key`)
 * or basic auth with the key as password. The browser's session cookie is never accepted here, so
 * a page on another origin cannot plant events through a signed-in user's browser. Every answer
 * carries `X-Elastic-Product: Elasticsearch`, errors included; no path redirects.
 */
export async function handleEsRequest(req: Request, segments: string[]): Promise<Response> {
  const response = await answer(req, segments.filter((s) => s !== ""));
  if (req.method === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
  return response;
}

async function answer(req: Request, segments: string[]): Promise<Response> {
  try {
    const actor = req.headers.has("authorization")
      ? await actorFromRequest(req).catch((err) => {
          if (err instanceof AppError) return null;
          throw err;
        })
      : null;
    if (!actor || actor.kind !== "apikey") {
      return esError(401, "security_exception", "missing or invalid authentication credentials for REST request", {
        "www-authenticate": 'ApiKey, Basic realm="security" charset="UTF-8"',
      });
    }
    if (!can(actor.role, "ingest")) {
      return esError(403, "security_exception", `action is unauthorized for API key or user [${actor.label}]`);
    }
    return await routeEsRequest(req, segments);
  } catch (err) {
    // The body was not read to its end: the connection is closed rather than drained.
    if (err instanceof AppError && err.code === "payload_too_large") return esError(413, "content_too_long_exception", err.message, { connection: "close" });
    if (err instanceof AppError && err.code === "unavailable") {
      return esError(503, "es_rejected_execution_exception", err.message, { "retry-after": String(err.retryAfterSeconds ?? 1), connection: "close" });
    }
    if (err instanceof AppError && err.code === "bad_request") return esError(400, "parse_exception", err.message);
    if (err instanceof BulkSyntaxError) return esError(400, "illegal_argument_exception", err.message);
    if (isDatabaseUnavailable(err)) {
      return esError(503, "unavailable_shards_exception", "the event store is unavailable; retry", { "retry-after": "5" });
    }
    console.error("Elasticsearch-compatible endpoint failed:", err);
    return esError(500, "exception", "internal error");
  }
}
