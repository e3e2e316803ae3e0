import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { AppError } from "@/lib/http/errors";
import { getIncident } from "@/lib/incidents/get-incident";
import { IncidentView } from "./_components/incident-view";

export const metadata = { title: "Incident" };

/**
 * One incident: its graph, the chain from patient zero, one timeline of its alerts and their key
 * events, hosts, users, addresses, activity and checklist progress; analysts rename, assign, note,
 * split, merge and close it. Rendered with its data (an unknown id is a 404); changes reload it
 * from the API.
 */
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id: raw }, user] = await Promise.all([params, requireUser()]);
  const id = decodeURIComponent(raw);
  const actor: Actor = { kind: "user", id: user.userId, label: user.email, role: user.role, sessionId: user.sessionId };
  let incident;
  try {
    incident = await getIncident({ id }, { actor });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  return <IncidentView id={id} initial={incident} canTriage={can(user.role, "triage")} me={user.email} />;
}
