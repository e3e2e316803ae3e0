import { notFound } from "next/navigation";
import { AlertIpTimeline } from "@/components/charts/alert-ip-timeline";
import { AlertProcessTree } from "@/components/process-tree/alert-process-tree";
import { Section } from "@/components/ui/section";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { AppError } from "@/lib/http/errors";
import type { ThreatMapping } from "@/lib/rules";
import { getAlertDetail, type AlertPageJson } from "@/lib/triage/get-alert-detail";
import { ActivityTimeline } from "./_components/activity-timeline";
import { AlertActions } from "./_components/alert-actions";
import { AlertHeader } from "./_components/alert-header";
import { EventsSection } from "./_components/events-section";
import { bulletList, GuideMarkdown } from "./_components/guide-markdown";
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

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  const alert = await load(id);
  const canTriage = can(user.role, "triage");
  return (
    <div className="mx-auto max-w-[1600px] space-y-3">
      <AlertHeader alert={alert} />
      {canTriage && <AlertActions alertId={alert.id} status={alert.status} assignee={alert.assignee} me={user.email} />}

      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-3">
          <TriageChecklist alertId={alert.id} items={alert.checklist.items} canTriage={canTriage} />
          <EventsSection stages={alert.stages} />
          {/* Process tree: built by the process-tree components. */}
          <Section title="Process tree">
            <AlertProcessTree alertId={alert.id} />
          </Section>
          {/* Source IP activity: built by the charts components. */}
          <Section title="Source IP activity">
            <AlertIpTimeline alertId={alert.id} />
          </Section>
        </div>
        <div className="min-w-0 space-y-3">
          {alert.rule && alert.rule.falsePositiveAnalysis.length > 0 && (
            <Section title="False positive analysis">
              <GuideMarkdown>{bulletList(alert.rule.falsePositiveAnalysis)}</GuideMarkdown>
            </Section>
          )}
          {alert.rule && alert.rule.responseAndRemediation.length > 0 && (
            <Section title="Response and remediation">
              <GuideMarkdown>{bulletList(alert.rule.responseAndRemediation)}</GuideMarkdown>
            </Section>
          )}
          <ActivityTimeline alertId={alert.id} activity={alert.activity} canTriage={canTriage} />
          <RuleSection rule={alert.rule} threat={(Array.isArray(alert.threat) ? alert.threat : []) as ThreatMapping[]} />
        </div>
      </div>
    </div>
  );
}
