import { getEntryHistory } from "@/lib/allowlist/read-allowlist";
import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";

export const GET = handler<{ id: string }>("read", async ({ params }) => json({ changes: await getEntryHistory(params.id) }));
