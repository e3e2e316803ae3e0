import { AppError } from "../http/errors";

/** Parsing of `from`/`to` URL parameters shared by the investigation pages and routes. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export function parseInstant(value: string | null | undefined, name: string): Date | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const d = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new AppError("validation_failed", `${name}: not a valid date`);
  return d;
}

/** `from`/`to` from the URL; either defaults relative to the other, or to the last `defaultMs`. */
export function parseWindow(
  params: { from?: string | null; to?: string | null },
  opts: { defaultMs: number; maxMs?: number; now?: Date },
): TimeWindow {
  const from = parseInstant(params.from, "from");
  const to = parseInstant(params.to, "to");
  const end = to ?? (from ? new Date(from.getTime() + opts.defaultMs) : (opts.now ?? new Date()));
  const start = from ?? new Date(end.getTime() - opts.defaultMs);
  if (start > end) throw new AppError("validation_failed", "from must be before to");
  if (opts.maxMs && end.getTime() - start.getTime() > opts.maxMs) {
    throw new AppError("validation_failed", `The window may not exceed ${Math.round(opts.maxMs / DAY_MS)} days`);
  }
  return { from: start, to: end };
}

/** A bucket size giving about `target` buckets over the window, rounded to a readable unit. */
export function bucketSizeMs(window: TimeWindow, target = 48): number {
  const span = Math.max(1, window.to.getTime() - window.from.getTime());
  const steps = [60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 7 * DAY_MS];
  return steps.find((s) => span / s <= target) ?? steps[steps.length - 1];
}
