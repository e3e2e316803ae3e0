import { EventFactory, system32, wellKnown } from "../event-factory";
import { DOMAIN, HOSTS, type DemoHost } from "../hosts";
import { createRandom, hash32, type Random } from "../random";
import { businessDays, HOUR, MINUTE, SECOND, SPAN } from "../schedule";

/**
 * Everyday activity on every host: boot trees (wininit → services.exe → svchost.exe), a user's
 * day on each workstation (explorer.exe → chrome, outlook, teams, with their connections and
 * files), and servers talking to the domain controller and to Windows Update. Never a WinRM
 * connection or a wsmprovhost.exe / winrshost.exe child: noise does not alert.
 */
const PEOPLE = ["a.chen", "b.okafor", "c.novak", "d.silva", "e.kowalski", "f.haddad", "g.larsen", "h.tanaka", "i.moreau", "j.morales"];
const WEB = ["142.250.74.110", "151.101.1.69", "104.16.132.229", "13.107.42.14", "52.97.146.162", "140.82.121.4"];

export function userOf(host: DemoHost): string {
  return `${DOMAIN}\\${PEOPLE[hash32(host.name) % PEOPLE.length]}`;
}

export function backgroundNoise(seed: number, end: number): EventFactory {
  const f = new EventFactory(`demo${seed}-noise`);
  const r = createRandom(seed ^ hash32("noise"));
  const start = end - SPAN;
  const days = businessDays(end);
  for (const host of HOSTS) {
    bootTree(f, r, host, start - r.int(2, 20) * HOUR);
    if (host.kind === "workstation") days.forEach((day, i) => workday(f, r, host, day, i === 0));
    else for (let i = 0; i < 3; i++) serverDay(f, r, host, start + i * 24 * HOUR);
  }
  return f;
}

function bootTree(f: EventFactory, r: Random, host: DemoHost, at: number) {
  const wininit = wellKnown(host, "wininit");
  const services = wellKnown(host, "services");
  f.start(host, at, { ...services, parent: wininit });
  const dcom = wellKnown(host, "dcomlaunch");
  f.start(host, at + 3 * SECOND, { ...dcom, parent: services });
  for (const group of ["netsvcs -p", "LocalService -p", "NetworkService -p"]) {
    f.start(host, at + r.int(4, 30) * SECOND, { name: "svchost.exe", commandLine: `${system32("svchost.exe")} -k ${group}`, parent: services });
  }
  if (host.kind === "dc") f.start(host, at + 5 * SECOND, { name: "dfsrs.exe", parent: services });
}

function workday(f: EventFactory, r: Random, host: DemoHost, day: number, firstDay: boolean) {
  const user = userOf(host);
  let t = day + 8 * HOUR + r.int(0, 50) * MINUTE;
  const explorer = { ...wellKnown(host, "explorer"), user };
  if (firstDay) {
    f.start(host, t, { ...explorer, parent: { ...wellKnown(host, "userinit"), user } });
  }
  const apps: [string, string][] = [
    ["chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"],
    ["outlook.exe", "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"],
    ["ms-teams.exe", "C:\\Program Files\\WindowsApps\\MSTeams_24215.1007.3082.1590_x64__8wekyb3d8bbwe\\ms-teams.exe"],
  ];
  for (const [name, executable] of apps) {
    t += r.int(1, 15) * MINUTE;
    const app = f.start(host, t, { name, executable, commandLine: `"${executable}"`, parent: explorer, user });
    const conns = r.int(2, 4);
    for (let i = 0; i < conns; i++) f.outbound(app, t + r.int(1, 8 * 60) * MINUTE, { ip: r.pick(WEB), port: 443, protocol: "tls" });
    if (name === "chrome.exe") {
      for (let i = 0; i < 2; i++) {
        f.start(host, t + (i + 1) * SECOND, { name, executable, commandLine: `"${executable}" --type=renderer --lang=en-US --renderer-client-id=${i + 5}`, parent: app, user });
      }
      const profile = user.split("\\")[1];
      f.file(app, t + r.int(30, 300) * MINUTE, `C:\\Users\\${profile}\\Downloads\\report-${r.int(100, 999)}.pdf`);
    }
  }
  f.outbound(explorer, t + r.int(5, 60) * MINUTE, { ip: "10.20.1.21", port: 445 });
  f.start(host, t + r.int(60, 400) * MINUTE, {
    name: "notepad.exe",
    commandLine: `"${system32("notepad.exe")}" C:\\Users\\${user.split("\\")[1]}\\Desktop\\todo.txt`,
    parent: explorer,
    user,
  });
}

function serverDay(f: EventFactory, r: Random, host: DemoHost, day: number) {
  const services = wellKnown(host, "services");
  for (let i = 0; i < 4; i++) {
    const at = day + r.int(0, 23) * HOUR + r.int(0, 59) * MINUTE;
    const task = f.start(host, at, { name: "svchost.exe", commandLine: `${system32("svchost.exe")} -k netsvcs -p -s Schedule`, parent: services });
    const child = f.start(host, at + 2 * SECOND, { name: "taskhostw.exe", commandLine: "taskhostw.exe", parent: task });
    f.outbound(task, at + 4 * SECOND, { ip: host.kind === "dc" ? "13.107.4.50" : "10.20.0.5", port: host.kind === "dc" ? 443 : 389 });
    f.file(child, at + 6 * SECOND, `C:\\Windows\\System32\\Tasks\\Maintenance-${i}.log`, "change");
  }
  f.outbound(services, day + r.int(1, 20) * HOUR, { ip: "13.107.4.50", port: 443, protocol: "tls" });
}
