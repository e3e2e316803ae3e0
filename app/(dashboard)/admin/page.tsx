import { redirect } from "next/navigation";
import { adminActor } from "./_components/admin-user";

export const metadata = { title: "Admin" };

/** /admin opens the users tab; non-admins get the layout's "Admins only" page. */
export default async function AdminPage() {
  if (await adminActor("users:write")) redirect("/admin/users");
  return null;
}
