import { z } from "zod";
import type { AllowlistEntryJson } from "./serialize-entry";
import type { AllowlistContext } from "./service-context";
import { updateAllowlistEntry } from "./update-allowlist-entry";

const enabledSchema = z.boolean({ error: "enabled must be true or false" });

/** Turns an entry on or off (recorded as an `enabled` / `disabled` change). */
export async function setAllowlistEntryEnabled(id: string, enabled: unknown, ctx: AllowlistContext): Promise<AllowlistEntryJson> {
  const value = enabledSchema.parse(enabled);
  return (await updateAllowlistEntry(id, { enabled: value }, ctx)).entry;
}
