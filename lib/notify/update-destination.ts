import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { findDestinationRow, updateDestinationRow } from "../db/queries/notifications";
import { AppError, notFound } from "../http/errors";
import { SETTINGS_SCHEMAS, updateDestinationSchema } from "../validation/notifications";
import type { ServiceContext } from "../service-context";
import { beginAdmin, isUuid } from "./context";
import { decryptSecrets, encryptSecrets, secretKey } from "./secrets";
import { serializeDestination, type DestinationJson } from "./serialize-destination";
import { generateSigningSecret, splitSettings } from "./settings";
import type { DestinationKind } from "./types";

/**
 * Changes a destination: routing fields, and its settings as a whole (secrets left out are kept).
 * `rotateSecret` gives a webhook a new signing secret, answered once. The kind cannot change.
 * The audit row lists the fields that changed (secrets only as "changed", never their values).
 */
export async function updateDestination(id: string, input: unknown, ctx: ServiceContext): Promise<{ destination: DestinationJson; signingSecret?: string }> {
  const { actor, now } = beginAdmin(ctx);
  const data = updateDestinationSchema.parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    const row = isUuid(id) ? await findDestinationRow(id, tx) : null;
    if (!row) throw notFound("Notification destination");
    const kind = row.kind as DestinationKind;
    const changed: string[] = [];
    const patch: Prisma.NotificationDestinationUpdateInput = { updatedAt: now, updatedBy: actor.label };
    for (const f of ["name", "enabled", "ruleIds", "minSeverity", "onAlerts", "onIncidents", "onIncidentChanges", "digestMinutes"] as const) {
      if (data[f] === undefined) continue;
      if (JSON.stringify(data[f]) !== JSON.stringify(row[f])) changed.push(f);
      (patch as Record<string, unknown>)[f] = data[f];
    }
    let signingSecret: string | undefined;
    if (data.settings !== undefined || data.rotateSecret) {
      const key = secretKey();
      const previous = decryptSecrets(id, row.secrets, key);
      let config = row.config as Record<string, unknown>;
      let secrets = previous;
      if (data.settings !== undefined) {
        const settings = SETTINGS_SCHEMAS[kind].parse(data.settings) as Record<string, unknown>;
        const split = splitSettings(kind, settings, previous);
        config = split.config as unknown as Record<string, unknown>;
        secrets = split.secrets;
        if (JSON.stringify(config) !== JSON.stringify(row.config)) changed.push("settings");
        if (JSON.stringify({ ...secrets, signingSecret: undefined }) !== JSON.stringify({ ...previous, signingSecret: undefined })) changed.push("secrets");
      }
      if (data.rotateSecret) {
        if (kind !== "webhook") throw new AppError("validation_failed", "rotateSecret: only webhooks have a signing secret");
        signingSecret = generateSigningSecret();
        secrets = { ...secrets, signingSecret };
        changed.push("signingSecret");
      }
      patch.config = config as Prisma.InputJsonValue;
      patch.secrets = encryptSecrets(id, secrets, key);
    }
    const updated = await updateDestinationRow(id, patch, tx);
    await recordAudit(
      { actor, action: "notification.destination.update", targetType: "notification_destination", targetId: id, details: { name: updated.name, kind, changed }, ip: ctx.ip },
      tx,
    );
    return { destination: serializeDestination(updated), ...(signingSecret ? { signingSecret } : {}) };
  });
}
