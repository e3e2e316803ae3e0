import ipaddr from "ipaddr.js";
import { z } from "zod";
import { ALERT_STATUSES, CLOSING_REASONS } from "../alerts/types";
import { optionalDate, optionalText, pageLimit } from "./common";

/**
 * Zod schemas of the alerts API, shared by the route handlers and the alerts page. The list query
 * is a flat string map (URL search params); the bulk filter uses the same shape.
 */
export const ALERT_SORTS = ["createdAt", "riskScore", "severity", "host", "lastEventAt", "priority"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
export const ALERT_GROUP_BY = ["host", "sourceIp", "rule"] as const;
export type AlertGroupBy = (typeof ALERT_GROUP_BY)[number];
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const TIME_FIELDS = ["createdAt", "firstEventAt"] as const;

const severityList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const list = v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    for (const s of list) {
      if (!(SEVERITIES as readonly string[]).includes(s)) {
        ctx.addIssue({ code: "custom", message: `unknown severity "${s}" (low, medium, high, critical)` });
        return z.NEVER;
      }
    }
    return list;
  });

/**
 * The source-IP filter: an address (`10.13.37.5`, exact), a CIDR block (`10.13.37.0/24`, host bits
 * cleared) or a dotted IPv4 prefix (`10.13.37` or `10.13.37.` = `10.13.37.0/24`, `10` = `10.0.0.0/8`).
 * Answers the normalized text (`10.13.37.0/24` or `10.13.37.5`) or the reason it is none of them.
 * Short IPv4 forms that `inet_aton` would read (`10.13.37` as 10.13.0.37) are prefixes here.
 */
export const SOURCE_IP_HELP = "an IP address (10.13.37.5), a CIDR block (10.13.37.0/24) or a prefix (10.13.37)";

export function parseSourceIpFilter(text: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = text.trim();
  // A zone index (fe80::1%eth0) names an interface of the machine that saw the address: no stored address has one.
  if (v.includes("%")) return { ok: false, error: `"${v.slice(0, 60)}" has a zone index (%…); give the address without it` };
  const prefix = /^(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?\.?$/.exec(v);
  if (prefix) {
    const parts = prefix.slice(1).filter((p) => p !== undefined).map(Number);
    if (parts.every((n) => n <= 255)) {
      while (parts.length < 4) parts.push(0);
      return { ok: true, value: `${parts.join(".")}/${8 * prefix.slice(1).filter((p) => p !== undefined).length}` };
    }
  }
  const slash = v.indexOf("/");
  if (slash >= 0) {
    const [addr, bits] = [v.slice(0, slash), v.slice(slash + 1)];
    const isV4 = ipaddr.IPv4.isValidFourPartDecimal(addr);
    if ((isV4 || ipaddr.IPv6.isValid(addr)) && /^\d{1,3}$/.test(bits) && Number(bits) <= (isV4 ? 32 : 128)) {
      const network = isV4 ? ipaddr.IPv4.networkAddressFromCIDR(v) : ipaddr.IPv6.networkAddressFromCIDR(v);
      return { ok: true, value: `${network.toString()}/${Number(bits)}` };
    }
  } else if (ipaddr.IPv4.isValidFourPartDecimal(v) || ipaddr.IPv6.isValid(v)) {
    return { ok: true, value: ipaddr.process(v).toString() };
  }
  return { ok: false, error: `"${v.slice(0, 60)}" is not ${SOURCE_IP_HELP}` };
}

const ipText = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const parsed = parseSourceIpFilter(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });

/** Which alerts: every list, count, grouping and "bulk by filter" uses this. */
export const alertFilterSchema = z.object({
  status: z.enum([...ALERT_STATUSES, "all"]).default("open"),
  ruleId: optionalText(200),
  severity: severityList,
  hostId: optionalText(500),
  /** The alerts of one incident; the alerts whose source address a host held (lib/movement). */
  incidentId: optionalText(100),
  sourceHostId: optionalText(500),
  host: optionalText(500),
  sourceIp: ipText,
  user: optionalText(500),
  /** The alert's process name (case-insensitive). */
  process: optionalText(500),
  /** "Filter out": alerts whose value differs (an alert without the value stays in). */
  notHost: optionalText(500),
  notSourceIp: ipText,
  notUser: optionalText(500),
  notProcess: optionalText(500),
  notRuleId: optionalText(200),
  q: optionalText(500),
  from: optionalDate,
  to: optionalDate,
  timeField: z.enum(TIME_FIELDS).default("createdAt"),
  /** Only alerts created strictly after this instant (the page's "new alerts" poll). */
  createdAfter: optionalDate,
});
export type AlertFilter = z.output<typeof alertFilterSchema>;
export type AlertFilterInput = z.input<typeof alertFilterSchema>;

export const alertListQuerySchema = alertFilterSchema.extend({
  sort: z.enum(ALERT_SORTS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: pageLimit(),
  cursor: optionalText(2000),
  groupBy: z.enum(ALERT_GROUP_BY).optional().or(z.literal("").transform(() => undefined)),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

/** URLSearchParams → the list query (the last value of a repeated key wins). */
export function parseAlertListQuery(params: URLSearchParams): AlertListQuery {
  return alertListQuerySchema.parse(Object.fromEntries(params.entries()));
}

const updateFields = {
  status: z.enum(ALERT_STATUSES).optional(),
  closingReason: z.enum(CLOSING_REASONS).nullable().optional(),
  assignee: z.string().trim().min(1).max(200).nullable().optional(),
};

function checkUpdate(v: { status?: string; closingReason?: string | null; assignee?: string | null }, ctx: z.RefinementCtx) {
  if (v.closingReason && v.status !== "closed") {
    ctx.addIssue({ code: "custom", path: ["closingReason"], message: 'a closing reason goes only with "status": "closed"' });
  }
  if (v.status === undefined && v.closingReason === undefined && v.assignee === undefined) {
    ctx.addIssue({ code: "custom", message: "nothing to change: send status, closingReason or assignee" });
  }
}

export const alertUpdateSchema = z.object(updateFields).strict().superRefine(checkUpdate);
export type AlertUpdate = z.output<typeof alertUpdateSchema>;

export const bulkUpdateSchema = z
  .object({
    ids: z.array(z.string().min(1).max(100)).min(1).max(10_000).optional(),
    filter: z.record(z.string(), z.string()).optional(),
    ...updateFields,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.ids === !v.filter) ctx.addIssue({ code: "custom", message: 'send either "ids" or "filter"' });
    checkUpdate(v, ctx);
  })
  .transform(({ ids, filter, ...update }) => ({
    target: ids ? ({ ids } as const) : ({ filter: alertFilterSchema.parse(filter ?? {}) } as const),
    update,
  }));
export type BulkUpdate = z.output<typeof bulkUpdateSchema>;

export const noteSchema = z.object({ body: z.string().trim().min(1, "a note cannot be empty").max(10_000) }).strict();

export const checklistUpdateSchema = z
  .object({ done: z.boolean(), comment: z.string().trim().max(2000).nullable().optional() })
  .strict();
