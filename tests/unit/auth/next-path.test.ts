import { describe, expect, test } from "vitest";
import { DEFAULT_NEXT, safeNextPath } from "@/lib/auth/next-path";

/** Each refused value is one a browser would follow to another site (or a loop); each kept one stays here. */
describe("the next target after sign-in", () => {
  test.each([
    ["/alerts", "/alerts"],
    ["/alerts?status=open&host=WS-1", "/alerts?status=open&host=WS-1"],
    ["/alerts/6f1c3c1e-1f0a-4b7e-9c57-1a2b3c4d5e6f#notes", "/alerts/6f1c3c1e-1f0a-4b7e-9c57-1a2b3c4d5e6f#notes"],
    ["/ips/10.0.0.1", "/ips/10.0.0.1"],
    ["/hosts/ws%201", "/hosts/ws%201"],
    ["/a/../rules", "/rules"],
    ["/alerts?q=%2F%2Fevil.example", "/alerts?q=%2F%2Fevil.example"],
  ])("kept: %s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  test.each([
    ["backslash after the slash", "/\\evil.example/x"],
    ["encoded backslash", "/%5Cevil.example/x"],
    ["encoded backslash, lower case", "/%5cevil.example/x"],
    ["tab between slashes", "/\t/evil.example/x"],
    ["encoded tab", "/%09/evil.example/x"],
    ["newline", "/\n/evil.example"],
    ["encoded newline", "/%0A/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["protocol-relative", "//evil.example/x"],
    ["encoded slash after the slash", "/%2Fevil.example/x"],
    ["encoded double slash", "%2F%2Fevil.example"],
    ["scheme", "https://evil.example/x"],
    ["javascript scheme", "javascript:alert(1)"],
    ["data scheme", "data:text/html,<script>alert(1)</script>"],
    ["relative path", "alerts"],
    ["space first", " /alerts"],
    ["NUL", "/alerts\u0000"],
    ["malformed encoding", "/%ZZ"],
    ["encoded NUL", "/%00"],
    ["backslashes only", "\\\\evil.example"],
    ["the sign-in page (a loop)", "/login?next=/alerts"],
    ["over-long", `/${"a".repeat(3000)}`],
    ["empty", ""],
  ])("refused: %s", (_label, input) => {
    expect(safeNextPath(input)).toBe(DEFAULT_NEXT);
  });

  test("not a string → the default", () => {
    expect(safeNextPath(undefined)).toBe(DEFAULT_NEXT);
    expect(safeNextPath(["/alerts", "//evil.example"])).toBe(DEFAULT_NEXT);
  });

  test("whatever is kept resolves to this origin", () => {
    for (const input of ["/x", "/x/y?z=1", "/%2e%2e/%2e%2e/x", "/./x", "/x#//evil.example"]) {
      const out = safeNextPath(input);
      expect(new URL(out, "https://lateral.example").origin).toBe("https://lateral.example");
    }
  });
});
