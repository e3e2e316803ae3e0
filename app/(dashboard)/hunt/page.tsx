import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { HuntView } from "./_components/hunt-view";
import { parseHuntSearch, type HuntSearch } from "./search-params";

export const metadata = { title: "Hunt" };

/** EQL over every stored event: editor, window, filters, results, histogram, saved hunts. */
export default async function HuntPage({ searchParams }: { searchParams: Promise<HuntSearch> }) {
  const user = await requireUser();
  const prefill = parseHuntSearch(await searchParams);
  return (
    <>
      <PageHeader title="Hunt" />
      <HuntView prefill={prefill} canMakeRules={can(user.role, "rules:write")} userId={user.userId} />
    </>
  );
}
