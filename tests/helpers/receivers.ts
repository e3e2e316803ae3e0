import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real local HTTP receiver for webhook, Slack and Teams messages: records every request, answers
 * with the status (and after the delay) it is told, and can go down and come back on the same port.
 */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  at: number;
}

export interface HttpReceiver {
  url: string;
  port: number;
  /** Requests answered with 2xx (delivered). */
  requests: Received[];
  /** Every request that reached the receiver, whatever it answered. */
  attempts: Received[];
  /** What the next requests get: HTTP status, delay before answering, and the answer's body. */
  behave(b: { status?: number; delayMs?: number; body?: string }): void;
  down(): Promise<void>;
  up(): Promise<void>;
  waitFor(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: Received[] = [];
  const attempts: Received[] = [];
  let behaviour = { status: 200, delayMs: 0, body: "ok" };
  const waiters: (() => void)[] = [];
  const make = () =>
    http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body);
        } catch {
          /* not JSON */
        }
        const b = behaviour;
        attempts.push({ path: req.url ?? "/", headers: req.headers, body, json, at: Date.now() });
        const answer = () => {
          if (res.destroyed) return;
          res.writeHead(b.status, { "content-type": "text/plain" }).end(b.body);
          if (b.status >= 200 && b.status < 300) {
            requests.push({ path: req.url ?? "/", headers: req.headers, body, json, at: Date.now() });
            waiters.splice(0).forEach((w) => w());
          }
        };
        if (b.delayMs) setTimeout(answer, b.delayMs);
        else answer();
      });
    });
  let server = make();
  const sockets = new Set<import("node:net").Socket>();
  const track = (s: http.Server) => s.on("connection", (sock) => (sockets.add(sock), sock.on("close", () => sockets.delete(sock))));
  track(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const down = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    attempts,
    behave(b) {
      behaviour = { status: b.status ?? 200, delayMs: b.delayMs ?? 0, body: b.body ?? "ok" };
    },
    down,
    async up() {
      server = make();
      track(server);
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    },
    async waitFor(n, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} delivered requests, got ${requests.length}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
      return requests;
    },
    close: down,
  };
}

/** Checks a webhook signature the way a receiver would: HMAC-SHA256 of the raw body, constant-time. */
export function signatureValid(secret: string, body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = Buffer.from(crypto.createHmac("sha256", secret).update(body, "utf8").digest("hex"));
  const given = Buffer.from(header.slice(7));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
