import { AppError } from "./errors";

/**
 * The first check on everything a request carries, before any service sees it: path segments,
 * query parameters and JSON bodies (every key and string value, at any depth). A NUL character, a
 * lone UTF-16 surrogate, invalid UTF-8 or an over-long value is answered 400 with the name of the
 * part that is wrong, never passed on to PostgreSQL (which refuses NUL in text: a 500 before).
 * Field-by-field rules (types, formats, tighter lengths) stay with each zod schema (422).
 */
export const MAX_PARAM_LENGTH = 2_048; // a path segment or a query parameter value
export const MAX_BODY_STRING_LENGTH = 100_000; // a JSON string (notes and guides are shorter still)
export const MAX_JSON_BODY_BYTES = 1_048_576; // JSON bodies of the API (ingest has its own reader and limit)
const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string, or null. */
export function textProblem(value: string, maxLength: number): string | null {
  if (value.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(value)) return "contains an unpaired UTF-16 surrogate";
  if (value.length > maxLength) return `is longer than ${maxLength} characters`;
  return null;
}

function check(where: string, value: string, maxLength: number) {
  const problem = textProblem(value, maxLength);
  if (problem) throw new AppError("bad_request", `${where} ${problem}`);
}

export function assertCleanParams(params: unknown) {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string") check(`Path segment "${name}"`, v, MAX_PARAM_LENGTH);
    }
  }
}

export function assertCleanQuery(url: URL) {
  for (const pair of url.search.slice(1).split("&")) {
    if (pair && !isUtf8PercentEncoding(pair.replace(/\+/g, " "))) {
      throw new AppError("bad_request", `Query parameter "${safeName(pair)}" is not valid UTF-8 once percent-decoded`);
    }
  }
  for (const [name, value] of url.searchParams) {
    check(`Query parameter name`, name, MAX_PARAM_LENGTH);
    check(`Query parameter "${name.slice(0, 40)}"`, value, MAX_PARAM_LENGTH);
  }
}

/**
 * For the web server, before routing: a path whose segments do not percent-decode to valid UTF-8,
 * or decode to a NUL or an over-long segment, is answered 400 here (Next.js would fail on it with a
 * 500). Returns the problem, or null.
 */
export function pathProblem(rawUrl: string): string | null {
  const path = rawUrl.split("?")[0].split("#")[0];
  for (const segment of path.split("/")) {
    if (!segment) continue;
    if (!isUtf8PercentEncoding(segment)) return "A path segment is not valid UTF-8 once percent-decoded";
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "A path segment has malformed percent-encoding";
    }
    const problem = textProblem(decoded, MAX_PARAM_LENGTH);
    if (problem) return `A path segment ${problem}`;
  }
  return null;
}

/** True when the percent-escapes of `raw` decode to valid UTF-8 (a bare `%` is left as it is, as URLSearchParams does). */
function isUtf8PercentEncoding(raw: string): boolean {
  if (!raw.includes("%")) return true;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      bytes.push(...Buffer.from(raw[i], "utf8"));
    }
  }
  try {
    strictUtf8.decode(new Uint8Array(bytes));
    return true;
  } catch {
    return false;
  }
}

function safeName(pair: string) {
  return pair.split("=")[0].replace(/[^A-Za-z0-9_.-]/g, "?").slice(0, 40);
}

/** Walks a parsed JSON value: every key and string, with the path of the first bad one in the message. */
export function assertCleanJson(value: unknown, where = "body", depth = 0) {
  if (depth > MAX_JSON_DEPTH) throw new AppError("bad_request", `${where}: nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (typeof value === "string") return check(where, value, MAX_BODY_STRING_LENGTH);
  if (Array.isArray(value)) return value.forEach((v, i) => assertCleanJson(v, `${where}[${i}]`, depth + 1));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      check(`${where}: a key`, k, 200);
      assertCleanJson(v, `${where}.${k}`, depth + 1);
    }
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as text: 413 beyond `maxBytes`, 400 when it is not valid UTF-8. */
export async function readBodyText(req: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8");
  }
}
