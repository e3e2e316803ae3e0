import { z } from "zod";
import { SEVERITIES } from "../notify/types";

/**
 * Notification destinations as the API, the admin page and the services accept them. Secrets
 * (webhook header values, chat webhook URLs, SMTP passwords) are write-only: omitted on update,
 * they are kept.
 */
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .url("must be a URL")
  .refine((u) => /^https?:\/\//i.test(u), "must be an http:// or https:// URL");

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const RESERVED_HEADERS = new Set(["content-type", "content-length", "host", "x-lateral-signature", "x-lateral-id", "transfer-encoding", "connection"]);
const headers = z
  .record(z.string(), z.string().max(4000).refine((v) => !/[\r\n\0]/.test(v), "a header value may not contain line breaks"))
  .superRefine((h, ctx) => {
    const names = Object.keys(h);
    if (names.length > 20) ctx.addIssue({ code: "custom", message: "at most 20 custom headers" });
    for (const n of names) {
      if (!HEADER_NAME.test(n)) ctx.addIssue({ code: "custom", message: `${JSON.stringify(n)} is not a valid header name`, path: [n] });
      else if (RESERVED_HEADERS.has(n.toLowerCase())) ctx.addIssue({ code: "custom", message: `${n} is set by Lateral and cannot be overridden`, path: [n] });
    }
  });

const hostName = z.string().trim().min(1, "enter a host name or address").max(255).regex(/^[A-Za-z0-9.:_-]+$/, "a host name or IP address, without scheme or port");
const port = z.coerce.number().int().min(1).max(65535);

export const webhookSettings = z.object({ url: httpUrl, headers: headers.optional() });
export const chatSettings = z.object({ url: httpUrl.optional() });
export const syslogSettings = z.object({
  host: hostName,
  port,
  tls: z.boolean().default(false),
  ca: z.string().max(20_000).nullable().default(null).refine((v) => v === null || v.trim() === "" || v.includes("-----BEGIN CERTIFICATE-----"), "ca must be PEM certificates"),
  rejectUnauthorized: z.boolean().default(true),
  facility: z.coerce.number().int().min(0).max(23).default(16),
  hostname: z.string().trim().max(255).regex(/^[\x21-\x7E]*$/, "printable ASCII without spaces").nullable().default(null),
});
const email = z.string().trim().email("must be an email address").max(320);
export const emailSettings = z.object({
  host: hostName,
  port,
  security: z.enum(["none", "starttls", "tls"]).default("starttls"),
  rejectUnauthorized: z.boolean().default(true),
  from: email,
  to: z.array(email).min(1, "add at least one recipient").max(50),
  username: z.string().max(320).nullable().default(null),
  password: z.string().max(1000).nullable().optional(),
});

const routing = {
  name: z.string().trim().min(1, "name is required").max(100),
  enabled: z.boolean().default(true),
  ruleIds: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  minSeverity: z.enum(SEVERITIES).default("low"),
  onAlerts: z.boolean().default(true),
  onIncidents: z.boolean().default(false),
  onIncidentChanges: z.boolean().default(false),
  digestMinutes: z.coerce.number().int().min(1, "a digest spans at least 1 minute").max(1440).nullable().default(null),
};

export const createDestinationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("webhook"), ...routing, settings: webhookSettings }).strict(),
  z.object({ kind: z.literal("slack"), ...routing, settings: chatSettings.required({ url: true }) }).strict(),
  z.object({ kind: z.literal("teams"), ...routing, settings: chatSettings.required({ url: true }) }).strict(),
  z.object({ kind: z.literal("syslog"), ...routing, settings: syslogSettings }).strict(),
  z.object({ kind: z.literal("email"), ...routing, settings: emailSettings }).strict(),
]);
export type CreateDestinationInput = z.input<typeof createDestinationSchema>;

/** PATCH: any routing field; `settings` replaces the kind's settings (secrets omitted are kept). */
export const updateDestinationSchema = z
  .object({
    name: routing.name,
    enabled: z.boolean(),
    ruleIds: z.array(z.string().trim().min(1).max(200)).max(200),
    minSeverity: z.enum(SEVERITIES),
    onAlerts: z.boolean(),
    onIncidents: z.boolean(),
    onIncidentChanges: z.boolean(),
    digestMinutes: z.coerce.number().int().min(1).max(1440).nullable(),
    settings: z.record(z.string(), z.unknown()),
    rotateSecret: z.boolean(),
  })
  .partial()
  .strict();

export const SETTINGS_SCHEMAS = { webhook: webhookSettings, slack: chatSettings, teams: chatSettings, syslog: syslogSettings, email: emailSettings } as const;
