import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/embedded-postgres";

/**
 * Real third-party receivers started by the tests on private ports: Debian's rsyslogd (its own
 * config, pid file and work directory; the system's rsyslog is untouched) and an aiosmtpd SMTP
 * server. Each is stopped by `stop()`.
 */
const here = path.dirname(new URL(import.meta.url).pathname);

export interface Certificate {
  dir: string;
  cert: string;
  key: string;
  pem: string;
}

/** A throw-away self-signed certificate for 127.0.0.1 / localhost (openssl). */
export function selfSignedCertificate(): Certificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-cert-"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], { stdio: "ignore" });
  return { dir, cert, key, pem: fs.readFileSync(cert, "utf8") };
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not listen on ${port}:\n${log()}`);
}

export interface Rsyslog {
  port: number;
  /** The messages rsyslog parsed, one line each: hostname|app-name|procid|msgid|structured-data|msg. */
  lines(): string[];
  waitForLines(n: number, ms?: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startRsyslog(opts: { tls?: Certificate } = {}): Promise<Rsyslog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-rsyslog-"));
  const port = await freePort();
  const out = path.join(dir, "received.log");
  const tls = opts.tls;
  const conf = [
    `global(workDirectory="${dir}"${tls ? ` defaultNetstreamDriver="gtls" defaultNetstreamDriverCAFile="${tls.cert}" defaultNetstreamDriverCertFile="${tls.cert}" defaultNetstreamDriverKeyFile="${tls.key}"` : ""})`,
    tls ? `module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")` : `module(load="imtcp")`,
    `input(type="imtcp" address="127.0.0.1" port="${port}")`,
    `template(name="fields" type="string" string="%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\\n")`,
    `*.* action(type="omfile" file="${out}" template="fields" flushOnTXEnd="on" asyncWriting="off")`,
  ].join("\n");
  fs.writeFileSync(path.join(dir, "rsyslog.conf"), conf);
  let log = "";
  const child = spawn("/usr/sbin/rsyslogd", ["-n", "-f", path.join(dir, "rsyslog.conf"), "-i", path.join(dir, "rsyslog.pid")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  await waitForPort(port, child, () => log);
  const lines = () => (fs.existsSync(out) ? fs.readFileSync(out, "utf8").split("\n").filter(Boolean) : []);
  return {
    port,
    lines,
    async waitForLines(n, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (lines().length < n) {
        if (Date.now() > deadline) throw new Error(`rsyslog received ${lines().length} of ${n} messages:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return lines();
    },
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM")));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SmtpMessage {
  mail_from: string;
  rcpt_tos: string[];
  auth_login: string | null;
  tls: boolean;
  data: string;
  subject: string;
  message_id: string;
  text: string | null;
  html: string | null;
}

export interface SmtpServer {
  port: number;
  messages: SmtpMessage[];
  waitForMessages(n: number, ms?: number): Promise<SmtpMessage[]>;
  stop(): Promise<void>;
}

export async function startSmtpServer(opts: { user?: string; password?: string; starttls?: Certificate } = {}): Promise<SmtpServer> {
  const port = await freePort();
  const args = [path.join(here, "smtp-server.py"), String(port)];
  if (opts.user) args.push("--user", opts.user, "--password", opts.password ?? "");
  if (opts.starttls) args.push("--starttls", opts.starttls.cert, opts.starttls.key);
  const child = spawn("/usr/bin/python3", args, { stdio: ["pipe", "pipe", "pipe"] });
  const messages: SmtpMessage[] = [];
  let log = "";
  let buf = "";
  let ready: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  child.stdout!.on("data", (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line.startsWith("READY")) ready();
      else if (line.startsWith("{")) messages.push(JSON.parse(line));
    }
  });
  child.stderr!.on("data", (d) => (log += d));
  await Promise.race([
    isReady,
    new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`the SMTP server exited (${code}):\n${log}`)))),
  ]);
  return {
    port,
    messages,
    async waitForMessages(n, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (messages.length < n) {
        if (Date.now() > deadline) throw new Error(`the SMTP server received ${messages.length} of ${n} messages:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return messages;
    },
    async stop() {
      if (child.exitCode === null) await new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM")));
    },
  };
}
