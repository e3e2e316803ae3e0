import { describe, expect, test } from "vitest";
import { buildProcessTree, findNode, selectAlertTree } from "@/lib/process-tree";
import { start } from "./fixtures";

function remotingSession() {
  return [
    start({ name: "wsmprovhost.exe", pid: 400, ppid: 800, parentName: "svchost.exe", entityId: "W", timestamp: "2026-11-20T10:00:00Z" }),
    start({ name: "whoami.exe", pid: 500, ppid: 400, entityId: "C", parentEntityId: "W", timestamp: "2026-11-20T10:00:05Z" }),
    start({ name: "conhost.exe", pid: 501, ppid: 500, entityId: "C2", parentEntityId: "C", timestamp: "2026-11-20T10:00:05.100Z" }),
    start({ name: "net.exe", pid: 510, ppid: 400, entityId: "N", parentEntityId: "W", timestamp: "2026-11-20T10:00:20Z" }),
    start({ name: "net1.exe", pid: 511, ppid: 510, entityId: "N1", parentEntityId: "N", timestamp: "2026-11-20T10:00:20.500Z" }),
    start({ name: "explorer.exe", pid: 900, ppid: 700, parentName: "userinit.exe", entityId: "X", timestamp: "2026-11-20T09:00:00Z" }),
    start({ name: "notepad.exe", pid: 901, ppid: 900, entityId: "X1", parentEntityId: "X", timestamp: "2026-11-20T10:00:10Z" }),
  ];
}

describe("the alert's tree", () => {
  test("keeps the lineage, the focus's descendants and the siblings the same wsmprovhost.exe started", () => {
    const tree = buildProcessTree(remotingSession());
    const sel = selectAlertTree(tree, "e:C");
    const name = (k: string) => sel.tree.nodes[k].name;
    expect(sel.lineage.map(name)).toEqual(["whoami.exe", "wsmprovhost.exe", "svchost.exe"]);
    expect(sel.siblings.map(name)).toEqual(["net.exe"]);
    expect(Object.values(sel.tree.nodes).map((n) => n.name).sort()).toEqual(
      ["conhost.exe", "net.exe", "net1.exe", "svchost.exe", "whoami.exe", "wsmprovhost.exe"],
    );
    expect(sel.tree.roots.map(name)).toEqual(["svchost.exe"]);
    expect(sel.tree.nodes["e:W"].children.map(name)).toEqual(["whoami.exe", "net.exe"]);
  });

  test("the focus is found by store seq, entity id, or pid nearest in time", () => {
    const events = remotingSession();
    const tree = buildProcessTree(events);
    expect(findNode(tree, { seq: events[1].seq })).toBe("e:C");
    expect(findNode(tree, { entityId: "N" })).toBe("e:N");
    expect(findNode(tree, { pid: 510, hostId: "host-1", at: "2026-11-20T10:00:19Z" })).toBe("e:N");
    expect(findNode(tree, { pid: 12345 })).toBeNull();
  });
});
