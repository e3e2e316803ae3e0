import nodemailer from "nodemailer";
import type { EmailConfig } from "../destination";
import type { SendResult } from "../types";
import { describeError } from "./http";

/** Mail over SMTP with nodemailer: plain text and HTML, optional STARTTLS / TLS and authentication. */
export interface Mail {
  id: string;
  subject: string;
  text: string;
  html: string;
}

export async function sendEmails(cfg: EmailConfig, password: string | undefined, mails: Mail[], timeoutMs: number): Promise<SendResult[]> {
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === "tls",
    requireTLS: cfg.security === "starttls",
    ignoreTLS: cfg.security === "none",
    auth: cfg.username ? { user: cfg.username, pass: password ?? "" } : undefined,
    tls: { rejectUnauthorized: cfg.rejectUnauthorized },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    pool: mails.length > 1,
    maxConnections: 2,
    logger: false,
    debug: false,
  });
  try {
    return await Promise.all(
      mails.map(async (m) => {
        const started = Date.now();
        try {
          const info = await transport.sendMail({
            from: cfg.from,
            to: cfg.to,
            subject: m.subject,
            text: m.text,
            html: m.html,
            messageId: `<${m.id}@lateral.notifications>`,
            headers: { "X-Lateral-Id": m.id },
          });
          const response = String(info.response ?? "");
          const code = Number(/^(\d{3})/.exec(response)?.[1] ?? 250);
          return { ok: info.rejected.length === 0, status: code, response, durationMs: Date.now() - started };
        } catch (err) {
          const e = err as { responseCode?: number; response?: string };
          return { ok: false, status: e.responseCode ?? null, response: e.response ?? describeError(err, timeoutMs), durationMs: Date.now() - started };
        }
      }),
    );
  } finally {
    transport.close();
  }
}
