import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/http/errors";
import { assertCleanJson, assertCleanParams, assertCleanQuery, pathProblem, readBodyText, textProblem } from "@/lib/http/input";

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    return (err as AppError).message;
  }
  throw new Error("not refused");
};

describe("hostile input is refused with the part named", () => {
  test("strings", () => {
    expect(textProblem("WS-1", 10)).toBeNull();
    expect(textProblem("😀 ok", 10)).toBeNull(); // a pair is fine
    expect(textProblem("a\u0000b", 10)).toMatch(/NUL/);
    expect(textProblem("a\ud800b", 10)).toMatch(/surrogate/);
    expect(textProblem("\udc00", 10)).toMatch(/surrogate/);
    expect(textProblem("x".repeat(11), 10)).toMatch(/longer than 10/);
  });

  test("query parameters: NUL, invalid UTF-8, over-long; a bare % and U+FFFD are let through", () => {
    expect(refusal(() => assertCleanQuery(new URL("http://x/a?q=%00")))).toMatch(/Query parameter "q" contains a NUL/);
    expect(refusal(() => assertCleanQuery(new URL("http://x/a?host=%FF")))).toMatch(/"host" is not valid UTF-8/);
    expect(refusal(() => assertCleanQuery(new URL("http://x/a?host=%ED%A0%80")))).toMatch(/not valid UTF-8/); // an encoded surrogate
    expect(refusal(() => assertCleanQuery(new URL(`http://x/a?q=${"a".repeat(3000)}`)))).toMatch(/longer than/);
    assertCleanQuery(new URL("http://x/a?q=100%&user=%C3%A9t%C3%A9&p=%EF%BF%BD"));
  });

  test("path segments, catch-all segments too", () => {
    expect(refusal(() => assertCleanParams({ id: "a\u0000" }))).toMatch(/Path segment "id"/);
    expect(refusal(() => assertCleanParams({ path: ["ok", "\ud800"] }))).toMatch(/Path segment "path"/);
    assertCleanParams({ id: "6f1c3c1e-1f0a-4b7e-9c57-1a2b3c4d5e6f", path: ["_bulk"] });
  });

  test("JSON bodies: every key and string at any depth, with its path", () => {
    expect(refusal(() => assertCleanJson({ notes: [{ text: "a\u0000" }] }))).toMatch(/body\.notes\[0\]\.text contains a NUL/);
    expect(refusal(() => assertCleanJson({ ["k\u0000"]: 1 }))).toMatch(/a key contains a NUL/);
    expect(refusal(() => assertCleanJson({ name: "\udfff" }))).toMatch(/body\.name contains an unpaired/);
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(refusal(() => assertCleanJson(deep))).toMatch(/nested deeper/);
    assertCleanJson({ status: "closed", ids: ["a", "b"], n: 1, ok: true, none: null });
  });

  test("bodies: invalid UTF-8 → 400, too large → 413", async () => {
    const bad = new Request("http://x/", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    await expect(readBodyText(bad)).rejects.toMatchObject({ code: "bad_request", message: "The body is not valid UTF-8" });
    const big = new Request("http://x/", { method: "POST", body: "x".repeat(20) });
    await expect(readBodyText(big, 10)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(await readBodyText(new Request("http://x/", { method: "POST", body: "{\"a\":\"é\"}" }))).toBe('{"a":"é"}');
  });
});

test("paths: segments that do not decode to clean UTF-8 are named before routing", () => {
  expect(pathProblem("/api/v1/alerts/%C0%AF")).toMatch(/not valid UTF-8/);
  expect(pathProblem("/api/v1/alerts/%ED%A0%80/notes")).toMatch(/not valid UTF-8/);
  expect(pathProblem("/api/v1/alerts/a%00b")).toMatch(/NUL/);
  expect(pathProblem(`/api/v1/hosts/${"a".repeat(3000)}`)).toMatch(/longer than/);
  expect(pathProblem("/api/v1/ips/fe80%3A%3A1/activity?x=%FF")).toBeNull(); // the query is checked by the handler
  expect(pathProblem("/hosts/ws%201")).toBeNull();
});
