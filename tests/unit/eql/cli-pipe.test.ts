import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "./conformance-data";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eql-pipe-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A reader that takes its time: it pauses after every chunk, so the pipe fills and the CLI's writes queue up.
const SLOW_READER = `
let lines = 0, rest = "";
process.stdin.on("data", (chunk) => {
  const parts = (rest + chunk).split("\\n");
  rest = parts.pop();
  lines += parts.length;
  process.stdin.pause();
  setTimeout(() => process.stdin.resume(), 2);
});
process.stdin.on("end", () => console.log(lines));
`;

describe("eql command through a slow pipe", () => {
  it("every line of a large result reaches a slow reader (nothing is lost at exit)", async () => {
    const n = 40_000;
    const file = path.join(dir, "events.ndjson");
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(JSON.stringify({ "@timestamp": new Date(Date.UTC(2024, 4, 1) + i).toISOString(), event: { category: ["process"] }, i, pad: "x".repeat(100) }));
    }
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const reader = path.join(dir, "reader.js");
    fs.writeFileSync(reader, SLOW_READER);
    const cli = `node --import tsx lib/cli/main.ts eql --query 'process where true' '${file}'`;
    const { stdout } = await promisify(execFile)("sh", ["-c", `${cli} | node '${reader}'`], { cwd: root, maxBuffer: 1 << 20 });
    expect(Number(stdout.trim())).toBe(n);
  }, 120_000);
});
