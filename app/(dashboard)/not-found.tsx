import { StatusPage } from "@/components/ui/status-page";

/** An alert, host or rule that does not exist (an id from an old link, a mistyped host): inside the dashboard. */
export default function DashboardNotFound() {
  return (
    <StatusPage code="404" title="Not found">
      No alert, host or rule has this id. It may have been mistyped, or the data behind the link is gone.
    </StatusPage>
  );
}
