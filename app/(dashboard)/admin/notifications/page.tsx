import { listDeadLetters, listDestinations } from "@/lib/notify/read-destinations";
import { ruleList } from "@/lib/triage/rule-pack";
import { adminActor } from "../_components/admin-user";
import { NotificationsView } from "./_components/notifications-view";

export const metadata = { title: "Notifications · Admin" };

export default async function AdminNotificationsPage() {
  const actor = await adminActor("notifications:manage");
  if (!actor) return null;
  const [destinations, deadLetters, rules] = await Promise.all([listDestinations({ actor }), listDeadLetters({ actor }), ruleList()]);
  return <NotificationsView initialDestinations={destinations} initialDeadLetters={deadLetters} rules={rules} now={Date.now()} />;
}
