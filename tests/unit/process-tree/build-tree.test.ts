import { describe, expect, test } from "vitest";
import { buildProcessTree } from "@/lib/process-tree";
import { start } from "./fixtures";

const names = (tree: ReturnType<typeof buildProcessTree>, keys: string[]) => keys.map((k) => tree.nodes[k].name);

describe("entity-id edges", () => {
  test("children link to the node whose entity_id is their parent.entity_id, not inferred", () => {
    const tree = buildProcessTree([
      start({ name: "wsmprovhost.exe", pid: 400, timestamp: "2026-11-20T10:00:00Z", entityId: "W" }),
      start({ name: "whoami.exe", pid: 500, ppid: 999, timestamp: "2026-11-20T10:00:05Z", entityId: "C", parentEntityId: "W" }),
    ]);
    expect(names(tree, tree.roots)).toEqual(["wsmprovhost.exe"]);
    const child = tree.nodes["e:C"];
    expect(child.parentKey).toBe("e:W");
    expect(child.edge).toEqual({ inferred: false, via: "entity_id" });
  });

  test("the entity id wins over a pid match", () => {
    const tree = buildProcessTree([
      start({ name: "real-parent.exe", pid: 1, timestamp: "2026-11-20T09:00:00Z", entityId: "P" }),
      start({ name: "pid-match.exe", pid: 7, timestamp: "2026-11-20T09:59:00Z", entityId: "Q" }),
      start({ name: "child.exe", pid: 8, ppid: 7, timestamp: "2026-11-20T10:00:00Z", entityId: "C", parentEntityId: "P" }),
    ]);
    expect(tree.nodes["e:C"].parentKey).toBe("e:P");
  });

  test("a resend of the same entity id is one node; an entity-id cycle is not linked", () => {
    const tree = buildProcessTree([
      start({ name: "a.exe", pid: 1, timestamp: "2026-11-20T10:00:00Z", entityId: "A", parentEntityId: "B" }),
      start({ name: "b.exe", pid: 2, timestamp: "2026-11-20T10:00:01Z", entityId: "B", parentEntityId: "A" }),
      start({ name: "a.exe", pid: 1, timestamp: "2026-11-20T10:00:00Z", entityId: "A", parentEntityId: "B" }),
    ]);
    expect(Object.keys(tree.nodes).sort()).toEqual(["e:A", "e:B"]);
    expect(tree.roots.length).toBe(1);
  });
});

describe("pid/ppid fallback", () => {
  test("without entity ids, the parent is found by host + ppid and the edge is inferred", () => {
    const tree = buildProcessTree([
      start({ name: "wsmprovhost.exe", pid: 400, timestamp: "2026-11-20T10:00:00Z" }),
      start({ name: "whoami.exe", pid: 500, ppid: 400, timestamp: "2026-11-20T10:00:05Z" }),
    ]);
    const [root] = tree.roots;
    const child = tree.nodes[tree.nodes[root].children[0]];
    expect(child.name).toBe("whoami.exe");
    expect(child.edge).toEqual({ inferred: true, via: "pid" });
  });

  test("another host's process with the same pid is never the parent", () => {
    const tree = buildProcessTree([
      start({ name: "wsmprovhost.exe", pid: 400, hostId: "host-2", timestamp: "2026-11-20T10:00:00Z" }),
      start({ name: "whoami.exe", pid: 500, ppid: 400, parentName: "wsmprovhost.exe", timestamp: "2026-11-20T10:00:05Z" }),
    ]);
    const child = Object.values(tree.nodes).find((n) => n.name === "whoami.exe")!;
    expect(tree.nodes[child.parentKey!].synthesized).toBe(true);
    expect(tree.nodes[child.parentKey!].hostId).toBe("host-1");
  });

  test("pid reuse: the latest start before the child wins; later starts and starts outside the window do not", () => {
    const tree = buildProcessTree([
      start({ name: "old.exe", pid: 400, timestamp: "2026-11-20T08:00:00Z" }),
      start({ name: "recent.exe", pid: 400, timestamp: "2026-11-20T09:59:00Z" }),
      start({ name: "child.exe", pid: 500, ppid: 400, timestamp: "2026-11-20T10:00:00Z" }),
      start({ name: "after.exe", pid: 400, timestamp: "2026-11-20T10:00:01Z" }),
    ]);
    const child = Object.values(tree.nodes).find((n) => n.name === "child.exe")!;
    expect(tree.nodes[child.parentKey!].name).toBe("recent.exe");

    const stale = buildProcessTree(
      [
        start({ name: "ancient.exe", pid: 400, timestamp: "2026-11-18T09:00:00Z" }),
        start({ name: "child.exe", pid: 500, ppid: 400, parentName: "svchost.exe", timestamp: "2026-11-20T10:00:00Z" }),
      ],
      { pidWindowMs: 24 * 3600 * 1000 },
    );
    const orphan = Object.values(stale.nodes).find((n) => n.name === "child.exe")!;
    expect(stale.nodes[orphan.parentKey!].name).toBe("svchost.exe");
    expect(stale.nodes[orphan.parentKey!].synthesized).toBe(true);
  });

  test("a candidate whose entity id contradicts the child's parent.entity_id is skipped", () => {
    const tree = buildProcessTree([
      start({ name: "right.exe", pid: 400, timestamp: "2026-11-20T09:00:00Z" }),
      start({ name: "wrong.exe", pid: 400, timestamp: "2026-11-20T09:30:00Z", entityId: "OTHER" }),
      start({ name: "child.exe", pid: 500, ppid: 400, parentEntityId: "MISSING", timestamp: "2026-11-20T10:00:00Z" }),
    ]);
    const child = Object.values(tree.nodes).find((n) => n.name === "child.exe")!;
    expect(tree.nodes[child.parentKey!].name).toBe("right.exe");
  });
});

describe("synthesized ancestors", () => {
  test("svchost.exe known only as wsmprovhost.exe's parent becomes a synthesized root shared by its children", () => {
    const tree = buildProcessTree([
      start({ name: "wsmprovhost.exe", pid: 400, ppid: 800, parentName: "svchost.exe", parentExecutable: "C:\\Windows\\System32\\svchost.exe", timestamp: "2026-11-20T10:00:00Z" }),
      start({ name: "winrshost.exe", pid: 410, ppid: 800, parentName: "svchost.exe", timestamp: "2026-11-20T10:01:00Z" }),
      start({ name: "whoami.exe", pid: 500, ppid: 400, timestamp: "2026-11-20T10:00:05Z" }),
    ]);
    expect(tree.roots).toHaveLength(1);
    const root = tree.nodes[tree.roots[0]];
    expect(root).toMatchObject({ name: "svchost.exe", pid: 800, synthesized: true, event: null, startedAt: null, executable: "C:\\Windows\\System32\\svchost.exe" });
    expect(names(tree, root.children)).toEqual(["wsmprovhost.exe", "winrshost.exe"]);
    expect(tree.nodes[root.children[0]].edge).toEqual({ inferred: true, via: "parent_fields" });
  });

  test("a parent known by entity id only is synthesized with an exact edge", () => {
    const tree = buildProcessTree([
      start({ name: "wsmprovhost.exe", pid: 400, entityId: "W", parentEntityId: "S", parentName: "svchost.exe", timestamp: "2026-11-20T10:00:00Z" }),
    ]);
    expect(tree.nodes["e:S"]).toMatchObject({ synthesized: true, name: "svchost.exe", entityId: "S" });
    expect(tree.nodes["e:W"].edge).toEqual({ inferred: false, via: "parent_fields" });
  });

  test("a process with no parent information at all is a root", () => {
    const tree = buildProcessTree([start({ name: "System", pid: 4, timestamp: "2026-11-20T10:00:00Z" })]);
    expect(tree.roots).toHaveLength(1);
    expect(tree.nodes[tree.roots[0]].edge).toBeNull();
  });
});
