import { spawn } from "node:child_process";

/** Runs a real third-party program to its end; returns its exit code and output. */
export function runProgram(command: string, args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 280_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The last line of stdout, parsed as JSON (the client programs print their outcome there). */
export function lastJson<T = Record<string, unknown>>(out: { code: number | null; stdout: string; stderr: string }): T {
  if (out.code !== 0) throw new Error(`exit ${out.code}: ${out.stderr}\n${out.stdout}`);
  return JSON.parse(out.stdout.trim().split("\n").pop()!) as T;
}
