import crypto from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { insertDestinationRow } from "../db/queries/notifications";
import { createDestinationSchema } from "../validation/notifications";
import type { ServiceContext } from "../service-context";
import { beginAdmin } from "./context";
import { encryptSecrets, secretKey } from "./secrets";
import { serializeDestination, type DestinationJson } from "./serialize-destination";
import { splitSettings } from "./settings";

/**
 * Creates a destination. A webhook gets a signing secret, answered here once (`signingSecret`) and
 * never again; every secret is stored encrypted. The audit row names the destination, never a secret.
 */
export async function createDestination(input: unknown, ctx: ServiceContext): Promise<{ destination: DestinationJson; signingSecret?: string }> {
  const { actor, now } = beginAdmin(ctx);
  const data = createDestinationSchema.parse(input);
  const key = secretKey();
  const id = crypto.randomUUID();
  const { config, secrets } = splitSettings(data.kind, data.settings as Record<string, unknown>, {});
  return inTransaction(ctx.tx, async (tx) => {
    const row = await insertDestinationRow(
      {
        id,
        name: data.name,
        kind: data.kind,
        enabled: data.enabled,
        config: config as unknown as Prisma.InputJsonValue,
        secrets: encryptSecrets(id, secrets, key),
        ruleIds: data.ruleIds,
        minSeverity: data.minSeverity,
        onAlerts: data.onAlerts,
        onIncidents: data.onIncidents,
        onIncidentChanges: data.onIncidentChanges,
        digestMinutes: data.digestMinutes,
        createdAt: now,
        createdBy: actor.label,
        updatedAt: now,
        updatedBy: actor.label,
      },
      tx,
    );
    await recordAudit(
      { actor, action: "notification.destination.create", targetType: "notification_destination", targetId: id, details: { name: data.name, kind: data.kind }, ip: ctx.ip },
      tx,
    );
    const destination = serializeDestination(row);
    return data.kind === "webhook" ? { destination, signingSecret: secrets.signingSecret as string } : { destination };
  });
}
