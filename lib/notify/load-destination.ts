import type { NotificationDestination } from "../db/generated/client";
import type { DestinationConfig, LoadedDestination } from "./destination";
import { decryptSecrets } from "./secrets";
import type { DestinationKind } from "./types";

/** A stored destination with its secrets decrypted (only the worker and "Send a test" need them). */
export function loadDestination(row: NotificationDestination): LoadedDestination {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as DestinationKind,
    config: row.config as unknown as DestinationConfig,
    secrets: decryptSecrets(row.id, row.secrets),
  };
}
