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
