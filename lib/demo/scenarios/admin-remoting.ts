import { EventFactory, system32, wellKnown } from "../event-factory";
import { hostByName } from "../hosts";
import { createRandom, hash32 } from "../random";
import { powershellSession, type RemoteCommand } from "../remoting";
import { businessDays, HOUR, MINUTE, quiet } from "../schedule";

/**
 * The known-good pattern: CORP\it-admin on JUMP-01 (10.20.0.10) checks servers with PowerShell
 * remoting three times a business day. Every command is a wsmprovhost.exe child, so each one
 * alerts; an analyst closes them as benign and allowlists the jump host.
 */
export const JUMP_HOST = "JUMP-01";
export const ADMIN_USER = "CORP\\it-admin";
export const ADMIN_TARGETS = ["SRV-EXCH-01", "SRV-APP-05", "SRV-BACKUP-01", "SRV-SQL-02"] as const;

const CHECKS: RemoteCommand[] = [
  { name: "hostname.exe", commandLine: '"C:\\Windows\\system32\\HOSTNAME.EXE"' },
  {
    name: "powershell.exe",
    executable: system32("WindowsPowerShell\\v1.0\\powershell.exe"),
    commandLine: "powershell.exe -NoProfile -NonInteractive -Command \"Get-Service | Where-Object Status -eq 'Stopped'\"",
  },
  { name: "ipconfig.exe", commandLine: '"C:\\Windows\\system32\\ipconfig.exe" /all' },
];

export function adminRemoting(seed: number, end: number): EventFactory {
  const f = new EventFactory(`demo${seed}-admin`);
  const r = createRandom(seed ^ hash32("admin"));
  const jump = hostByName(JUMP_HOST);
  const days = businessDays(end);
  days.forEach((day, d) => {
    const console = f.start(jump, day + 8 * HOUR + r.int(0, 30) * MINUTE, {
      name: "powershell_ise.exe",
      executable: system32("WindowsPowerShell\\v1.0\\powershell_ise.exe"),
      parent: { ...wellKnown(jump, "explorer"), user: ADMIN_USER },
      user: ADMIN_USER,
    });
    for (let s = 0; s < 3; s++) {
      const target = hostByName(ADMIN_TARGETS[(d * 3 + s) % ADMIN_TARGETS.length]!);
      const at = quiet(day + (9 + s * 3) * HOUR + r.int(0, 150) * MINUTE);
      powershellSession(f, r, at, { target, source: { ip: jump.ip, client: console }, user: ADMIN_USER, commands: CHECKS });
    }
  });
  return f;
}
