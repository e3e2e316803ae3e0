import crypto from "node:crypto";
import type { z } from "zod";
import type { emailSettings, syslogSettings, webhookSettings } from "../validation/notifications";
import type { ChatConfig, DestinationConfig, EmailConfig, SyslogConfig, WebhookConfig } from "./destination";
import type { DestinationSecrets } from "./secrets";
import type { DestinationKind } from "./types";

/**
 * A destination's validated settings split into what is stored in clear (`config`, shown by the
 * API) and what is encrypted (`secrets`, never shown). `previous` are the stored secrets on update:
 * a secret left out is kept.
 */
export function generateSigningSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

export function splitSettings(
  kind: DestinationKind,
  settings: Record<string, unknown>,
  previous: DestinationSecrets,
): { config: DestinationConfig; secrets: DestinationSecrets } {
  switch (kind) {
    case "webhook": {
      const s = settings as z.output<typeof webhookSettings>;
      const headers = s.headers ?? ((previous.headers as Record<string, string> | undefined) ?? {});
      const config: WebhookConfig = { url: s.url, headerNames: Object.keys(headers) };
      return { config, secrets: { signingSecret: (previous.signingSecret as string) ?? generateSigningSecret(), headers } };
    }
    case "slack":
    case "teams": {
      const url = (settings.url as string | undefined) ?? (previous.url as string | undefined);
      if (!url) throw new Error("url is required");
      const config: ChatConfig = { urlHost: new URL(url).host };
      return { config, secrets: { url } };
    }
    case "syslog": {
      const s = settings as z.output<typeof syslogSettings>;
      const config: SyslogConfig = { host: s.host, port: s.port, tls: s.tls, ca: s.ca?.trim() ? s.ca : null, rejectUnauthorized: s.rejectUnauthorized, facility: s.facility, hostname: s.hostname || null };
      return { config, secrets: {} };
    }
    case "email": {
      const s = settings as z.output<typeof emailSettings>;
      const password = s.password === undefined ? (previous.password as string | undefined) : s.password || undefined;
      const config: EmailConfig = {
        host: s.host, port: s.port, security: s.security, rejectUnauthorized: s.rejectUnauthorized, from: s.from, to: s.to,
        username: s.username || null, hasPassword: Boolean(password),
      };
      return { config, secrets: password ? { password } : {} };
    }
  }
}
