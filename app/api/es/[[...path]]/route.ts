import { handleEsRequest } from "@/lib/ingest/es/handle-es-request";

type Args = { params: Promise<{ path?: string[] }> };

const handle = async (req: Request, { params }: Args) => handleEsRequest(req, (await params).path ?? []);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
