/**
 * One process serving the production build (`.next`, made by the global setup) to every test file
 * of a run, each file on a port of its own bound to its own database: everything a request on
 * that port does runs inside `withDatabase(url)` (lib/db/client.ts). Only the test suite starts
 * this program; the app itself has no way to switch databases.
 *
 * It is Next.js's own production server (`next({ dev: false })`, what `next start` runs) behind
 * node:http. A control port on 127.0.0.1 takes:
 *   POST /apps {"database": "<name>"} → {"port"}   (the name must be one the test helpers create)
 *   DELETE /apps/<port>                             (closes the port and that database's pool)
 * It prints `ready <control port>` on stdout once Next.js is prepared.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { closeDb, withDatabase } from "../../lib/db/client";
import { screenRequest } from "../../lib/http/incoming";
import { parseTrustProxy } from "../../lib/http/trust-proxy";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
if (!adminUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set");
const TEST_DATABASE = /^lateral_[a-z]+_[0-9a-f]{10}$/;

const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1" });
await app.prepare();
const handle = app.getRequestHandler();
const servers = new Map<number, { server: http.Server; url: string }>();
const untrusted = parseTrustProxy("");

function databaseUrlOf(name: string): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openApp(database: string): Promise<number> {
  if (!TEST_DATABASE.test(database)) throw new Error(`not a test database: ${database}`);
  const url = databaseUrlOf(database);
  // The same treatment as scripts/server.ts gives each request (no proxy is trusted here).
  const server = http.createServer((req, res) => {
    if (screenRequest(req, res, untrusted)) void withDatabase(url, () => handle(req, res));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  servers.set(port, { server, url });
  return port;
}

async function closeApp(port: number) {
  const entry = servers.get(port);
  if (!entry) return;
  servers.delete(port);
  entry.server.closeAllConnections();
  await new Promise<void>((resolve) => entry.server.close(() => resolve()));
  await closeDb(entry.url);
}

const control = http.createServer(async (req, res) => {
  try {
    const path = new URL(req.url ?? "/", "http://control").pathname;
    if (req.method === "POST" && path === "/apps") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const port = await openApp(String(JSON.parse(body).database));
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ port }));
    } else if (req.method === "DELETE" && /^\/apps\/\d+$/.test(path)) {
      await closeApp(Number(path.split("/")[2]));
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  } catch (err) {
    res.writeHead(400, { "content-type": "text/plain" }).end(err instanceof Error ? err.message : String(err));
  }
});
control.listen(0, "127.0.0.1", () => console.log(`ready ${(control.address() as AddressInfo).port}`));

async function shutdown() {
  control.close();
  for (const port of [...servers.keys()]) await closeApp(port);
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
