import { z } from "zod";
import { ipBytes } from "../eql/values";

/** Hunts and saved hunts as the API, the hunt page and the services accept them. */
export const HUNT_MAX_QUERY_CHARS = 20_000;

const isoDate = z.coerce.date({ message: "expected a date (ISO 8601)" }).refine((d) => !Number.isNaN(d.getTime()), "expected a date (ISO 8601)");
const address = z
  .string()
  .trim()
  .refine((s) => ipBytes(s) !== undefined, "expected an IP address such as 10.13.37.5 or fe80::1");

export const huntSchema = z
  .object({
    id: z.string().uuid().optional(),
    query: z.string().trim().min(1, "write an EQL query").max(HUNT_MAX_QUERY_CHARS, `a query may have at most ${HUNT_MAX_QUERY_CHARS} characters`),
    from: isoDate,
    to: isoDate,
    hostId: z.string().trim().min(1).max(1024).optional(),
    ip: address.optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((h) => h.from.getTime() <= h.to.getTime(), { message: "from must not be after to", path: ["from"] });
export type HuntInput = z.infer<typeof huntSchema>;

/** A relative window ({"last": "24h"}) follows the clock; an absolute one ({"from","to"}) stays put. */
export const huntWindowSchema = z.union([
  z.object({ last: z.string().regex(/^[1-9][0-9]*(m|h|d)$/, "last: a duration such as 15m, 24h or 7d") }).strict(),
  z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) }).strict(),
]);
export type HuntWindowInput = z.infer<typeof huntWindowSchema>;

export const savedHuntSchema = z.object({
  name: z.string().trim().min(1, "give the hunt a name").max(200),
  query: z.string().trim().min(1, "write an EQL query").max(HUNT_MAX_QUERY_CHARS),
  window: huntWindowSchema.default({ last: "24h" }),
  hostId: z.string().trim().min(1).max(1024).nullable().optional(),
  ip: address.nullable().optional(),
  shared: z.boolean().default(false),
});
export const savedHuntPatchSchema = savedHuntSchema.partial().refine((p) => Object.keys(p).length > 0, "nothing to change");

export const huntRuleSchema = z.object({
  severity: z.enum(["low", "medium", "high", "critical"]),
  riskScore: z.number().int().min(0).max(100),
  interval: z.string().regex(/^[1-9][0-9]*(s|m|h)$/, "interval: a duration such as 30s, 5m or 1h"),
});
