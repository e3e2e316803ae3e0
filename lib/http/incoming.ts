import type http from "node:http";
import { pathProblem } from "./input";
import { clientAddress, FORWARDED_HEADERS, type ProxyMatcher } from "./trust-proxy";

/**
 * What the Node HTTP server in front of Next.js does with every request before routing
 * (scripts/server.ts, and the test suite's shared server):
 * - X-Forwarded-* (and Forwarded, X-Real-IP) are kept only when the peer is a trusted proxy
 *   (TRUST_PROXY); otherwise dropped, and Next.js fills them in from the connection itself. Either
 *   way X-Forwarded-For then holds exactly one address, the client's;
 * - a path that does not percent-decode to clean UTF-8 is answered 400 here (Next.js would fail on
 *   it with a 500);
 * - an `/api/v1` path with an empty segment (`/api/v1/alerts/`, `/api/v1//x`) names no resource:
 *   404 with a JSON error (Next.js would route it to the collection and answer an empty 405, or its
 *   HTML not-found page). The Elasticsearch layer keeps its trailing slashes (`/api/es/`).
 * Returns false when the request has been answered.
 */
export function screenRequest(req: http.IncomingMessage, res: http.ServerResponse, trusted: ProxyMatcher): boolean {
  const peer = req.socket.remoteAddress ?? "";
  const xff = req.headers["x-forwarded-for"];
  const client = clientAddress(peer, Array.isArray(xff) ? xff.join(",") : xff, trusted);
  if (!trusted(peer)) for (const h of FORWARDED_HEADERS) delete req.headers[h];
  req.headers["x-forwarded-for"] = client;
  const url = req.url ?? "/";
  const problem = pathProblem(url);
  if (problem) return refuse(res, 400, "bad_request", problem);
  const path = url.split("?")[0];
  if (path.startsWith("/api/v1/") && path.slice(1).split("/").includes("")) {
    return refuse(res, 404, "not_found", "No API resource at this path: it has an empty segment");
  }
  return true;
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): false {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(JSON.stringify({ error: { code, message } }));
  return false;
}
