import { describe, expect, test } from "vitest";
import type { Alert } from "@/lib/db/generated/client";
import { planUpdate } from "@/lib/triage/plan-update";

/** What one triage update does to one alert: the columns it changes and the activity it records. */
const now = new Date("2026-12-01T10:00:00Z");
const earlier = new Date("2026-11-30T08:00:00Z");

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: "a1",
    ruleId: "r",
    ruleName: "Rule",
    ruleVersion: 1,
    severity: "medium",
    riskScore: 47,
    status: "open",
    closingReason: null,
    assignee: null,
    reason: "r",
    hostId: "h",
    hostName: "H",
    sourceIp: null,
    sourcePort: null,
    userName: null,
    processName: null,
    processExecutable: null,
    parentName: null,
    commandLine: null,
    firstEventAt: earlier,
    lastEventAt: earlier,
    createdAt: earlier,
    updatedAt: earlier,
    acknowledgedAt: null,
    closedAt: null,
    allowlistEntryId: null,
    events: [],
    stages: [],
    threat: [],
    checklistDone: 0,
    checklistTotal: 0,
    corroboration: [],
    sourceHostId: null,
    sourceHostName: null,
    sourceOwners: [],
    incidentId: null,
    incidentPinned: false,
    pivot: false,
    critical: false,
    priority: 0,
    ...over,
  };
}

describe("planUpdate", () => {
  test("closing sets closedAt and the reason, and records from → to with the reason", () => {
    const plan = planUpdate(alert(), { status: "closed", closingReason: "false_positive" }, "ana", now);
    expect(plan.changes).toEqual({ status: "closed", closedAt: now, closingReason: "false_positive" });
    expect(plan.activities).toEqual([
      { alertId: "a1", actor: "ana", kind: "status", details: { from: "open", to: "closed", closingReason: "false_positive" } },
    ]);
  });

  test("closing without a reason stores null, not undefined", () => {
    const plan = planUpdate(alert(), { status: "closed" }, "ana", now);
    expect(plan.changes.closingReason).toBeNull();
    expect(plan.activities[0].details).toEqual({ from: "open", to: "closed", closingReason: null });
  });

  test("reopening clears closedAt and the reason", () => {
    const plan = planUpdate(alert({ status: "closed", closingReason: "benign", closedAt: earlier }), { status: "open" }, "ana", now);
    expect(plan.changes).toEqual({ status: "open", closedAt: null, closingReason: null });
    expect(plan.activities[0].details).toEqual({ from: "closed", to: "open", closingReason: null });
  });

  test("acknowledging sets acknowledgedAt (and clears a closed alert's reason)", () => {
    const plan = planUpdate(alert({ status: "closed", closingReason: "benign", closedAt: earlier }), { status: "acknowledged" }, "ana", now);
    expect(plan.changes).toEqual({ status: "acknowledged", acknowledgedAt: now, closedAt: null, closingReason: null });
  });

  test("what is already so is not written again: same status, same assignee → nothing", () => {
    const plan = planUpdate(alert({ status: "acknowledged", assignee: "bob" }), { status: "acknowledged", assignee: "bob" }, "ana", now);
    expect(plan).toEqual({ changes: {}, activities: [] });
  });

  test("a closed alert given another reason changes only the reason, recorded closed → closed", () => {
    const plan = planUpdate(alert({ status: "closed", closingReason: "benign", closedAt: earlier }), { status: "closed", closingReason: "true_positive" }, "ana", now);
    expect(plan.changes).toEqual({ closingReason: "true_positive" });
    expect(plan.activities).toEqual([
      { alertId: "a1", actor: "ana", kind: "status", details: { from: "closed", to: "closed", closingReason: "true_positive" } },
    ]);
  });

  test("a closed alert closed again with the same reason changes nothing", () => {
    const plan = planUpdate(alert({ status: "closed", closingReason: "benign", closedAt: earlier }), { status: "closed", closingReason: "benign" }, "ana", now);
    expect(plan).toEqual({ changes: {}, activities: [] });
  });

  test("assigning and unassigning record from → to", () => {
    const assign = planUpdate(alert(), { assignee: "bob" }, "ana", now);
    expect(assign.changes).toEqual({ assignee: "bob" });
    expect(assign.activities).toEqual([{ alertId: "a1", actor: "ana", kind: "assign", details: { from: null, to: "bob" } }]);
    const unassign = planUpdate(alert({ assignee: "bob" }), { assignee: null }, "ana", now);
    expect(unassign.changes).toEqual({ assignee: null });
    expect(unassign.activities[0].details).toEqual({ from: "bob", to: null });
  });

  test("status and assignee in one update: both changes, two activity rows, status first", () => {
    const plan = planUpdate(alert(), { status: "acknowledged", assignee: "bob" }, "ana", now);
    expect(plan.changes).toEqual({ status: "acknowledged", acknowledgedAt: now, closedAt: null, closingReason: null, assignee: "bob" });
    expect(plan.activities.map((a) => a.kind)).toEqual(["status", "assign"]);
  });
});
