import { EventFactory, system32, wellKnown } from "../event-factory";
import { hostByName } from "../hosts";
import { createRandom, hash32 } from "../random";
import { powershellSession } from "../remoting";
import { businessDays, HOUR, MINUTE, quiet } from "../schedule";
import { ADMIN_USER, JUMP_HOST } from "./admin-remoting";

/**
 * SRV-PRINT-01 still runs Winlogbeat: its process events have pid/ppid but no process.entity_id,
 * so the process tree links them by pid (edges marked inferred). The admin restarts the print
 * spooler there from JUMP-01: two PowerShell-remoting alerts whose trees are built from pids.
 */
export const LEGACY_HOST = "SRV-PRINT-01";

export function legacyAgent(seed: number, end: number): EventFactory {
  const f = new EventFactory(`demo${seed}-legacy`);
  const r = createRandom(seed ^ hash32("legacy"));
  const target = hostByName(LEGACY_HOST);
  const jump = hostByName(JUMP_HOST);
  const day = businessDays(end)[2]!;
  powershellSession(f, r, quiet(day + 14 * HOUR + r.int(0, 60) * MINUTE), {
    target,
    source: { ip: jump.ip },
    user: ADMIN_USER,
    commands: [
      {
        name: "powershell.exe",
        executable: system32("WindowsPowerShell\\v1.0\\powershell.exe"),
        commandLine: 'powershell.exe -NoProfile -Command "Get-Printer | Where-Object PrinterStatus -ne Normal"',
      },
      {
        name: "cmd.exe",
        commandLine: "cmd.exe /c net stop spooler && net start spooler",
        then: (cmd, at) => {
          const stop = f.start(target, at + 100, { name: "net.exe", commandLine: "net  stop spooler", parent: cmd });
          f.start(target, at + 150, { name: "net1.exe", commandLine: "C:\\Windows\\system32\\net1  stop spooler", parent: stop });
          f.start(target, at + 3200, { name: "net.exe", commandLine: "net  start spooler", parent: cmd });
          f.start(target, at + 3900, { name: "spoolsv.exe", parent: wellKnown(target, "services") });
        },
      },
    ],
  });
  return f;
}
