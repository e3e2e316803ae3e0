import { describe, expect, test } from "vitest";
import { checkWindow, parseInstant, parseWindow } from "@/lib/investigation/time-window";
import { DAY_MS, INVESTIGATION_WINDOW } from "@/lib/validation/common";

/** The window every investigation page and route reads from `from`/`to`, and what it says when it refuses one. */
const now = new Date("2026-11-20T12:00:00Z");
const iso = (w: { from: Date; to: Date }) => ({ from: w.from.toISOString(), to: w.to.toISOString() });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  }
  throw new Error("accepted");
};

describe("parseWindow", () => {
  test("without from and to: the last defaultMs before now", () => {
    expect(iso(parseWindow({}, { ...INVESTIGATION_WINDOW, now }))).toEqual({ from: "2026-11-19T12:00:00.000Z", to: "2026-11-20T12:00:00.000Z" });
  });

  test("one end given: the other is defaultMs away from it; epoch milliseconds are instants too", () => {
    expect(iso(parseWindow({ from: "2026-11-01T00:00:00Z", to: null }, { ...INVESTIGATION_WINDOW, now }))).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z" });
    expect(iso(parseWindow({ to: String(Date.parse("2026-11-02T00:00:00Z")) }, { ...INVESTIGATION_WINDOW, now }))).toEqual({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z" });
  });

  test("refusals name the parameter or the rule", () => {
    expect(refusal(() => parseWindow({ from: "yesterday" }, INVESTIGATION_WINDOW))).toEqual({ code: "validation_failed", message: "from: not a valid date" });
    expect(refusal(() => parseWindow({ from: "2026-11-01", to: "soon" }, INVESTIGATION_WINDOW))).toEqual({ code: "validation_failed", message: "to: not a valid date" });
    expect(refusal(() => parseWindow({ from: "2026-11-02", to: "2026-11-01" }, INVESTIGATION_WINDOW))).toEqual({ code: "validation_failed", message: "from must be before to" });
    expect(refusal(() => parseWindow({ from: "2026-01-01", to: "2026-11-01" }, INVESTIGATION_WINDOW))).toEqual({ code: "validation_failed", message: "The window may not exceed 31 days" });
  });
});

test("parseInstant: empty is absent, anything else must be a date", () => {
  expect(parseInstant("", "from")).toBeUndefined();
  expect(parseInstant(null, "from")).toBeUndefined();
  expect(parseInstant("2026-11-01T00:00:00Z", "from")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  expect(refusal(() => parseInstant("later", "to")).message).toBe("to: not a valid date");
});

test("checkWindow: a resolved window keeps to the same bounds", () => {
  const from = new Date("2026-11-01T00:00:00Z");
  expect(checkWindow({ from, to: new Date(from.getTime() + DAY_MS) }, 31 * DAY_MS).to.toISOString()).toBe("2026-11-02T00:00:00.000Z");
  expect(refusal(() => checkWindow({ from, to: new Date(from.getTime() + 32 * DAY_MS) }, 31 * DAY_MS)).message).toBe("The window may not exceed 31 days");
});
