import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ruleOptions } from "@/lib/allowlist/rule-options";
import { getEntry } from "@/lib/allowlist/read-allowlist";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";
import { AppError } from "@/lib/http/errors";
import { AllowlistForm } from "../_components/allowlist-form";

export const metadata = { title: "Edit allowlist entry" };

export default async function EditAllowlistPage({ params }: { params: Promise<{ id: string }> }) {
  const [user, { id }] = await Promise.all([requireUser(), params]);
  if (!can(user.role, "allowlist:write")) redirect("/allowlists");
  const e = await getEntry(id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return (
    <>
      <PageHeader title={`Edit: ${e.name}`} />
      <AllowlistForm
        entryId={e.id}
        initial={{ name: e.name, comment: e.comment, ruleId: e.ruleId, conditions: e.conditions, caseInsensitive: e.caseInsensitive, enabled: e.enabled, expiresAt: e.expiresAt }}
        rules={await ruleOptions()}
        closeByDefault={false}
      />
    </>
  );
}
