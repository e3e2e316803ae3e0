import path from "node:path";
import { expect, test } from "vitest";
import { eqlCommand, setEqlRuleResolver } from "@/lib/cli/commands/eql";
import { resolveRuleQuery } from "@/lib/rules/resolve-rule-query";

const CAPTURE = path.resolve(process.cwd(), "../shared/datasets/otrf-empire-psremoting/empire_psremoting_stager.host.zip");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  setEqlRuleResolver(resolveRuleQuery);
  const code = await eqlCommand(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out, err };
}

test("--rule runs a seed rule by id over a raw Sysmon export (zip), mapped to ECS on the way", async () => {
  const { code, out } = await run(["--rule", "2772264c-6fb9-4d9d-9014-b416eed21254", CAPTURE]);
  expect(code).toBe(0);
  const sequences = out.map((l) => JSON.parse(l));
  expect(sequences.length).toBeGreaterThanOrEqual(1);
  for (const seq of sequences) {
    expect(seq).toHaveLength(2);
    expect(seq[0].source.ip).toBe("172.18.39.5");
    expect(seq[1].process.parent.name).toBe("wsmprovhost.exe");
    expect(seq[1].host.name).toMatch(/^WORKSTATION6/);
  }
});

test("--rule by name, and the WinRM shell rule finds nothing in the capture", async () => {
  const { code, out } = await run(["--rule", "Incoming Execution via WinRM Remote Shell", CAPTURE]);
  expect(code).toBe(0);
  expect(out).toEqual([]);
});

test("an unknown rule exits 2 with the reason", async () => {
  const { code, err } = await run(["--rule", "no-such-rule", CAPTURE]);
  expect(code).toBe(2);
  expect(err.join("\n")).toMatch(/no rule with id or name "no-such-rule"/);
});
