import type { z } from "zod";
import { AppError } from "../http/errors";
import { DAY_MS, HOUR_MS, timeWindow, urlInstant, windowBounds, type WindowRules } from "../validation/common";

/**
 * `from`/`to` URL parameters of the investigation pages and routes, read with the shared window
 * rules (lib/validation/common.ts); a bad value is an AppError `validation_failed`.
 */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export { DAY_MS, HOUR_MS };

/** The first issue as the one message: `from: not a valid date`, `from must be before to`. */
function invalid(error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError("validation_failed", issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
}

export function parseInstant(value: string | null | undefined, name: string): Date | undefined {
  const r = urlInstant("not a valid date").safeParse(value);
  if (!r.success) throw new AppError("validation_failed", `${name}: ${r.error.issues[0].message}`);
  return r.data;
}

/** `from`/`to` from the URL; either defaults relative to the other, or to the last `defaultMs`. */
export function parseWindow(params: { from?: string | null; to?: string | null }, opts: WindowRules & { now?: Date }): TimeWindow {
  const r = timeWindow(opts).safeParse({ from: params.from, to: params.to });
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** A window already resolved (the host page's defaults to its latest event): `from` not after `to`, at most `maxMs`. */
export function checkWindow(window: TimeWindow, maxMs?: number): TimeWindow {
  const r = windowBounds(maxMs).safeParse(window);
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/** A bucket size giving about `target` buckets over the window, rounded to a readable unit. */
export function bucketSizeMs(window: TimeWindow, target = 48): number {
  const span = Math.max(1, window.to.getTime() - window.from.getTime());
  const steps = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 7 * DAY_MS];
  return steps.find((s) => span / s <= target) ?? steps[steps.length - 1];
}
