import { StatusPage } from "@/components/ui/status-page";

export const metadata = { title: "Not found" };

/** An address the app does not have. */
export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found">
      Nothing lives at this address. It may have been mistyped, or the link is out of date.
    </StatusPage>
  );
}
