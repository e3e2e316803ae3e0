import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Rules" };

export default function RulesPage() {
  return (
    <>
      <PageHeader title="Rules" />
      <EmptyState title="Nothing here yet" />
    </>
  );
}
