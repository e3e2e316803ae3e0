import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getAlertForNewEntry } from "@/lib/allowlist/read-allowlist";
import { ruleOptions } from "@/lib/allowlist/rule-options";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { AllowlistForm, type AllowlistFormInitial } from "../_components/allowlist-form";

export const metadata = { title: "New allowlist entry" };

export default async function NewAllowlistPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [user, sp] = await Promise.all([requireUser(), searchParams]);
  if (!can(user.role, "allowlist:write")) redirect("/allowlists");
  const alertId = typeof sp.fromAlert === "string" ? sp.fromAlert : null;
  const start = alertId ? await getAlertForNewEntry(alertId) : null;
  const alert = start?.alert ?? null;
  const candidates = start?.candidates ?? [];
  const initial: AllowlistFormInitial = {
    name: alert ? `Expected remote admin from ${alert.sourceIp ?? alert.hostName ?? alert.hostId}` : "",
    comment: "",
    ruleId: alert?.ruleId ?? null,
    conditions: alert ? candidates.filter((c) => c.checked).map((c) => c.condition) : [{ field: "source.ip", operator: "is", values: [""] }],
    caseInsensitive: true,
    enabled: true,
    expiresAt: null,
  };
  return (
    <>
      <PageHeader title="New allowlist entry" />
      {alertId && !alert && <p className="mb-3 text-sm text-amber-600">Alert {alertId} was not found; starting from scratch.</p>}
      <AllowlistForm
        initial={initial}
        rules={await ruleOptions()}
        candidates={candidates}
        fromAlert={alert ? { id: alert.id, reason: alert.reason } : undefined}
        closeByDefault={!!alert}
      />
    </>
  );
}
