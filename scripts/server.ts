import http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { pathProblem } from "../lib/http/input";
import { clientAddress, FORWARDED_HEADERS, parseTrustProxy } from "../lib/http/trust-proxy";

/**
 * The web server: Next.js behind a small Node HTTP server that decides who the client is. A
 * request's X-Forwarded-* headers (and Forwarded, X-Real-IP) are kept only when the peer is a proxy
 * named by TRUST_PROXY; otherwise they are dropped and Next.js fills them in from the connection
 * itself. Either way X-Forwarded-For then holds exactly one address, the client's, which sign-in
 * throttling and the audit trail use. A path that does not percent-decode to clean UTF-8 is
 * answered 400 before routing (lib/http/input.ts).
 *
 * `node --import tsx scripts/server.ts [--dev]`, with PORT and HOST. SIGTERM/SIGINT close it.
 */
const dev = process.argv.includes("--dev");
const e = env();
const trusted = parseTrustProxy(e.TRUST_PROXY);
const root = path.resolve(import.meta.dirname, "..");

const app = next({ dev, dir: root, hostname: e.HOST, port: e.PORT });
const handle = app.getRequestHandler();

export function sanitizeForwarded(req: http.IncomingMessage) {
  const peer = req.socket.remoteAddress ?? "";
  const xff = req.headers["x-forwarded-for"];
  const client = clientAddress(peer, Array.isArray(xff) ? xff.join(",") : xff, trusted);
  if (!trusted(peer)) for (const h of FORWARDED_HEADERS) delete req.headers[h];
  req.headers["x-forwarded-for"] = client;
}

await app.prepare();
const server = http.createServer((req, res) => {
  sanitizeForwarded(req);
  const problem = pathProblem(req.url ?? "/");
  if (problem) {
    res.writeHead(400, { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff" });
    res.end(JSON.stringify({ error: { code: "bad_request", message: problem } }));
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(e.PORT, e.HOST, () => console.log(`[web] listening on http://${e.HOST}:${e.PORT} (pid ${process.pid})`));

let closing = false;
const close = () => {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on("SIGTERM", close);
process.on("SIGINT", close);
