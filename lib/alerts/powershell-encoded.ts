/**
 * PowerShell's `-EncodedCommand` argument: base64 of the script in UTF-16LE. PowerShell accepts any
 * unambiguous prefix of the parameter name (`-e`, `-en`, `-enc`, … `-EncodedCommand`), the alias
 * `-ec`, and `/` or an en dash instead of `-`, case-insensitively; so does this. Only command lines
 * that run powershell(.exe) or pwsh(.exe) are read. Pure: no Node- or browser-only API.
 */
export interface EncodedCommand {
  /** The parameter as written (`-enc`). */
  flag: string;
  /** The base64 text as written. */
  encoded: string;
  /** The script, with control characters other than tab and newline shown as U+FFFD. */
  decoded: string;
}

const NAMES = new Set(["ec", ...Array.from({ length: "encodedcommand".length }, (_, i) => "encodedcommand".slice(0, i + 1))]);
const FLAG = /(?:^|\s)([-/\u2013\u2014]([a-z]+))(?=[:\s])/gi;
const VALUE = /(?::|\s+)(['"]?)([A-Za-z0-9+/=_-]{4,})\1(?=\s|$)/y;

export function findEncodedCommand(commandLine: string | null | undefined): EncodedCommand | null {
  if (!commandLine || !/(?:^|[\\/\s"'])(?:powershell|pwsh)(?:\.exe)?(?=["'\s]|$)/i.test(commandLine)) return null;
  for (const m of commandLine.matchAll(FLAG)) {
    if (!NAMES.has(m[2]!.toLowerCase())) continue;
    VALUE.lastIndex = m.index + m[0].length;
    const v = VALUE.exec(commandLine);
    if (!v) continue;
    const decoded = decodeUtf16Base64(v[2]!);
    if (decoded !== null) return { flag: m[1]!, encoded: v[2]!, decoded };
  }
  return null;
}

/** Base64 (standard or URL-safe, padding optional) of UTF-16LE text; null when it is not that. */
export function decodeUtf16Base64(text: string): string | null {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (b64.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(b64)) return null;
  let binary: string;
  try {
    binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  } catch {
    return null;
  }
  if (binary.length < 2 || binary.length % 2 !== 0) return null;
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const decoded = new TextDecoder("utf-16le", { fatal: false }).decode(bytes);
  // A script is mostly printable: refuse what decodes to noise (base64 of something else).
  const printable = [...decoded].filter((c) => /[\p{L}\p{N}\p{P}\p{S}\p{Zs}\t\r\n]/u.test(c)).length;
  if (printable / decoded.length < 0.9) return null;
  return decoded.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g, "\ufffd");
}
