import http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../lib/env";
import { screenRequest } from "../lib/http/incoming";
import { parseTrustProxy } from "../lib/http/trust-proxy";

/**
 * The web server: Next.js behind a small Node HTTP server that decides who the client is and
 * refuses paths Next.js cannot decode (lib/http/incoming.ts). `node --import tsx scripts/server.ts
 * [--dev]`, with PORT, HOST and TRUST_PROXY. SIGTERM/SIGINT close it.
 */
const dev = process.argv.includes("--dev");
const e = env();
const trusted = parseTrustProxy(e.TRUST_PROXY);
const root = path.resolve(import.meta.dirname, "..");

const app = next({ dev, dir: root, hostname: e.HOST, port: e.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (screenRequest(req, res, trusted)) void handle(req, res);
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
