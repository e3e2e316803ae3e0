import net from "node:net";
import tls from "node:tls";
import type { SyslogConfig } from "../destination";
import type { SendResult } from "../types";
import { describeError } from "./http";

/**
 * RFC 5424 messages over one TCP (or TLS, RFC 5425) connection, framed by octet counting
 * (RFC 6587 §3.4.1: "<length> <message>"), so a message can never be split or joined by its
 * content. Success: every byte written and the connection closed cleanly.
 */
export function sendSyslog(cfg: SyslogConfig, lines: string[], timeoutMs: number): Promise<SendResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean, response: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, status: null, response, durationMs: Date.now() - started });
    };
    const payload = lines.map((l) => `${Buffer.byteLength(l, "utf8")} ${l}`).join("");
    const onConnect = () => {
      socket.end(payload, "utf8");
    };
    const socket = cfg.tls
      ? tls.connect({ host: cfg.host, port: cfg.port, ca: cfg.ca ?? undefined, rejectUnauthorized: cfg.rejectUnauthorized, servername: net.isIP(cfg.host) ? undefined : cfg.host }, onConnect)
      : net.connect({ host: cfg.host, port: cfg.port }, onConnect);
    const timer = setTimeout(() => done(false, `no answer within ${timeoutMs / 1000} s (timeout)`), timeoutMs);
    socket.on("error", (err) => done(false, describeError(err, timeoutMs)));
    socket.on("finish", () => done(true, `${lines.length} message${lines.length === 1 ? "" : "s"} written to ${cfg.host}:${cfg.port}${cfg.tls ? " over TLS" : ""}`));
    socket.on("close", () => done(false, "the connection closed before the messages were written"));
  });
}
