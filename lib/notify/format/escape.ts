/**
 * Attacker-controlled strings (process names, command lines, user and host names) leave Lateral
 * only through these functions: each target format gets its own escaping, and control characters
 * never pass (they could forge log lines, terminal sequences or message breaks).
 */

// C0 controls except tab and newline handling below, DEL, C1 controls, and the Unicode line /
// paragraph separators and bidirectional overrides that reorder what a reader sees.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Removes control characters; tabs become spaces; CR LF / CR become LF unless `oneLine`, then a space. */
export function stripControl(s: string, opts: { oneLine?: boolean } = {}): string {
  const t = s.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(CONTROL, "");
  return opts.oneLine ? t.replace(/\n+/g, " ") : t;
}

/** Slack mrkdwn: &, < and > are the only characters Slack asks to escape; they also stop links and mentions. */
export function slackText(s: string, opts: { oneLine?: boolean } = {}): string {
  return stripControl(s, opts).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Inside a Slack code span or block: backticks would end it, so they become a look-alike (ˋ). */
export function slackCode(s: string): string {
  return slackText(s).replace(/`/g, "ˋ");
}

/**
 * Teams (Adaptive Card TextBlock markdown): every markdown character escaped with a backslash, so
 * no link, emphasis or list can be forged; cards render no HTML, so < and & stay as they are.
 */
export function teamsText(s: string, opts: { oneLine?: boolean } = {}): string {
  return stripControl(s, opts).replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);
}

export function htmlText(s: string): string {
  return stripControl(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** CEF header fields: backslash and pipe escaped, one line. */
export function cefHeader(s: string): string {
  return stripControl(s, { oneLine: true }).replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** CEF extension values: backslash and equals escaped, line breaks as the two characters \n. */
export function cefValue(s: string): string {
  return stripControl(s).replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\n/g, "\\n");
}

/** RFC 5424 structured-data parameter values: ", \ and ] escaped with a backslash. */
export function sdValue(s: string): string {
  return stripControl(s, { oneLine: true }).replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** RFC 5424 header fields (HOSTNAME, APP-NAME...): printable US-ASCII without spaces, or "-". */
export function syslogHeaderField(s: string | null | undefined, max: number): string {
  const t = (s ?? "").replace(/[^\x21-\x7E]/g, "").slice(0, max);
  return t || "-";
}

/** Email subject lines: one line, bounded. */
export function subjectText(s: string, max = 200): string {
  const t = stripControl(s, { oneLine: true });
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
