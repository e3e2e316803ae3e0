import { previewAllowlist } from "@/lib/allowlist/preview-allowlist";
import { handler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { previewAllowlistSchema, previewDaysSchema } from "@/lib/validation/allowlist";

/** A read: anyone who can see alerts may preview a draft (nothing is written). */
export const POST = handler("read", async ({ req }) => {
  const days = previewDaysSchema.parse(new URL(req.url).searchParams.get("days") ?? undefined);
  const draft = previewAllowlistSchema.parse(await readJson(req));
  return json({ preview: await previewAllowlist(draft, { days }) });
});
