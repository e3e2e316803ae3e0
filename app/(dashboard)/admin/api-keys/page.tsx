import { listApiKeys } from "@/lib/users/list-api-keys";
import { adminActor } from "../_components/admin-user";
import { ApiKeysView } from "./_components/api-keys-view";

export const metadata = { title: "API keys · Admin" };

export default async function AdminApiKeysPage() {
  const actor = await adminActor("apikeys:write");
  if (!actor) return null;
  return <ApiKeysView initialKeys={await listApiKeys({}, { actor })} now={Date.now()} />;
}
