import { z } from "zod";

/**
 * The zod pieces every request shape uses: optional text and dates from URL parameters, page
 * limits, ids, day counts. One definition each, so a limit or a date reads the same everywhere.
 */

/** Optional text of at most `max` characters, trimmed; empty means absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** An optional instant (ISO 8601); empty means absent. */
export const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === "") return undefined;
    const ms = Date.parse(v.trim());
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(v)} is not a date (use ISO 8601, e.g. 2025-01-31T12:00:00Z)` });
      return z.NEVER;
    }
    return new Date(ms);
  });

/** How many rows one page holds: 1–`max` (500), `fallback` (50) when absent. */
export const pageLimit = (max = 500, fallback = 50) => z.coerce.number().int().min(1).max(max).default(fallback);

/** A row id in a URL. */
export const uuidParam = z.uuid("not a valid id");

/** A number of days, whole, `min`–`max`, `fallback` when absent. */
export const dayCount = (min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int("days must be a whole number")
    .min(min, `days must be at least ${min}`)
    .max(max, `days may be at most ${max}`)
    .default(fallback);

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * An optional instant in a URL parameter: ISO 8601 or epoch milliseconds; empty means absent.
 * `message` is the issue when it is neither.
 */
export const urlInstant = (message: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (v === null || v === undefined || v.trim() === "") return undefined;
      const d = /^\d+$/.test(v) ? new Date(Number(v)) : new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    });

/** How long a time window is when `from` or `to` is missing, and how long it may be at most. */
export interface WindowRules {
  defaultMs: number;
  maxMs?: number;
}

/** The investigation pages' window (source IP, movement, addresses): the last 24 h, at most 31 days. */
export const INVESTIGATION_WINDOW: WindowRules = { defaultMs: DAY_MS, maxMs: 31 * DAY_MS };
/** The overview's window: the last 7 days, at most 366. */
export const OVERVIEW_WINDOW: WindowRules = { defaultMs: 7 * DAY_MS, maxMs: 366 * DAY_MS };

/** A window's bounds: `from` not after `to`, and at most `maxMs` long. */
export const windowBounds = (maxMs?: number) =>
  z.object({ from: z.date(), to: z.date() }).superRefine(({ from, to }, ctx) => {
    if (from > to) ctx.addIssue({ code: "custom", message: "from must be before to" });
    else if (maxMs && to.getTime() - from.getTime() > maxMs) ctx.addIssue({ code: "custom", message: `The window may not exceed ${Math.round(maxMs / DAY_MS)} days` });
  });

/**
 * The one definition of a time window from `from`/`to` URL parameters: either defaults relative to
 * the other, or to the `defaultMs` before `now`; then `windowBounds`.
 */
export const timeWindow = (rules: WindowRules & { now?: Date }) =>
  z
    .object({ from: urlInstant("not a valid date"), to: urlInstant("not a valid date") })
    .transform(({ from, to }) => {
      const end = to ?? (from ? new Date(from.getTime() + rules.defaultMs) : (rules.now ?? new Date()));
      return { from: from ?? new Date(end.getTime() - rules.defaultMs), to: end };
    })
    .pipe(windowBounds(rules.maxMs));

/** A service's input for a path entity: its id (from the URL) and, for writes, the request body. */
export const pathTarget = z.object({ id: z.string().max(200, "id: at most 200 characters"), body: z.unknown().optional() });
