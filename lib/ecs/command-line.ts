/**
 * Splits a Windows command line into arguments the way CommandLineToArgvW does (and Elastic's
 * Sysmon pipeline): whitespace separates arguments outside quotes; 2n backslashes before a quote
 * give n backslashes and the quote toggles quoting; 2n+1 give n backslashes and a literal quote;
 * "" inside quotes is a literal quote.
 */
export function splitCommandLine(cmd: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = cmd.length;
  while (i < n) {
    while (i < n && (cmd[i] === " " || cmd[i] === "\t")) i++;
    if (i >= n) break;
    let arg = "";
    let inQuote = false;
    let slashes = 0;
    for (; i < n; i++) {
      const c = cmd[i];
      if ((c === " " || c === "\t") && !inQuote) break;
      if (c === "\\") {
        slashes++;
        continue;
      }
      if (c === '"') {
        arg += "\\".repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 0) {
          if (inQuote && cmd[i + 1] === '"') {
            arg += '"';
            i++;
          }
          inQuote = !inQuote;
        } else {
          arg += '"';
        }
        slashes = 0;
        continue;
      }
      arg += "\\".repeat(slashes) + c;
      slashes = 0;
    }
    args.push(arg + "\\".repeat(slashes));
  }
  return args;
}
