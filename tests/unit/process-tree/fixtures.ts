import type { ProcessEventInput } from "@/lib/process-tree";

let seq = 0;

/** A process start event with sensible defaults. */
export function start(over: Partial<ProcessEventInput> & { name: string; pid: number; timestamp: string }): ProcessEventInput {
  return {
    seq: String(++seq),
    eventId: null,
    hostId: "host-1",
    hostName: "WKS-01",
    ppid: null,
    entityId: null,
    parentEntityId: null,
    executable: null,
    commandLine: over.name,
    userName: null,
    parentName: null,
    parentExecutable: null,
    parentCommandLine: null,
    doc: {},
    ...over,
  };
}
