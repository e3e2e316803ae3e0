import { handler } from "@/lib/http/handler";
import { json } from "@/lib/http/respond";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { parseDocuments } from "@/lib/ingest/parse-documents";
import { readBody } from "@/lib/ingest/read-body";

export const POST = handler("ingest", async ({ req }) => {
  const docs = parseDocuments(await readBody(req));
  const { accepted, duplicates, rejected, errors } = await ingestDocuments(docs);
  return json({ accepted, duplicates, rejected, errors });
});
