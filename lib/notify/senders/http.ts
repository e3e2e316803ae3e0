import http from "node:http";
import https from "node:https";
import type { SendResult } from "../types";

/**
 * POSTs a JSON body over node's http/https with keep-alive connections shared by the process (in
 * a burst they carry many requests each; on this machine several times fetch's throughput). 2xx
 * is success; anything else, redirects included, is a failure with the answer kept. The timeout
 * covers the whole exchange, from connecting to the end of the answer.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};
const MAX_ANSWER = 1000;

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, durationMs: Date.now() - started });
    };
    let u: URL;
    try {
      u = new URL(url);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error(`${u.protocol} URLs are not supported`);
    } catch (err) {
      return resolve({ ok: false, status: null, response: (err as Error).message, durationMs: 0 });
    }
    const mod = u.protocol === "https:" ? https : http;
    const req = mod.request(
      u,
      {
        method: "POST",
        agent: agents[u.protocol as "http:" | "https:"],
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Lateral-Notifications/1",
          ...headers,
          "content-length": String(Buffer.byteLength(body, "utf8")),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text.length <= MAX_ANSWER) text += chunk;
        });
        res.on("error", (err) => finish({ ok: false, status: res.statusCode ?? null, response: describeError(err, timeoutMs) }));
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          finish({ ok: status >= 200 && status < 300, status, response: text.length > MAX_ANSWER ? `${text.slice(0, MAX_ANSWER)}…` : text });
        });
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, response: `no answer within ${timeoutMs / 1000} s (timeout)` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err) => finish({ ok: false, status: null, response: describeError(err, timeoutMs) }));
    req.end(body, "utf8");
  });
}

export function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs / 1000} s (timeout)`;
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
