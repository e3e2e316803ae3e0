import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Allowlists" };

export default function AllowlistsPage() {
  return (
    <>
      <PageHeader title="Allowlists" />
      <EmptyState title="Nothing here yet" />
    </>
  );
}
