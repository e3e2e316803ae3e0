import { hostIsKnown } from "../db/queries/hosts";

/** Whether the store has ever seen this host.id (in an event or an alert): the host page's "not found". */
export function isKnownHost(hostId: string): Promise<boolean> {
  return hostIsKnown(hostId);
}
