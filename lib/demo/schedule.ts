/**
 * Time helpers. The scenario covers the 72 hours before `end`; what happens in it is fixed by the
 * seed, only the clock moves with `end`.
 */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const SPAN = 3 * DAY;

/** Monitoring probes run every PROBE_EVERY, on the wall clock, during the first PROBE_BURST of it. */
export const PROBE_EVERY = 10 * MINUTE;
export const PROBE_BURST = 90 * SECOND;

/**
 * Midnight (UTC) of the three business days shown: the last one is today once today's business
 * hours are over (18:00 UTC), else yesterday; so every business-hours event lies before `end`.
 */
export function businessDays(end: number): number[] {
  const today = end - (end % DAY);
  const last = end - today >= 18 * HOUR ? today : today - DAY;
  return [last - 2 * DAY, last - DAY, last];
}

/**
 * Moves `t` into the quiet part of its probe period ([2.5 min, 7.5 min) after the probes), so a
 * session of a couple of minutes never has a probe connection within 30 s before its processes.
 */
export function quiet(t: number): number {
  const offset = ((t % PROBE_EVERY) + PROBE_EVERY) % PROBE_EVERY;
  return t - offset + 150 * SECOND + (offset % (5 * MINUTE));
}
