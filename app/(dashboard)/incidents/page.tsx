import { Suspense } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { IncidentsView } from "./_components/incidents-view";

export const metadata = { title: "Incidents" };

/** Incidents: alerts the worker gathered because one intrusion links them (lib/incidents/README.md). */
export default function IncidentsPage() {
  return (
    <>
      <PageHeader title="Incidents" />
      <Suspense>
        <IncidentsView />
      </Suspense>
    </>
  );
}
