import ipaddr from "ipaddr.js";
import { z } from "zod";
import { ALERT_STATUSES, CLOSING_REASONS } from "../alerts/types";

/**
 * Zod schemas of the alerts API, shared by the route handlers and the alerts page. The list query
 * is a flat string map (URL search params); the bulk filter uses the same shape.
 */
export const ALERT_SORTS = ["createdAt", "riskScore", "severity", "host", "lastEventAt"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
export const ALERT_GROUP_BY = ["host", "sourceIp", "rule"] as const;
export type AlertGroupBy = (typeof ALERT_GROUP_BY)[number];
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const TIME_FIELDS = ["createdAt", "firstEventAt"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "not a date (ISO 8601 expected)" });
      return z.NEVER;
    }
    return new Date(ms);
  });

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

const ipText = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    if (!ipaddr.isValid(v)) {
      ctx.addIssue({ code: "custom", message: "not an IP address" });
      return z.NEVER;
    }
    return ipaddr.process(v).toString();
  });

/** Which alerts: every list, count, grouping and "bulk by filter" uses this. */
export const alertFilterSchema = z.object({
  status: z.enum([...ALERT_STATUSES, "all"]).default("open"),
  ruleId: optionalText(200),
  severity: severityList,
  hostId: optionalText(500),
  host: optionalText(500),
  sourceIp: ipText,
  user: optionalText(500),
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
  limit: z.coerce.number().int().min(1).max(500).default(50),
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
