import ipaddr from "ipaddr.js";
import { z } from "zod";
import { CLOSING_REASONS } from "../alerts/types";
import { INCIDENT_SORTS, INCIDENT_STATUSES } from "../incidents/types";
import { PATTERN_RE } from "../movement/critical";
import { optionalText, pageLimit, urlInstant } from "./common";

/** Zod schemas of the movement, addresses, incidents and critical-hosts APIs (URL params are strings). */
const instant = (name: string) => urlInstant(`${name}: not a date (ISO 8601 or epoch ms expected)`);

export const address = z
  .string()
  .trim()
  .max(64)
  .refine((v) => ipaddr.isValid(v), { message: "not an IP address" })
  .transform((v) => ipaddr.process(v).toString());

export const movementQuerySchema = z
  .object({
    from: instant("from"),
    to: instant("to"),
    hostId: optionalText(500),
    ip: address.optional().or(z.literal("").transform(() => undefined)),
    incidentId: optionalText(100),
  })
  .strict();
export type MovementQuery = z.output<typeof movementQuerySchema>;

export const addressesQuerySchema = z
  .object({
    ip: z.array(address).min(1, "give at least one ip").max(100, "at most 100 addresses"),
    from: instant("from"),
    to: instant("to"),
  })
  .strict();

export const incidentListQuerySchema = z
  .object({
    status: z.enum([...INCIDENT_STATUSES, "all"]).default("open"),
    sort: z.enum(INCIDENT_SORTS).default("priority"),
    order: z.enum(["asc", "desc"]).default("desc"),
    q: optionalText(200),
    assignee: optionalText(200),
    hostId: optionalText(500),
    critical: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
    limit: pageLimit(200, 50),
    cursor: optionalText(500),
  })
  .strict();
export type IncidentListQuery = z.output<typeof incidentListQuerySchema>;

export const incidentUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "a title cannot be empty").max(300).optional(),
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    closingReason: z.enum(CLOSING_REASONS).optional(),
    note: z.string().trim().min(1, "a note cannot be empty").max(10_000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.status === "closed" && !v.closingReason) ctx.addIssue({ code: "custom", path: ["closingReason"], message: "closing an incident needs a closingReason" });
    if (v.closingReason && v.status !== "closed") ctx.addIssue({ code: "custom", path: ["closingReason"], message: 'a closing reason goes only with "status": "closed"' });
    if (v.title === undefined && v.assignee === undefined && v.status === undefined && v.note === undefined) {
      ctx.addIssue({ code: "custom", message: "nothing to change: send title, assignee, status (with closingReason) or note" });
    }
  });
export type IncidentUpdate = z.output<typeof incidentUpdateSchema>;

export const incidentMergeSchema = z.object({ otherId: z.string().trim().min(1).max(100) }).strict();
export const incidentSplitSchema = z
  .object({ alertIds: z.array(z.string().trim().min(1).max(100)).min(1, "give at least one alert").max(1000) })
  .strict();

export const criticalHostCreateSchema = z
  .object({
    hostId: z.string().trim().min(1).max(500).optional(),
    pattern: z
      .string()
      .trim()
      .regex(PATTERN_RE, "a pattern is a host name with * (any run) and ? (one character): letters, digits, - _ . only")
      .optional(),
  })
  .strict()
  .refine((v) => (v.hostId === undefined) !== (v.pattern === undefined), { message: 'send either "hostId" or "pattern"' });
