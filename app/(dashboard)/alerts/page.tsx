import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { ruleList } from "@/lib/triage/rule-pack";
import { AlertsView } from "./_components/alerts-view";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const user = await requireUser();
  const rules = await ruleList();
  return (
    <>
      <PageHeader title="Alerts" />
      <Suspense>
        <AlertsView canTriage={can(user.role, "triage")} me={user.email} rules={rules} />
      </Suspense>
    </>
  );
}
