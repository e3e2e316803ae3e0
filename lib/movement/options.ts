import { env } from "../env";

/** The chain window (CHAIN_WINDOW_HOURS) and the ownership window (OWNERSHIP_WINDOW_HOURS), in ms. */
export function movementOptions(): { windowMs: number; ownershipMs: number } {
  const e = env();
  return { windowMs: e.CHAIN_WINDOW_HOURS * 3_600_000, ownershipMs: e.OWNERSHIP_WINDOW_HOURS * 3_600_000 };
}
