import crypto from "node:crypto";
import { env } from "../../env";
import type { ChatConfig, EmailConfig, LoadedDestination, SyslogConfig, WebhookConfig } from "../destination";
import { syslogLines } from "../format/cef";
import { emailContent, slackBody, teamsBody, webhookBody } from "../format/messages";
import type { Message, SendResult } from "../types";
import { sendEmails } from "./email";
import { postJson } from "./http";
import { sendSyslog } from "./syslog";

/**
 * Sends messages to one destination, answering one result per message (same order). HTTP
 * destinations send at most NOTIFY_CONCURRENCY requests at once; syslog writes all messages over
 * one connection; email shares one SMTP connection pool.
 */
export const SIGNATURE_HEADER = "x-lateral-signature";
export const ID_HEADER = "x-lateral-id";

export function signBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export async function sendMessages(dest: LoadedDestination, messages: Message[], timeoutMs = env().NOTIFY_TIMEOUT_SECONDS * 1000): Promise<SendResult[]> {
  switch (dest.kind) {
    case "webhook": {
      const cfg = dest.config as WebhookConfig;
      const secret = String(dest.secrets.signingSecret ?? "");
      const custom = (dest.secrets.headers ?? {}) as Record<string, string>;
      return mapLimit(messages, env().NOTIFY_CONCURRENCY, (m) => {
        const body = JSON.stringify(webhookBody(m));
        return postJson(cfg.url, body, { ...custom, [ID_HEADER]: m.id, [SIGNATURE_HEADER]: signBody(secret, body) }, timeoutMs);
      });
    }
    case "slack":
    case "teams": {
      const url = String(dest.secrets.url ?? "");
      void (dest.config as ChatConfig);
      return mapLimit(messages, env().NOTIFY_CONCURRENCY, (m) =>
        postJson(url, JSON.stringify(dest.kind === "slack" ? slackBody(m) : teamsBody(m)), { [ID_HEADER]: m.id }, timeoutMs),
      );
    }
    case "syslog": {
      const cfg = dest.config as SyslogConfig;
      const lines = messages.map((m) => syslogLines(m, { facility: cfg.facility, hostname: cfg.hostname ?? undefined }));
      const r = await sendSyslog(cfg, lines.flat(), timeoutMs);
      return messages.map(() => r);
    }
    case "email": {
      const cfg = dest.config as EmailConfig;
      return sendEmails(cfg, dest.secrets.password as string | undefined, messages.map((m) => ({ id: m.id, ...emailContent(m) })), timeoutMs);
    }
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}
