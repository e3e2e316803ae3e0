import { listDeadLetters, listDestinations } from "@/lib/notify/read-destinations";
import { rulePack } from "@/lib/triage/rule-pack";
import { adminActor } from "../_components/admin-user";
import { NotificationsView } from "./_components/notifications-view";

export const metadata = { title: "Notifications · Admin" };

export default async function AdminNotificationsPage() {
  const actor = await adminActor();
  if (!actor) return null;
  const [destinations, deadLetters] = await Promise.all([listDestinations({ actor }), listDeadLetters({ actor })]);
  const rules = rulePack().rules.map((r) => ({ ruleId: r.ruleId, name: r.name }));
  return <NotificationsView initialDestinations={destinations} initialDeadLetters={deadLetters} rules={rules} now={Date.now()} />;
}
