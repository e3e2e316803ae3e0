import { notFound } from "next/navigation";
import { AlertIpTimeline } from "@/components/charts/alert-ip-timeline";
import { GuideMarkdown, bulletList } from "@/components/guide-markdown";
import { alertsByNode } from "@/components/process-tree/alert-badges";
import { AlertProcessTree } from "@/components/process-tree/alert-process-tree";
import { AlertMovement } from "@/components/movement/alert-movement";
import { Section } from "@/components/ui/section";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { AppError } from "@/lib/http/errors";
import { getAlertProcessTree, type AlertProcessTreeJson } from "@/lib/process-tree/get-alert-process-tree";
import type { ThreatMapping } from "@/lib/rules";
import { getAlertDetail, type AlertPageJson } from "@/lib/triage/get-alert-detail";
import { listAlerts } from "@/lib/triage/list-alerts";
import { parseAlertListQuery } from "@/lib/validation/alerts";
import { ActivityTimeline } from "./_components/activity-timeline";
import { AlertActions } from "./_components/alert-actions";
import { AlertHeader } from "./_components/alert-header";
import { EventsSection } from "./_components/events-section";
import { RuleSection } from "./_components/rule-section";
import { TriageChecklist } from "./_components/triage-checklist";

export const metadata = { title: "Alert" };

async function load(id: string): Promise<AlertPageJson> {
  try {
    return await getAlertDetail(id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

/** The tree, and the host's alerts of its window (to badge every process that has one). */
async function loadTree(alert: AlertPageJson) {
  const tree: AlertProcessTreeJson | { error: string } = await getAlertProcessTree(alert.id).catch((e: Error) => ({ error: e.message }));
  if ("error" in tree) return { tree, alerts: {} };
  const hour = 3600_000;
  const around = parseAlertListQuery(
    new URLSearchParams({
      hostId: alert.host.id,
      status: "all",
      timeField: "firstEventAt",
      from: new Date(Date.parse(tree.window.from) - hour).toISOString(),
      to: tree.window.to,
      limit: "500",
    }),
  );
  const hostAlerts = await listAlerts(around);
  return { tree, alerts: alertsByNode(tree.tree, hostAlerts.alerts, alert.id) };
}

/**
 * The alert page, evidence first: the header (command line, connection), the events, the process
 * tree across the whole width (rendered here, with the page), then the checklist and the guide.
 */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  const alert = await load(id);
  const { tree, alerts } = await loadTree(alert);
  const canTriage = can(user.role, "triage");
  const stepTexts = Object.fromEntries(alert.checklist.items.map((i) => [i.id, <GuideMarkdown key={i.id} markdown={i.text} />]));
  return (
    <div className="mx-auto max-w-[1600px] space-y-3">
      <AlertHeader alert={alert} />
      {canTriage && <AlertActions alertId={alert.id} status={alert.status} assignee={alert.assignee} me={user.email} />}
      <EventsSection stages={alert.stages} addresses={alert.addresses} />
      {alert.corroboration.map((c) => (
        <EventsSection key={c.id} stages={c.stages} addresses={alert.addresses} title={`Same activity seen by ${c.dataset ?? "another source"} (${c.stages.length} events)`} />
      ))}
      <Section title="Process tree">
        <AlertProcessTree data={tree} alerts={alerts} />
      </Section>

      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-3">
          <TriageChecklist alertId={alert.id} items={alert.checklist.items} texts={stepTexts} canTriage={canTriage} />
          <Section title="Movement">
            <AlertMovement alert={alert} />
          </Section>
          <Section title="Source IP activity">
            <AlertIpTimeline alertId={alert.id} />
          </Section>
        </div>
        <div className="min-w-0 space-y-3">
          {alert.rule && alert.rule.falsePositiveAnalysis.length > 0 && (
            <Section title="False positive analysis">
              <GuideMarkdown markdown={bulletList(alert.rule.falsePositiveAnalysis)} />
            </Section>
          )}
          {alert.rule && alert.rule.responseAndRemediation.length > 0 && (
            <Section title="Response and remediation">
              <GuideMarkdown markdown={bulletList(alert.rule.responseAndRemediation)} />
            </Section>
          )}
          <ActivityTimeline alertId={alert.id} activity={alert.activity} canTriage={canTriage} />
          <RuleSection rule={alert.rule} threat={(Array.isArray(alert.threat) ? alert.threat : []) as ThreatMapping[]} />
        </div>
      </div>
    </div>
  );
}
