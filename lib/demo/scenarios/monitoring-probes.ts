import { EventFactory, wellKnown } from "../event-factory";
import { hostByName } from "../hosts";
import { createRandom, hash32 } from "../random";
import { winrsSession } from "../remoting";
import { HOUR, PROBE_EVERY, SECOND, SPAN } from "../schedule";

/**
 * MON-01 (10.20.0.50) checks that WinRM answers on a dozen hosts every 10 minutes: an inbound
 * connection to 5985 and nothing else, so the rules never complete a sequence. On two
 * workstations the check also runs `cmd.exe /c echo ok` through WinRS every 6 hours: those alert
 * (WinRM Remote Shell) and are the false positives an allowlist on source.ip should silence.
 */
export const MONITORING_HOST = "MON-01";
export const MONITORING_USER = "CORP\\svc-monitor";
export const PROBED_HOSTS = [
  "DC-01", "SRV-FILE-01", "SRV-SQL-02", "SRV-APP-03", "SRV-WEB-04", "SRV-APP-05",
  "SRV-EXCH-01", "SRV-BACKUP-01", "SRV-PRINT-01", "WKS-001", "WKS-002", "WKS-003",
] as const;
export const WINRS_PROBE_HOSTS = ["WKS-002", "WKS-003"] as const;
const ROUNDS = SPAN / PROBE_EVERY;
const WINRS_EVERY = (6 * HOUR) / PROBE_EVERY;

export function monitoringProbes(seed: number, end: number): EventFactory {
  const f = new EventFactory(`demo${seed}-probe`);
  const r = createRandom(seed ^ hash32("probe"));
  const mon = hostByName(MONITORING_HOST);
  const aligned = end - (end % PROBE_EVERY);
  const poller = f.start(mon, end - SPAN - 2 * HOUR, {
    name: "PRTG Probe.exe",
    executable: "C:\\Program Files (x86)\\PRTG Network Monitor\\PRTG Probe.exe",
    parent: wellKnown(mon, "services"),
    user: MONITORING_USER,
  });
  for (let i = ROUNDS; i >= 1; i--) {
    const round = aligned - i * PROBE_EVERY;
    PROBED_HOSTS.forEach((name, j) => {
      const target = hostByName(name);
      const at = round + j * 7 * SECOND + r.int(0, 3000);
      if (i % WINRS_EVERY === 0 && (WINRS_PROBE_HOSTS as readonly string[]).includes(name)) {
        winrsSession(f, r, at, {
          target,
          source: { ip: mon.ip, client: poller },
          user: MONITORING_USER,
          commands: [{ name: "cmd.exe", commandLine: "cmd.exe /c echo ok", delayMs: 1500 }],
        });
      } else {
        f.inbound(target, at, { sourceIp: mon.ip, sourcePort: r.int(49_700, 65_000) });
      }
    });
  }
  return f;
}
