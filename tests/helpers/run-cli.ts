import { spawn } from "node:child_process";

/** Runs `npm run cli -- ...` / the worker the way a user does (tsx), against a given database. */
export function runTsx(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Decoded as one stream: a character split across two pipe reads stays whole.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

export const runCli = (args: string[], env: Record<string, string>) => runTsx("lib/cli/main.ts", args, env);
export const runWorkerOnce = (env: Record<string, string>) => runTsx("lib/worker/main.ts", ["--once"], env);
