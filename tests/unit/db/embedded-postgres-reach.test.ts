import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { firstClosedDirectory } from "@/lib/db/embedded-postgres";

/**
 * Started by root, the embedded PostgreSQL runs as the postgres user: a project under a private
 * directory (what `mktemp -d` makes) is found before initdb fails with a bare EACCES.
 */
const base = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-reach-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe("firstClosedDirectory", () => {
  test("names the first directory other users cannot enter, or null when every one is open", () => {
    const open = path.join(base, "open", "project", "bin");
    fs.mkdirSync(open, { recursive: true });
    fs.chmodSync(base, 0o755);
    for (const d of [path.join(base, "open"), path.join(base, "open", "project"), open]) fs.chmodSync(d, 0o755);
    expect(firstClosedDirectory(open)).toBeNull();
    fs.chmodSync(path.join(base, "open"), 0o700);
    expect(firstClosedDirectory(open)).toBe(path.join(base, "open"));
    fs.chmodSync(base, 0o700);
    expect(firstClosedDirectory(open)).toBe(base);
    fs.chmodSync(base, 0o755);
    fs.chmodSync(path.join(base, "open"), 0o755);
  });

  test("a directory that does not exist yet is not a closed one", () => {
    expect(firstClosedDirectory(path.join(base, "not", "yet"))).toBeNull();
  });
});
