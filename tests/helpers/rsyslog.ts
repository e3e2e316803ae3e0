import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A private rsyslogd (Debian's rsyslog + rsyslog-elasticsearch) in the foreground, with its own
 * config, pid file and work directory, so the system's rsyslog is untouched. It reads NDJSON files
 * dropped into `inputDir` (imfile), ships each line as the document with omelasticsearch in bulk
 * mode with its default batch sizes, basic auth (omelasticsearch has no API-key option) and an
 * error file that records each failed item with its request lines (erroronly, interleaved).
 */
export interface Rsyslog {
  inputDir: string;
  errorFile: string;
  /**
   * Ships a file: its lines, then one marker document, are dropped into the input directory, and
   * the call returns when the marker is stored. rsyslog ships in order with one worker, so by then
   * every request before it has been answered.
   */
  ship(file: string, name: string): Promise<void>;
  errors(): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

export async function startRsyslog(
  dir: string,
  opts: { esUrl: string; password: string; markerPrefix: string; isStored: (eventId: string) => Promise<boolean> },
): Promise<Rsyslog> {
  const work = path.join(dir, "work");
  const inputDir = path.join(dir, "in");
  await mkdir(work, { recursive: true });
  await mkdir(inputDir, { recursive: true });
  const errorFile = path.join(dir, "errors.json");
  const conf = path.join(dir, "rsyslog.conf");
  const q = (s: string) => JSON.stringify(s);
  await writeFile(
    conf,
    `global(workDirectory=${q(work)} maxMessageSize="64k")
module(load="imfile")
module(load="omelasticsearch")
template(name="lateral-doc" type="string" string="%msg%")
ruleset(name="to-lateral") {
  action(type="omelasticsearch" server=${q(opts.esUrl)} searchIndex="logs-rsyslog-default" bulkmode="on"
         template="lateral-doc" uid="elastic" pwd=${q(opts.password)}
         errorFile=${q(errorFile)} erroronly="on" interleaved="on")
}
input(type="imfile" File=${q(path.join(inputDir, "*.ndjson"))} Tag="lateral" ruleset="to-lateral")
`,
  );
  let log = "";
  const child: ChildProcess = spawn("/usr/sbin/rsyslogd", ["-n", "-f", conf, "-i", path.join(dir, "rsyslogd.pid")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let markers = 0;
  return {
    inputDir,
    errorFile,
    async ship(file, name) {
      const marker = `${opts.markerPrefix}-marker-${++markers}`;
      const doc = { "@timestamp": new Date().toISOString(), event: { id: marker, kind: "event" }, host: { name: "rsyslog-marker" } };
      await writeFile(path.join(inputDir, `${name}.ndjson`), (await readFile(file, "utf8")) + JSON.stringify(doc) + "\n");
      const deadline = Date.now() + 240_000;
      while (!(await opts.isStored(marker))) {
        if (child.exitCode !== null) throw new Error(`rsyslogd exited: ${log}`);
        if (Date.now() > deadline) throw new Error(`rsyslogd did not ship ${name} within 240 s:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    errors: () => readFile(errorFile, "utf8").catch(() => ""),
    output: () => log,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
