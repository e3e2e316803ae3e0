import { system32, wellKnown, type EventFactory, type ProcRef } from "./event-factory";
import type { DemoHost } from "./hosts";
import type { Random } from "./random";
import { SECOND } from "./schedule";

/**
 * WinRM sessions as both ends see them: the client's outbound connection to 5985, the target's
 * inbound connection (owned by System, pid 4: HTTP.sys), the host process (wsmprovhost.exe for
 * PowerShell remoting, winrshost.exe for WinRS, started by the DcomLaunch svchost.exe) and the
 * commands it starts, each a few seconds after its own connection.
 */
export interface RemoteCommand {
  name: string;
  commandLine: string;
  executable?: string;
  /** Child start after its connection (default 2–4 s). */
  delayMs?: number;
  /** Descendants of the command. */
  then?: (child: ProcRef, at: number) => void;
}

export interface SessionSpec {
  target: DemoHost;
  source: { ip: string; client?: ProcRef };
  /** DOMAIN\\user the session runs as on the target. */
  user: string;
  commands: RemoteCommand[];
  /** Gap between commands (default 8–15 s). */
  gapMs?: () => number;
}

export function powershellSession(f: EventFactory, r: Random, at: number, s: SessionSpec): number {
  return session(f, r, at, s, "wsmprovhost.exe");
}

export function winrsSession(f: EventFactory, r: Random, at: number, s: SessionSpec): number {
  return session(f, r, at, s, "winrshost.exe");
}

function session(f: EventFactory, r: Random, at: number, s: SessionSpec, hostProcess: "wsmprovhost.exe" | "winrshost.exe"): number {
  let t = at;
  let shell: ProcRef | null = null;
  for (const cmd of s.commands) {
    const sourcePort = r.int(49_700, 65_000);
    if (s.source.client) f.outbound(s.source.client, t - 150, { ip: s.target.ip, port: 5985, protocol: "http", sourcePort });
    f.inbound(s.target, t, { sourceIp: s.source.ip, sourcePort });
    if (!shell) {
      shell = f.start(s.target, t + 600, {
        name: hostProcess,
        commandLine: hostProcess === "wsmprovhost.exe" ? `${system32("wsmprovhost.exe")} -Embedding` : `${system32("winrshost.exe")} -Embedding`,
        parent: wellKnown(s.target, "dcomlaunch"),
        user: s.user,
      });
    }
    const childAt = t + (cmd.delayMs ?? r.int(2000, 4000));
    const child = f.start(s.target, childAt, { name: cmd.name, executable: cmd.executable, commandLine: cmd.commandLine, parent: shell, user: s.user });
    if (hostProcess === "winrshost.exe") {
      f.start(s.target, childAt + 40, { name: "conhost.exe", commandLine: `\\??\\${system32("conhost.exe")} 0xffffffff -ForceV1`, parent: shell, user: s.user });
    }
    cmd.then?.(child, childAt);
    t = childAt + (s.gapMs?.() ?? r.int(8, 15) * SECOND);
  }
  return t;
}
