import { hash32, hex } from "./random";

/** The demo network: ~40 Windows hosts of CORP. */
export type HostKind = "workstation" | "server" | "dc" | "jump" | "monitoring";

export interface DemoHost {
  id: string;
  name: string;
  ip: string;
  kind: HostKind;
  /** Older agent (Winlogbeat): process events carry pid/ppid but no entity ids. */
  legacyAgent?: boolean;
}

export const DOMAIN = "CORP";

/** A GUID-like host.id, stable for a host name. */
export function hostIdOf(name: string): string {
  const a = hash32(name);
  const b = hash32(`${name}#2`);
  const c = hash32(`${name}#3`);
  return `${hex(a)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-8${hex(c, 3)}-${hex(c >>> 12, 4)}${hex(hash32(`${name}#4`))}`;
}

function host(name: string, ip: string, kind: HostKind, extra: Partial<DemoHost> = {}): DemoHost {
  return { id: hostIdOf(name), name, ip, kind, ...extra };
}

function buildInventory(): DemoHost[] {
  const hosts: DemoHost[] = [];
  for (let i = 1; i <= 30; i++) {
    const name = `WKS-${String(i).padStart(3, "0")}`;
    hosts.push(host(name, i === 17 ? "10.13.37.5" : `10.13.37.${100 + i}`, "workstation"));
  }
  hosts.push(
    host("DC-01", "10.20.0.5", "dc"),
    host("JUMP-01", "10.20.0.10", "jump"),
    host("MON-01", "10.20.0.50", "monitoring"),
    host("SRV-FILE-01", "10.20.1.21", "server"),
    host("SRV-SQL-02", "10.20.1.22", "server"),
    host("SRV-APP-03", "10.20.1.23", "server"),
    host("SRV-WEB-04", "10.20.1.24", "server"),
    host("SRV-APP-05", "10.20.1.25", "server"),
    host("SRV-EXCH-01", "10.20.1.31", "server"),
    host("SRV-BACKUP-01", "10.20.1.32", "server"),
    host("SRV-PRINT-01", "10.20.1.40", "server", { legacyAgent: true }),
  );
  return hosts;
}

export const HOSTS: readonly DemoHost[] = buildInventory();

export function hostByName(name: string): DemoHost {
  const h = HOSTS.find((x) => x.name === name);
  if (!h) throw new Error(`unknown demo host ${name}`);
  return h;
}
