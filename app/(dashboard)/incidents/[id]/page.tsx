import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { IncidentView } from "./_components/incident-view";

export const metadata = { title: "Incident" };

/**
 * One incident: its graph, the chain from patient zero, one timeline of its alerts and their key
 * events, hosts, users, addresses, activity and checklist progress; analysts rename, assign, note,
 * split, merge and close it.
 */
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  return <IncidentView id={decodeURIComponent(id)} canTriage={can(user.role, "triage")} me={user.email} />;
}
