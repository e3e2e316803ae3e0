import { systemActor, type Actor } from "../lib/auth/actor";
import { createAllowlistEntry } from "../lib/allowlist/create-allowlist-entry";
import { closeDb } from "../lib/db/client";
import { openDatabase, type DatabaseHandle } from "../lib/db/database";
import { listChecklistItems } from "../lib/db/queries/alert-checklist";
import { findAllowlistEntryByName } from "../lib/db/queries/allowlist";
import { alertCountsByHost, alertCountsByRule, alertsFromSources, liveIncidentsByPriority } from "../lib/db/queries/demo";
import { getUserByEmail, userEmailTaken } from "../lib/db/queries/users";
import { C2_IP, generateScenario, hostByName, FOOTHOLD, JUMP_HOST, MONITORING_HOST } from "../lib/demo";
import { runOnce } from "../lib/detection/detection-loop";
import { env } from "../lib/env";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { loadRulePack } from "../lib/rules";
import { checklistSteps } from "../lib/triage/rule-pack";
import { setChecklistItem } from "../lib/triage/set-checklist-item";
import { updateAlert } from "../lib/triage/update-alert";
import { createUser, ensureInitialAdmin } from "../lib/users/create-user";

/**
 * `npm run demo`: fills the database `npm start` uses with three days of a small Windows network
 * (lib/demo/README.md), runs both rules over it and triages a few alerts, so the dashboard has
 * something to show. Running it again adds nothing.
 */
const BATCH = 2000;
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password";
const DEMO_USERS = [
  { email: "analyst@demo.local", role: "analyst" as const, name: "Demo Analyst" },
  { email: "viewer@demo.local", role: "viewer" as const, name: "Demo Viewer" },
];
const ALLOWLIST_NAME = "Monitoring probes from MON-01";

const log = (m = "") => console.log(m);

async function ensureUsers() {
  const e = env();
  const admin = await ensureInitialAdmin({ email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
  if (admin) {
    log(`Created the first admin: ${admin.email}`);
    log(`  password: ${admin.password ?? "(the ADMIN_PASSWORD you set)"}${admin.password ? "  (shown once)" : ""}`);
  }
  const system = systemActor("demo");
  for (const u of DEMO_USERS) {
    if (await userEmailTaken(u.email)) {
      log(`User ${u.email} (${u.role}) exists already`);
      continue;
    }
    await createUser({ ...u, password: DEMO_PASSWORD }, { actor: system });
    log(`Created ${u.role} ${u.email} with password ${DEMO_PASSWORD}`);
  }
  const analyst = await getUserByEmail(DEMO_USERS[0]!.email);
  if (!analyst) throw new Error(`The demo analyst ${DEMO_USERS[0]!.email} is missing`);
  const actor: Actor = { kind: "user", id: analyst.id, label: analyst.email, role: "analyst", sessionId: "demo" };
  return actor;
}

async function ingest(docs: object[]) {
  const total = { accepted: 0, duplicates: 0, rejected: 0 };
  for (let i = 0; i < docs.length; i += BATCH) {
    const s = await ingestDocuments(docs.slice(i, i + BATCH).map((doc) => ({ doc })));
    total.accepted += s.accepted;
    total.duplicates += s.duplicates;
    total.rejected += s.rejected;
    for (const err of s.errors.slice(0, 3)) log(`  rejected document ${i + err.index}: ${err.reason}`);
  }
  return total;
}

/** A used-looking dashboard: each step is skipped when it was done before (second run). */
async function triage(analyst: Actor) {
  const done: string[] = [];
  const intruder = await alertsFromSources([hostByName(FOOTHOLD).ip, hostByName("SRV-FILE-01").ip]);
  for (const a of intruder.slice(0, 2)) {
    if (a.status !== "open" || a.assignee) continue;
    await updateAlert({ id: a.id, update: { status: "acknowledged", assignee: analyst.label } }, { actor: analyst });
    done.push(`acknowledged intruder alert ${a.id} and assigned it to ${analyst.label}`);
  }
  const first = intruder[0];
  if (first) {
    const ticked = new Set((await listChecklistItems(first.id)).filter((c) => c.done).map((c) => c.stepId));
    const steps = (await checklistSteps(first.rule_id)).slice(0, 2);
    const comments = [`Source ${hostByName(FOOTHOLD).ip} is ${FOOTHOLD}, a workstation, not a management host`, "Port 5985, no change ticket for this session"];
    for (const [i, step] of steps.entries()) {
      if (ticked.has(step.id)) continue;
      await setChecklistItem({ alertId: first.id, stepId: step.id, change: { done: true, comment: comments[i] } }, { actor: analyst });
      done.push(`ticked checklist step "${step.text.slice(0, 60)}…" on ${first.id}`);
    }
  }
  const closeOne = async (sourceIp: string, reason: "benign" | "false_positive") => {
    const alerts = await alertsFromSources([sourceIp]);
    if (!alerts.length || alerts.some((a) => a.closing_reason === reason)) return;
    const target = alerts.find((a) => a.status === "open");
    if (!target) return;
    await updateAlert({ id: target.id, update: { status: "closed", closingReason: reason, assignee: analyst.label } }, { actor: analyst });
    done.push(`closed ${target.id} (from ${sourceIp}) as ${reason}`);
  };
  await closeOne(hostByName(JUMP_HOST).ip, "benign");
  await closeOne(hostByName(MONITORING_HOST).ip, "false_positive");

  const existing = await findAllowlistEntryByName(ALLOWLIST_NAME);
  if (!existing) {
    const { closedAlerts } = await createAllowlistEntry(
      {
        name: ALLOWLIST_NAME,
        comment: "PRTG on MON-01 checks WinRM every 10 minutes and runs `cmd.exe /c echo ok` via WinRS every 6 hours.",
        ruleId: null,
        conditions: [{ field: "source.ip", operator: "is", values: [hostByName(MONITORING_HOST).ip] }],
        caseInsensitive: true,
        enabled: true,
        expiresAt: null,
        closeMatchingAlerts: true,
      },
      { actor: analyst },
    );
    done.push(`created allowlist entry "${ALLOWLIST_NAME}" (closed ${closedAlerts} matching open alerts)`);
  }
  return done;
}

async function summary() {
  log("Alerts by rule:");
  for (const r of await alertCountsByRule()) log(`  ${String(r.n).padStart(4)}  ${r.rule_name}  (${r.open} open)`);
  log("Alerts by host:");
  for (const r of await alertCountsByHost()) log(`  ${String(r.n).padStart(4)}  ${String(r.host_name).padEnd(14)} from ${r.sources}`);
  log("Incidents (alerts gathered by chain and source address), by priority:");
  for (const r of await liveIncidentsByPriority()) log(`  INC-${r.number}  ${String(r.alert_count).padStart(3)} alerts  priority ${String(r.priority).padStart(3)}  ${r.title}  (patient zero ${r.pz ?? "unknown"})`);
}

async function main(handle: DatabaseHandle): Promise<number> {
  const analyst = await ensureUsers();
  const scenario = generateScenario();
  log();
  log(`Scenario: ${scenario.docs.length} events on ${scenario.hosts.length} hosts, ${scenario.start.toISOString()} → ${scenario.end.toISOString()}`);
  for (const p of scenario.parts) log(`  ${String(p.events).padStart(5)}  ${p.name}`);
  const ingested = await ingest(scenario.docs);
  log(`Events ingested: ${ingested.accepted} accepted, ${ingested.duplicates} duplicates, ${ingested.rejected} rejected`);

  const pack = loadRulePack();
  for (const e of pack.errors) log(`Rule file ${e.path}: ${e.reason}`);
  const run = await runOnce(pack.rules, { workerId: "demo" }, () => false);
  log(`Detection: ${run.alertsCreated} new alerts (${run.eventsScanned} events scanned in ${run.durationMs} ms)`);

  const steps = await triage(analyst);
  log(steps.length ? "Triage applied:" : "Triage: already applied by an earlier run");
  for (const s of steps) log(`  - ${s}`);
  log();
  await summary();
  log();
  log("What to look for: the intruder from WKS-017 (10.13.37.5) → SRV-FILE-01 → SRV-SQL-02 and DC-01,");
  log(`talking to ${C2_IP}; the admin's routine checks from JUMP-01; MON-01's WinRS probes.`);
  log();
  log(`Next: npm start, then open http://localhost:${env().PORT} and sign in as`);
  log(`  analyst@demo.local / ${DEMO_PASSWORD}   (triage)`);
  log(`  viewer@demo.local  / ${DEMO_PASSWORD}   (read only)`);
  log(`  or the admin${env().ADMIN_EMAIL ? ` ${env().ADMIN_EMAIL}` : " (admin@localhost.localdomain unless ADMIN_EMAIL was set)"}`);
  if (handle.embedded) log("(data in the embedded PostgreSQL, the same one npm start uses)");
  return 0;
}

async function run() {
  const handle = await openDatabase({ log: (m) => console.error(m) });
  const interrupted = async () => {
    await closeDb();
    await handle.stop().catch(() => undefined);
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  let code = 1;
  try {
    code = await main(handle);
  } catch (err) {
    console.error(`Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    await closeDb();
    await handle.stop();
  }
  process.exit(code);
}

void run();
